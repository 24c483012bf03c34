/**
 * A throwaway database and Redis prefix per run: the figures must not depend on what other
 * developers' tests left behind, and nothing of the run may stay behind either.
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import pg from 'pg';
import { quoteIdentifier, withDatabaseName } from '@orgs/shared/read-models';
import { ADMIN_URL, DATABASE_PREFIX, LOOPBACK_HOSTS, REDIS_PREFIX_STEM, REDIS_URL } from './config';

export interface Scratch {
  databaseName: string;
  databaseUrl: string;
  redisPrefix: string;
  /** Idempotent: called from `finally`, from signal handlers and from the watchdog. */
  drop(): Promise<void>;
}

function assertLoopback(url: string, what: string): void {
  const host = new URL(url).hostname;
  if (!LOOPBACK_HOSTS.has(host))
    throw new Error(`${what} points at ${host}; this benchmark only runs against loopback servers`);
}

export async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function createScratch(): Promise<Scratch> {
  assertLoopback(ADMIN_URL, 'DATABASE_URL');
  assertLoopback(REDIS_URL, 'REDIS_URL');
  const suffix = randomBytes(4).toString('hex');
  const databaseName = `${DATABASE_PREFIX}${suffix}`;
  await withClient(ADMIN_URL, (c) => c.query(`CREATE DATABASE ${quoteIdentifier(databaseName)}`));
  const redisPrefix = `${REDIS_PREFIX_STEM}-${suffix}`;
  let dropped: Promise<void> | undefined;
  const drop = () =>
    (dropped ??= (async () => {
      // FORCE: connections of a child that did not stop cleanly must not keep the database alive.
      await withClient(ADMIN_URL, (c) =>
        c.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(databaseName)} WITH (FORCE)`),
      );
      await deleteRedisKeys(redisPrefix);
    })());
  return { databaseName, databaseUrl: withDatabaseName(ADMIN_URL, databaseName), redisPrefix, drop };
}

async function deleteRedisKeys(prefix: string): Promise<void> {
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1, lazyConnect: true });
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
