/**
 * How fast does the event store append, compared with what Postgres does for a bare INSERT of the
 * same rows on this machine?
 *   (a) EventStore.append, 1 event per append, 1 and 16 concurrent writers
 *   (b) EventStore.append, 10 events per append, 1 and 16 writers
 *   (c) raw autocommit INSERT into an identical table, 1 and 10 rows per transaction, 1 and 16 writers
 * in the same Node process over the same kind of pool, each event-store phase measured in alternating
 * slices with its baseline, in a scratch database created for the run and dropped after it. Then
 * pgbench runs the baseline INSERT at 16 clients as a reference without Node in the loop.
 *
 *   npm run bench:append            (DATABASE_URL picks the server; loopback only)
 *
 * Output: progress on stderr; a table, then one JSON line (last line of stdout).
 */
import pg from 'pg';
import { TOTAL_BUDGET_MS } from './append/config';
import { describe, measurePair, pairPlan, type PhaseResult } from './append/phases';
import { pgbenchInsertTps } from './append/pgbench';
import { printTable, summaryJson } from './append/report';
import {
  checkpoint,
  createBaselineTable,
  createScratchDatabase,
  migrate,
  type ScratchDatabase,
} from './append/scratch-database';

interface Outcome {
  results: PhaseResult[];
  pgbenchTps: number | null;
  serverVersion: string;
}

async function serverVersion(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(`SELECT current_setting('server_version') AS v`);
    return rows[0].v;
  } finally {
    await client.end();
  }
}

async function runBenchmark(db: ScratchDatabase): Promise<Outcome> {
  console.error(`[setup] database ${db.name}: applying migrations, creating baseline_events`);
  await migrate(db.url);
  await createBaselineTable(db.url);

  const pairs = pairPlan();
  const results: PhaseResult[] = [];
  for (const [index, pair] of pairs.entries()) {
    const checkpointed = await checkpoint(db.url);
    const note = checkpointed ? '' : ' (no CHECKPOINT: not permitted)';
    console.error(`[${index + 1}/${pairs.length}] EventStore.append vs raw INSERT, ${describe(pair[0])}${note}`);
    const [append, baseline] = await measurePair(db.url, pair, `pair${index}`);
    console.error(`        ${append.eventsPerS.toFixed(0)} vs ${baseline.eventsPerS.toFixed(0)} events/s`);
    results.push(append, baseline);
  }

  console.error('[reference] pgbench, same INSERT, 16 clients');
  await checkpoint(db.url);
  const pgbenchTps = await pgbenchInsertTps(db.url);
  return { results, pgbenchTps, serverVersion: await serverVersion(db.url) };
}

/** A hung phase must not outlive the budget, nor leave the scratch database behind. */
function startWatchdog(db: ScratchDatabase): void {
  const timer = setTimeout(() => {
    console.error(`append benchmark exceeded ${TOTAL_BUDGET_MS} ms, aborting`);
    void db.drop().finally(() => process.exit(2));
  }, TOTAL_BUDGET_MS);
  timer.unref(); // must not keep a finished run alive
}

/** Ctrl-C during a run still drops the scratch database. */
function dropOnSignals(db: ScratchDatabase): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      console.error(`${signal}: dropping ${db.name}`);
      void db.drop().finally(() => process.exit(130));
    });
  }
}

async function main(): Promise<void> {
  const startedAt = performance.now();
  const db = await createScratchDatabase();
  startWatchdog(db);
  dropOnSignals(db);
  let outcome: Outcome;
  try {
    outcome = await runBenchmark(db);
  } finally {
    await db.drop();
  }
  const { results, pgbenchTps } = outcome;
  printTable(results, pgbenchTps, `PostgreSQL ${outcome.serverVersion}, Node ${process.version}`);
  // Last line of stdout: nothing may be printed after it.
  console.log(
    summaryJson(results, pgbenchTps, {
      total_s: Number(((performance.now() - startedAt) / 1000).toFixed(1)),
      postgres_version: outcome.serverVersion,
      node_version: process.version,
    }),
  );
}

main().then(
  () => process.exit(0), // pg's idle sockets or timers must not keep the process alive
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
