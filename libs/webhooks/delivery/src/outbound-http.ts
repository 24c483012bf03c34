import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { hostIsAllowed, isForbiddenAddress, isIpLiteral } from '@orgs/webhooks/domain';

export interface PostResult {
  status: number | null;
  durationMs: number;
  /** The response body's first bytes (at most the cap), or the error's message. */
  excerpt: string;
  error: string | null;
}

export interface PostOptions {
  timeoutMs: number;
  excerptBytes: number;
  allowedHosts: readonly string[];
}

const agents = {
  'http:': new http.Agent({ keepAlive: true, maxSockets: 64 }),
  'https:': new https.Agent({ keepAlive: true, maxSockets: 64 }),
};

/** Resolves a name and refuses it when any address it has is loopback, private, link-local or reserved. */
const guardedLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
    if (error) return callback(error, '', 4);
    const forbidden = addresses.find((a) => isForbiddenAddress(a.address));
    if (forbidden) return callback(Object.assign(new Error(`${hostname} resolves to ${forbidden.address}, which webhooks may not reach`), { code: 'EFORBIDDEN' }), '', 4);
    if ((options as { all?: boolean }).all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
    callback(null, addresses[0].address, addresses[0].family);
  });
};

/**
 * One POST, as a shared service must make it to a tenant's URL: the address checked after DNS
 * resolution (unless the operator allowed the host), no redirects followed (a 3xx is a failure),
 * a deadline for the whole exchange and the body read only up to a cap.
 */
export function postWebhook(url: URL, headers: Record<string, string>, body: string, options: PostOptions): Promise<PostResult> {
  const started = performance.now();
  const done = (status: number | null, excerpt: string, error: string | null): PostResult => ({ status, durationMs: Math.round(performance.now() - started), excerpt, error });
  const allowed = hostIsAllowed(url.hostname, options.allowedHosts);
  if (!allowed && isIpLiteral(url.hostname) && isForbiddenAddress(url.hostname)) {
    return Promise.resolve(done(null, '', `${url.hostname} is an address webhooks may not reach`));
  }
  const transport = url.protocol === 'https:' ? https : http;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: PostResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const request = transport.request(
      url,
      {
        method: 'POST',
        agent: agents[url.protocol as 'http:' | 'https:'],
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body).toString(), 'user-agent': 'Orgs-Webhooks/1', ...headers },
        ...(allowed ? {} : { lookup: guardedLookup }),
      },
      (response) => {
        const chunks: Buffer[] = [];
        let kept = 0;
        response.on('data', (chunk: Buffer) => {
          if (kept >= options.excerptBytes) return;
          chunks.push(chunk);
          kept += chunk.length;
          // Enough read: the rest is not wanted (and may never end).
          if (kept >= options.excerptBytes) response.destroy();
        });
        const end = () => finish(done(response.statusCode ?? null, Buffer.concat(chunks).subarray(0, options.excerptBytes).toString('utf8'), null));
        response.on('end', end);
        response.on('close', end);
        response.on('error', end);
      },
    );
    const timer = setTimeout(() => {
      request.destroy(new Error(`no answer within ${options.timeoutMs} ms`));
    }, options.timeoutMs);
    // Small requests: Nagle's algorithm would hold each behind the previous one's delayed ACK.
    request.on('socket', (socket) => socket.setNoDelay(true));
    request.on('error', (error) => finish(done(null, '', error.message)));
    request.end(body);
  });
}

export function closeOutboundAgents(): void {
  agents['http:'].destroy();
  agents['https:'].destroy();
}
