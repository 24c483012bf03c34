import { Redis } from 'ioredis';
import { databasesStartingWith, dropDatabase, withAdminClient } from './admin-database';
import { runDatabasePrefix, runRedisPrefix, takeContainers, type TestEnvironment } from './test-environment';

/**
 * Removes everything this run created: its databases (the template and the test databases that the
 * tests did not drop), its Redis keys, and the containers it started. Other runs' are left alone.
 */
export async function cleanUpRun(environment: Partial<TestEnvironment>): Promise<void> {
  try {
    const { runId, databaseUrl, redisUrl } = environment;
    if (runId && databaseUrl) await dropRunDatabases(databaseUrl, runId);
    if (runId && redisUrl) await deleteRunRedisKeys(redisUrl, runId);
  } finally {
    await Promise.allSettled(takeContainers().map((container) => container.stop()));
  }
}

async function dropRunDatabases(databaseUrl: string, runId: string): Promise<void> {
  await withAdminClient(databaseUrl, async (client) => {
    for (const name of await databasesStartingWith(client, runDatabasePrefix(runId))) {
      await dropDatabase(client, name);
    }
  });
}

async function deleteRunRedisKeys(redisUrl: string, runId: string): Promise<void> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${runRedisPrefix(runId)}*`, 'COUNT', 1000);
      if (keys.length) await redis.unlink(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
