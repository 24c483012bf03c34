import { randomUUID } from 'node:crypto';
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

const drain = async () => {
  while ((await dispatcher.runBatch(2)).applied > 0);
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
