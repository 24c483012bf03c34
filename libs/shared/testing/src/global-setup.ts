import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { applyMigrations, quoteIdentifier, withDatabaseName } from '@orgs/shared/read-models';
import { withAdminClient } from './admin-database';
import { cleanUpRun } from './run-cleanup';
import { provideTestServers } from './test-servers';
import { publishTestEnvironment, rememberContainers, runDatabasePrefix } from './test-environment';

/**
 * Jest globalSetup (see jest.config.js): finds or starts Postgres and Redis, migrates a template database
 * once for the whole run, and publishes where they are to the test workers (process.env).
 */
export default async function globalSetup(): Promise<void> {
  buildDist();
  const servers = await provideTestServers();
  rememberContainers(servers.containers);
  // Time first, so that run ids sort by age; the random part keeps simultaneous runs apart.
  const runId = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  const environment = {
    runId,
    databaseUrl: servers.databaseUrl,
    templateDatabase: `${runDatabasePrefix(runId)}template`,
    redisUrl: servers.redisUrl,
  };
  try {
    await prepareTemplate(environment.databaseUrl, environment.templateDatabase);
  } catch (error) {
    await cleanUpRun(environment); // Jest runs no globalTeardown when the globalSetup fails
    throw error;
  }
  publishTestEnvironment(environment);
}

async function prepareTemplate(adminUrl: string, template: string): Promise<void> {
  await withAdminClient(adminUrl, (client) => client.query(`CREATE DATABASE ${quoteIdentifier(template)}`));
  await applyMigrations(withDatabaseName(adminUrl, template));
  // CREATE DATABASE ... TEMPLATE fails while anyone is connected to the template: from now on nobody can.
  await withAdminClient(adminUrl, (client) =>
    client.query(`ALTER DATABASE ${quoteIdentifier(template)} ALLOW_CONNECTIONS false`),
  );
}

/** Tests that run the service as a user would (worker crashes, end to end) start the compiled dist/. */
function buildDist(): void {
  execFileSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit' });
}
