import { readdirSync } from 'node:fs';
import { Redis } from 'ioredis';
import pg from 'pg';
import { findRepoRoot, migrationsDir } from '@orgs/shared/read-models';
import { createTestDatabase, testRedisPrefix, testRedisUrl, type TestDatabase } from './index';

async function query<R extends pg.QueryResultRow>(url: string, sql: string, values: unknown[] = []): Promise<R[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<R>(sql, values)).rows;
  } finally {
    await client.end();
  }
}

const migrationNames = readdirSync(migrationsDir(findRepoRoot()), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

describe('createTestDatabase', () => {
  let first: TestDatabase;
  let second: TestDatabase;

  beforeAll(async () => {
    [first, second] = await Promise.all([createTestDatabase(), createTestDatabase()]);
  });

  afterAll(async () => {
    await Promise.all([first?.drop(), second?.drop()]);
  });

  it('gives a database with every migration applied', async () => {
    const [{ events }] = await query<{ events: string | null }>(
      first.url,
      "SELECT to_regclass('public.events') AS events",
    );
    expect(events).toBe('events');
    const applied = await query<{ migration_name: string }>(
      first.url,
      'SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY 1',
    );
    expect(migrationNames[0]).toBe('20261123000000_init');
    expect(applied.map((row) => row.migration_name)).toEqual(migrationNames);
  });

  it('gives a new, independent database on each call', async () => {
    expect(first.name).not.toBe(second.name);
    await query(first.url, "INSERT INTO projection_checkpoints (name) VALUES ('only-in-first')");
    expect(await query(first.url, 'SELECT name FROM projection_checkpoints')).toEqual([{ name: 'only-in-first' }]);
    expect(await query(second.url, 'SELECT name FROM projection_checkpoints')).toEqual([]);
  });

  it('drops the database, even with a connection still open', async () => {
    const extra = await createTestDatabase();
    const leaked = new pg.Client({ connectionString: extra.url });
    leaked.on('error', () => undefined); // the drop terminates it
    await leaked.connect();
    await extra.drop();
    const found = await query(first.url, 'SELECT 1 FROM pg_database WHERE datname = $1', [extra.name]);
    expect(found).toEqual([]);
    await leaked.end().catch(() => undefined);
  });
});

describe('testRedisPrefix', () => {
  it('is stable within a test file and keeps keys apart on the run Redis', async () => {
    const prefix = testRedisPrefix();
    expect(testRedisPrefix()).toBe(prefix);
    expect(prefix).toMatch(/^orgs-test:\w+:test-database\.int-spec:[0-9a-f]+$/);
    const redis = new Redis(testRedisUrl());
    try {
      await redis.set(`${prefix}:probe`, 'ok');
      expect(await redis.get(`${prefix}:probe`)).toBe('ok');
    } finally {
      redis.disconnect();
    }
  });
});
