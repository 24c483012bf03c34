import { PostgreSqlContainer } from '@testcontainers/postgresql';
import { RedisContainer } from '@testcontainers/redis';
import { Redis } from 'ioredis';
import pg from 'pg';

export const DEFAULT_DATABASE_URL = 'postgresql://postgres@127.0.0.1:5432/postgres';
export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';
const CONNECT_TIMEOUT_MS = 2000;

/** A container this run started, to be stopped by the teardown. */
export interface StoppableServer {
  stop(): Promise<unknown>;
}

export interface TestServers {
  databaseUrl: string;
  redisUrl: string;
  containers: StoppableServer[];
}

/**
 * Postgres and Redis for the integration tests: DATABASE_URL / REDIS_URL (or the local default ports)
 * when a server answers there, otherwise a container started with testcontainers. Fails with what was
 * tried and how to fix it when neither works: the integration tests are never skipped.
 */
export async function provideTestServers(env: NodeJS.ProcessEnv = process.env): Promise<TestServers> {
  const databaseUrl = env.DATABASE_URL || DEFAULT_DATABASE_URL;
  const redisUrl = env.REDIS_URL || DEFAULT_REDIS_URL;
  const [postgres, redis] = await Promise.all([
    findOrStart('PostgreSQL', databaseUrl, pingPostgres, startPostgresContainer),
    findOrStart('Redis', redisUrl, pingRedis, startRedisContainer),
  ]);
  const containers = [postgres, redis].flatMap((found) => (found.container ? [found.container] : []));
  if (!postgres.url || !redis.url) {
    await Promise.allSettled(containers.map((container) => container.stop()));
    throw new Error(unavailableMessage([postgres, redis]));
  }
  return { databaseUrl: postgres.url, redisUrl: redis.url, containers };
}

interface Found {
  /** Unset when the server could neither be reached nor started. */
  url?: string;
  container?: StoppableServer;
  report: string;
}

async function findOrStart(
  name: string,
  url: string,
  ping: (url: string) => Promise<void>,
  start: () => Promise<{ url: string; container: StoppableServer }>,
): Promise<Found> {
  try {
    await ping(url);
    return { url, report: `${name}: ${redact(url)} answered.` };
  } catch (pingError) {
    try {
      const started = await start();
      return { ...started, report: `${name}: started a container at ${redact(started.url)}.` };
    } catch (startError) {
      const report =
        `${name}: nothing answered at ${redact(url)} (${messageOf(pingError)}), ` +
        `and no container could be started (${messageOf(startError)}).`;
      return { report };
    }
  }
}

async function pingPostgres(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function pingRedis(url: string): Promise<void> {
  // No retries and no offline queue: one attempt, answered or failed within the timeout.
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: CONNECT_TIMEOUT_MS,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  let lastError: unknown;
  redis.on('error', (error) => (lastError = error));
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    throw lastError ?? error; // connect() only says "Connection is closed."; the event says why
  } finally {
    redis.disconnect();
  }
}

// The images docker-compose.yml uses, so a machine that ran it already has them.
async function startPostgresContainer(): Promise<{ url: string; container: StoppableServer }> {
  const container = await new PostgreSqlContainer('postgres:15').start();
  return { url: container.getConnectionUri(), container };
}

async function startRedisContainer(): Promise<{ url: string; container: StoppableServer }> {
  const container = await new RedisContainer('redis:7').start();
  return { url: container.getConnectionUrl(), container };
}

function unavailableMessage(found: Found[]): string {
  return [
    'The integration tests need PostgreSQL and Redis, and could not get them all:',
    ...found.map((server) => `  - ${server.report}`),
    'Start the servers locally (PostgreSQL on 127.0.0.1:5432, Redis on 127.0.0.1:6379), or point',
    'DATABASE_URL / REDIS_URL at running ones, or run `docker compose up -d postgres redis`,',
    'or make a Docker engine available so that testcontainers can start them.',
  ].join('\n');
}

function messageOf(error: unknown): string {
  if (error instanceof AggregateError) return error.errors.map(messageOf).join('; ');
  return error instanceof Error ? error.message || error.name : String(error);
}

/** The URL without its password, for messages. */
export function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return url;
  }
}
