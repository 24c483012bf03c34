import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { createPool, EventStore, SnapshotStore, type LogCheckpoint } from '@orgs/shared/event-store';
import type { Decider } from '@orgs/shared/kernel';
import { createTestDatabase, type TestDatabase } from '@orgs/shared/testing';
import { CommandHandler } from './command-handler';
import { HISTORY_EVERY, HistoricalStates } from './historical-states';

type CounterEvent = { type: 'Incremented'; data: { by: number } };
type CounterCommand = { type: 'Increment'; data: { by: number } };
interface CounterState {
  total: number;
  /** The versions applied, so a test sees that exactly a prefix of the stream was replayed. */
  last: number;
}

const counter: Decider<CounterState, CounterCommand, CounterEvent> = {
  stateVersion: 1,
  initialState: () => ({ total: 0, last: 0 }),
  decide: (command) => [{ type: 'Incremented', data: { by: command.data.by } }],
  evolve: (state, event) => ({ total: state.total + event.data.by, last: state.last + 1 }),
};

let database: TestDatabase;
let pool: Pool;
let events: EventStore;
let snapshots: SnapshotStore;
const loader = () => new HistoricalStates(events, snapshots);

beforeAll(async () => {
  database = await createTestDatabase();
  pool = createPool(database.url, { max: 10 });
  events = new EventStore(pool);
  snapshots = new SnapshotStore(pool);
});
afterAll(async () => {
  await pool.end();
  await database.drop();
});

/** Appends `count` events of `by` 1, ten to a transaction; the checkpoint after each append. */
async function appendCounted(tenantId: string, streamId: string, count: number): Promise<Map<number, LogCheckpoint>> {
  const after = new Map<number, LogCheckpoint>();
  for (let v = 0; v < count; v += 10) {
    const batch = Array.from({ length: Math.min(10, count - v) }, () => ({ type: 'Incremented', data: { by: 1 } }));
    const result = await events.append({ tenantId, streamId, expectedVersion: v, events: batch });
    after.set(result.lastVersion, result.checkpoint);
  }
  return after;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 150)); // historical snapshots are saved in the background

it('builds the state as of a position from the events up to it, and keeps it in memory', async () => {
  const tenantId = randomUUID();
  const at = await appendCounted(tenantId, 's', 100);
  const states = loader();
  const past = await states.load(tenantId, 's', counter, { position: at.get(40)!.position });
  expect(past).toEqual({ version: 40, state: { total: 40, last: 40 } });
  expect(states.eventsReplayed).toBe(40);
  await states.load(tenantId, 's', counter, { position: at.get(40)!.position });
  expect(states.eventsReplayed).toBe(40); // the second read came from memory
  const present = await states.load(tenantId, 's', counter, { position: at.get(100)!.position });
  expect(present.state.total).toBe(100);
});

it('reads a point in the middle of a long stream from a historical snapshot, not from the start', async () => {
  const tenantId = randomUUID();
  const total = 3 * HISTORY_EVERY;
  const at = await appendCounted(tenantId, 'long', total);
  // The first read of a late point replays from zero and keeps snapshots at each multiple on the way.
  const first = loader();
  await first.load(tenantId, 'long', counter, { position: at.get(total - 10)!.position });
  expect(first.eventsReplayed).toBe(total - 10);
  await settle();

  const cold = loader();
  const middle = HISTORY_EVERY + HISTORY_EVERY / 2;
  const past = await cold.load(tenantId, 'long', counter, { position: at.get(middle)!.position });
  expect(past.state).toEqual({ total: middle, last: middle });
  expect(cold.eventsReplayed).toBe(HISTORY_EVERY / 2);
  const { rows } = await pool.query(`SELECT version FROM historical_snapshots WHERE tenant_id = $1 ORDER BY version`, [tenantId]);
  expect(rows.map((r) => r.version)).toEqual([HISTORY_EVERY, 2 * HISTORY_EVERY, total - 10]);
});

it('keeps a historical snapshot while commands are handled, so the first read of the past is fast too', async () => {
  const tenantId = randomUUID();
  const handler = new CommandHandler(events, snapshots);
  for (let i = 0; i < HISTORY_EVERY + 60; i++) await handler.handle({ tenantId, streamId: 'cmd', decider: counter, command: { type: 'Increment', data: { by: 2 } } });
  await settle();
  const all = await events.readStream(tenantId, 'cmd');
  const states = loader();
  const target = HISTORY_EVERY + 20;
  const past = await states.load(tenantId, 'cmd', counter, { position: all[target - 1].position });
  expect(past.state.total).toBe(2 * target);
  expect(states.eventsReplayed).toBeLessThanOrEqual(20);
});

it('reads as of a time: the events recorded at or before it', async () => {
  const tenantId = randomUUID();
  await appendCounted(tenantId, 't', 20);
  await new Promise((resolve) => setTimeout(resolve, 30));
  const between = new Date();
  await new Promise((resolve) => setTimeout(resolve, 30));
  await events.append({ tenantId, streamId: 't', expectedVersion: 20, events: [{ type: 'Incremented', data: { by: 5 } }] });
  const states = loader();
  expect((await states.load(tenantId, 't', counter, { time: between })).state).toEqual({ total: 20, last: 20 });
  expect((await states.load(tenantId, 't', counter, { time: new Date() })).state).toEqual({ total: 25, last: 21 });
  expect((await states.load(tenantId, 't', counter, { time: new Date(Date.now() - 3_600_000) })).version).toBe(0);
});

it('refuses a position ahead of the log', async () => {
  const tenantId = randomUUID();
  const at = await appendCounted(tenantId, 'f', 10);
  await expect(loader().load(tenantId, 'f', counter, { position: at.get(10)!.position + 1_000_000n })).rejects.toMatchObject({ code: 'InvalidInputException' });
});

it('never shows another tenant\'s stream, nor its snapshots', async () => {
  const [owner, stranger] = [randomUUID(), randomUUID()];
  const at = await appendCounted(owner, 'shared-name', 2 * HISTORY_EVERY);
  await loader().load(owner, 'shared-name', counter, { position: at.get(2 * HISTORY_EVERY)!.position });
  await settle();
  const foreign = await loader().load(stranger, 'shared-name', counter, { position: at.get(2 * HISTORY_EVERY)!.position });
  expect(foreign).toEqual({ version: 0, state: { total: 0, last: 0 } });
});
