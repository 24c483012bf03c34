/** Prisma migrations without Prisma's native engine: driven by @prisma/schema-engine-wasm over pg. */
export { applyMigrations, type MigrationOptions } from './apply-migrations';
export { diffSchemaToMigration, type DiffOptions } from './diff-schema';
export { ensureDatabaseExists } from './ensure-database';
export { databaseNameOf, quoteIdentifier, withDatabaseName } from './database-url';
export { LOCKFILE_CONTENT, LOCKFILE_NAME, migrationsDir, readMigrationsList } from './migration-files';
export { findRepoRoot } from './repo-root';
