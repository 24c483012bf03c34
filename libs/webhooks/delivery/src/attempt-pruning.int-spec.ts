import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { createPool } from '@orgs/shared/event-store';
import { createTestDatabase, type TestDatabase } from '@orgs/shared/testing';
import { pruneDeliveryAttempts } from './attempt-pruning';

let database: TestDatabase;
let pool: Pool;

beforeAll(async () => {
  database = await createTestDatabase();
  pool = createPool(database.url, { max: 2 });
});

afterAll(async () => {
  await pool.end();
  await database.drop();
});

/** `count` attempts at `at`, recorded in that order (ids ascending). */
async function recordAttempts(tenantId: string, at: Date, count: number): Promise<void> {
  await pool.query(
    `INSERT INTO webhook_delivery_attempts (tenant_id, endpoint_id, delivery_seq, message_id, attempted_at, http_status, duration_ms, outcome, response_excerpt)
     SELECT $1, 'we-1', n, 'msg_we-1_' || n, $2, 200, 3, 'DELIVERED', 'ok' FROM generate_series(1, $3) n`,
    [tenantId, at, count],
  );
}

it('prunes the attempts recorded before the cutoff, oldest first, across batches, and keeps the newer ones', async () => {
  const tenantId = randomUUID();
  const day = 86_400_000;
  await recordAttempts(tenantId, new Date(Date.now() - 40 * day), 12_000);
  await recordAttempts(tenantId, new Date(Date.now() - 31 * day), 10);
  await recordAttempts(tenantId, new Date(Date.now() - 2 * day), 7);
  expect(await pruneDeliveryAttempts(pool, new Date(Date.now() - 30 * day))).toBe(12_010);
  const { rows } = await pool.query(`SELECT count(*)::int AS n, min(attempted_at) AS oldest FROM webhook_delivery_attempts WHERE tenant_id = $1`, [tenantId]);
  expect(rows[0].n).toBe(7);
  expect(rows[0].oldest.getTime()).toBeGreaterThan(Date.now() - 3 * day);
  expect(await pruneDeliveryAttempts(pool, new Date(Date.now() - 30 * day))).toBe(0);
});
