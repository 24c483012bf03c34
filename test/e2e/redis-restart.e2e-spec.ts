import { eventually, ThrowawayRedis } from '@orgs/shared/testing';
import type { GraphqlResult } from './graphql-client';
import { E2eService, uniqueEmail } from './support/e2e-service';

/**
 * The service's Redis (BullMQ's queues and schedules) is killed and started again empty while
 * commands and createAccount calls are in flight: every accepted command is still projected, and
 * every create-account request ends SUCCEEDED once, with one account, because the log and the
 * reactions' job ledger in Postgres hold what Redis lost.
 */
const orgs = new E2eService('e2e-redis-restart-operator');
let redis: ThrowawayRedis;

const REQUESTS = 12;
const COMMANDS = 24;

beforeAll(async () => {
  redis = await ThrowawayRedis.start();
  await orgs.start({ REDIS_URL: redis.url });
}, 90_000);
afterAll(async () => {
  await orgs.stop();
  await redis?.kill();
});

type CreateOu = { createOrganizationalUnit: { organizationalUnit: { name: string }; consistencyToken: string } };
type CreateAccount = { createAccount: { createAccountStatus: { id: string }; consistencyToken: string } };
type Status = { state: string; accountId: string | null; failureReason: string | null };

const createOu = (key: string, parentId: string, name: string) =>
  orgs.call<CreateOu>(
    'mutation($p: String!, $n: String!) { createOrganizationalUnit(input: { parentId: $p, name: $n }) { organizationalUnit { name } consistencyToken } }',
    key,
    { p: parentId, n: name },
  );
const createAccount = (key: string, name: string) =>
  orgs.call<CreateAccount>(
    'mutation($input: CreateAccountInput!) { createAccount(input: $input) { createAccountStatus { id } consistencyToken } }',
    key,
    { input: { accountName: name, email: uniqueEmail(name) } },
  );
const statusOf = (key: string, id: string, token: string) =>
  orgs.ok<{ describeCreateAccountStatus: { createAccountStatus: Status } }>(
    'query($id: String!, $t: String) { describeCreateAccountStatus(createAccountRequestId: $id, consistencyToken: $t) { createAccountStatus { state accountId failureReason } } }',
    key,
    { id, t: token },
  );

/**
 * As a client does: a retryable refusal (the one organization's stream is busy) is asked again, and
 * so is a creation refused because AWS allows only five in progress at once.
 */
async function untilAccepted<T>(call: () => Promise<GraphqlResult<T>>): Promise<GraphqlResult<T>> {
  for (;;) {
    const result = await call();
    const extensions = result.errors?.[0]?.extensions as { reason?: string; retryable?: boolean } | undefined;
    if (!extensions || !(extensions.retryable || extensions.reason === 'ACCOUNT_CREATION_RATE_LIMIT_EXCEEDED')) return result;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Spreads the calls over `spanMs`, all in flight together. */
const spread = <T>(count: number, spanMs: number, call: (i: number) => Promise<T>) =>
  Promise.all(Array.from({ length: count }, (_, i) => new Promise((resolve) => setTimeout(resolve, (i * spanMs) / count)).then(() => call(i))));

it('loses nothing when Redis restarts empty under commands and account creations', async () => {
  const org = await orgs.organization('redis-restart');
  await orgs.ok(
    'mutation($input: UpdateTenantQuotasInput!) { updateTenantQuotas(input: $input) { consistencyToken } }',
    orgs.operatorToken,
    { input: { tenantId: org.tenantId, maxAccounts: REQUESTS + 10 } },
  );

  const restart = (async () => {
    await new Promise((resolve) => setTimeout(resolve, 700));
    await redis.kill();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await redis.restart(); // empty: queues, schedules and deduplication keys are gone
  })();
  const [ous, requests] = await Promise.all([
    spread(COMMANDS, 3_000, (i) => untilAccepted(() => createOu(org.key, org.rootId, `ou-${i}`))),
    spread(REQUESTS, 3_000, (i) => untilAccepted(() => createAccount(org.key, `member-${i}`))),
    restart,
  ]);

  // The API does not use Redis: every command is accepted, at the latest when asked again.
  const refusals = [...ous, ...requests].filter((r: GraphqlResult) => r.errors);
  expect(refusals.map((r) => r.errors)).toEqual([]);

  const accepted = requests.map((r) => r.data!.createAccount);
  const requestIds = accepted.map((r) => r.createAccountStatus.id);
  const statuses = await eventually(
    async () => {
      const all = await Promise.all(
        accepted.map(async (r) => (await statusOf(org.key, r.createAccountStatus.id, r.consistencyToken)).describeCreateAccountStatus.createAccountStatus),
      );
      return all.every((s) => s.state !== 'IN_PROGRESS') ? all : undefined;
    },
    60_000,
    'every create-account request to finish',
  );
  expect(statuses.map((s) => s.state)).toEqual(requestIds.map(() => 'SUCCEEDED'));
  expect(new Set(statuses.map((s) => s.accountId)).size).toBe(REQUESTS);

  // Once in effect: one completion and one account per request, in the log and in the read model.
  const completions = await orgs.sql<{ request_id: string; n: number }>(
    `SELECT data->>'requestId' AS request_id, count(*)::int AS n FROM events
      WHERE tenant_id = $1 AND event_type IN ('CreateAccountSucceeded', 'CreateAccountFailed') GROUP BY 1`,
    [org.tenantId],
  );
  expect(completions.map((c) => c.n)).toEqual(requestIds.map(() => 1));
  expect(completions.map((c) => c.request_id).sort()).toEqual([...requestIds].sort());
  const members = await orgs.sql<{ id: string }>(`SELECT id FROM accounts WHERE tenant_id = $1 AND id <> $2 ORDER BY id`, [org.tenantId, org.accountId]);
  expect(members.map((m) => m.id)).toEqual(statuses.map((s) => s.accountId).sort());

  // Every accepted command is projected.
  const projected = await eventually(async () => {
    const rows = await orgs.sql<{ name: string }>(`SELECT name FROM organizational_units WHERE tenant_id = $1 ORDER BY name`, [org.tenantId]);
    return rows.length >= COMMANDS ? rows : undefined;
  }, 30_000, 'every OU to be projected');
  expect(projected.map((r) => r.name)).toEqual(ous.map((_, i) => `ou-${i}`).sort());
  expect(orgs.service.child.exitCode).toBeNull(); // the worker lived through it (the launcher stops when one dies)
}, 150_000);
