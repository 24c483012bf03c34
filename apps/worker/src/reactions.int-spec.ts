import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Pool } from 'pg';
import { CommandHandler } from '@orgs/shared/command-handling';
import { createPool, EventStore, SnapshotStore } from '@orgs/shared/event-store';
import { ReactionDispatcher, type Reaction } from '@orgs/shared/queue';
import { createLogger } from '@orgs/shared/runtime';
import { createTestDatabase, eventually, testRedisPrefix, testRedisUrl, type TestDatabase } from '@orgs/shared/testing';

let database: TestDatabase;
let pool: Pool;
let events: EventStore;
const runs: string[] = [];

const pings: Reaction<{ n: number }> = {
  name: 'pings',
  eventTypes: new Set(['Pinged']),
  jobsFor: (event) => [
    { id: `${event.tenantId}.${event.streamVersion}`, data: { n: (event.data as { n: number }).n }, runAt: (event.data as { later?: boolean }).later ? new Date(Date.now() + 700) : undefined },
  ],
  run: async (data) => {
    runs.push(`ping-${data.n}`);
  },
};

let dispatcher: ReactionDispatcher;

beforeAll(async () => {
  database = await createTestDatabase();
  pool = createPool(database.url, { max: 5 });
  events = new EventStore(pool);
  dispatcher = new ReactionDispatcher([pings], pool, events, { url: testRedisUrl(), maxRetriesPerRequest: null }, testRedisPrefix());
  dispatcher.startJobs({ commands: new CommandHandler(events, new SnapshotStore(pool)), events, pool, logger: createLogger('test', 'silent') });
});
afterAll(async () => {
  await dispatcher.close();
  await pool.end();
  await database.drop();
});

/** Dispatches until the log is read; a batch lost to a moved checkpoint is read again. */
const drain = async () => {
  for (let rounds = 0; rounds < 100; rounds++) {
    const outcome = await dispatcher.runBatch(2);
    if (!outcome.busy && !outcome.more && outcome.applied === 0) return;
  }
};

it('runs one job per matching event, once, even when a crash makes it dispatch the batch again', async () => {
  const tenantId = randomUUID();
  await events.append({
    tenantId,
    streamId: 's',
    expectedVersion: 0,
    events: [1, 2, 3].map((n) => ({ type: 'Pinged', data: { n } })).concat([{ type: 'Other', data: { n: 0 } }]),
  });
  await drain();
  await eventually(async () => runs.length === 3, 10_000, 'three jobs');
  // As if the worker died after enqueueing but before its checkpoint moved.
  await pool.query(`UPDATE projection_checkpoints SET last_transaction_id = 0, last_position = 0 WHERE name = 'reactions'`);
  await drain();
  await new Promise((resolve) => setTimeout(resolve, 500));
  expect(runs.sort()).toEqual(['ping-1', 'ping-2', 'ping-3']);
});

it('runs a job no earlier than its time', async () => {
  const tenantId = randomUUID();
  const appended = Date.now();
  await events.append({ tenantId, streamId: 's', expectedVersion: 0, events: [{ type: 'Pinged', data: { n: 9, later: true } }] });
  await drain();
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(runs).not.toContain('ping-9');
  await eventually(async () => runs.includes('ping-9'), 10_000, 'the delayed job');
  expect(Date.now() - appended).toBeGreaterThanOrEqual(700);
});

it('hands every job not done yet to BullMQ again when Redis has lost its data, and runs each once', async () => {
  const tenantId = randomUUID();
  await events.append({ tenantId, streamId: 's', expectedVersion: 0, events: [{ type: 'Pinged', data: { n: 21, later: true } }, { type: 'Pinged', data: { n: 22, later: true } }] });
  await drain();
  const recorded = await pool.query(`SELECT job_id, enqueued_at IS NOT NULL AS enqueued FROM reaction_jobs WHERE job_id LIKE $1 ORDER BY job_id`, [`${tenantId}.%`]);
  expect(recorded.rows).toEqual([
    { job_id: `${tenantId}.1`, enqueued: true },
    { job_id: `${tenantId}.2`, enqueued: true },
  ]);
  await forgetEverythingInRedis(); // as a restart of a Redis that keeps nothing on disk would
  await dispatcher.reconcile();
  await eventually(async () => runs.includes('ping-21') && runs.includes('ping-22'), 10_000, 'the jobs Redis lost');
  await dispatcher.reconcile(); // nothing pending any more: nothing handed over again
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  expect(runs.filter((r) => r === 'ping-21' || r === 'ping-22').sort()).toEqual(['ping-21', 'ping-22']);
  const done = await pool.query(`SELECT count(*)::int AS n FROM reaction_jobs WHERE job_id LIKE $1 AND completed_at IS NOT NULL`, [`${tenantId}.%`]);
  expect(done.rows[0].n).toBe(2);
});

async function forgetEverythingInRedis(): Promise<void> {
  const redis = new Redis(testRedisUrl());
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${testRedisPrefix()}*`, 'COUNT', 1000);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
