import type { Pool } from 'pg';
import { createPool } from '@orgs/shared/event-store';
import { REACTIONS_CHECKPOINT } from '@orgs/shared/queue';
import { createTestDatabase, eventually, freePort, startService, testRedisPrefix, testRedisUrl, type ServiceProcess, type TestDatabase } from '@orgs/shared/testing';
import { appendMixedLog, freshReplay, projectionTables, tableSnapshot, unprojectedEvents, type LogShape } from '@orgs/organizations/testing';
import { projections } from './worker';

/**
 * Two, then three worker processes over one log while it grows, all taking jobs from one queue:
 * every event is applied exactly once per projection (the workers' counters of applied events add
 * up to the log: none twice, none skipped), and the read models equal a fresh replay of the log.
 */
const SHAPE: LogShape = { tenants: 6, organizationalUnitsPerTenant: 3, membersPerTenant: 20, membersPerAppend: 10 };
const FOLLOWERS = [...projections.map((p) => p.name), REACTIONS_CHECKPOINT];

describe.each([2, 3])('%i worker processes at once', (count) => {
  let database: TestDatabase;
  let pool: Pool;

  beforeAll(async () => {
    database = await createTestDatabase();
    pool = createPool(database.url, { max: 10 });
    await appendMixedLog(pool, SHAPE);
  }, 60_000);
  afterAll(async () => {
    await pool.end();
    await database.drop();
  });

  it('applies every event once per projection, and the read models equal a fresh replay', async () => {
    const prefix = `${testRedisPrefix()}workers-${count}:`;
    const workers = await Promise.all(Array.from({ length: count }, () => startWorker(database.url, prefix)));
    try {
      await appendMixedLog(pool, { ...SHAPE, concurrency: 3 }); // the log grows while they follow it
      await eventually(async () => (await unprojectedEvents(pool, FOLLOWERS)) === 0, 120_000, 'the workers to catch up');
      const { rows } = await pool.query(`SELECT count(*)::int AS n FROM events`);
      const applied = await Promise.all(workers.map((w) => appliedBy(w.metricsUrl)));
      for (const follower of FOLLOWERS) {
        expect({ follower, applied: applied.reduce((sum, byFollower) => sum + (byFollower.get(follower) ?? 0), 0) }).toEqual({ follower, applied: rows[0].n });
      }
      expect(workers.map((w) => w.process.child.exitCode)).toEqual(workers.map(() => null)); // all of them were there to take jobs
    } finally {
      await Promise.all(workers.map((w) => w.process.stop()));
    }
    expect(await tableSnapshot(pool, projectionTables(projections))).toEqual(await freshReplay(pool, projections, createTestDatabase));
  }, 240_000);
});

async function startWorker(databaseUrl: string, prefix: string): Promise<{ process: ServiceProcess; metricsUrl: string }> {
  const port = await freePort();
  const process = startService('apps/worker/src/main.js', {
    DATABASE_URL: databaseUrl,
    REDIS_URL: testRedisUrl(),
    REDIS_PREFIX: prefix,
    WORKER_METRICS_PORT: String(port),
    PROJECTION_BATCH_SIZE: '25',
    LOG_LEVEL: 'warn',
  });
  const metricsUrl = `http://127.0.0.1:${port}/metrics`;
  await eventually(
    async () => {
      if (process.child.exitCode !== null) throw new Error(`the worker exited:\n${process.output()}`);
      return fetch(metricsUrl).then((r) => r.ok, () => false);
    },
    60_000,
    'a worker to start',
  );
  return { process, metricsUrl };
}

/** orgs_projection_events_applied per follower, from one worker's metrics. */
async function appliedBy(metricsUrl: string): Promise<Map<string, number>> {
  const text = await (await fetch(metricsUrl)).text();
  const applied = new Map<string, number>();
  for (const match of text.matchAll(/^orgs_projection_events_applied\{projection="([^"]+)"\} (\d+)/gm)) applied.set(match[1], Number(match[2]));
  return applied;
}
