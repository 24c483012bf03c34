import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { createPool, EventStore, PROJECTOR_APPLICATION_NAME } from '@orgs/shared/event-store';
import { composeProjection, Projector, readCheckpoint, READ_MODELS_PROJECTION } from '@orgs/shared/projector';
import { tenantsHandlers } from '@orgs/tenants/projection';
import { createPrismaClient, type PrismaClient } from '@orgs/shared/read-models';
import { createTestDatabase, type TestDatabase } from '@orgs/shared/testing';
import { projections } from './worker';

let database: TestDatabase;
let pool: Pool;
const prismas: PrismaClient[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  pool = createPool(database.url, { max: 10 });
});
afterAll(async () => {
  await Promise.all(prismas.map((p) => p.$disconnect()));
  await pool.end();
  await database.drop();
});

function projector(): Projector {
  const prisma = createPrismaClient(database.url, { max: 2, applicationName: PROJECTOR_APPLICATION_NAME });
  prismas.push(prisma);
  return new Projector(pool, new EventStore(pool), prisma);
}

async function appendTenants(count: number): Promise<void> {
  const store = new EventStore(pool);
  const at = new Date().toISOString();
  await Promise.all(
    Array.from({ length: count }, (_, i) => {
      const tenantId = randomUUID();
      return store.append({
        tenantId,
        streamId: 'tenant',
        expectedVersion: 'no_stream',
        events: [{ type: 'TenantCreated', data: { tenantId, name: `T${i}`, createdAt: at } }],
      });
    }),
  );
}

it('applies each event once when several projectors race for the same projection', async () => {
  await appendTenants(300);
  const runners = [projector(), projector(), projector()];
  const outcomes = await Promise.all(
    runners.map(async (runner) => {
      let applied = 0;
      let busy = 0;
      for (let round = 0; round < 200; round++) {
        const outcome = await runner.runBatch(projections[0], 40);
        applied += outcome.applied;
        if (outcome.busy) busy++;
        else if (outcome.applied === 0) break;
      }
      return { applied, busy };
    }),
  );
  expect(outcomes.reduce((sum, o) => sum + o.applied, 0)).toBe(300);
  expect(outcomes.some((o) => o.busy > 0)).toBe(true); // they really did collide
  const { rows } = await pool.query('SELECT count(*)::int AS n FROM tenants');
  expect(rows[0].n).toBe(300);
  const last = await pool.query('SELECT max(position)::text AS p FROM events');
  expect((await readCheckpoint(pool, READ_MODELS_PROJECTION)).position).toBe(BigInt(last.rows[0].p));
});

it('leaves read models and checkpoint untouched when a batch fails part-way', async () => {
  const before = await readCheckpoint(pool, READ_MODELS_PROJECTION);
  const tenantId = randomUUID();
  // Two TenantCreated for one tenant: the second insert fails, so the whole batch must roll back.
  await new EventStore(pool).append({
    tenantId,
    streamId: 'tenant',
    expectedVersion: 'no_stream',
    events: [
      { type: 'TenantCreated', data: { tenantId, name: 'first', createdAt: new Date().toISOString() } },
      { type: 'TenantCreated', data: { tenantId, name: 'again', createdAt: new Date().toISOString() } },
    ],
  });
  await expect(projector().runBatch(projections[0], 100)).rejects.toThrow();
  expect(await readCheckpoint(pool, READ_MODELS_PROJECTION)).toEqual(before);
  const { rows } = await pool.query('SELECT count(*)::int AS n FROM tenants WHERE id = $1', [tenantId]);
  expect(rows[0].n).toBe(0);
});

/** A log of its own: the tests above leave a batch in it that no projection starting from zero can apply. */
describe('batches with Prisma handlers', () => {
  beforeEach(async () => {
    await pool.end();
    database = await createTestDatabase();
    pool = createPool(database.url, { max: 10 });
  });

  it('runs a batch with Prisma handlers in one transaction, in log order with the written statements around them', async () => {
    const tenantId = randomUUID();
    const at = new Date().toISOString();
    // A handler that must read as it goes (Prisma), between two that write SQL.
    const renaming = composeProjection('mixed', [
      tenantsHandlers,
      {
        eventTypes: new Set(['TenantRenamedForTest']),
        tables: ['tenants'],
        apply: async (tx, event) => {
          const { name } = event.data as { name: string };
          const before = await tx.tenant.findUniqueOrThrow({ where: { id: event.tenantId } });
          await tx.tenant.update({ where: { id: event.tenantId }, data: { name: `${before.name} -> ${name}` } });
        },
      },
    ]);
    await new EventStore(pool).append({
      tenantId,
      streamId: 'tenant',
      expectedVersion: 'no_stream',
      events: [
        { type: 'TenantCreated', data: { tenantId, name: 'first', createdAt: at } },
        { type: 'TenantRenamedForTest', data: { name: 'second' } },
        {
          type: 'AccountCreated',
          data: { accountId: '123456789012', name: 'A', email: 'a@example.com', createdAt: at },
        },
      ],
    });
    while ((await projector().runBatch(renaming, 1_000)).more);
    const { rows } = await pool.query(
      'SELECT t.name, count(a.id)::int AS accounts FROM tenants t LEFT JOIN accounts a ON a.tenant_id = t.id WHERE t.id = $1 GROUP BY t.name',
      [tenantId],
    );
    expect(rows).toEqual([{ name: 'first -> second', accounts: 1 }]);
  });

  it('rolls back a Prisma batch whose checkpoint another runner moved first', async () => {
    const first = projector();
    const second = projector();
    await appendTenants(3);
    const mixed = composeProjection('prisma-race', [
      {
        eventTypes: new Set(['TenantCreated']),
        tables: ['tenants'],
        apply: async (tx, event) =>
          void (await tx.tenant.create({ data: { id: event.tenantId, name: 'T', createdAt: new Date() } })),
      },
    ]);
    await first.runBatch(mixed, 1); // both now know the checkpoint after the first event...
    await second.runBatch(mixed, 1); // ...second moves it; first's remembered one is stale
    const stale = await first.runBatch(mixed, 1);
    expect(stale).toMatchObject({ applied: 0, busy: true });
    const retried = await first.runBatch(mixed, 1); // re-reads the checkpoint
    expect(retried.applied).toBe(1);
  });
});
