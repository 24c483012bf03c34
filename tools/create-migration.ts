/**
 * `npm run db:migration -- <name> [--from-empty]`: writes prisma/migrations/<YYYYMMDDHHMMSS>_<name>/migration.sql
 * with the SQL that takes the existing migrations to prisma/schema.prisma (what `prisma migrate dev
 * --create-only` writes), or prints "no changes". `--from-empty` diffs from an empty database instead.
 * The migrations are replayed on a temporary shadow database on the server of DATABASE_URL (default: the
 * local `postgres` database), which is otherwise left alone.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  LOCKFILE_CONTENT,
  LOCKFILE_NAME,
  diffSchemaToMigration,
  findRepoRoot,
  migrationsDir,
} from '../libs/shared/read-models/src/migrations';

const DEFAULT_DATABASE_URL = 'postgresql://postgres@127.0.0.1:5432/postgres';

async function main(args: string[]): Promise<void> {
  const name = migrationName(args.find((arg) => !arg.startsWith('--')));
  const root = findRepoRoot();
  const url = process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL;
  const sql = await diffSchemaToMigration(url, { root, fromEmpty: args.includes('--from-empty') });
  if (!sql) {
    console.log('no changes');
    return;
  }
  const file = path.join(migrationsDir(root), `${timestamp(new Date())}_${name}`, 'migration.sql');
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, sql);
  const lockfile = path.join(migrationsDir(root), LOCKFILE_NAME);
  if (!existsSync(lockfile)) writeFileSync(lockfile, LOCKFILE_CONTENT);
  console.log(`created ${path.relative(process.cwd(), file)}`);
}

/** Letters, digits and underscores, as in Prisma's own migration folder names. */
function migrationName(raw: string | undefined): string {
  const name = (raw ?? '')
    .trim()
    .replace(/[^A-Za-z0-9_]+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (!name) throw new Error('usage: npm run db:migration -- <name> [--from-empty]   (e.g. add_policies)');
  return name;
}

/** UTC YYYYMMDDHHMMSS, the prefix Prisma gives migration folders (so they sort in creation order). */
function timestamp(date: Date): string {
  return date.toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
