import { Client } from 'pg';
import { freePort } from '@orgs/shared/testing';
import { codeOf, E2eService } from './support/e2e-service';

/**
 * The projection's lag made visible and bounded: the `consistency` query and the metrics show it,
 * and a read waiting for its own write gives up after CONSISTENCY_WAIT_MS with a retryable error.
 * The test holds the read-models projection's lock to stop the worker from projecting.
 */
const orgs = new E2eService('e2e-consistency-operator');
const WAIT_MS = 3_000;
let workerMetricsPort: number;

beforeAll(async () => {
  workerMetricsPort = await freePort();
  await orgs.start({ CONSISTENCY_WAIT_MS: String(WAIT_MS), WORKER_METRICS_PORT: String(workerMetricsPort) });
}, 90_000);
afterAll(() => orgs.stop());

interface Consistency {
  lastPosition: string;
  projections: { name: string; position: string; lagEvents: number; lagMs: number }[];
}

const consistencyOf = async (key: string) =>
  (await orgs.ok<{ consistency: Consistency }>('{ consistency { lastPosition projections { name position lagEvents lagMs } } }', key)).consistency;
const readModelsOf = (c: Consistency) => c.projections.find((p) => p.name === 'read-models')!;

async function holdingTheProjection<T>(work: () => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: orgs.database.url });
  await client.connect();
  await client.query(`SELECT pg_advisory_lock(hashtext('projection:read-models'))`);
  try {
    return await work();
  } finally {
    await client.query(`SELECT pg_advisory_unlock(hashtext('projection:read-models'))`);
    await client.end();
  }
}

const createOu = (key: string, parentId: string, name: string) =>
  orgs.ok<{ createOrganizationalUnit: { consistencyToken: string } }>(
    'mutation($p: String!, $n: String!) { createOrganizationalUnit(input: { parentId: $p, name: $n }) { consistencyToken } }',
    key,
    { p: parentId, n: name },
  );

it('shows the lag while the projection is held, bounds a read waiting for its write, and catches up', async () => {
  const org = await orgs.organization('consistency');
  await orgs.ok('query($t: String) { describeOrganization(consistencyToken: $t) { organization { id } } }', org.key, { t: org.token });
  expect(readModelsOf(await consistencyOf(org.key)).lagEvents).toBe(0);

  const { token, during, waited, timedOut, metrics } = await holdingTheProjection(async () => {
    let latest = '';
    for (let i = 0; i < 5; i++) latest = (await createOu(org.key, org.rootId, `held-${i}`)).createOrganizationalUnit.consistencyToken;
    await new Promise((resolve) => setTimeout(resolve, 300));
    const during = await consistencyOf(org.key);
    const started = Date.now();
    const read = await orgs.call('query($t: String) { listOrganizationalUnitsForParent(parentId: "' + org.rootId + '", consistencyToken: $t) { organizationalUnits { id } } }', org.key, { t: latest });
    const metrics = await (await fetch(`${orgs.baseUrl}/metrics`)).text();
    return { token: latest, during, waited: Date.now() - started, timedOut: read, metrics };
  });

  expect(readModelsOf(during).lagEvents).toBeGreaterThanOrEqual(5);
  expect(readModelsOf(during).lagMs).toBeGreaterThanOrEqual(300);
  expect(BigInt(during.lastPosition)).toBeGreaterThan(BigInt(readModelsOf(during).position));
  expect(codeOf(timedOut)).toBe('ConsistencyTimeoutException');
  expect((timedOut.errors?.[0]?.extensions as { retryable?: boolean }).retryable).toBe(true);
  expect(waited).toBeGreaterThanOrEqual(WAIT_MS - 50);
  expect(waited).toBeLessThan(WAIT_MS + 2_000);
  expect(metrics).toMatch(/orgs_projection_lag_positions\{projection="read-models"\} ([5-9]|\d\d+)/);
  expect(metrics).toMatch(/orgs_projection_lag_milliseconds\{projection="read-models"\} [1-9]/);

  // Released: the worker catches up by itself, and the same read now answers.
  const { listOrganizationalUnitsForParent } = await orgs.ok<{ listOrganizationalUnitsForParent: { organizationalUnits: { id: string }[] } }>(
    'query($p: String!, $t: String) { listOrganizationalUnitsForParent(parentId: $p, consistencyToken: $t) { organizationalUnits { id } } }',
    org.key,
    { p: org.rootId, t: token },
  );
  expect(listOrganizationalUnitsForParent.organizationalUnits).toHaveLength(5);
  expect(readModelsOf(await consistencyOf(org.key)).lagEvents).toBe(0);
});

it("exposes the worker's queue depths and lag as Prometheus metrics", async () => {
  const metrics = await (await fetch(`http://127.0.0.1:${workerMetricsPort}/metrics`)).text();
  expect(metrics).toMatch(/orgs_queue_jobs\{queue="log-followers",state="waiting"\} \d+/);
  expect(metrics).toMatch(/orgs_queue_jobs\{queue="reaction-[\w-]+",state="delayed"\} \d+/);
  expect(metrics).toMatch(/orgs_projection_lag_positions\{projection="read-models"\} \d+/);
});
