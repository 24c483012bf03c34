import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { closeOutboundAgents, postWebhook, type PostOptions } from './outbound-http';

/** A local subscriber: counts connections and requests per path, answers as `handler` says. */
async function subscriber(handler: (request: IncomingMessage, response: ServerResponse) => void) {
  const hits: string[] = [];
  let connections = 0;
  const server: Server = createServer((request, response) => {
    hits.push(request.url ?? '');
    request.resume();
    request.on('end', () => handler(request, response));
  });
  server.on('connection', () => connections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return { hits, connections: () => connections, port, url: (path = '/hook') => new URL(`http://127.0.0.1:${port}${path}`), close: () => new Promise<void>((r) => server.close(() => r())) };
}

const allowed: PostOptions = { timeoutMs: 2_000, excerptBytes: 64, allowedHosts: ['127.0.0.1'] };
const headers = { 'webhook-id': 'msg_we-1_1', 'webhook-timestamp': '1796378401', 'webhook-signature': 'v1,x' };

describe('outbound webhook POSTs', () => {
  afterAll(() => closeOutboundAgents());

  it('keeps connections alive: a hundred POSTs one after another, one connection', async () => {
    const s = await subscriber((_, response) => response.end('ok'));
    try {
      for (let i = 0; i < 100; i++) expect(await postWebhook(s.url(), headers, '{"n":1}', allowed)).toMatchObject({ status: 200, excerpt: 'ok', error: null });
      expect(s.hits).toHaveLength(100);
      expect(s.connections()).toBe(1);
    } finally {
      await s.close();
    }
  });

  it('keeps only the first bytes of an answer, even of one that never ends', async () => {
    const s = await subscriber((request, response) => {
      if (request.url === '/big') return void response.writeHead(500).end('x'.repeat(10_000));
      response.writeHead(200);
      const timer = setInterval(() => response.write('y'.repeat(1_000)), 5);
      response.on('close', () => clearInterval(timer));
    });
    try {
      expect(await postWebhook(s.url('/big'), headers, '{}', allowed)).toMatchObject({ status: 500, excerpt: 'x'.repeat(64), error: null });
      const endless = await postWebhook(s.url('/endless'), headers, '{}', allowed);
      expect(endless).toMatchObject({ status: 200, excerpt: 'y'.repeat(64), error: null });
      expect(endless.durationMs).toBeLessThan(1_000);
    } finally {
      await s.close();
    }
  });

  it('does not follow a redirect: the 3xx is the answer', async () => {
    const s = await subscriber((request, response) => {
      if (request.url === '/moved') return void response.writeHead(302, { location: '/elsewhere' }).end();
      response.end('ok');
    });
    try {
      expect(await postWebhook(s.url('/moved'), headers, '{}', allowed)).toMatchObject({ status: 302 });
      expect(s.hits).toEqual(['/moved']);
    } finally {
      await s.close();
    }
  });

  it('gives up at the deadline when no answer comes', async () => {
    const s = await subscriber(() => undefined);
    try {
      const result = await postWebhook(s.url(), headers, '{}', { ...allowed, timeoutMs: 300 });
      expect(result).toMatchObject({ status: null, error: 'no answer within 300 ms' });
      expect(result.durationMs).toBeGreaterThanOrEqual(290);
    } finally {
      await s.close();
    }
  });

  it('reports a refused connection', async () => {
    const s = await subscriber((_, response) => response.end());
    await s.close();
    expect(await postWebhook(s.url(), headers, '{}', allowed)).toMatchObject({ status: null, error: expect.stringMatching(/ECONNREFUSED/) });
  });

  it('refuses a name that resolves to a loopback address, checked after DNS resolution, and a forbidden address as such', async () => {
    const s = await subscriber((_, response) => response.end('ok'));
    try {
      const byName = await postWebhook(new URL(`http://localhost:${s.port}/hook`), headers, '{}', { ...allowed, allowedHosts: [] });
      expect(byName).toMatchObject({ status: null, error: expect.stringMatching(/^localhost resolves to (127\.0\.0\.1|::1), which webhooks may not reach$/) });
      expect(await postWebhook(s.url(), headers, '{}', { ...allowed, allowedHosts: [] })).toMatchObject({ status: null, error: '127.0.0.1 is an address webhooks may not reach' });
      expect(s.hits).toEqual([]);
    } finally {
      await s.close();
    }
  });
});
