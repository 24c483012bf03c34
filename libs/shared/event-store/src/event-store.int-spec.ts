import { randomUUID } from 'node:crypto';
import { Client, type Pool } from 'pg';
import { createTestDatabase, type TestDatabase } from '@orgs/shared/testing';
import { APP_ROLE, createPool, PROJECTOR_APPLICATION_NAME } from './pool';
import { EventStore } from './event-store';
import { APPEND_CALLS_IN_FLIGHT, appendCallsTotal, appendsTotal } from './append-batches';
import { ReservationConflictError, WrongExpectedVersionError } from './errors';
import { LOG_START, type LogCheckpoint, type RecordedEvent } from './types';

let database: TestDatabase;
let owner: Pool;
let store: EventStore;

beforeAll(async () => {
  database = await createTestDatabase();
  owner = createPool(database.url, { max: 20 });
  store = new EventStore(owner);
});
afterAll(async () => {
  await owner.end();
  await database.drop();
});

const tenant = () => randomUUID();
const event = (n: number) => ({ type: 'Happened', data: { n } });

describe('append and readStream', () => {
  it('appends a command\'s events together, numbered from the expected version', async () => {
    const tenantId = tenant();
    const first = await store.append({ tenantId, streamId: 's', expectedVersion: 'no_stream', events: [event(1), event(2)] });
    const second = await store.append({ tenantId, streamId: 's', expectedVersion: 2, events: [event(3)] });
    expect([first.firstVersion, first.lastVersion, second.lastVersion]).toEqual([1, 2, 3]);
    const read = await store.readStream(tenantId, 's');
    expect(read.map((e) => [e.streamVersion, (e.data as { n: number }).n])).toEqual([[1, 1], [2, 2], [3, 3]]);
    expect(second.checkpoint.position).toBeGreaterThan(first.checkpoint.position);
  });

  it('refuses a wrong expected version, a second "no stream", and a version ahead of the stream', async () => {
    const tenantId = tenant();
    await store.append({ tenantId, streamId: 's', expectedVersion: 0, events: [event(1)] });
    await expect(store.append({ tenantId, streamId: 's', expectedVersion: 'no_stream', events: [event(2)] })).rejects.toBeInstanceOf(WrongExpectedVersionError);
    await expect(store.append({ tenantId, streamId: 's', expectedVersion: 5, events: [event(2)] })).rejects.toBeInstanceOf(WrongExpectedVersionError);
    await expect(store.append({ tenantId, streamId: 'other', expectedVersion: 1, events: [event(2)] })).rejects.toBeInstanceOf(WrongExpectedVersionError);
    expect(await store.readStream(tenantId, 's')).toHaveLength(1);
  });

  it('appends at the end with "any"', async () => {
    const tenantId = tenant();
    await store.append({ tenantId, streamId: 's', expectedVersion: 'any', events: [event(1)] });
    const result = await store.append({ tenantId, streamId: 's', expectedVersion: 'any', events: [event(2), event(3)] });
    expect([result.firstVersion, result.lastVersion]).toEqual([2, 3]);
  });

  it('returns the first result for a command id appended before, and appends nothing', async () => {
    const tenantId = tenant();
    const metadata = { commandId: 'cmd-1' };
    const first = await store.append({ tenantId, streamId: 's', expectedVersion: 0, events: [event(1)], metadata });
    const again = await store.append({ tenantId, streamId: 's', expectedVersion: 1, events: [event(2)], metadata });
    expect(again).toEqual({ ...first, duplicate: true });
    expect(await store.readStream(tenantId, 's')).toHaveLength(1);
    expect(await store.findProcessedCommand(tenantId, 'cmd-1')).toMatchObject({ lastVersion: 1, streamId: 's' });
  });

  it('keeps the metadata with every event', async () => {
    const tenantId = tenant();
    const metadata = { commandId: randomUUID(), correlationId: 'corr', causationId: 'cause', principal: 'key-1', actingAccountId: '111122223333', requestId: 'req' };
    await store.append({ tenantId, streamId: 's', expectedVersion: 0, events: [event(1), event(2)], metadata });
    const read = await store.readStream(tenantId, 's');
    expect(read.map((e) => e.metadata)).toEqual([metadata, metadata]);
  });

  it('writes nothing of a command whose reservation is taken, and frees a released one', async () => {
    const tenantA = tenant();
    const tenantB = tenant();
    const claim = { namespace: 'account-id', value: '123456789012' };
    await store.append({ tenantId: tenantA, streamId: 'a', expectedVersion: 0, events: [event(1)], reservations: [claim] });
    const refused = store.append({ tenantId: tenantB, streamId: 'b', expectedVersion: 0, events: [event(1)], reservations: [claim] });
    await expect(refused).rejects.toBeInstanceOf(ReservationConflictError);
    await expect(refused).rejects.toMatchObject({ namespace: 'account-id' });
    expect(await store.readStream(tenantB, 'b')).toHaveLength(0);
    expect(await store.findReservationHolder(tenantA, claim)).toBe('a');
    await store.append({ tenantId: tenantA, streamId: 'a', expectedVersion: 1, events: [event(2)], releases: [claim] });
    expect(await store.findReservationHolder(tenantA, claim)).toBeNull();
    await store.append({ tenantId: tenantB, streamId: 'b', expectedVersion: 0, events: [event(1)], reservations: [claim] });
  });
});

describe('concurrency', () => {
  it('lets exactly one of 50 concurrent appends at the same expected version through, from 5 processes\' stores', async () => {
    const tenantId = tenant();
    // Each store batches its own appends; separate stores (as separate processes) really race.
    const stores = Array.from({ length: 5 }, () => new EventStore(owner));
    await store.append({ tenantId, streamId: 'race', expectedVersion: 0, events: [event(0)] });
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) => stores[i % 5].append({ tenantId, streamId: 'race', expectedVersion: 1, events: [event(i)] })),
    );
    const fulfilled = results.filter((r) => r.status === 'fulfilled');
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(fulfilled).toHaveLength(1);
    expect(rejected).toHaveLength(49);
    expect(rejected.every((r) => r.reason instanceof WrongExpectedVersionError)).toBe(true);
    expect(await store.readStream(tenantId, 'race')).toHaveLength(2);
  });

  it('appends a retried command once when both tries race', async () => {
    const tenantId = tenant();
    const metadata = { commandId: 'raced-command' };
    const tries = await Promise.all(
      Array.from({ length: 10 }, () => store.append({ tenantId, streamId: 's', expectedVersion: 'any', events: [event(1)], metadata })),
    );
    expect(tries.filter((t) => !t.duplicate)).toHaveLength(1);
    expect(await store.readStream(tenantId, 's')).toHaveLength(1);
  });
});

describe('group commit', () => {
  it('commits appends that wait together in one transaction, each with its own outcome', async () => {
    const tenantId = tenant();
    const batching = new EventStore(owner);
    await batching.append({ tenantId, streamId: 'taken', expectedVersion: 0, events: [event(0)], reservations: [{ namespace: 'name', value: 'taken' }], metadata: { commandId: 'done' } });
    const sent = async () => ({ appends: (await appendsTotal.get()).values[0].value, calls: (await appendCallsTotal.get()).values[0].value });
    const before = await sent();
    const outcomes = await Promise.allSettled([
      batching.append({ tenantId, streamId: 'a', expectedVersion: 'no_stream', events: [event(1), event(2)] }),
      batching.append({ tenantId, streamId: 'taken', expectedVersion: 5, events: [event(1)] }),
      batching.append({ tenantId, streamId: 'b', expectedVersion: 0, events: [event(1)], reservations: [{ namespace: 'name', value: 'taken' }] }),
      batching.append({ tenantId, streamId: 'c', expectedVersion: 0, events: [event(1)], reservations: [{ namespace: 'name', value: 'free' }] }),
      batching.append({ tenantId, streamId: 'taken', expectedVersion: 1, events: [event(1)], metadata: { commandId: 'done' } }),
      batching.append({ tenantId, streamId: 'd', expectedVersion: 'any', events: [event(1), event(2), event(3)] }),
    ]);
    expect(outcomes.map((o) => (o.status === 'fulfilled' ? (o.value.duplicate ? 'duplicate' : o.value.lastVersion) : o.reason.constructor.name))).toEqual([
      2,
      'WrongExpectedVersionError',
      'ReservationConflictError',
      1,
      'duplicate',
      3,
    ]);
    // The first ones went alone, as many as calls may be under way; those that waited went as one call.
    const after = await sent();
    expect([after.appends - before.appends, after.calls - before.calls]).toEqual([6, APPEND_CALLS_IN_FLIGHT + 1]);
    expect((await batching.readStream(tenantId, 'd')).map((e) => e.streamVersion)).toEqual([1, 2, 3]);
    expect(await batching.readStream(tenantId, 'b')).toHaveLength(0);
    expect(await batching.findReservationHolder(tenantId, { namespace: 'name', value: 'free' })).toBe('c');
    const fulfilled = outcomes.filter((o): o is PromiseFulfilledResult<Awaited<ReturnType<EventStore['append']>>> => o.status === 'fulfilled' && !o.value.duplicate);
    // 'c' and 'd' waited, so they went in one call: one transaction.
    expect(fulfilled.map((o) => o.value.lastVersion)).toEqual([2, 1, 3]);
    expect(new Set(fulfilled.slice(1).map((o) => o.value.checkpoint.transactionId)).size).toBe(1);
  });
});

describe('readAll', () => {
  it('never skips an event that commits late with a lower position than one already read', async () => {
    const start = await drain(LOG_START);
    const tenantId = tenant();
    const slow = new Client({ connectionString: database.url });
    await slow.connect();
    try {
      // Draws its position first, then stays uncommitted while later appends commit.
      await slow.query('BEGIN');
      await slow.query(`SELECT * FROM orgs_append($1, 'slow', 'no_stream', NULL, ARRAY['Happened'], ARRAY[1], ARRAY['{"n":0}'::jsonb], '{}'::jsonb, NULL, ARRAY[]::text[], ARRAY[]::text[], ARRAY[]::text[], ARRAY[]::text[])`, [tenantId]);
      for (let i = 1; i <= 5; i++) await store.append({ tenantId, streamId: `fast-${i}`, expectedVersion: 0, events: [event(i)] });

      const seenWhileOpen: RecordedEvent[] = [];
      const mid = await drain(start.checkpoint, seenWhileOpen);
      expect(seenWhileOpen.filter((e) => e.tenantId === tenantId)).toHaveLength(0);

      await slow.query('COMMIT');
      const seenAfter: RecordedEvent[] = [];
      await drainUntil(mid.checkpoint, seenAfter, () => seenAfter.filter((e) => e.tenantId === tenantId).length >= 6);
      const mine = seenAfter.filter((e) => e.tenantId === tenantId);
      expect(mine.map((e) => e.streamId)).toEqual(['slow', 'fast-1', 'fast-2', 'fast-3', 'fast-4', 'fast-5']);
      expect(new Set(mine.map((e) => e.position)).size).toBe(6);
    } finally {
      await slow.end();
    }
  });

  it('is not held back by a projector\'s open transaction, only by transactions that may append', async () => {
    const start = await drain(LOG_START);
    const tenantId = tenant();
    const projector = new Client({ connectionString: database.url, application_name: PROJECTOR_APPLICATION_NAME });
    const other = new Client({ connectionString: database.url });
    await Promise.all([projector.connect(), other.connect()]);
    try {
      await projector.query('BEGIN');
      await projector.query(`INSERT INTO projection_checkpoints (name) VALUES ('held-open')`); // now holds an xid
      await store.append({ tenantId, streamId: 'a', expectedVersion: 0, events: [event(1)] });
      const seen: RecordedEvent[] = [];
      const afterProjector = await drain(start.checkpoint, seen);
      expect(seen.filter((e) => e.tenantId === tenantId)).toHaveLength(1);

      await other.query('BEGIN');
      await other.query(`INSERT INTO projection_checkpoints (name) VALUES ('may-append')`);
      await store.append({ tenantId, streamId: 'b', expectedVersion: 0, events: [event(2)] });
      const whileOpen: RecordedEvent[] = [];
      await drain(afterProjector.checkpoint, whileOpen);
      expect(whileOpen.filter((e) => e.tenantId === tenantId)).toHaveLength(0);
      await other.query('ROLLBACK');
      const afterwards: RecordedEvent[] = [];
      await drainUntil(afterProjector.checkpoint, afterwards, () => afterwards.some((e) => e.tenantId === tenantId));
      expect(afterwards.filter((e) => e.tenantId === tenantId).map((e) => e.streamId)).toEqual(['b']);
    } finally {
      await projector.query('ROLLBACK').catch(() => undefined);
      await Promise.all([projector.end(), other.end()]);
    }
  });

  it('reads every event exactly once, in order, while 8 writers append concurrently', async () => {
    const tenantId = tenant();
    const seen: RecordedEvent[] = [];
    let checkpoint = (await drain(LOG_START)).checkpoint;
    const writers = Array.from({ length: 8 }, (_, w) =>
      (async () => {
        for (let i = 1; i <= 40; i++) await store.append({ tenantId, streamId: `w${w}`, expectedVersion: 2 * (i - 1), events: [event(i), event(i)] });
      })(),
    );
    let writing = true;
    const all = Promise.all(writers).finally(() => (writing = false));
    while (writing) checkpoint = (await drain(checkpoint, seen, 7)).checkpoint;
    await all;
    await drainUntil(checkpoint, seen, () => seen.filter((e) => e.tenantId === tenantId).length >= 8 * 40 * 2);
    const mine = seen.filter((e) => e.tenantId === tenantId);
    expect(mine).toHaveLength(8 * 40 * 2);
    expect(new Set(mine.map((e) => e.position.toString())).size).toBe(mine.length);
    for (let w = 0; w < 8; w++) {
      const versions = mine.filter((e) => e.streamId === `w${w}`).map((e) => e.streamVersion);
      expect(versions).toEqual(Array.from({ length: 80 }, (_, i) => i + 1));
    }
  });
});

describe('row-level security', () => {
  it('shows the application role only the rows of the tenant its transaction names', async () => {
    const tenantA = tenant();
    const tenantB = tenant();
    await store.append({ tenantId: tenantA, streamId: 's', expectedVersion: 0, events: [event(1)] });
    await store.append({ tenantId: tenantB, streamId: 's', expectedVersion: 0, events: [event(2)] });
    const app = createPool(database.url, { role: APP_ROLE, max: 1 });
    try {
      const client = await app.connect();
      try {
        await client.query('BEGIN');
        await client.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenantA]);
        // No WHERE on the tenant: the policy filters anyway.
        const { rows } = await client.query(`SELECT DISTINCT tenant_id FROM events WHERE tenant_id IN ($1, $2)`, [tenantA, tenantB]);
        expect(rows.map((r) => r.tenant_id)).toEqual([tenantA]);
        await client.query('COMMIT');
        const unnamed = await client.query(`SELECT count(*)::int AS n FROM events`);
        expect(unnamed.rows[0].n).toBe(0);
      } finally {
        client.release();
      }
      // The role's own appends and stream reads act for the tenant they name.
      const appStore = new EventStore(app);
      expect((await appStore.readStream(tenantB, 's')).map((e) => e.tenantId)).toEqual([tenantB]);
    } finally {
      await app.end();
    }
  });
});

async function drain(from: LogCheckpoint, into: RecordedEvent[] = [], batch = 100): Promise<{ checkpoint: LogCheckpoint }> {
  let checkpoint = from;
  for (;;) {
    const events = await store.readAll(checkpoint, batch);
    if (events.length === 0) return { checkpoint };
    into.push(...events);
    const last = events[events.length - 1];
    checkpoint = { transactionId: last.transactionId, position: last.position };
  }
}

/** Other test files' transactions also hold readAll back for a moment: keep reading until done. */
async function drainUntil(from: LogCheckpoint, into: RecordedEvent[], done: () => boolean): Promise<void> {
  let checkpoint = from;
  const deadline = Date.now() + 10_000;
  while (!done() && Date.now() < deadline) {
    checkpoint = (await drain(checkpoint, into)).checkpoint;
    if (!done()) await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
