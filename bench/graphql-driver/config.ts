/**
 * Shared settings of the GraphQL driver benchmark (parent and server child).
 * Durations are chosen so the whole run stays well under 90 s:
 * 2 drivers x (boot ~2 s + warm-up 2 s + 2 runs x 10 s) ≈ 50 s.
 */

import path from 'node:path';

export type DriverId = 'apollo_express' | 'mercurius_fastify';

export const DRIVERS: ReadonlyArray<{ id: DriverId; label: string }> = [
  { id: 'apollo_express', label: 'Apollo / Express' },
  { id: 'mercurius_fastify', label: 'Mercurius / Fastify' },
];

/** argv[2] that turns the compiled entry file into a server child. */
export const SERVE_ARG = 'serve';

export const HOST = '127.0.0.1';
export const GRAPHQL_PATH = '/graphql';
export const QUERY_BODY = JSON.stringify({ query: '{ ping }' });
export const EXPECTED_RESPONSE = { data: { ping: 'pong' } };

export const WARMUP_SECONDS = 2;
export const RUN_SECONDS = 10;
export const CONNECTION_COUNTS = [10, 50] as const;

export const SERVER_START_TIMEOUT_MS = 20_000;
export const SERVER_STOP_TIMEOUT_MS = 5_000;
export const VERIFY_TIMEOUT_MS = 5_000;
/** Hard cap for the whole script; a watchdog kills everything past it. */
export const TOTAL_BUDGET_MS = 85_000;

/** Repository root, from dist/bench/graphql-driver/config.js. */
export const PROJECT_ROOT = path.resolve(__dirname, '..', '..', '..');
