import type { Pool } from 'pg';
import { createPool } from '@orgs/shared/event-store';
import { createTestDatabase, type TestDatabase } from '@orgs/shared/testing';
import { json, sql } from './sql-batch';

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

const NASTY = ["O'Brien", 'back\\slash', "\\'", "'; DROP TABLE accounts; --", 'ünïcødé ✓', 'tab\tnew\nline', '$$dollar$$', '"quoted"'];

it('reads back every value exactly as written, however it is quoted', async () => {
  for (const value of NASTY) {
    const { rows } = await pool.query(sql`SELECT ${value}::text AS text, ${json({ value })} AS doc`.text);
    expect(rows[0]).toEqual({ text: value, doc: { value } });
  }
});
