/**
 * `npm run db:migrate`: applies prisma/migrations to DATABASE_URL (default: the local `orgs` database),
 * creating that database first if it does not exist. Needs no native Prisma engine.
 */
import { applyMigrations, ensureDatabaseExists } from '../libs/shared/read-models/src/migrations';

const DEFAULT_DATABASE_URL = 'postgresql://postgres@127.0.0.1:5432/orgs';

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL;
  const target = new URL(url);
  const where = `${target.host}${target.pathname}`; // no password in the output
  if (await ensureDatabaseExists(url)) console.log(`created database ${where}`);
  const { applied } = await applyMigrations(url, { log: (message) => console.log(message) });
  console.log(applied.length ? `${where}: applied ${applied.length} migration(s)` : `${where}: already up to date`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
