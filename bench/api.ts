/**
 * How does the API hold up over HTTP? The real service (API and worker as child processes, as
 * deployed) on a scratch database, driven from this process over loopback:
 *   (1) baseline: a trivial authenticated query (describeOrganization), 32 clients;
 *   (2) commands/s with 32 clients across 50 organizations (a mix of four structure commands);
 *   (3) in an organization of 10,000 accounts under a 5-level OU tree: listAccountsForParent
 *       (20 per page, AWS's maximum) and the graph's accounts(first: 100), paging through a parent
 *       of 2,000 accounts with 1 and 8 clients; the whole tree in one GraphQL query;
 *   (4) the same command in an organization whose stream holds 100,000 events and in a new one,
 *       after an API restart (cold state cache: snapshots must make the load cheap).
 *
 *   npm run bench:api     (DATABASE_URL / REDIS_URL pick the servers; loopback only)
 *   BENCH_API_CPU_PROF=/tmp/prof npm run bench:api     (also CPU-profiles the API and worker per phase;
 *                                                       the figures of such a run are not comparable)
 *
 * Output: progress on stderr; a table, then one JSON line (last line of stdout).
 */
import os from 'node:os';
import { TOTAL_BUDGET_MS } from './api/config';
import { setUp, tearDown } from './api/fixture';
import { bigCommands, commandPhases, longStreamPhase, readPhases, seedBigOrganization } from './api/phases';
import { printTable, summaryJson, type Results } from './api/report';
import { pgRoundTripMs } from './api/round-trips';
import { createScratch, withClient, type Scratch } from './api/scratch';
import { killAllChildren } from './api/service';

async function runBenchmark(scratch: Scratch): Promise<Results> {
  const f = await setUp(scratch);
  try {
    const commandFigures = await commandPhases(f);
    const big = await seedBigOrganization(f);
    const reads = await readPhases(f, big);
    const bigFigures = await bigCommands(f, big);
    const long = await longStreamPhase(f);
    return {
      baseline: commandFigures.baseline,
      commands: commandFigures.commands,
      projectionBacklog: commandFigures.projectionBacklog,
      big: {
        organizationalUnits: big.organizationalUnits.length,
        accounts: big.accounts,
        treeBuildMs: big.treeBuildMs,
        seedAppendMs: big.seedAppendMs,
        projectionMs: big.projectionMs,
        ...bigFigures,
      },
      lists: reads.lists,
      tree: reads.tree,
      treeWithTags: reads.treeWithTags,
      statements: { ...commandFigures.statements, ...reads.statements },
      roundTripMs: await pgRoundTripMs(scratch.databaseUrl),
      explained: reads.explained,
      long,
      costs: f.phases.costs,
    };
  } finally {
    await tearDown(f);
  }
}

/** A hung phase must not outlive the budget, nor leave the service, the database or Redis keys behind. */
function guard(scratch: Scratch): void {
  const abort = (why: string, code: number) => {
    console.error(why);
    killAllChildren();
    void scratch.drop().finally(() => process.exit(code));
  };
  setTimeout(() => abort(`API benchmark exceeded ${TOTAL_BUDGET_MS} ms, aborting`, 2), TOTAL_BUDGET_MS).unref();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => abort(`${signal}: stopping`, 130));
}

async function serverVersion(url: string): Promise<string> {
  return withClient(url, async (c) => (await c.query(`SELECT current_setting('server_version') AS v`)).rows[0].v);
}

async function main(): Promise<void> {
  const startedAt = performance.now();
  const scratch = await createScratch();
  guard(scratch);
  let results: Results;
  let postgres: string;
  try {
    results = await runBenchmark(scratch);
    postgres = await serverVersion(scratch.databaseUrl);
  } finally {
    killAllChildren();
    await scratch.drop();
  }
  printTable(
    results,
    `PostgreSQL ${postgres}, Node ${process.version}, ${os.cpus().length} CPUs, API + worker + load generator + PostgreSQL on one machine`,
  );
  // Last line of stdout: nothing may be printed after it.
  console.log(
    summaryJson(results, {
      total_s: Number(((performance.now() - startedAt) / 1000).toFixed(1)),
      postgres_version: postgres,
      node_version: process.version,
      cpus: os.cpus().length,
    }),
  );
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
