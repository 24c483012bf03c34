import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { createPool, EventStore, SnapshotStore } from '@orgs/shared/event-store';
import { OrgsError, type Decider } from '@orgs/shared/kernel';
import { createTestDatabase, type TestDatabase } from '@orgs/shared/testing';
import { CommandHandler } from './command-handler';

type CounterCommand = { type: 'Increment'; data: { by: number; limit?: number; atLeast?: number } } | { type: 'Claim'; data: { value: string } };
type CounterEvent = { type: 'Incremented'; data: { by: number } } | { type: 'Claimed'; data: { value: string } };
interface CounterState {
  total: number;
}

/** A test-only aggregate: a counter that refuses to pass its limit. */
const counter: Decider<CounterState, CounterCommand, CounterEvent> = {
  stateVersion: 1,
  initialState: () => ({ total: 0 }),
  decide(command, state) {
    if (command.type === 'Claim') return [{ type: 'Claimed', data: { value: command.data.value } }];
    if (command.data.atLeast !== undefined && state.total < command.data.atLeast) {
      throw new OrgsError('ConstraintViolationException', 'not yet', 'ACCOUNT_NUMBER_LIMIT_EXCEEDED');
    }
    if (command.data.limit !== undefined && state.total + command.data.by > command.data.limit) {
      throw new OrgsError('ConstraintViolationException', 'limit', 'ACCOUNT_NUMBER_LIMIT_EXCEEDED');
    }
    return [{ type: 'Incremented', data: { by: command.data.by } }];
  },
  evolve: (state, event) => (event.type === 'Incremented' ? { total: state.total + event.data.by } : state),
};

let database: TestDatabase;
let pool: Pool;
let events: EventStore;
const newHandler = () => new CommandHandler(events, new SnapshotStore(pool));

beforeAll(async () => {
  database = await createTestDatabase();
  pool = createPool(database.url, { max: 20 });
  events = new EventStore(pool);
});
afterAll(async () => {
  await pool.end();
  await database.drop();
});

const increment = (tenantId: string, streamId: string, by = 1, limit?: number) => ({
  tenantId,
  streamId,
  decider: counter,
  command: { type: 'Increment' as const, data: { by, limit } },
});

it('decides against snapshots, so a cold start replays only the events after the last one', async () => {
  const tenantId = randomUUID();
  const warm = newHandler();
  for (let i = 0; i < 120; i++) await warm.handle(increment(tenantId, 'long'));
  await new Promise((resolve) => setTimeout(resolve, 100)); // snapshots are saved in the background

  const replayed: number[] = [];
  const readStream = events.readStream.bind(events);
  const spy = jest.spyOn(events, 'readStream').mockImplementation(async (...args) => {
    const read = await readStream(...args);
    replayed.push(read.length);
    return read;
  });
  try {
    const result = await newHandler().handle(increment(tenantId, 'long'));
    expect(result.state.total).toBe(121);
    expect(result.version).toBe(121);
    expect(replayed.reduce((a, b) => a + b, 0)).toBeLessThan(50);
  } finally {
    spy.mockRestore();
  }
});

it('decides again on fresh state when another process appended first', async () => {
  const tenantId = randomUUID();
  const [a, b] = [newHandler(), newHandler()];
  await a.handle(increment(tenantId, 's'));
  await b.handle(increment(tenantId, 's')); // a's cached state is now stale
  const result = await a.handle(increment(tenantId, 's', 1, 3));
  expect(result.state.total).toBe(3);
  await expect(b.handle(increment(tenantId, 's', 1, 3))).rejects.toMatchObject({ code: 'ConstraintViolationException' });
});

it('checks a refusal against the stream before giving it, in case its cached state is stale', async () => {
  const tenantId = randomUUID();
  const [a, b] = [newHandler(), newHandler()];
  await a.handle(increment(tenantId, 's')); // a caches total 1
  await b.handle(increment(tenantId, 's')); // the stream now says 2
  const result = await a.handle({ ...increment(tenantId, 's'), command: { type: 'Increment' as const, data: { by: 1, atLeast: 2 } } });
  expect(result.state.total).toBe(3);
});

it('carries out 10 racing commands on one stream, each once', async () => {
  const tenantId = randomUUID();
  const handlers = [newHandler(), newHandler()];
  await Promise.all(Array.from({ length: 10 }, (_, i) => handlers[i % 2].handle(increment(tenantId, 'hot'))));
  const stream = await events.readStream(tenantId, 'hot');
  expect(stream.map((e) => e.streamVersion)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
});

it('returns the first result of a retried command without deciding it again', async () => {
  const tenantId = randomUUID();
  const handler = newHandler();
  const request = { ...increment(tenantId, 's', 1, 1), metadata: { commandId: 'retried' } };
  const first = await handler.handle(request);
  const again = await newHandler().handle(request); // would pass the limit if decided again
  expect(again).toMatchObject({ duplicate: true, version: first.version, checkpoint: first.checkpoint });
  expect(await events.readStream(tenantId, 's')).toHaveLength(1);
});

it('builds the command again when a generated value is taken, and refuses a taken claim', async () => {
  const tenantId = randomUUID();
  const handler = newHandler();
  await handler.handle({ tenantId, streamId: 'x', decider: counter, command: { type: 'Claim', data: { value: 'v1' } }, reservations: () => [{ namespace: 'test', value: 'v1' }] });
  const values = ['v1', 'v2'];
  const retried = await handler.handle({
    tenantId,
    streamId: 'y',
    decider: counter,
    command: () => ({ type: 'Claim' as const, data: { value: values.shift() as string } }),
    reservations: (evs) => evs.map((e) => ({ namespace: 'test', value: (e.data as { value: string }).value })),
  });
  expect(retried.events).toEqual([{ type: 'Claimed', data: { value: 'v2' } }]);
  await expect(
    handler.handle({
      tenantId,
      streamId: 'z',
      decider: counter,
      command: { type: 'Claim', data: { value: 'v2' } },
      reservations: () => [{ namespace: 'test', value: 'v2' }],
      reservationConflict: () => new OrgsError('AlreadyInOrganizationException', 'taken'),
    }),
  ).rejects.toMatchObject({ code: 'AlreadyInOrganizationException' });
});
