import pg from 'pg';
import { NO_FILTERS, readMigrationsList, readSchemaFiles } from './migration-files';
import { findRepoRoot } from './repo-root';
import { withSchemaEngine } from './wasm-schema-engine';

export interface MigrationOptions {
  /** Progress messages (the engine's and ours). Silent by default. */
  log?: (message: string) => void;
  /** The checkout that holds `prisma/`; found by walking up from this file by default. */
  root?: string;
}

/**
 * Our own lock, distinct from the 72707369 that the engine (like `prisma migrate deploy`) takes on its
 * own connection: taking that one here would make the engine wait for us forever.
 */
const LOCK_KEY_SQL = "hashtext('orgs:apply-migrations')";

/**
 * Applies the not-yet-applied `prisma/migrations/<name>/migration.sql` in name order and records them in
 * `_prisma_migrations` with the same checksums as `prisma migrate deploy`. Idempotent, and safe when
 * several processes start at once: they queue on an advisory lock, and the later ones find nothing to do.
 * A failed migration stays recorded as failed and blocks later calls, exactly as with Prisma's CLI.
 */
export async function applyMigrations(
  databaseUrl: string,
  options: MigrationOptions = {},
): Promise<{ applied: string[] }> {
  const log = options.log ?? (() => undefined);
  const root = options.root ?? findRepoRoot();
  return withAdvisoryLock(databaseUrl, async () => {
    const { appliedMigrationNames } = await withSchemaEngine(databaseUrl, readSchemaFiles(root), log, (engine) =>
      engine.applyMigrations({ migrationsList: readMigrationsList(root), filters: NO_FILTERS }),
    );
    log(appliedMigrationNames.length ? `applied ${appliedMigrationNames.join(', ')}` : 'no migration to apply');
    return { applied: appliedMigrationNames };
  });
}

async function withAdvisoryLock<T>(databaseUrl: string, work: () => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl });
  // A dropped connection also rejects the pending query; without a listener it would crash the process.
  client.on('error', () => undefined);
  await client.connect();
  try {
    await client.query(`SELECT pg_advisory_lock(${LOCK_KEY_SQL})`);
    return await work();
  } finally {
    // Ending the session releases the lock, even when an explicit unlock could not be sent.
    await client.end();
  }
}
