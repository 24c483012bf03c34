import type { Pool } from 'pg';
import { createPool } from '@orgs/shared/event-store';
import { createTestDatabase, type TestDatabase } from '@orgs/shared/testing';
import { readConsistency } from './consistency';

/**
 * Followers read the log in (transaction id, position) order. Two events whose orders disagree:
 * position 10 written by transaction 100, position 9 by transaction 200 (a transaction that took
 * its id before the other but its position after). A projection that has applied both stands at
 * (200, 9): it is caught up, although position 10 is higher than its checkpoint's.
 */
let database: TestDatabase;
let pool: Pool;

beforeAll(async () => {
  database = await createTestDatabase();
  pool = createPool(database.url);
  const tenant = '00000000-0000-4000-8000-000000000001';
  await pool.query(
    `INSERT INTO events (position, transaction_id, tenant_id, stream_id, stream_version, event_type, data, metadata, recorded_at)
     VALUES (10, '100', $1, 's-a', 1, 'Happened', '{}', '{}', now() - interval '5 seconds'),
            (9,  '200', $1, 's-b', 1, 'Happened', '{}', '{}', now() - interval '3 seconds')`,
    [tenant],
  );
});
afterAll(async () => {
  await pool.end();
  await database.drop();
});

async function standAt(transactionId: number, position: number) {
  await pool.query(
    `INSERT INTO projection_checkpoints (name, last_transaction_id, last_position) VALUES ('probe', $1, $2)
     ON CONFLICT (name) DO UPDATE SET last_transaction_id = $1, last_position = $2`,
    [transactionId, position],
  );
  const { lastPosition, projections } = await readConsistency(pool);
  return { lastPosition, probe: projections.find((p) => p.name === 'probe')! };
}

it('counts what follows the checkpoint in the log order, and its age', async () => {
  const fresh = await standAt(0, 0);
  expect(fresh.lastPosition).toBe(10n);
  expect(fresh.probe.lagEvents).toBe(2);
  expect(fresh.probe.lagMs).toBeGreaterThanOrEqual(4_500); // the older event, of transaction 100

  const halfway = await standAt(100, 10);
  expect(halfway.probe.lagEvents).toBe(1);
  expect(halfway.probe.lagMs).toBeGreaterThanOrEqual(2_500);
  expect(halfway.probe.lagMs).toBeLessThan(4_500); // the event of transaction 200

  const caughtUp = await standAt(200, 9);
  expect(caughtUp.probe).toMatchObject({ position: 9n, lagEvents: 0, lagMs: 0 }); // not lagging behind position 10
});
