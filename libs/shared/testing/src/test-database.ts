import { randomBytes } from 'node:crypto';
import { withDatabaseName } from '@orgs/shared/read-models';
import { createDatabaseFromTemplate, dropDatabase, withAdminClient } from './admin-database';
import { runDatabasePrefix, testEnvironment } from './test-environment';

export interface TestDatabase {
  /** Connection URL of the new database. */
  url: string;
  name: string;
  /** Drops it, ending any connection still open to it. The globalTeardown drops it otherwise. */
  drop(): Promise<void>;
}

export interface TestDatabaseOptions {
  /** A database without any table (for tests of the migrations themselves). */
  empty?: boolean;
}

/**
 * A fresh database with every migration applied, cloned from the run's template (much faster than
 * migrating): one per call, so test files running in parallel never see each other's rows.
 */
export async function createTestDatabase(options: TestDatabaseOptions = {}): Promise<TestDatabase> {
  const { runId, databaseUrl, templateDatabase } = testEnvironment();
  const name = `${runDatabasePrefix(runId)}${randomBytes(6).toString('hex')}`;
  const template = options.empty ? 'template0' : templateDatabase;
  await withAdminClient(databaseUrl, (client) => createDatabaseFromTemplate(client, name, template));
  return {
    url: withDatabaseName(databaseUrl, name),
    name,
    drop: () => withAdminClient(databaseUrl, (client) => dropDatabase(client, name)),
  };
}
