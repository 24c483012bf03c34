/**
 * A lean GraphQL client over node:http with keep-alive sockets: the load generator shares the
 * machine's two cores with the API, the worker and PostgreSQL, so it must cost little per request
 * (fetch costs several times more CPU per call than a bare http.request).
 */
import http from 'node:http';
import { REQUEST_TIMEOUT_MS } from './config';

export interface GraphqlError {
  message: string;
  extensions?: { code?: string; reason?: string };
}

export interface GraphqlReply<T> {
  status: number;
  data: T | null;
  errors?: GraphqlError[];
  /** Wall time of the round trip, ms. */
  ms: number;
}

export class GraphqlClient {
  private readonly agent: http.Agent;

  constructor(
    private readonly port: number,
    sockets = 64,
  ) {
    this.agent = new http.Agent({ keepAlive: true, maxSockets: sockets });
  }

  async call<T = Record<string, unknown>>(
    query: string,
    variables: object | undefined,
    bearer?: string,
    timeoutMs = REQUEST_TIMEOUT_MS,
  ): Promise<GraphqlReply<T>> {
    const body = JSON.stringify({ query, variables });
    const began = performance.now();
    let answer: { status: number; text: string };
    try {
      answer = await this.post('/graphql', body, bearer, timeoutMs);
    } catch (error) {
      // A transport failure is an error of this request, not of the benchmark.
      const code = (error as { code?: string }).code ?? (error as Error).message;
      return {
        status: 0,
        data: null,
        errors: [{ message: code, extensions: { code: `transport: ${code}` } }],
        ms: performance.now() - began,
      };
    }
    const { status, text } = answer;
    const ms = performance.now() - began;
    let parsed: { data?: T; errors?: GraphqlError[] };
    try {
      parsed = JSON.parse(text);
    } catch {
      return { status, data: null, errors: [{ message: `not JSON: ${text.slice(0, 200)}` }], ms };
    }
    return { status, data: parsed.data ?? null, errors: parsed.errors, ms };
  }

  /** Like call, but throws on any error: for set-up steps, which must succeed. */
  async must<T = Record<string, unknown>>(query: string, variables: object | undefined, bearer?: string): Promise<T> {
    const reply = await this.call<T>(query, variables, bearer);
    if (reply.status !== 200 || reply.errors || !reply.data) {
      throw new Error(
        `GraphQL call failed (HTTP ${reply.status}): ${JSON.stringify(reply.errors)}\n${query.slice(0, 300)}`,
      );
    }
    return reply.data;
  }

  get(path: string): Promise<{ status: number; text: string }> {
    return this.send('GET', path, undefined, undefined, REQUEST_TIMEOUT_MS);
  }

  close(): void {
    this.agent.destroy();
  }

  /**
   * A kept-alive socket that the server closed while idle fails the next request sent on it with
   * ECONNRESET: that request never reached the server, so it is sent once more on a new socket.
   */
  private async post(
    path: string,
    body: string,
    bearer: string | undefined,
    timeoutMs: number,
  ): Promise<{ status: number; text: string }> {
    try {
      return await this.send('POST', path, body, bearer, timeoutMs);
    } catch (error) {
      if (!(error as { reusedSocket?: boolean }).reusedSocket) throw error;
      return this.send('POST', path, body, bearer, timeoutMs);
    }
  }

  private send(
    method: string,
    path: string,
    body: string | undefined,
    bearer: string | undefined,
    timeoutMs: number,
  ): Promise<{ status: number; text: string }> {
    const headers: http.OutgoingHttpHeaders = {};
    if (body !== undefined) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = Buffer.byteLength(body);
    }
    if (bearer) headers.authorization = `Bearer ${bearer}`;
    return new Promise((resolve, reject) => {
      const request = http.request(
        { host: '127.0.0.1', port: this.port, path, method, headers, agent: this.agent, timeout: timeoutMs },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () =>
            resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString() }),
          );
          response.on('error', reject);
        },
      );
      request.on('timeout', () => request.destroy(new Error(`${method} ${path} timed out after ${timeoutMs} ms`)));
      request.on('error', (error: NodeJS.ErrnoException & { reusedSocket?: boolean }) => {
        if (request.reusedSocket && error.code === 'ECONNRESET') error.reusedSocket = true;
        reject(error);
      });
      request.end(body);
    });
  }
}

export const errorCodeOf = (errors: GraphqlError[] | undefined): string | undefined =>
  errors?.[0]?.extensions?.code ?? (errors?.[0] ? errors[0].message.slice(0, 80) : undefined);
