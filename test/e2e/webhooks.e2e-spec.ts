import { eventually } from '@orgs/shared/testing';
import { codeOf, E2eService, uniqueEmail } from './support/e2e-service';
import { firstArrivals, inLogOrder, WebhookReceiver } from './support/webhook-receiver';

/**
 * Webhooks end to end: a receiver started here subscribes, the organization changes, and every
 * event arrives once per webhook-id, in log order, signed as Standard Webhooks verifies.
 */
const orgs = new E2eService('webhooks-operator-token');
const receiver = new WebhookReceiver();

const ENDPOINT = 'endpoint { id url status scope eventTypes }';
const create = (key: string, input: object) =>
  orgs.call<{ createWebhookEndpoint: { endpoint: { id: string; scope: string; eventTypes: string[] | null }; secret: string; consistencyToken: string } }>(
    `mutation($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { ${ENDPOINT} secret consistencyToken } }`,
    key,
    { input },
  );

async function subscribe(key: string, path: string, extra: object = {}) {
  const result = await create(key, { url: receiver.url(path), ...extra });
  if (result.errors || !result.data) throw new Error(JSON.stringify(result.errors));
  return result.data.createWebhookEndpoint;
}

async function createAccount(key: string, name: string): Promise<string> {
  const { createAccount } = await orgs.ok<{ createAccount: { createAccountStatus: { id: string }; consistencyToken: string } }>(
    'mutation($input: CreateAccountInput!) { createAccount(input: $input) { createAccountStatus { id } consistencyToken } }',
    key,
    { input: { email: uniqueEmail(name), accountName: name } },
  );
  return eventually(async () => {
    const { describeCreateAccountStatus } = await orgs.ok<{ describeCreateAccountStatus: { createAccountStatus: { state: string; accountId: string | null } } }>(
      'query($id: String!, $t: String) { describeCreateAccountStatus(createAccountRequestId: $id, consistencyToken: $t) { createAccountStatus { state accountId } } }',
      key,
      { id: createAccount.createAccountStatus.id, t: createAccount.consistencyToken },
    );
    return describeCreateAccountStatus.createAccountStatus.state === 'SUCCEEDED' && describeCreateAccountStatus.createAccountStatus.accountId;
  }, 30_000, 'the account to be created');
}

async function changeTheOrganization(org: { key: string; rootId: string }) {
  const { createOrganizationalUnit } = await orgs.ok<{ createOrganizationalUnit: { organizationalUnit: { id: string } } }>(
    'mutation($p: String!) { createOrganizationalUnit(input: { parentId: $p, name: "Workloads" }) { organizationalUnit { id } } }',
    org.key,
    { p: org.rootId },
  );
  const ou = createOrganizationalUnit.organizationalUnit.id;
  const accountId = await createAccount(org.key, 'payments');
  const { createPolicy } = await orgs.ok<{ createPolicy: { policy: { policySummary: { id: string } } } }>(
    'mutation($c: String!) { createPolicy(input: { name: "DenyLeave", description: "", type: SERVICE_CONTROL_POLICY, content: $c }) { policy { policySummary { id } } } }',
    org.key,
    { c: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'organizations:LeaveOrganization', Resource: '*' }] }) },
  );
  const policyId = createPolicy.policy.policySummary.id;
  await orgs.ok('mutation($p: String!, $t: String!) { attachPolicy(input: { policyId: $p, targetId: $t }) { consistencyToken } }', org.key, { p: policyId, t: ou });
  await orgs.ok(
    'mutation($a: String!, $s: String!, $d: String!) { moveAccount(input: { accountId: $a, sourceParentId: $s, destinationParentId: $d }) { consistencyToken } }',
    org.key,
    { a: accountId, s: org.rootId, d: ou },
  );
  return { ou, accountId, policyId };
}

beforeAll(async () => {
  await receiver.start();
  await orgs.start({ WEBHOOK_ALLOWED_HOSTS: '127.0.0.1', WEBHOOK_RETRY_SCHEDULE: '300ms,300ms,300ms,300ms,300ms,300ms,300ms,300ms,300ms,300ms' });
}, 120_000);

afterAll(async () => {
  await orgs.stop();
  await receiver.stop();
});

describe('webhooks over HTTP', () => {
  it('the catalogue lists each public type with its JSON Schema and an example', async () => {
    const org = await orgs.tenant('catalogue');
    const { webhookEventTypes } = await orgs.ok<{ webhookEventTypes: { type: string; version: number; schema: string; example: string }[] }>(
      '{ webhookEventTypes { type version schema example } }',
      org.key,
    );
    const types = webhookEventTypes.map((t) => t.type);
    expect(types).toEqual(
      expect.arrayContaining(['organizations.account.created', 'organizations.account.moved', 'organizations.organizational_unit.created', 'organizations.policy.attached', 'organizations.trusted_access.role_created']),
    );
    const moved = webhookEventTypes.find((t) => t.type === 'organizations.account.moved');
    expect(JSON.parse(moved?.schema ?? '{}').required).toEqual(['organizationId', 'accountId', 'sourceParentId', 'destinationParentId', 'movedAt']);
    expect(JSON.parse(moved?.example ?? '{}')).toMatchObject({ type: 'organizations.account.moved', data: { accountId: expect.any(String) } });
  });

  it('delivers every event of the organization once per webhook-id, in log order, signed', async () => {
    const org = await orgs.organization('subscriber');
    const endpoint = await subscribe(org.key, '/main');
    expect(endpoint.secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    expect(endpoint.endpoint.scope).toBe('ORGANIZATION');
    const { ou, accountId, policyId } = await changeTheOrganization(org);

    const arrived = await eventually(async () => {
      const got = receiver.verified(endpoint.secret, '/main');
      return got.some((r) => r.type === 'organizations.account.moved') && got;
    }, 30_000, 'the move to arrive');
    const ids = arrived.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(inLogOrder(ids)).toBe(true);
    const types = arrived.map((r) => r.type);
    const order = ['organizations.organizational_unit.created', 'organizations.account.created', 'organizations.policy.created', 'organizations.account.moved'].map((t) => types.indexOf(t));
    expect(order.every((index, i) => index >= 0 && (i === 0 || index > order[i - 1]))).toBe(true);
    expect(arrived.find((r) => r.type === 'organizations.organizational_unit.created')?.data).toMatchObject({ organizationalUnitId: ou, parentId: org.rootId, organizationId: org.organizationId });
    expect(arrived.find((r) => r.type === 'organizations.account.moved')?.data).toEqual({
      organizationId: org.organizationId,
      accountId,
      sourceParentId: org.rootId,
      destinationParentId: ou,
      movedAt: expect.any(String),
    });
    expect(arrived.some((r) => r.type === 'organizations.policy.attached' && r.data.policyId === policyId && r.data.targetId === ou)).toBe(true);
    // The public payload carries only what its schema declares (no email of the creating request, no access role).
    expect(Object.keys(arrived.find((r) => r.type === 'organizations.account.created')?.data ?? {}).sort()).toEqual(
      ['accountId', 'arn', 'createdAt', 'email', 'name', 'organizationId', 'parentId'].sort(),
    );

    const { webhookDeliveries } = await orgs.ok<{ webhookDeliveries: { deliveries: { messageId: string; status: string; attempts: { httpStatus: number; durationMs: number }[] }[] } }>(
      'query($e: String!) { webhookDeliveries(endpointId: $e, status: "DELIVERED") { deliveries { messageId status attempts { httpStatus durationMs } } } }',
      org.key,
      { e: endpoint.endpoint.id },
    );
    expect(webhookDeliveries.deliveries.map((d) => d.messageId)).toEqual(expect.arrayContaining(ids));
    expect(webhookDeliveries.deliveries.every((d) => d.attempts[0]?.httpStatus === 200)).toBe(true);
  });

  it('an endpoint given event types receives only those', async () => {
    const org = await orgs.organization('filtered');
    const onlyMoves = await subscribe(org.key, '/moves', { eventTypes: ['organizations.account.moved'] });
    expect(onlyMoves.endpoint.eventTypes).toEqual(['organizations.account.moved']);
    await changeTheOrganization(org);
    await eventually(async () => receiver.verified(onlyMoves.secret, '/moves').length >= 1, 30_000, 'the move');
    await new Promise((r) => setTimeout(r, 500));
    expect(receiver.verified(onlyMoves.secret, '/moves').map((r) => r.type)).toEqual(['organizations.account.moved']);
  });

  it('two tenants: no event crosses', async () => {
    const a = await orgs.organization('tenant-a');
    const b = await orgs.organization('tenant-b');
    const hookA = await subscribe(a.key, '/tenant-a');
    const hookB = await subscribe(b.key, '/tenant-b');
    await Promise.all([changeTheOrganization(a), changeTheOrganization(b)]);
    await eventually(
      async () => [hookA, hookB].every((h, i) => receiver.verified(h.secret, i === 0 ? '/tenant-a' : '/tenant-b').some((r) => r.type === 'organizations.account.moved')),
      30_000,
      'both moves',
    );
    expect(receiver.verified(hookA.secret, '/tenant-a').every((r) => r.data.organizationId === a.organizationId)).toBe(true);
    expect(receiver.verified(hookB.secret, '/tenant-b').every((r) => r.data.organizationId === b.organizationId)).toBe(true);
    // B's endpoint is not A's to see or change.
    expect(codeOf(await orgs.call('mutation($e: String!) { disableWebhookEndpoint(endpointId: $e) { consistencyToken } }', a.key, { e: hookB.endpoint.id }))).toBe(
      'WebhookEndpointNotFoundException',
    );
  });

  it.each([
    ['cloud metadata', 'https://169.254.169.254/latest/meta-data/'],
    ['a private address', 'https://10.0.0.1/hook'],
    ['localhost, not allowed', 'https://localhost/hook'],
    ['plain http to a host not allowed', 'http://hooks.example.com/hook'],
  ])('refuses %s with InvalidInputException and appends nothing', async (_what, url) => {
    const org = await orgs.organization('refused');
    const before = await orgs.eventCount();
    expect(codeOf(await create(org.key, { url }))).toBe('InvalidInputException');
    expect(await orgs.eventCount()).toBe(before);
  });

  it('manages endpoints: list, update, disable, enable, rotate (both secrets sign), test event, replay, delete', async () => {
    const org = await orgs.organization('manager');
    const endpoint = await subscribe(org.key, '/managed', { description: 'ops' });
    const id = endpoint.endpoint.id;
    const list = async (t?: string) =>
      (await orgs.ok<{ listWebhookEndpoints: { id: string; status: string; description: string }[] }>('query($t: String) { listWebhookEndpoints(consistencyToken: $t) { id status description } }', org.key, { t }))
        .listWebhookEndpoints;
    expect(await list(endpoint.consistencyToken)).toEqual([{ id, status: 'ENABLED', description: 'ops' }]);
    const updated = await orgs.ok<{ updateWebhookEndpoint: { endpoint: { description: string }; consistencyToken: string } }>(
      'mutation($e: String!) { updateWebhookEndpoint(input: { endpointId: $e, description: "platform" }) { endpoint { description } consistencyToken } }',
      org.key,
      { e: id },
    );
    expect(updated.updateWebhookEndpoint.endpoint.description).toBe('platform');
    const disabled = await orgs.ok<{ disableWebhookEndpoint: { endpoint: { status: string }; consistencyToken: string } }>(
      'mutation($e: String!) { disableWebhookEndpoint(endpointId: $e) { endpoint { status } consistencyToken } }',
      org.key,
      { e: id },
    );
    expect(disabled.disableWebhookEndpoint.endpoint.status).toBe('DISABLED');
    await orgs.ok('mutation($e: String!) { enableWebhookEndpoint(endpointId: $e) { consistencyToken } }', org.key, { e: id });

    const { rotateWebhookSecret } = await orgs.ok<{ rotateWebhookSecret: { secret: string; previousSecretValidUntil: string; consistencyToken: string } }>(
      'mutation($e: String!) { rotateWebhookSecret(endpointId: $e) { secret previousSecretValidUntil consistencyToken } }',
      org.key,
      { e: id },
    );
    expect(rotateWebhookSecret.secret).not.toBe(endpoint.secret);
    expect(new Date(rotateWebhookSecret.previousSecretValidUntil).getTime() - Date.now()).toBeGreaterThan(23 * 3_600_000);
    await orgs.ok('query($t: String) { listWebhookEndpoints(consistencyToken: $t) { id } }', org.key, { t: rotateWebhookSecret.consistencyToken });
    const { sendTestWebhook } = await orgs.ok<{ sendTestWebhook: { messageId: string } }>('mutation($e: String!) { sendTestWebhook(endpointId: $e) { messageId } }', org.key, { e: id });
    const test = await eventually(async () => receiver.received.find((r) => r.id === sendTestWebhook.messageId), 30_000, 'the test event');
    expect(test.type).toBe('webhooks.test');
    // Both the new secret and the previous one verify it.
    expect(receiver.verified(rotateWebhookSecret.secret, '/managed').map((r) => r.id)).toContain(test.id);
    expect(receiver.verified(endpoint.secret, '/managed').map((r) => r.id)).toContain(test.id);

    const { replayWebhookDeliveries } = await orgs.ok<{ replayWebhookDeliveries: { replayed: number } }>(
      'mutation($e: String!, $s: DateTime!) { replayWebhookDeliveries(endpointId: $e, since: $s) { replayed } }',
      org.key,
      { e: id, s: new Date(Date.now() - 60_000).toISOString() },
    );
    expect(replayWebhookDeliveries.replayed).toBe(1);
    await eventually(async () => receiver.received.filter((r) => r.id === test.id).length === 2, 30_000, 'the replay');

    const deleted = await orgs.ok<{ deleteWebhookEndpoint: { consistencyToken: string } }>('mutation($e: String!) { deleteWebhookEndpoint(endpointId: $e) { consistencyToken } }', org.key, { e: id });
    expect(await list(deleted.deleteWebhookEndpoint.consistencyToken)).toEqual([]);
  });

  it('refusals, then 500s, then recovery: every event arrives, in order', async () => {
    const flaky = new WebhookReceiver();
    await flaky.start();
    const port = flaky.port;
    const org = await orgs.organization('flaky');
    const result = await create(org.key, { url: `http://127.0.0.1:${port}/flaky` });
    const { secret } = result.data!.createWebhookEndpoint;
    await flaky.stop(); // connections refused
    await changeTheOrganization(org);
    await new Promise((r) => setTimeout(r, 800));
    flaky.answer = 500;
    await flaky.start(port);
    await new Promise((r) => setTimeout(r, 800));
    flaky.answer = 200;
    try {
      const arrived = await eventually(async () => {
        const got = flaky.verified(secret, '/flaky');
        return got.some((r) => r.type === 'organizations.account.moved') && got;
      }, 30_000, 'recovery');
      const first = firstArrivals(arrived);
      expect(inLogOrder(first.map((r) => r.id))).toBe(true);
      expect(first.map((r) => r.type)).toEqual(expect.arrayContaining(['organizations.organizational_unit.created', 'organizations.account.created', 'organizations.account.moved']));
      const { webhookDeliveries } = await orgs.ok<{ webhookDeliveries: { deliveries: { attempts: { httpStatus: number | null; outcome: string; error: string | null }[] }[] } }>(
        'query($e: String!) { webhookDeliveries(endpointId: $e, first: 1) { deliveries { attempts { httpStatus outcome error } } } }',
        org.key,
        { e: result.data!.createWebhookEndpoint.endpoint.id },
      );
      const attempts = webhookDeliveries.deliveries[0].attempts;
      expect(attempts.some((a) => a.httpStatus === null && a.outcome === 'FAILED' && /ECONNREFUSED/.test(a.error ?? ''))).toBe(true);
      expect(attempts.some((a) => a.httpStatus === 500)).toBe(true);
      expect(attempts[attempts.length - 1]).toMatchObject({ httpStatus: 200, outcome: 'DELIVERED' });
    } finally {
      await flaky.stop();
    }
  });
});
