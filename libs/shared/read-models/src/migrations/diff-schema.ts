import type { MigrationOptions } from './apply-migrations';
import { NO_FILTERS, readMigrationsList, readSchemaFiles } from './migration-files';
import { findRepoRoot } from './repo-root';
import { withSchemaEngine } from './wasm-schema-engine';

export interface DiffOptions extends MigrationOptions {
  /** Diff from an empty database instead of from the existing migrations (to write a first migration). */
  fromEmpty?: boolean;
}

/** `exitCode` of a diff asked for with `exitCode: true` when the two sides differ (as `--exit-code`). */
const DIFF_NOT_EMPTY = 2;

/**
 * The SQL that takes a database from `prisma/migrations` to `prisma/schema.prisma`: the script
 * `prisma migrate dev --create-only` would write. Empty when the schema has no change.
 *
 * The migrations are replayed on a temporary shadow database created (and dropped) on the server of
 * `databaseUrl`; that database itself is only connected to, never changed, so any existing one works
 * (e.g. `postgres`) as long as its user may create databases.
 */
export async function diffSchemaToMigration(databaseUrl: string, options: DiffOptions = {}): Promise<string> {
  const root = options.root ?? findRepoRoot();
  const schemaFiles = readSchemaFiles(root);
  const migrations = readMigrationsList(root);
  // Replaying no migration (rather than diffing from `{ tag: 'empty' }`) gives what `migrate dev` writes
  // for a first migration: the shadow database already has the `public` schema, so no CREATE SCHEMA.
  if (options.fromEmpty) migrations.migrationDirectories = [];
  const result = await withSchemaEngine(databaseUrl, schemaFiles, options.log ?? (() => undefined), (engine) =>
    engine.diff({
      from: { tag: 'migrations', ...migrations },
      to: { tag: 'schemaDatamodel', files: schemaFiles },
      script: true,
      exitCode: true,
      filters: NO_FILTERS,
    }),
  );
  // With no difference, stdout still holds a comment ("-- This is an empty migration.").
  return result.exitCode === DIFF_NOT_EMPTY ? (result.stdout ?? '') : '';
}
