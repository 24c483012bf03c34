import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { createPool, EventStore, LOG_START, PROJECTOR_APPLICATION_NAME } from '@orgs/shared/event-store';
import { readCheckpoint, Projector, READ_MODELS_PROJECTION } from '@orgs/shared/projector';
import { createPrismaClient } from '@orgs/shared/read-models';
import { createTestDatabase, eventually, startService, testRedisPrefix, testRedisUrl, type TestDatabase } from '@orgs/shared/testing';
import { readModelSnapshot } from './read-model-snapshot';
import { projections } from './worker';

const TENANTS = 3_000; // 3 events each
const BATCH_SIZE = 2_000;
const KILLS = 3;

let database: TestDatabase;
let pool: Pool;

beforeAll(async () => {
  database = await createTestDatabase();
  pool = createPool(database.url, { max: 10 });
  await seedTenants(new EventStore(pool), TENANTS);
}, 120_000);
afterAll(async () => {
  await pool.end();
  await database.drop();
});

it(`leaves read models equal to a fresh replay after the worker is killed -9 mid-batch ${KILLS} times`, async () => {
  const total = TENANTS * 3;
  for (let kill = 1; kill <= KILLS; kill++) {
    const worker = startWorker();
    await inProjectionBatch();
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 300));
    await worker.stop('SIGKILL');
    const { position } = await readCheckpoint(pool, READ_MODELS_PROJECTION);
    expect(Number(position)).toBeLessThan(total); // the kill landed before the end, mid-batch
  }
  const worker = startWorker();
  try {
    await eventually(async () => (await appliedEvents()) === total, 60_000, 'the restarted worker to catch up');
  } finally {
    await worker.stop();
  }
  expect(await readModelSnapshot(pool)).toEqual(await freshReplay());
}, 240_000);

function startWorker() {
  return startService('apps/worker/src/main.js', {
    DATABASE_URL: database.url,
    REDIS_URL: testRedisUrl(),
    REDIS_PREFIX: testRedisPrefix(),
    WORKER_METRICS_PORT: '0',
    PROJECTION_BATCH_SIZE: String(BATCH_SIZE),
    LOG_LEVEL: 'warn',
  });
}

/** Waits until a projection transaction is writing rows that are not committed yet. */
async function inProjectionBatch(): Promise<void> {
  const name = new URL(database.url).pathname.slice(1);
  await eventually(
    async () => {
      const { rows } = await pool.query(
        `SELECT count(*)::int AS n FROM pg_stat_activity
          WHERE datname = $1 AND xact_start IS NOT NULL AND query ILIKE '%INSERT INTO "public"."%'`,
        [name],
      );
      return rows[0].n > 0;
    },
    30_000,
    'a projection batch to be under way',
  );
}

async function appliedEvents(): Promise<number> {
  const { rows } = await pool.query(`SELECT (SELECT count(*) FROM tenants) + (SELECT count(*) FROM accounts) + (SELECT count(*) FROM api_keys) AS n`);
  return Number(rows[0].n);
}

/** The same log, copied into an empty database and projected in one go. */
async function freshReplay(): Promise<Record<string, unknown[]>> {
  const fresh = await createTestDatabase();
  const freshPool = createPool(fresh.url, { max: 4 });
  const prisma = createPrismaClient(fresh.url, { max: 2, applicationName: PROJECTOR_APPLICATION_NAME });
  try {
    const { rows } = await pool.query(`SELECT position, transaction_id::text AS tx, tenant_id, stream_id, stream_version, event_type, schema_version, data, metadata, recorded_at FROM events ORDER BY position`);
    for (const r of rows) {
      await freshPool.query(
        `INSERT INTO events (position, transaction_id, tenant_id, stream_id, stream_version, event_type, schema_version, data, metadata, recorded_at)
         VALUES ($1, $2::text::xid8, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [r.position, r.tx, r.tenant_id, r.stream_id, r.stream_version, r.event_type, r.schema_version, r.data, r.metadata, r.recorded_at],
      );
    }
    const projector = new Projector(freshPool, new EventStore(freshPool), prisma);
    while ((await projector.runBatch(projections[0], 5_000)).applied > 0);
    expect(await readCheckpoint(freshPool, READ_MODELS_PROJECTION)).not.toMatchObject(LOG_START);
    return await readModelSnapshot(freshPool);
  } finally {
    await prisma.$disconnect();
    await freshPool.end();
    await fresh.drop();
  }
}

async function seedTenants(store: EventStore, count: number): Promise<void> {
  const at = new Date().toISOString();
  const seedOne = (i: number) => {
    const tenantId = randomUUID();
    const accountId = String(100000000000 + i);
    return store.append({
      tenantId,
      streamId: 'tenant',
      expectedVersion: 'no_stream',
      events: [
        { type: 'TenantCreated', data: { tenantId, name: `Tenant ${i}`, createdAt: at } },
        { type: 'AccountCreated', data: { accountId, name: 'Management', email: `admin-${i}@example.com`, createdAt: at } },
        { type: 'ApiKeyIssued', data: { apiKeyId: `key-${i}`, accountId, role: 'ADMIN', keyHash: `hash-${i}`, issuedAt: at } },
      ],
    });
  };
  for (let i = 0; i < count; i += 50) await Promise.all(Array.from({ length: Math.min(50, count - i) }, (_, j) => seedOne(i + j)));
}
