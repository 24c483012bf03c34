import { Client } from 'pg';
import Redis from 'ioredis';

const START_HINT =
  'Start it locally, or with `docker compose up -d postgres redis`, or point DATABASE_URL / REDIS_URL at a running server.';

/**
 * Fails in seconds, naming the URL, when Postgres or Redis does not answer. Creates the database
 * named in DATABASE_URL when the server has none by that name (the local default `orgs`, say).
 */
export async function prepareDependencies(databaseUrl: string, redisUrl: string): Promise<void> {
  try {
    await ensureDatabaseExists(databaseUrl);
  } catch (error) {
    throw new Error(`PostgreSQL does not answer at ${redact(databaseUrl)}: ${(error as Error).message}. ${START_HINT}`);
  }
  await assertRedis(redisUrl);
}

async function assertRedis(url: string): Promise<void> {
  const redis = new Redis(url, { lazyConnect: true, connectTimeout: 3_000, maxRetriesPerRequest: 0, retryStrategy: () => null });
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    throw new Error(`Redis does not answer at ${redact(url)}: ${(error as Error).message}. ${START_HINT}`);
  } finally {
    redis.disconnect();
  }
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]+@/, '//$1:***@');
}

async function ensureDatabaseExists(databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.slice(1));
  url.pathname = '/postgres';
  const client = new Client({ connectionString: url.toString(), connectionTimeoutMillis: 3_000 });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`).catch(ignoreDuplicate);
  } finally {
    await client.end();
  }
}

function ignoreDuplicate(error: { code?: string }): void {
  if (error.code !== '42P04') throw error;
}
