/**
 * Client side: check that a server really answers the query, then drive it
 * with autocannon (programmatic API) and summarise the run.
 */
import { isDeepStrictEqual } from 'node:util';
import { EXPECTED_RESPONSE, QUERY_BODY, VERIFY_TIMEOUT_MS } from './config';

// autocannon ships no type definitions; describe the little we use.
interface AutocannonResult {
  requests: { average: number; total: number };
  errors: number;
  non2xx: number;
  mismatches: number;
}
interface AutocannonInstance extends PromiseLike<AutocannonResult> {
  on(event: 'response', listener: (client: unknown, status: number, bytes: number, ms: number) => void): void;
}
type Autocannon = (options: Record<string, unknown>) => AutocannonInstance;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon: Autocannon = require('autocannon');

export interface LoadResult {
  connections: number;
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
  totalRequests: number;
  /** Socket errors, timeouts included. */
  errors: number;
  non2xx: number;
  /** 2xx answers whose body differed from the verified one. */
  mismatches: number;
}

/**
 * POST the query once and fail loudly unless the answer is exactly
 * {"data":{"ping":"pong"}}. Returns the raw body, which the load runs then
 * expect byte for byte (Apollo appends a newline, Mercurius does not).
 */
export async function verifyPing(url: string, label: string): Promise<string> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: QUERY_BODY,
    signal: AbortSignal.timeout(VERIFY_TIMEOUT_MS),
  });
  const body = await response.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    parsed = undefined;
  }
  if (response.status !== 200 || !isDeepStrictEqual(parsed, EXPECTED_RESPONSE)) {
    throw new Error(
      `${label} answered HTTP ${response.status} ${JSON.stringify(body)}, expected ${JSON.stringify(EXPECTED_RESPONSE)}`,
    );
  }
  return body;
}

/**
 * One autocannon run. Latency percentiles are computed here from autocannon's
 * per-response hrtime durations, because its own histogram stores whole
 * milliseconds, too coarse for ~1 ms answers. Like autocannon, only 2xx count.
 */
export async function runLoad(
  url: string,
  connections: number,
  seconds: number,
  expectBody: string,
): Promise<LoadResult> {
  const latencies: number[] = [];
  const instance = autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: QUERY_BODY,
    connections,
    duration: seconds,
    pipelining: 1,
    timeout: 5,
    expectBody,
  });
  instance.on('response', (_client, status, _bytes, ms) => {
    if (status >= 200 && status < 300) latencies.push(ms);
  });
  const result = await instance;

  latencies.sort((a, b) => a - b);
  return {
    connections,
    reqPerSec: result.requests.average,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    totalRequests: result.requests.total,
    errors: result.errors, // autocannon already counts timeouts as errors
    non2xx: result.non2xx,
    mismatches: result.mismatches,
  };
}

/** Nearest-rank percentile of an ascending array (NaN when empty). */
function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}
