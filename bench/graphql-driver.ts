/**
 * Which GraphQL driver for the API? Measure it:
 *   (1) ApolloDriver on Express (Nest's default adapter)
 *   (2) MercuriusDriver on Fastify (FastifyAdapter)
 * Each driver gets a minimal code-first app with one `{ ping }` query, run in a
 * child process; the parent verifies the answer, warms up, then load-tests
 * POST /graphql with autocannon at 10 and 50 connections, 127.0.0.1 only.
 *
 *   npm run bench:graphql-driver
 *   (or: npx swc bench -d dist && node dist/bench/graphql-driver.js)
 *
 * The same compiled file is the server child when started as
 * `graphql-driver.js serve <driver>`. Output: a table, then one JSON line last.
 */
import {
  CONNECTION_COUNTS,
  DRIVERS,
  DriverId,
  GRAPHQL_PATH,
  HOST,
  RUN_SECONDS,
  SERVE_ARG,
  TOTAL_BUDGET_MS,
  WARMUP_SECONDS,
} from './graphql-driver/config';
import { killAllServers, startServer } from './graphql-driver/child-process';
import { LoadResult, runLoad, verifyPing } from './graphql-driver/load';
import { faultyRuns, printTable, Results, summaryJson } from './graphql-driver/report';

/** Boot one driver's server, check it, warm it up, measure it, stop it. */
async function benchmarkDriver(driver: DriverId, label: string): Promise<LoadResult[]> {
  console.error(`[${label}] starting server child...`);
  const server = await startServer(__filename, driver);
  try {
    const url = `http://${HOST}:${server.port}${GRAPHQL_PATH}`;
    const expectedBody = await verifyPing(url, label);
    console.error(`[${label}] answers ${expectedBody.trim()} on ${url}; warming up ${WARMUP_SECONDS} s`);
    // Warm-up lets V8 optimise the hot path; its figures are discarded.
    await runLoad(url, CONNECTION_COUNTS[0], WARMUP_SECONDS, expectedBody);

    const runs: LoadResult[] = [];
    for (const connections of CONNECTION_COUNTS) {
      console.error(`[${label}] ${connections} connections, ${RUN_SECONDS} s...`);
      runs.push(await runLoad(url, connections, RUN_SECONDS, expectedBody));
    }
    return runs;
  } finally {
    await server.stop();
  }
}

/** Kill everything if the script overruns its time budget (e.g. a hung child). */
function startWatchdog(): void {
  const timer = setTimeout(() => {
    console.error(`graphql-driver benchmark exceeded ${TOTAL_BUDGET_MS} ms, aborting`);
    killAllServers();
    process.exit(2);
  }, TOTAL_BUDGET_MS);
  timer.unref(); // must not keep a finished run alive
}

async function main(): Promise<void> {
  const startedAt = performance.now();
  startWatchdog();
  // Fail in the first second, not after the Mercurius run, if Apollo cannot boot.

  // Drivers run one after the other, never concurrently: the machine has
  // 2 cores, one for the server child and one for autocannon.
  const results = {} as Results;
  for (const { id, label } of DRIVERS) results[id] = await benchmarkDriver(id, label);

  printTable(results);
  const faults = faultyRuns(results);
  for (const fault of faults) console.error(`WARNING: ${fault}`);
  if (faults.length > 0) process.exitCode = 1;
  console.log(summaryJson(results, (performance.now() - startedAt) / 1000));
}

async function serve(driver: string | undefined): Promise<void> {
  // Loaded only here, so the parent (load generator) never loads NestJS.
  const { runServerChild } = await import('./graphql-driver/server.js');
  await runServerChild(driver);
}

const run = process.argv[2] === SERVE_ARG ? serve(process.argv[3]) : main();
run.catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  killAllServers();
  process.exit(1);
});
