import { createTestDatabase, freePort, startService } from '@orgs/shared/testing';

/** A service that cannot reach its servers says so, naming the URL, within seconds. */
describe('start-up without its servers', () => {
  it('fails fast when PostgreSQL does not answer', async () => {
    const deadUrl = `postgresql://postgres@127.0.0.1:${await freePort()}/orgs`;
    const started = Date.now();
    const api = startService('apps/api/src/main.js', { DATABASE_URL: deadUrl, PORT: String(await freePort()) });
    await api.waitForOutput(/PostgreSQL does not answer at postgresql:\/\/postgres@127\.0\.0\.1:\d+\/orgs.*docker compose up -d postgres redis/, 15_000);
    expect(await api.exited()).toBe(1);
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it('fails fast when Redis does not answer', async () => {
    const database = await createTestDatabase();
    try {
      const deadRedis = `redis://127.0.0.1:${await freePort()}`;
      const worker = startService('apps/worker/src/main.js', { DATABASE_URL: database.url, REDIS_URL: deadRedis, WORKER_METRICS_PORT: '0' });
      await worker.waitForOutput(/Redis does not answer at redis:\/\/127\.0\.0\.1:\d+/, 15_000);
      expect(await worker.exited()).toBe(1);
    } finally {
      await database.drop();
    }
  });
});
