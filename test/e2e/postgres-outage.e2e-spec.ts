import { eventually, TcpProxy } from '@orgs/shared/testing';
import type { GraphqlResult } from './graphql-client';
import { codeOf, E2eService } from './support/e2e-service';

/**
 * Postgres goes away under the running service (API + worker), behind a TCP proxy the test cuts:
 * commands answer the retryable ServiceUnavailableException with HTTP 503 and append nothing; once
 * Postgres is back, the API answers again by itself, the worker resumes, and every command that was
 * accepted shows in the read models.
 */
const orgs = new E2eService('e2e-postgres-outage-operator');
let proxy: TcpProxy;

beforeAll(async () => {
  const direct = new URL(process.env.ORGS_TEST_DATABASE_URL!); // set by the test run's globalSetup
  proxy = await TcpProxy.start({ host: direct.hostname, port: Number(direct.port || 5432) });
  await orgs.start({}, { databaseUrl: (url) => viaProxy(url, proxy.port) });
}, 90_000);
afterAll(async () => {
  await proxy?.open();
  await orgs.stop();
  await proxy?.cut();
});

function viaProxy(url: string, port: number): string {
  const rewritten = new URL(url);
  rewritten.hostname = '127.0.0.1';
  rewritten.port = String(port);
  return rewritten.toString();
}

type CreateOu = { createOrganizationalUnit: { organizationalUnit: { id: string; name: string }; consistencyToken: string } };
const createOu = (key: string, parentId: string, name: string) =>
  orgs.call<CreateOu>(
    'mutation($p: String!, $n: String!) { createOrganizationalUnit(input: { parentId: $p, name: $n }) { organizationalUnit { id name } consistencyToken } }',
    key,
    { p: parentId, n: name },
  );
const listOus = (key: string, parentId: string, token?: string) =>
  orgs.call<{ listOrganizationalUnitsForParent: { organizationalUnits: { name: string }[] } }>(
    'query($p: String!, $t: String) { listOrganizationalUnitsForParent(parentId: $p, consistencyToken: $t, maxResults: 20) { organizationalUnits { name } } }',
    key,
    { p: parentId, t: token },
  );
const retryableOf = (result: GraphqlResult) => (result.errors?.[0]?.extensions as { retryable?: boolean } | undefined)?.retryable;

it('refuses with a retryable 503 while Postgres is away, appends nothing, and recovers by itself', async () => {
  const org = await orgs.organization('outage');
  const before = await createOu(org.key, org.rootId, 'before-the-cut');
  expect(before.errors).toBeUndefined();

  // Commands in flight when the connection drops: each is either accepted or refused as unavailable.
  const inFlight = Array.from({ length: 10 }, (_, i) =>
    new Promise((resolve) => setTimeout(resolve, i * 15)).then(() => createOu(org.key, org.rootId, `in-flight-${i}`)),
  );
  await new Promise((resolve) => setTimeout(resolve, 70));
  await proxy.cut();
  const flown = await Promise.all(inFlight);
  for (const result of flown) if (result.errors) expect(codeOf(result)).toBe('ServiceUnavailableException');

  const eventsAtCut = await orgs.eventCount();
  const cutAt = Date.now();
  const refusals: GraphqlResult[] = [];
  // Long enough for the worker's jobs to fail and back off (BullMQ retries them 0.5, 1, 2, 4 s apart).
  while (Date.now() - cutAt < 9_000) {
    const started = Date.now();
    const refused = await createOu(org.key, org.rootId, `during-the-cut-${refusals.length}`);
    expect(Date.now() - started).toBeLessThan(7_000); // refused within the pool's connection timeout, not hanging
    refusals.push(refused);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  const read = await listOus(org.key, org.rootId);
  for (const refused of [...refusals, read]) {
    expect(refused.status).toBe(503);
    expect(codeOf(refused)).toBe('ServiceUnavailableException');
    expect(retryableOf(refused)).toBe(true);
  }
  expect(refusals.map((r) => r.data?.createOrganizationalUnit ?? null)).toEqual(refusals.map(() => null));
  expect(await orgs.eventCount()).toBe(eventsAtCut); // nothing appended, not even in part

  await proxy.open();
  const after = await eventually(
    async () => {
      const result = await createOu(org.key, org.rootId, 'after-the-cut');
      if (result.errors) expect(codeOf(result)).toBe('ServiceUnavailableException');
      return result.errors ? undefined : result;
    },
    30_000,
    'the API to accept commands again',
  );

  // The worker resumed: the read models show every accepted command, read with the last token.
  const accepted = [before, ...flown, after].filter((r) => !r.errors).map((r) => r.data!.createOrganizationalUnit.organizationalUnit.name);
  const listed = await eventually(
    async () => {
      const result = await listOus(org.key, org.rootId, after.data!.createOrganizationalUnit.consistencyToken);
      return result.errors ? undefined : result.data!.listOrganizationalUnitsForParent.organizationalUnits.map((ou) => ou.name);
    },
    30_000,
    'the read models to show the commands accepted',
  );
  expect(listed).toEqual(expect.arrayContaining(accepted));
  // A refused command in flight may have committed before its answer was lost; none refused during the cut did.
  expect(listed.filter((name) => name.startsWith('during-the-cut'))).toEqual([]);
  const logged = await orgs.sql<{ name: string }>(`SELECT data->>'name' AS name FROM events WHERE event_type = 'OrganizationalUnitCreated'`);
  expect(logged.map((e) => e.name).sort()).toEqual([...listed].sort());
  expect(orgs.service.child.exitCode).toBeNull(); // neither API nor worker gave up (the launcher stops when one dies)
}, 120_000);
