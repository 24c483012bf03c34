import type { Pool } from 'pg';
import { randomUUID } from 'node:crypto';
import { createPool, EventStore } from '@orgs/shared/event-store';
import { organizationStreamId } from '@orgs/organizations/domain';
import { createTestDatabase, type TestDatabase } from '@orgs/shared/testing';
import { EVENT_SCHEMAS } from './worker';

let database: TestDatabase;
let pool: Pool;

beforeAll(async () => {
  database = await createTestDatabase();
  pool = createPool(database.url, { max: 4 });
});
afterAll(async () => {
  await pool.end();
  await database.drop();
});

/**
 * ResourceTagged and ResourceUntagged gained `resourceType` in schema version 2. Events written
 * before (version 1, as the code of the time wrote them) are read in the new shape.
 */
it('reads version 1 tag events in the version 2 shape, and writes new ones at version 2', async () => {
  const tenantId = randomUUID();
  const streamId = organizationStreamId('o-abcdefghij');
  const before = new EventStore(pool); // knows no upcasters: writes version 1 like the old code did
  await before.append({
    tenantId,
    streamId,
    expectedVersion: 'no_stream',
    events: [
      { type: 'ResourceTagged', data: { resourceId: 'ou-abcd-12345678', tags: [{ key: 'team', value: 'a' }] } },
      { type: 'ResourceUntagged', data: { resourceId: '123456789012', tagKeys: ['team'] } },
    ],
  });
  const now = new EventStore(pool, undefined, EVENT_SCHEMAS);
  await now.append({
    tenantId,
    streamId,
    expectedVersion: 2,
    events: [{ type: 'ResourceTagged', data: { resourceId: 'r-abcd', resourceType: 'ROOT', tags: [{ key: 'k', value: 'v' }] } }],
  });

  const stored = await pool.query('SELECT schema_version, data FROM events WHERE tenant_id = $1 ORDER BY stream_version', [tenantId]);
  expect(stored.rows.map((r) => r.schema_version)).toEqual([1, 1, 2]);
  expect(stored.rows[0].data).not.toHaveProperty('resourceType');

  const read = await now.readStream(tenantId, streamId);
  expect(read.map((e) => [e.schemaVersion, (e.data as { resourceType: string }).resourceType])).toEqual([
    [2, 'ORGANIZATIONAL_UNIT'],
    [2, 'ACCOUNT'],
    [2, 'ROOT'],
  ]);
  const all = await now.readAll({ transactionId: 0n, position: 0n }, 10);
  expect(all.map((e) => (e.data as { resourceType: string }).resourceType)).toEqual(['ORGANIZATIONAL_UNIT', 'ACCOUNT', 'ROOT']);
});
