import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createTestDatabase, type TestDatabase } from '@orgs/shared/testing';
import pg from 'pg';
import { applyMigrations, diffSchemaToMigration, findRepoRoot, migrationsDir, readMigrationsList } from '@orgs/shared/read-models';

const root = findRepoRoot();
const migrationNames = readMigrationsList(root).migrationDirectories.map((directory) => directory.path);

async function appliedMigrations(url: string): Promise<{ migration_name: string; checksum: string }[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const sql = 'SELECT migration_name, checksum FROM _prisma_migrations WHERE finished_at IS NOT NULL ORDER BY 1';
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

/** What `prisma migrate deploy` records: the SHA-256 of the script file, in hex. */
function checksumOf(name: string): string {
  const script = readFileSync(path.join(migrationsDir(root), name, 'migration.sql'));
  return createHash('sha256').update(script).digest('hex');
}

describe('applyMigrations', () => {
  let database: TestDatabase;

  beforeEach(async () => {
    database = await createTestDatabase({ empty: true });
  });

  afterEach(async () => {
    await database.drop();
  });

  it('applies every migration once, recorded as prisma migrate deploy records them', async () => {
    expect(await applyMigrations(database.url)).toEqual({ applied: migrationNames });
    expect(await applyMigrations(database.url)).toEqual({ applied: [] });
    const expected = migrationNames.map((name) => ({ migration_name: name, checksum: checksumOf(name) }));
    expect(await appliedMigrations(database.url)).toEqual(expected);
  });

  it('applies each migration once when several processes start together', async () => {
    const results = await Promise.all([1, 2, 3].map(() => applyMigrations(database.url)));
    expect(results.flatMap((result) => result.applied)).toEqual(migrationNames);
    expect(await appliedMigrations(database.url)).toHaveLength(migrationNames.length);
  });
});

describe('diffSchemaToMigration', () => {
  it('finds nothing missing from prisma/migrations (else run `npm run db:migration -- <name>`)', async () => {
    const { url, drop } = await createTestDatabase();
    try {
      expect(await diffSchemaToMigration(url)).toBe('');
    } finally {
      await drop();
    }
  });

  it('writes the whole schema when diffing from an empty database', async () => {
    const { url, drop } = await createTestDatabase();
    try {
      const sql = await diffSchemaToMigration(url, { fromEmpty: true });
      expect(sql).toContain('"transaction_id" xid8 NOT NULL DEFAULT pg_current_xact_id()');
      expect(sql).toContain('CREATE TABLE "events"');
    } finally {
      await drop();
    }
  });
});
