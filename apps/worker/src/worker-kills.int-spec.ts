import type { Pool } from 'pg';
import { createPool } from '@orgs/shared/event-store';
import { REACTIONS_CHECKPOINT } from '@orgs/shared/queue';
import { createTestDatabase, eventually, startService, testRedisPrefix, testRedisUrl, type ServiceProcess, type TestDatabase } from '@orgs/shared/testing';
import { appendMixedLog, freshReplay, projectionTables, tableSnapshot, unprojectedEvents, type LogShape } from '@orgs/organizations/testing';
import { projections } from './worker';

/**
 * The worker process killed -9 twenty times, each time at a random moment while a projection
 * batch is being written: after the last restart has caught up, every read-model table equals a
 * fresh replay of the same log into an empty database. The log (tenants, organizations, OUs, tags,
 * member accounts) is topped up whenever less than a few batches are left to project.
 */
const KILLS = 20;
const BATCH_SIZE = 25;
const SHAPE: LogShape = { tenants: 8, organizationalUnitsPerTenant: 4, membersPerTenant: 30 };
const TOP_UP_BELOW = 4 * BATCH_SIZE;

let database: TestDatabase;
let pool: Pool;

beforeAll(async () => {
  database = await createTestDatabase();
  pool = createPool(database.url, { max: 10 });
  await appendMixedLog(pool, { ...SHAPE, tenants: 2 * SHAPE.tenants });
}, 60_000);
afterAll(async () => {
  await pool.end();
  await database.drop();
});

it(`leaves every read model equal to a fresh replay after ${KILLS} kills -9 in the middle of projection batches`, async () => {
  const checkpoints: bigint[] = [];
  let prefix = testRedisPrefix();
  for (let kill = 1; kill <= KILLS; kill++) {
    if ((await unprojected()) < TOP_UP_BELOW) await appendMixedLog(pool, SHAPE);
    // Each life its own Redis prefix, so that it need not wait for the dead one's job to be found stalled.
    prefix = `${testRedisPrefix()}life-${kill}:`;
    const worker = startWorker(prefix);
    try {
      await inProjectionBatch(worker);
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 1_500)); // some lives commit a batch or more first
    } finally {
      await worker.stop('SIGKILL');
    }
    checkpoints.push(await appliedSoFar());
  }
  expect(checkpoints[checkpoints.length - 1]).toBeGreaterThan(checkpoints[0]); // the lives made progress between kills

  // The last restart shares the last life's Redis: it takes over the follow job the killed worker held.
  const worker = startWorker(prefix, 500);
  try {
    // Generous: beside other test files on two cores the catch-up alone has taken minutes.
    await eventually(async () => (await unprojected()) === 0, 420_000, 'the restarted worker to catch up');
  } finally {
    await worker.stop();
  }
  const tables = projectionTables(projections);
  const afterKills = await tableSnapshot(pool, tables);
  expect(afterKills.accounts.length).toBeGreaterThan(400); // a log worth comparing: 31 accounts a tenant
  expect(afterKills).toEqual(await freshReplay(pool, projections, createTestDatabase));
}, 600_000);

/** Small batches while it is to be killed, so that each life commits a few; the last restart may take bigger ones. */
function startWorker(prefix: string, batchSize = BATCH_SIZE): ServiceProcess {
  return startService('apps/worker/src/main.js', {
    DATABASE_URL: database.url,
    REDIS_URL: testRedisUrl(),
    REDIS_PREFIX: prefix,
    WORKER_METRICS_PORT: '0',
    PROJECTION_BATCH_SIZE: String(batchSize),
    LOG_LEVEL: 'warn',
  });
}

/** Events some projection (or the reactions) has still to apply. */
const unprojected = () => unprojectedEvents(pool, [...projections.map((p) => p.name), REACTIONS_CHECKPOINT]);

/** The projections' checkpoints added up: it grows with every committed batch. */
async function appliedSoFar(): Promise<bigint> {
  const { rows } = await pool.query(`SELECT coalesce(sum(last_position), 0)::text AS p FROM projection_checkpoints WHERE name = ANY($1)`, [projections.map((p) => p.name)]);
  return BigInt(rows[0].p);
}

/**
 * Waits until a projection transaction has written rows that are not committed yet (it holds a
 * transaction id). The log is topped up while it waits: a worker that catches up between two looks
 * would otherwise leave no batch to be caught in.
 */
async function inProjectionBatch(worker: ServiceProcess): Promise<void> {
  await eventually(
    async () => {
      if (worker.child.exitCode !== null) throw new Error(`the worker exited:\n${worker.output()}`);
      if ((await unprojected()) < TOP_UP_BELOW) await appendMixedLog(pool, SHAPE);
      const { rows } = await pool.query(
        `SELECT count(*)::int AS n FROM pg_stat_activity
          WHERE datname = $1 AND application_name = 'orgs-projector' AND backend_xid IS NOT NULL`,
        [database.name],
      );
      return rows[0].n > 0;
    },
    30_000,
    'a projection batch to be under way',
  );
}
