import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { Webhook } from 'standardwebhooks';

export interface Received {
  id: string;
  timestamp: string;
  signature: string;
  body: string;
  type: string;
  data: Record<string, unknown>;
  path: string;
}

/**
 * A webhook receiver as a subscriber would run one: records what arrives and answers as told
 * (200, another status, or refusing connections altogether by closing its port).
 */
export class WebhookReceiver {
  readonly received: Received[] = [];
  answer = 200;
  /** Answers per path, over `answer`. */
  readonly answerFor: Record<string, number> = {};
  /** Each answer waits this long (deliveries under way for a while). */
  delayMs = 0;
  private server?: Server;
  private readonly sockets = new Set<Socket>();
  port = 0;

  async start(port = 0): Promise<void> {
    this.server = createServer((request, response) => this.handle(request, response));
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve) => this.server?.listen(port, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  /** Connections are refused until start() again (on the same port). */
  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server = undefined;
  }

  url(path = '/hook'): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  /** The deliveries to a path that the secret verifies (Standard Webhooks, as a receiver would); throws on a bad one. */
  verified(secret: string, path = '/hook'): Received[] {
    const webhook = new Webhook(secret);
    return this.received
      .filter((r) => r.path === path)
      .map((r) => {
        webhook.verify(r.body, { 'webhook-id': r.id, 'webhook-timestamp': r.timestamp, 'webhook-signature': r.signature });
        return r;
      });
  }

  private handle(request: IncomingMessage, response: ServerResponse): void {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => setTimeout(() => this.respond(request, response, chunks), this.delayMs));
  }

  private respond(request: IncomingMessage, response: ServerResponse, chunks: Buffer[]): void {
    const answer = this.answerFor[request.url ?? ''] ?? this.answer;
    {
      if (answer >= 200 && answer < 300) {
        const body = Buffer.concat(chunks).toString('utf8');
        const parsed = JSON.parse(body) as { type: string; data: Record<string, unknown> };
        this.received.push({
          id: String(request.headers['webhook-id']),
          timestamp: String(request.headers['webhook-timestamp']),
          signature: String(request.headers['webhook-signature']),
          body,
          type: parsed.type,
          data: parsed.data,
          path: request.url ?? '',
        });
      }
      response.writeHead(answer, { 'content-type': 'text/plain' }).end(answer >= 300 ? 'receiver says no' : 'ok');
    }
  }
}

/** First arrival of each webhook-id, in arrival order. */
export function firstArrivals(received: Received[]): Received[] {
  const seen = new Set<string>();
  return received.filter((r) => !seen.has(r.id) && seen.add(r.id));
}

/** Where a webhook-id's event stands in the log (msg_<endpoint>_<position>[_<index>]), comparable as a number. */
export const logOrderOf = (id: string) => {
  const [, , position, index = '0'] = id.split('_');
  return BigInt(position) * 1000n + BigInt(index);
};

/** True when the ids are in strictly increasing log order. */
export const inLogOrder = (ids: string[]) => ids.every((id, i) => i === 0 || logOrderOf(ids[i - 1]) < logOrderOf(id));
