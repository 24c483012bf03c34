import { eventually } from '@orgs/shared/testing';
import { E2eService, refusalOf, uniqueEmail } from './support/e2e-service';

/**
 * Delegated administrators over HTTP: registration and its listings, the read-only organization
 * operations (policy reads included) a delegated administrator's key may call (and a plain
 * member's may not), a denial for EVERY mutation of the schema (the table must name them all), the
 * delegation policy granting through the policy engine exactly what it allows (policy management,
 * policy types, tags: those mutations succeed through the normal command path, every other one is
 * still refused), and the read access gone with the last deregistration.
 */
const orgs = new E2eService('e2e-delegated-administrators-operator');
const SSO = 'sso.amazonaws.com';

interface Member {
  accountId: string;
  email: string;
  key: string;
}

let org: Awaited<ReturnType<typeof orgs.organization>>;
let delegate: Member;
let plain: Member;
let ouId: string;
let requestId: string;
let openHandshakeId: string;
let token: string;
let managementKeyId: string;
let managementAccessKeyId: string;
let managementEndpointId: string;

async function standalone(name: string): Promise<Member> {
  const email = uniqueEmail(name.toLowerCase());
  const { registerStandaloneAccount } = await orgs.ok<{ registerStandaloneAccount: { account: { id: string }; apiKey: string } }>(
    'mutation($e: String!, $n: String!) { registerStandaloneAccount(input: { email: $e, accountName: $n }) { account { id } apiKey } }',
    org.key,
    { e: email, n: name },
  );
  return { accountId: registerStandaloneAccount.account.id, email, key: registerStandaloneAccount.apiKey };
}

async function invite(accountId: string): Promise<string> {
  const { inviteAccountToOrganization } = await orgs.ok<{ inviteAccountToOrganization: { handshake: { id: string } } }>(
    'mutation($id: String!) { inviteAccountToOrganization(input: { target: { id: $id, type: ACCOUNT } }) { handshake { id } } }',
    org.key,
    { id: accountId },
  );
  return inviteAccountToOrganization.handshake.id;
}

async function invitedMember(name: string): Promise<Member> {
  const member = await standalone(name);
  await orgs.ok('mutation($h: String!) { acceptHandshake(input: { handshakeId: $h }) { handshake { state } } }', member.key, { h: await invite(member.accountId) });
  return member;
}

beforeAll(async () => {
  // Webhook URLs on 127.0.0.1 are accepted (as in webhooks.e2e-spec.ts); nothing listens on port 9.
  await orgs.start({ CREATED_ACCOUNT_WAIT_PERIOD_MS: '0', WEBHOOK_ALLOWED_HOSTS: '127.0.0.1' });
  org = await orgs.organization('Delegation');
  delegate = await invitedMember('Delegate');
  plain = await invitedMember('Plain');
  openHandshakeId = await invite((await standalone('Prospect')).accountId);
  const { createOrganizationalUnit } = await orgs.ok<{ createOrganizationalUnit: { organizationalUnit: { id: string } } }>(
    'mutation($p: String!) { createOrganizationalUnit(input: { parentId: $p, name: "Security", tags: [{ key: "team", value: "sec" }] }) { organizationalUnit { id } } }',
    org.key,
    { p: org.rootId },
  );
  ouId = createOrganizationalUnit.organizationalUnit.id;
  const { listApiKeys } = await orgs.ok<{ listApiKeys: { apiKeys: { id: string }[] } }>('query($a: String) { listApiKeys(accountId: $a) { apiKeys { id } } }', org.key, { a: org.accountId });
  managementKeyId = listApiKeys.apiKeys[0].id;
  const { createAccessKey } = await orgs.ok<{ createAccessKey: { accessKey: { accessKeyId: string } } }>(
    'mutation($a: String!) { createAccessKey(input: { accountId: $a, role: ADMIN }) { accessKey { accessKeyId } } }',
    org.key,
    { a: org.accountId },
  );
  managementAccessKeyId = createAccessKey.accessKey.accessKeyId;
  const { createWebhookEndpoint } = await orgs.ok<{ createWebhookEndpoint: { endpoint: { id: string } } }>(
    'mutation { createWebhookEndpoint(input: { url: "http://127.0.0.1:9/delegation" }) { endpoint { id } } }',
    org.key,
  );
  managementEndpointId = createWebhookEndpoint.endpoint.id;
  const { createAccount } = await orgs.ok<{ createAccount: { createAccountStatus: { id: string } } }>(
    'mutation($e: String!) { createAccount(input: { email: $e, accountName: "Made" }) { createAccountStatus { id } } }',
    org.key,
    { e: uniqueEmail('made') },
  );
  requestId = createAccount.createAccountStatus.id;
  await orgs.ok(`mutation { enableAWSServiceAccess(input: { servicePrincipal: "${SSO}" }) { consistencyToken } }`, org.key);
  const { registerDelegatedAdministrator } = await orgs.ok<{ registerDelegatedAdministrator: { consistencyToken: string } }>(
    'mutation($a: String!, $p: String!) { registerDelegatedAdministrator(input: { accountId: $a, servicePrincipal: $p }) { consistencyToken } }',
    org.key,
    { a: delegate.accountId, p: SSO },
  );
  token = registerDelegatedAdministrator.consistencyToken;
  // Nothing may still be appending (the account's creation, the roles' propagation) while events are counted below.
  await eventually(async () => {
    const { listRolesForAccount } = await orgs.ok<{ listRolesForAccount: { roles: { status: string }[] } }>(
      'query($a: String!, $t: String) { listRolesForAccount(accountId: $a, consistencyToken: $t) { roles { status } } }',
      org.key,
      { a: plain.accountId, t: token },
    );
    const { listCreateAccountStatus } = await orgs.ok<{ listCreateAccountStatus: { createAccountStatuses: { state: string }[] } }>(
      'query { listCreateAccountStatus { createAccountStatuses { state } } }',
      org.key,
    );
    return listRolesForAccount.roles.some((r) => r.status === 'CREATED') && listCreateAccountStatus.createAccountStatuses.every((s) => s.state !== 'IN_PROGRESS');
  }, 30_000, 'the fixture to settle');
}, 120_000);
afterAll(() => orgs.stop());

describe('registration', () => {
  it('lists the delegated administrator with its account and delegation date, for its service and for all', async () => {
    for (const p of [SSO, null]) {
      const { listDelegatedAdministrators } = await orgs.ok<{ listDelegatedAdministrators: { delegatedAdministrators: { id: string; email: string; joinedMethod: string; delegationEnabledDate: string }[] } }>(
        'query($p: String, $t: String) { listDelegatedAdministrators(servicePrincipal: $p, consistencyToken: $t) { delegatedAdministrators { id email joinedMethod delegationEnabledDate } } }',
        org.key,
        { p, t: token },
      );
      expect(listDelegatedAdministrators.delegatedAdministrators).toEqual([expect.objectContaining({ id: delegate.accountId, joinedMethod: 'INVITED', delegationEnabledDate: expect.any(String) })]);
    }
    const none = await orgs.ok<{ listDelegatedAdministrators: { delegatedAdministrators: unknown[] } }>(
      'query { listDelegatedAdministrators(servicePrincipal: "guardduty.amazonaws.com") { delegatedAdministrators { id } } }',
      org.key,
    );
    expect(none.listDelegatedAdministrators.delegatedAdministrators).toEqual([]);
  });

  it('lists the services an account administers', async () => {
    const { listDelegatedServicesForAccount } = await orgs.ok<{ listDelegatedServicesForAccount: { delegatedServices: { servicePrincipal: string }[] } }>(
      'query($a: String!) { listDelegatedServicesForAccount(accountId: $a) { delegatedServices { servicePrincipal delegationEnabledDate } } }',
      org.key,
      { a: delegate.accountId },
    );
    expect(listDelegatedServicesForAccount.delegatedServices.map((s) => s.servicePrincipal)).toEqual([SSO]);
  });

  it('refuses a service without trusted access, and a second administrator for a one-administrator service', async () => {
    const register = (a: string, p: string) =>
      orgs.call('mutation($a: String!, $p: String!) { registerDelegatedAdministrator(input: { accountId: $a, servicePrincipal: $p }) { consistencyToken } }', org.key, { a, p });
    expect(refusalOf(await register(plain.accountId, 'guardduty.amazonaws.com'))).toEqual({ code: 'ConstraintViolationException', reason: 'SERVICE_ACCESS_NOT_ENABLED' });
    expect(refusalOf(await register(plain.accountId, SSO))).toEqual({ code: 'ConstraintViolationException', reason: 'DELEGATED_ADMINISTRATOR_EXISTS_FOR_THIS_SERVICE' });
    expect(refusalOf(await register(org.accountId, SSO))).toEqual({ code: 'ConstraintViolationException', reason: 'CANNOT_REGISTER_MASTER_AS_DELEGATED_ADMINISTRATOR' });
  });

  it('keeps a delegated administrator in the organization until it is deregistered', async () => {
    const removal = await orgs.call('mutation($a: String!) { removeAccountFromOrganization(input: { accountId: $a }) { consistencyToken } }', org.key, { a: delegate.accountId });
    expect(refusalOf(removal)).toEqual({ code: 'ConstraintViolationException', reason: 'CANNOT_REMOVE_DELEGATED_ADMINISTRATOR_FROM_ORG' });
  });
});

/** The read-only operations AWS opens to delegated administrators, with variables from the fixture (never the plain member's own account: that it may read). */
const READS: Record<string, { document: string; vars?: () => Record<string, unknown>; delegateGets?: string }> = {
  listAccounts: { document: 'query { listAccounts { accounts { id } } }' },
  describeAccount: { document: 'query($a: String!) { describeAccount(accountId: $a) { account { id } } }', vars: () => ({ a: org.accountId }) },
  listAccountsForParent: { document: 'query($p: String!) { listAccountsForParent(parentId: $p) { accounts { id } } }', vars: () => ({ p: org.rootId }) },
  listRoots: { document: 'query { listRoots { roots { id } } }' },
  listChildren: { document: 'query($p: String!) { listChildren(parentId: $p, childType: ORGANIZATIONAL_UNIT) { children { id } } }', vars: () => ({ p: org.rootId }) },
  listOrganizationalUnitsForParent: { document: 'query($p: String!) { listOrganizationalUnitsForParent(parentId: $p) { organizationalUnits { id } } }', vars: () => ({ p: org.rootId }) },
  describeOrganizationalUnit: { document: 'query($o: String!) { describeOrganizationalUnit(organizationalUnitId: $o) { organizationalUnit { id } } }', vars: () => ({ o: ouId }) },
  listParents: { document: 'query($c: String!) { listParents(childId: $c) { parents { id } } }', vars: () => ({ c: plain.accountId }) },
  listTagsForResource: { document: 'query($r: String!) { listTagsForResource(resourceId: $r) { tags { key } } }', vars: () => ({ r: ouId }) },
  listHandshakesForOrganization: { document: 'query { listHandshakesForOrganization { handshakes { id } } }' },
  listCreateAccountStatus: { document: 'query { listCreateAccountStatus { createAccountStatuses { id } } }' },
  describeCreateAccountStatus: { document: 'query($r: String!) { describeCreateAccountStatus(createAccountRequestId: $r) { createAccountStatus { id } } }', vars: () => ({ r: requestId }) },
  listAWSServiceAccessForOrganization: { document: 'query { listAWSServiceAccessForOrganization { enabledServicePrincipals { servicePrincipal } } }' },
  listDelegatedAdministrators: { document: 'query { listDelegatedAdministrators { delegatedAdministrators { id } } }' },
  listDelegatedServicesForAccount: { document: 'query($a: String!) { listDelegatedServicesForAccount(accountId: $a) { delegatedServices { servicePrincipal } } }', vars: () => ({ a: delegate.accountId }) },
  describeServiceLinkedRolePropagation: { document: `query { describeServiceLinkedRolePropagation(servicePrincipal: "${SSO}") { propagation { state } } }` },
  listRolesForAccount: { document: 'query($a: String!) { listRolesForAccount(accountId: $a) { roles { roleName } } }', vars: () => ({ a: org.accountId }) },
  listPolicies: { document: 'query { listPolicies(filter: SERVICE_CONTROL_POLICY) { policies { id } } }' },
  describePolicy: { document: 'query { describePolicy(policyId: "p-FullAWSAccess") { policy { content } } }' },
  listPoliciesForTarget: { document: 'query($o: String!) { listPoliciesForTarget(targetId: $o, filter: SERVICE_CONTROL_POLICY) { policies { id } } }', vars: () => ({ o: ouId }) },
  listTargetsForPolicy: { document: 'query { listTargetsForPolicy(policyId: "p-FullAWSAccess") { targets { targetId } } }' },
  // Another account's: the delegate is let in (and told there is none), a plain member is not.
  describeEffectivePolicy: {
    document: 'query($a: String!) { describeEffectivePolicy(policyType: TAG_POLICY, targetId: $a) { effectivePolicy { policyContent } } }',
    vars: () => ({ a: org.accountId }),
    delegateGets: 'EffectivePolicyNotFoundException',
  },
};

describe('what a delegated administrator may read', () => {
  it.each(Object.keys(READS))('%s: the delegated administrator may, a plain member may not', async (operation) => {
    const { document, vars, delegateGets } = READS[operation];
    const asDelegate = await orgs.call(document, delegate.key, { ...vars?.(), t: token });
    if (delegateGets) expect({ operation, ...refusalOf(asDelegate) }).toMatchObject({ operation, code: delegateGets });
    else expect({ operation, errors: asDelegate.errors }).toEqual({ operation, errors: undefined });
    expect(refusalOf(await orgs.call(document, plain.key, vars?.()))).toMatchObject({ code: 'AccessDeniedException' });
  });
});

const denied = { code: 'AccessDeniedException' };
const endpointNotFound = { code: 'WebhookEndpointNotFoundException' };
/** Every mutation, as the delegated administrator's key calls it, and the refusal it must get. */
const MUTATIONS: Record<string, { document: string; vars?: () => Record<string, unknown>; expect?: { code: string; reason?: string } }> = {
  acceptHandshake: { document: 'mutation($h: String!) { acceptHandshake(input: { handshakeId: $h }) { handshake { id } } }', vars: () => ({ h: openHandshakeId }), expect: { code: 'HandshakeNotFoundException' } },
  // Not a party to it: its existence is not revealed.
  cancelHandshake: { document: 'mutation($h: String!) { cancelHandshake(input: { handshakeId: $h }) { handshake { id } } }', vars: () => ({ h: openHandshakeId }), expect: { code: 'HandshakeNotFoundException' } },
  closeAccount: { document: 'mutation($a: String!) { closeAccount(input: { accountId: $a }) { consistencyToken } }', vars: () => ({ a: plain.accountId }) },
  createAccount: { document: 'mutation($e: String!) { createAccount(input: { email: $e, accountName: "No" }) { createAccountStatus { id } } }', vars: () => ({ e: uniqueEmail('no') }) },
  createAccessKey: { document: 'mutation($a: String!) { createAccessKey(input: { accountId: $a, role: ADMIN }) { accessKey { accessKeyId } } }', vars: () => ({ a: org.accountId }) },
  deleteAccessKey: { document: 'mutation($k: String!) { deleteAccessKey(input: { accessKeyId: $k }) { consistencyToken } }', vars: () => ({ k: managementAccessKeyId }) },
  // The simulator's recorded requests: the management account's.
  recordAccessSamples: {
    document: 'mutation($a: String!) { recordAccessSamples(input: { samples: [{ accountId: $a, action: "ec2:RunInstances", resource: "*" }] }) { samples { sampleId } } }',
    vars: () => ({ a: plain.accountId }),
  },
  deleteAccessSample: { document: 'mutation { deleteAccessSample(input: { sampleId: "as-none" }) { consistencyToken } }' },
  createApiKey: { document: 'mutation($a: String!) { createApiKey(input: { accountId: $a, role: ADMIN }) { key { id } } }', vars: () => ({ a: org.accountId }) },
  createOrganization: { document: 'mutation { createOrganization { organization { id } } }', expect: { code: 'AlreadyInOrganizationException' } },
  createOrganizationalUnit: { document: 'mutation($p: String!) { createOrganizationalUnit(input: { parentId: $p, name: "No" }) { organizationalUnit { id } } }', vars: () => ({ p: org.rootId }) },
  createTenant: { document: 'mutation { createTenant(input: { name: "No" }) { tenant { id } } }' },
  declineHandshake: { document: 'mutation($h: String!) { declineHandshake(input: { handshakeId: $h }) { handshake { id } } }', vars: () => ({ h: openHandshakeId }), expect: { code: 'HandshakeNotFoundException' } },
  deleteOrganization: { document: 'mutation { deleteOrganization { consistencyToken } }' },
  deleteOrganizationalUnit: { document: 'mutation($o: String!) { deleteOrganizationalUnit(input: { organizationalUnitId: $o }) { consistencyToken } }', vars: () => ({ o: ouId }) },
  deleteResourcePolicy: { document: 'mutation { deleteResourcePolicy { consistencyToken } }' },
  deregisterDelegatedAdministrator: {
    document: 'mutation($a: String!) { deregisterDelegatedAdministrator(input: { accountId: $a, servicePrincipal: "sso.amazonaws.com" }) { consistencyToken } }',
    vars: () => ({ a: delegate.accountId }),
  },
  disableAWSServiceAccess: { document: `mutation { disableAWSServiceAccess(input: { servicePrincipal: "${SSO}" }) { consistencyToken } }` },
  enableAllFeatures: { document: 'mutation { enableAllFeatures { handshake { id } } }' },
  enableAWSServiceAccess: { document: 'mutation { enableAWSServiceAccess(input: { servicePrincipal: "guardduty.amazonaws.com" }) { consistencyToken } }' },
  inviteAccountToOrganization: { document: 'mutation { inviteAccountToOrganization(input: { target: { id: "no@example.com", type: EMAIL } }) { handshake { id } } }' },
  leaveOrganization: { document: 'mutation { leaveOrganization { consistencyToken } }', expect: { code: 'ConstraintViolationException', reason: 'CANNOT_REMOVE_DELEGATED_ADMINISTRATOR_FROM_ORG' } },
  moveAccount: {
    document: 'mutation($a: String!, $s: String!, $d: String!) { moveAccount(input: { accountId: $a, sourceParentId: $s, destinationParentId: $d }) { consistencyToken } }',
    vars: () => ({ a: plain.accountId, s: org.rootId, d: ouId }),
  },
  putResourcePolicy: {
    document: 'mutation($c: String!) { putResourcePolicy(input: { content: $c }) { consistencyToken } }',
    vars: () => ({ c: JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: { AWS: delegate.accountId }, Action: 'organizations:TagResource', Resource: '*' }] }) }),
  },
  registerDelegatedAdministrator: {
    document: 'mutation($a: String!) { registerDelegatedAdministrator(input: { accountId: $a, servicePrincipal: "sso.amazonaws.com" }) { consistencyToken } }',
    vars: () => ({ a: plain.accountId }),
  },
  // Any ADMIN key may register a standalone account in its own tenant: that is no power over the organization.
  registerStandaloneAccount: {
    document: 'mutation($e: String!) { registerStandaloneAccount(input: { email: $e, accountName: "No" }) { account { id } } }',
    vars: () => ({ e: delegate.email }),
    expect: { code: 'DuplicateAccountException' },
  },
  removeAccountFromOrganization: { document: 'mutation($a: String!) { removeAccountFromOrganization(input: { accountId: $a }) { consistencyToken } }', vars: () => ({ a: plain.accountId }) },
  revokeApiKey: { document: 'mutation($k: String!) { revokeApiKey(input: { apiKeyId: $k }) { consistencyToken } }', vars: () => ({ k: managementKeyId }) },
  tagResource: { document: 'mutation($r: String!) { tagResource(input: { resourceId: $r, tags: [{ key: "k", value: "v" }] }) { consistencyToken } }', vars: () => ({ r: ouId }) },
  untagResource: { document: 'mutation($r: String!) { untagResource(input: { resourceId: $r, tagKeys: ["team"] }) { consistencyToken } }', vars: () => ({ r: ouId }) },
  updateOrganizationalUnit: { document: 'mutation($o: String!) { updateOrganizationalUnit(input: { organizationalUnitId: $o, name: "Renamed" }) { organizationalUnit { id } } }', vars: () => ({ o: ouId }) },
  // Policies: only the management account, unless the delegation policy grants them (below).
  attachPolicy: { document: 'mutation($t: String!) { attachPolicy(input: { policyId: "p-FullAWSAccess", targetId: $t }) { consistencyToken } }', vars: () => ({ t: ouId }) },
  detachPolicy: { document: 'mutation($t: String!) { detachPolicy(input: { policyId: "p-FullAWSAccess", targetId: $t }) { consistencyToken } }', vars: () => ({ t: ouId }) },
  createPolicy: {
    document: 'mutation($c: String!) { createPolicy(input: { name: "No", description: "", type: SERVICE_CONTROL_POLICY, content: $c }) { consistencyToken } }',
    vars: () => ({ c: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 's3:*', Resource: '*' }] }) }),
  },
  updatePolicy: { document: 'mutation { updatePolicy(input: { policyId: "p-examplepolicyid111", name: "No" }) { consistencyToken } }' },
  deletePolicy: { document: 'mutation { deletePolicy(input: { policyId: "p-examplepolicyid111" }) { consistencyToken } }' },
  enablePolicyType: { document: 'mutation($r: String!) { enablePolicyType(input: { rootId: $r, policyType: TAG_POLICY }) { consistencyToken } }', vars: () => ({ r: org.rootId }) },
  disablePolicyType: { document: 'mutation($r: String!) { disablePolicyType(input: { rootId: $r, policyType: SERVICE_CONTROL_POLICY }) { consistencyToken } }', vars: () => ({ r: org.rootId }) },
  // Billing: the management account's (a delegated administrator of billing may only read).
  recordUsage: {
    document: 'mutation($a: String!) { recordUsage(input: { batchId: "no-batch", records: [{ accountId: $a, productCode: "AmazonEC2", usageType: "BoxUsage:t3.micro", region: "us-east-1", quantity: "1", unit: "Hrs", usageStart: "2026-12-01T00:00:00Z", usageEnd: "2026-12-01T01:00:00Z" }] }) { consistencyToken } }',
    vars: () => ({ a: delegate.accountId }),
  },
  putPriceList: { document: 'mutation { putPriceList(input: { effectiveFrom: "2026-12-01", prices: [] }) { consistencyToken } }' },
  closeBillingPeriod: { document: 'mutation { closeBillingPeriod(input: { period: "2026-11" }) { consistencyToken } }' },
  updateTenantQuotas: { document: 'mutation($t: String!) { updateTenantQuotas(input: { tenantId: $t, maxAccounts: 99 }) { consistencyToken } }', vars: () => ({ t: org.tenantId }) },
  // Webhooks: the management account's endpoint is its own; to anyone else it is not found.
  updateWebhookEndpoint: {
    document: 'mutation($e: String!) { updateWebhookEndpoint(input: { endpointId: $e, description: "No" }) { endpoint { id } } }',
    vars: () => ({ e: managementEndpointId }),
    expect: endpointNotFound,
  },
  disableWebhookEndpoint: { document: 'mutation($e: String!) { disableWebhookEndpoint(endpointId: $e) { endpoint { id } } }', vars: () => ({ e: managementEndpointId }), expect: endpointNotFound },
  enableWebhookEndpoint: { document: 'mutation($e: String!) { enableWebhookEndpoint(endpointId: $e) { endpoint { id } } }', vars: () => ({ e: managementEndpointId }), expect: endpointNotFound },
  deleteWebhookEndpoint: { document: 'mutation($e: String!) { deleteWebhookEndpoint(endpointId: $e) { consistencyToken } }', vars: () => ({ e: managementEndpointId }), expect: endpointNotFound },
  rotateWebhookSecret: { document: 'mutation($e: String!) { rotateWebhookSecret(endpointId: $e) { secret } }', vars: () => ({ e: managementEndpointId }), expect: endpointNotFound },
  replayWebhookDeliveries: {
    document: 'mutation($e: String!) { replayWebhookDeliveries(endpointId: $e, since: "2026-01-01T00:00:00Z") { replayed } }',
    vars: () => ({ e: managementEndpointId }),
    expect: endpointNotFound,
  },
  sendTestWebhook: { document: 'mutation($e: String!) { sendTestWebhook(endpointId: $e) { messageId } }', vars: () => ({ e: managementEndpointId }), expect: endpointNotFound },
};
/**
 * What any member's ADMIN key may do for its own account, a delegated administrator's too: it is
 * no power over the organization. Checked below to stay within the account.
 */
const OWN_ACCOUNT_MUTATIONS = ['createWebhookEndpoint'];

describe('what a delegated administrator may not do', () => {
  it('has a case for every mutation of the schema', async () => {
    const { __schema } = await orgs.ok<{ __schema: { mutationType: { fields: { name: string }[] } } }>('{ __schema { mutationType { fields { name } } } }', org.key);
    expect([...Object.keys(MUTATIONS), ...OWN_ACCOUNT_MUTATIONS].sort()).toEqual(__schema.mutationType.fields.map((f) => f.name).sort());
  });

  it('createWebhookEndpoint subscribes it to the events about its own account only', async () => {
    const { createWebhookEndpoint } = await orgs.ok<{ createWebhookEndpoint: { endpoint: { scope: string; ownerAccountId: string } } }>(
      'mutation { createWebhookEndpoint(input: { url: "http://127.0.0.1:9/delegate" }) { endpoint { scope ownerAccountId } } }',
      delegate.key,
    );
    expect(createWebhookEndpoint.endpoint).toEqual({ scope: 'ACCOUNT', ownerAccountId: delegate.accountId });
  });

  it.each(Object.keys(MUTATIONS))('%s is refused and appends nothing', async (operation) => {
    const { document, vars, expect: expected = denied } = MUTATIONS[operation];
    const before = await orgs.eventCount();
    const result = await orgs.call(document, delegate.key, vars?.());
    expect({ operation, ...refusalOf(result) }).toMatchObject({ operation, ...expected });
    expect({ operation, appended: (await orgs.eventCount()) - before }).toEqual({ operation, appended: 0 });
  });
});

const putPolicy = async (content: object): Promise<string> => {
  const { putResourcePolicy } = await orgs.ok<{ putResourcePolicy: { consistencyToken: string } }>(
    'mutation($c: String!) { putResourcePolicy(input: { content: $c }) { consistencyToken } }',
    org.key,
    { c: JSON.stringify({ Version: '2012-10-17', ...content }) },
  );
  return putResourcePolicy.consistencyToken;
};

/** Runs a mutation as `key` and says how many events it appended. */
async function appendedBy(key: string, document: string, vars?: Record<string, unknown>) {
  const before = await orgs.eventCount();
  const result = await orgs.call<Record<string, { consistencyToken: string; policy?: { policySummary: { id: string } } }>>(document, key, vars);
  return { result, appended: (await orgs.eventCount()) - before };
}

/** The mutations a delegation policy can grant, in an order in which each one succeeds (the policy the first creates is the others'). */
let delegatedPolicyId: string;
const GRANTABLE: [string, string, () => Record<string, unknown>][] = [
  ['createPolicy', 'mutation($c: String!) { createPolicy(input: { name: "ByDelegate", description: "", type: SERVICE_CONTROL_POLICY, content: $c }) { policy { policySummary { id } } consistencyToken } }', () => ({ c: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 's3:DeleteBucket', Resource: '*' }] }) })],
  ['updatePolicy', 'mutation($p: String!) { updatePolicy(input: { policyId: $p, description: "by the delegate" }) { consistencyToken } }', () => ({ p: delegatedPolicyId })],
  ['attachPolicy', 'mutation($p: String!, $t: String!) { attachPolicy(input: { policyId: $p, targetId: $t }) { consistencyToken } }', () => ({ p: delegatedPolicyId, t: ouId })],
  ['detachPolicy', 'mutation($p: String!, $t: String!) { detachPolicy(input: { policyId: $p, targetId: $t }) { consistencyToken } }', () => ({ p: delegatedPolicyId, t: ouId })],
  ['deletePolicy', 'mutation($p: String!) { deletePolicy(input: { policyId: $p }) { consistencyToken } }', () => ({ p: delegatedPolicyId })],
  ['enablePolicyType', 'mutation($r: String!) { enablePolicyType(input: { rootId: $r, policyType: TAG_POLICY }) { consistencyToken } }', () => ({ r: org.rootId })],
  ['disablePolicyType', 'mutation($r: String!) { disablePolicyType(input: { rootId: $r, policyType: TAG_POLICY }) { consistencyToken } }', () => ({ r: org.rootId })],
  ['tagResource', 'mutation($r: String!) { tagResource(input: { resourceId: $r, tags: [{ key: "owner", value: "delegate" }] }) { consistencyToken } }', () => ({ r: ouId })],
  ['untagResource', 'mutation($r: String!) { untagResource(input: { resourceId: $r, tagKeys: ["owner"] }) { consistencyToken } }', () => ({ r: ouId })],
];

describe('the delegation policy', () => {
  const tagging = () =>
    JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Sid: 'Tagging', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${delegate.accountId}:root` }, Action: ['organizations:TagResource', 'organizations:UntagResource'], Resource: `arn:aws:organizations::${org.accountId}:ou/${org.organizationId}/*` },
      ],
    });
  const tagOu = (key: string, r = ouId) => `mutation { tagResource(input: { resourceId: "${r}", tags: [{ key: "${key}", value: "v" }] }) { consistencyToken } }`;

  it('is put and read back by the management account and the delegate, and grants what it allows: tagging OUs, not accounts', async () => {
    const { putResourcePolicy } = await orgs.ok<{ putResourcePolicy: { resourcePolicy: { resourcePolicySummary: { id: string; arn: string }; content: string }; consistencyToken: string } }>(
      'mutation($c: String!) { putResourcePolicy(input: { content: $c }) { resourcePolicy { resourcePolicySummary { id arn } content } consistencyToken } }',
      org.key,
      { c: tagging() },
    );
    const { id, arn } = putResourcePolicy.resourcePolicy.resourcePolicySummary;
    expect(id).toMatch(/^rp-[0-9a-z]{12}$/);
    expect(arn).toBe(`arn:aws:organizations::${org.accountId}:resourcepolicy/${org.organizationId}/${id}`);
    for (const key of [org.key, delegate.key]) {
      const { describeResourcePolicy } = await orgs.ok<{ describeResourcePolicy: { resourcePolicy: { content: string } } }>(
        'query($t: String) { describeResourcePolicy(consistencyToken: $t) { resourcePolicy { content } } }',
        key,
        { t: putResourcePolicy.consistencyToken },
      );
      expect(describeResourcePolicy.resourcePolicy.content).toBe(tagging());
    }
    const tagged = await appendedBy(delegate.key, tagOu('k'));
    expect({ errors: tagged.result.errors, appended: tagged.appended }).toEqual({ errors: undefined, appended: 1 });
    const { listTagsForResource } = await orgs.ok<{ listTagsForResource: { tags: { key: string }[] } }>(
      'query($r: String!, $t: String) { listTagsForResource(resourceId: $r, consistencyToken: $t) { tags { key } } }',
      org.key,
      { r: ouId, t: tagged.result.data?.tagResource.consistencyToken },
    );
    expect(listTagsForResource.tags.map((t) => t.key).sort()).toEqual(['k', 'team']);
    // An account is not an OU; the plain member is not named.
    expect(refusalOf(await orgs.call(tagOu('k', plain.accountId), delegate.key))).toMatchObject(denied);
    expect(refusalOf(await orgs.call(tagOu('k'), plain.key))).toMatchObject(denied);
  });

  describe('granting everything a delegation policy can grant', () => {
    beforeAll(async () => {
      await putPolicy({ Statement: [{ Effect: 'Allow', Principal: { AWS: delegate.accountId }, Action: 'organizations:*', Resource: '*' }] });
    });

    it.each(GRANTABLE.map(([operation]) => operation))('%s succeeds for the delegate, through the normal command path', async (operation) => {
      const [, document, vars] = GRANTABLE.find(([o]) => o === operation)!;
      const { result, appended } = await appendedBy(delegate.key, document, vars());
      expect({ operation, errors: result.errors }).toEqual({ operation, errors: undefined });
      expect(appended).toBeGreaterThan(0);
      if (operation === 'createPolicy') delegatedPolicyId = result.data!.createPolicy.policy!.policySummary.id;
    });

    it('records the delegate as the one who acted', async () => {
      const [row] = await orgs.sql<{ n: number }>(
        "SELECT count(*)::int AS n FROM events WHERE event_type IN ('PolicyCreated', 'PolicyDeleted') AND data::text LIKE $1 AND metadata->>'actingAccountId' = $2",
        [`%${delegatedPolicyId}%`, delegate.accountId],
      );
      expect(row.n).toBe(2);
    });

    const others = () => Object.keys(MUTATIONS).filter((m) => !GRANTABLE.some(([g]) => g === m));
    it('still refuses every other mutation, appending nothing', async () => {
      expect(others().length).toBe(Object.keys(MUTATIONS).length - GRANTABLE.length);
      for (const operation of others()) {
        const { document, vars, expect: expected = denied } = MUTATIONS[operation];
        const { result, appended } = await appendedBy(delegate.key, document, vars?.());
        expect({ operation, ...refusalOf(result), appended }).toMatchObject({ operation, ...expected, appended: 0 });
      }
    });

    it('gives nothing to a member it does not name', async () => {
      for (const [operation, document, vars] of GRANTABLE.slice(0, 1)) {
        const { result, appended } = await appendedBy(plain.key, document, vars());
        expect({ operation, ...refusalOf(result), appended }).toMatchObject({ operation, ...denied, appended: 0 });
      }
    });
  });

  it('holds the delegate to its conditions: tag policies only, on this OU only', async () => {
    const tagPolicy = JSON.stringify({ tags: { team: { tag_key: { '@@assign': 'Team' } } } });
    const create = (type: string, content: string) =>
      appendedBy(delegate.key, `mutation($c: String!) { createPolicy(input: { name: "Limited${type}", description: "", type: ${type}, content: $c }) { policy { policySummary { id } } consistencyToken } }`, { c: content });
    const t = await putPolicy({
      Statement: [
        { Effect: 'Allow', Principal: { AWS: delegate.accountId }, Action: 'organizations:CreatePolicy', Resource: '*', Condition: { StringEquals: { 'organizations:PolicyType': 'TAG_POLICY' } } },
        { Effect: 'Allow', Principal: { AWS: delegate.accountId }, Action: 'organizations:AttachPolicy', Resource: [`arn:aws:organizations::${org.accountId}:ou/${org.organizationId}/${ouId}`, `arn:aws:organizations::${org.accountId}:policy/${org.organizationId}/tag_policy/*`] },
      ],
    });
    await orgs.ok('query($t: String) { describeResourcePolicy(consistencyToken: $t) { resourcePolicy { content } } }', org.key, { t });
    const scp = await create('SERVICE_CONTROL_POLICY', JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'ec2:*', Resource: '*' }] }));
    expect({ ...refusalOf(scp.result), appended: scp.appended }).toMatchObject({ ...denied, appended: 0 });
    const tag = await create('TAG_POLICY', tagPolicy);
    expect(tag.result.errors).toBeUndefined();
    const tagPolicyId = tag.result.data!.createPolicy.policy!.policySummary.id;
    await orgs.ok('mutation($r: String!) { enablePolicyType(input: { rootId: $r, policyType: TAG_POLICY }) { consistencyToken } }', org.key, { r: org.rootId });
    const attach = (p: string, t: string) => appendedBy(delegate.key, 'mutation($p: String!, $t: String!) { attachPolicy(input: { policyId: $p, targetId: $t }) { consistencyToken } }', { p, t });
    expect((await attach(tagPolicyId, ouId)).result.errors).toBeUndefined();
    expect(refusalOf((await attach(tagPolicyId, org.rootId)).result)).toMatchObject(denied);
    expect(refusalOf((await attach('p-FullAWSAccess', ouId)).result)).toMatchObject(denied);
  });

  it('lets a member it names read what it allows, without a service registration', async () => {
    const t = await putPolicy({ Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${plain.accountId}:root` }, Action: ['organizations:ListAccounts', 'organizations:ListPolicies'], Resource: '*' }] });
    expect((await orgs.call('query($t: String) { listAccounts(consistencyToken: $t) { accounts { id } } }', plain.key, { t })).errors).toBeUndefined();
    expect((await orgs.call('query { listPolicies(filter: TAG_POLICY) { policies { id } } }', plain.key)).errors).toBeUndefined();
    expect(refusalOf(await orgs.call('query { listRoots { roots { id } } }', plain.key))).toMatchObject(denied);
  });

  it('judges a member\'s reads on the resource they name', async () => {
    const ouArn = `arn:aws:organizations::${org.accountId}:ou/${org.organizationId}/${ouId}`;
    const t = await putPolicy({
      Statement: [{ Effect: 'Allow', Principal: { AWS: plain.accountId }, Action: ['organizations:ListTagsForResource', 'organizations:DescribeOrganizationalUnit', 'organizations:ListChildren'], Resource: ouArn }],
    });
    const tags = (r: string) => orgs.call('query($r: String!, $t: String) { listTagsForResource(resourceId: $r, consistencyToken: $t) { tags { key } } }', plain.key, { r, t });
    expect((await tags(ouId)).errors).toBeUndefined();
    expect(refusalOf(await tags(org.rootId))).toMatchObject(denied);
    expect(refusalOf(await tags(delegate.accountId))).toMatchObject(denied);
    expect((await orgs.call('query($o: String!) { describeOrganizationalUnit(organizationalUnitId: $o) { organizationalUnit { id } } }', plain.key, { o: ouId })).errors).toBeUndefined();
    const children = (p: string) => orgs.call('query($p: String!) { listChildren(parentId: $p, childType: ACCOUNT) { children { id } } }', plain.key, { p });
    expect((await children(ouId)).errors).toBeUndefined();
    expect(refusalOf(await children(org.rootId))).toMatchObject(denied);
  });

  it('refuses a document that is not a delegation policy, naming why', async () => {
    const put = (c: string) => orgs.call('mutation($c: String!) { putResourcePolicy(input: { content: $c }) { consistencyToken } }', org.key, { c });
    expect(refusalOf(await put('{ not json'))).toEqual({ code: 'InvalidInputException', reason: 'INVALID_RESOURCE_POLICY_JSON' });
    const createAccount = JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: { AWS: delegate.accountId }, Action: 'organizations:CreateAccount', Resource: '*' }] });
    expect(refusalOf(await put(createAccount))).toEqual({ code: 'InvalidInputException', reason: 'UNSUPPORTED_ACTION_IN_RESOURCE_POLICY' });
  });

  it('grants nothing once deleted', async () => {
    await putPolicy({ Statement: [{ Effect: 'Allow', Principal: { AWS: delegate.accountId }, Action: 'organizations:TagResource', Resource: '*' }] });
    const { deleteResourcePolicy } = await orgs.ok<{ deleteResourcePolicy: { consistencyToken: string } }>('mutation { deleteResourcePolicy { consistencyToken } }', org.key);
    await orgs.ok('query($t: String) { listRoots(consistencyToken: $t) { roots { id } } }', org.key, { t: deleteResourcePolicy.consistencyToken });
    const { result, appended } = await appendedBy(delegate.key, tagOu('after'));
    expect({ ...refusalOf(result), appended }).toMatchObject({ ...denied, appended: 0 });
  });
});

describe('deregistration', () => {
  it('takes the read access away with the last delegation', async () => {
    const { deregisterDelegatedAdministrator } = await orgs.ok<{ deregisterDelegatedAdministrator: { consistencyToken: string } }>(
      'mutation($a: String!, $p: String!) { deregisterDelegatedAdministrator(input: { accountId: $a, servicePrincipal: $p }) { consistencyToken } }',
      org.key,
      { a: delegate.accountId, p: SSO },
    );
    const t = deregisterDelegatedAdministrator.consistencyToken;
    expect(refusalOf(await orgs.call('query($t: String) { listAccounts(consistencyToken: $t) { accounts { id } } }', delegate.key, { t }))).toMatchObject(denied);
    const services = await orgs.call('query($a: String!, $t: String) { listDelegatedServicesForAccount(accountId: $a, consistencyToken: $t) { delegatedServices { servicePrincipal } } }', org.key, {
      a: delegate.accountId,
      t,
    });
    expect(refusalOf(services)).toMatchObject({ code: 'AccountNotRegisteredException' });
  });
});
