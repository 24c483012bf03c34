import { eventually } from '@orgs/shared/testing';
import { SplitService } from './support/split-service';
import { firstArrivals, inLogOrder, WebhookReceiver } from './support/webhook-receiver';

/**
 * Webhook delivery when things break: the worker SIGKILLed mid-deliveries, an endpoint that keeps
 * failing (disabled after the schedule, with an event), one that answers 410; and the scope of a
 * member account's endpoint.
 */
const orgs = new SplitService('webhook-failures-operator-token');
const receiver = new WebhookReceiver();

async function subscribe(key: string, path: string) {
  const { createWebhookEndpoint } = await orgs.ok<{ createWebhookEndpoint: { endpoint: { id: string; scope: string }; secret: string; consistencyToken: string } }>(
    'mutation($u: String!) { createWebhookEndpoint(input: { url: $u }) { endpoint { id scope } secret consistencyToken } }',
    key,
    { u: receiver.url(path) },
  );
  return createWebhookEndpoint;
}

async function createOus(org: { key: string; rootId: string }, count: number, prefix: string): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const { createOrganizationalUnit } = await orgs.ok<{ createOrganizationalUnit: { organizationalUnit: { id: string } } }>(
      'mutation($p: String!, $n: String!) { createOrganizationalUnit(input: { parentId: $p, name: $n }) { organizationalUnit { id } } }',
      org.key,
      { p: org.rootId, n: `${prefix}-${i}` },
    );
    ids.push(createOrganizationalUnit.organizationalUnit.id);
  }
  return ids;
}

const endpointRow = (id: string) => orgs.sql<{ status: string; disabled_reason: string | null }>('SELECT status, disabled_reason FROM webhook_endpoints WHERE id = $1', [id]);

beforeAll(async () => {
  await receiver.start();
  await orgs.start({ WEBHOOK_ALLOWED_HOSTS: '127.0.0.1', WEBHOOK_RETRY_SCHEDULE: '100ms,100ms,100ms' });
}, 120_000);

afterAll(async () => {
  await orgs.stop();
  await receiver.stop();
});

describe('webhook delivery when things break', () => {
  it('an endpoint failing through the whole schedule is disabled, and an event records it', async () => {
    const org = await orgs.organization('exhausted');
    const endpoint = await subscribe(org.key, '/always-500');
    receiver.answerFor['/always-500'] = 500;
    await createOus(org, 1, 'x');
    await eventually(async () => (await endpointRow(endpoint.endpoint.id))[0]?.status === 'DISABLED', 30_000, 'the endpoint to be disabled');
    expect((await endpointRow(endpoint.endpoint.id))[0].disabled_reason).toBe('RETRIES_EXHAUSTED');
    const events = await orgs.sql<{ type: string; data: { reason: string } }>("SELECT event_type AS type, data FROM events WHERE stream_id = $1 AND event_type = 'WebhookEndpointDisabled'", [
      `webhook-endpoint-${endpoint.endpoint.id}`,
    ]);
    expect(events.map((e) => e.data.reason)).toEqual(['RETRIES_EXHAUSTED']);
    const { webhookDeliveries } = await orgs.ok<{ webhookDeliveries: { deliveries: { status: string; attempts: { httpStatus: number; responseExcerpt: string }[] }[] } }>(
      'query($e: String!) { webhookDeliveries(endpointId: $e, status: "FAILED") { deliveries { status attempts { httpStatus responseExcerpt } } } }',
      org.key,
      { e: endpoint.endpoint.id },
    );
    expect(webhookDeliveries.deliveries[0].attempts).toHaveLength(4);
    expect(webhookDeliveries.deliveries[0].attempts[0]).toEqual({ httpStatus: 500, responseExcerpt: 'receiver says no' });
  });

  it('410 Gone disables the endpoint at once', async () => {
    const org = await orgs.organization('gone');
    const endpoint = await subscribe(org.key, '/gone');
    receiver.answerFor['/gone'] = 410;
    await createOus(org, 1, 'g');
    await eventually(async () => (await endpointRow(endpoint.endpoint.id))[0]?.disabled_reason === 'GONE', 30_000, 'the endpoint to be disabled');
  });

  it('a member account\'s endpoint receives only the events about that account', async () => {
    const org = await orgs.organization('members');
    const { createAccount } = await orgs.ok<{ createAccount: { createAccountStatus: { id: string }; consistencyToken: string } }>(
      'mutation { createAccount(input: { email: "member-webhooks@example.com", accountName: "member" }) { createAccountStatus { id } consistencyToken } }',
      org.key,
    );
    const memberId = await eventually(async () => {
      const { describeCreateAccountStatus } = await orgs.ok<{ describeCreateAccountStatus: { createAccountStatus: { accountId: string | null } } }>(
        'query($id: String!, $t: String) { describeCreateAccountStatus(createAccountRequestId: $id, consistencyToken: $t) { createAccountStatus { accountId } } }',
        org.key,
        { id: createAccount.createAccountStatus.id, t: createAccount.consistencyToken },
      );
      return describeCreateAccountStatus.createAccountStatus.accountId;
    }, 30_000, 'the member account');
    const { createApiKey } = await orgs.ok<{ createApiKey: { apiKey: string } }>('mutation($id: String!) { createApiKey(input: { accountId: $id, role: ADMIN }) { apiKey } }', org.key, { id: memberId });
    // The new key is known once the read models have it.
    const mine = await eventually(() => subscribe(createApiKey.apiKey, '/member').catch(() => undefined), 30_000, 'the member key to work');
    expect(mine.endpoint.scope).toBe('ACCOUNT');
    const [ou] = await createOus(org, 1, 'm');
    await orgs.ok('mutation($a: String!, $s: String!, $d: String!) { moveAccount(input: { accountId: $a, sourceParentId: $s, destinationParentId: $d }) { consistencyToken } }', org.key, {
      a: memberId,
      s: org.rootId,
      d: ou,
    });
    const got = await eventually(async () => {
      const received = receiver.verified(mine.secret, '/member');
      return received.some((r) => r.type === 'organizations.account.moved') && received;
    }, 30_000, 'the member\'s move');
    expect(got.every((r) => r.data.accountId === memberId || r.data.targetId === memberId)).toBe(true);
    expect(got.some((r) => r.type === 'organizations.organizational_unit.created')).toBe(false);
  });
  // Last: the killed worker's log followers hold their BullMQ jobs until they are found stalled, which delays
  // every projection (and so new API keys) for up to a minute; the deliveries already queued do not wait for that.
  it('a worker killed with SIGKILL mid-deliveries loses nothing; repeats carry the same webhook-id', async () => {
    const org = await orgs.organization('killed');
    const endpoint = await subscribe(org.key, '/killed');
    receiver.delayMs = 40;
    const ous = await createOus(org, 25, 'ou');
    // Killed once every delivery is queued (the projection's own recovery is the projector's tests'), while they are being sent.
    await eventually(
      async () => (await orgs.sql("SELECT 1 FROM webhook_deliveries WHERE endpoint_id = $1 AND payload->'data'->>'organizationalUnitId' = $2", [endpoint.endpoint.id, ous[ous.length - 1]])).length > 0,
      30_000,
      'every delivery to be queued',
    );
    await eventually(async () => receiver.received.filter((r) => r.path === '/killed').length >= 5, 30_000, 'deliveries under way');
    await orgs.stopWorker('SIGKILL');
    const beforeRestart = receiver.received.filter((r) => r.path === '/killed').length;
    expect(beforeRestart).toBeLessThan(ous.length);
    await orgs.startWorker();
    const arrived = await eventually(async () => {
      const got = receiver.verified(endpoint.secret, '/killed');
      const created = new Set(got.filter((r) => r.type === 'organizations.organizational_unit.created').map((r) => r.data.organizationalUnitId));
      return ous.every((ou) => created.has(ou)) && got;
    }, 60_000, 'every OU to arrive');
    receiver.delayMs = 0;
    const expected = await orgs.sql<{ message_id: string; status: string }>('SELECT message_id, status FROM webhook_deliveries WHERE endpoint_id = $1 ORDER BY seq', [endpoint.endpoint.id]);
    await eventually(async () => (await orgs.sql('SELECT 1 FROM webhook_deliveries WHERE endpoint_id = $1 AND status <> $2', [endpoint.endpoint.id, 'DELIVERED'])).length === 0, 30_000, 'all delivered');
    const ids = new Set(arrived.map((r) => r.id));
    // Every queued delivery arrived; anything that arrived twice is one of them (same webhook-id).
    expect(expected.map((e) => e.message_id).every((id) => receiver.received.some((r) => r.id === id))).toBe(true);
    expect([...ids].every((id) => expected.some((e) => e.message_id === id))).toBe(true);
    expect(inLogOrder(firstArrivals(arrived).map((r) => r.id))).toBe(true);
  }, 120_000);
});
