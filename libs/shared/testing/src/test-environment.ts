/**
 * What Jest's globalSetup hands to the test workers. It travels in process.env, which the workers
 * inherit; globalSetup and globalTeardown share the Jest main process (and its globalThis).
 */
const ENV = {
  runId: 'ORGS_TEST_RUN_ID',
  databaseUrl: 'ORGS_TEST_DATABASE_URL',
  templateDatabase: 'ORGS_TEST_TEMPLATE_DATABASE',
  redisUrl: 'ORGS_TEST_REDIS_URL',
} as const;

export interface TestEnvironment {
  /** Distinguishes this Jest run from others sharing the servers (another developer's, CI's). */
  runId: string;
  /** A database on the test server whose user may create databases; tests never write to it. */
  databaseUrl: string;
  /** The migrated database every test database is cloned from. Nobody may connect to it. */
  templateDatabase: string;
  redisUrl: string;
}

export function publishTestEnvironment(environment: TestEnvironment): void {
  for (const key of Object.keys(ENV) as (keyof TestEnvironment)[]) process.env[ENV[key]] = environment[key];
}

export function readTestEnvironment(): TestEnvironment | undefined {
  const values = Object.fromEntries(Object.entries(ENV).map(([key, name]) => [key, process.env[name]]));
  return Object.values(values).every(Boolean) ? (values as unknown as TestEnvironment) : undefined;
}

export function testEnvironment(): TestEnvironment {
  const environment = readTestEnvironment();
  if (!environment) {
    throw new Error(
      `No test servers: ${Object.values(ENV).join(', ')} are unset. They are set by Jest's globalSetup ` +
        '(libs/shared/testing/src/global-setup.ts, configured in jest.config.js); run the tests through that config.',
    );
  }
  return environment;
}

/** Every database of a run starts with this, so the teardown can find them all (and only them). */
export function runDatabasePrefix(runId: string): string {
  return `orgs_test_${runId}_`;
}

/** Every Redis key of a run starts with this. */
export function runRedisPrefix(runId: string): string {
  return `orgs-test:${runId}:`;
}

const CONTAINERS = Symbol.for('orgs.test.containers');

/** Containers the globalSetup started, kept for the globalTeardown (same process, same globalThis). */
export function rememberContainers(containers: { stop(): Promise<unknown> }[]): void {
  (globalThis as Record<symbol, unknown>)[CONTAINERS] = containers;
}

export function takeContainers(): { stop(): Promise<unknown> }[] {
  const containers = ((globalThis as Record<symbol, unknown>)[CONTAINERS] ?? []) as { stop(): Promise<unknown> }[];
  delete (globalThis as Record<symbol, unknown>)[CONTAINERS];
  return containers;
}
