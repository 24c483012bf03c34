import { buildTenantFixture } from './support/access-fixture';
import {
  as,
  attemptsOf,
  DENIED,
  isMutation,
  items,
  json,
  LISTS_NONE_OF_A,
  NO_IDS,
  none,
  ok,
  play,
  refused,
  refusedFor,
  treeOf,
  type Caller,
  type Case,
  type Matrix,
  type Vars,
} from './support/access-matrix';
import { E2eService, uniqueEmail } from './support/e2e-service';
import { POLICY_CASES } from './support/policy-access-cases';
import { TRUSTED_ACCESS_CASES, withTrustedAccess } from './support/trusted-access-cases';
import { ACCESS_KEY_CASES, WEBHOOK_CASES, withWebhooksAndAccessKeys } from './support/webhook-access-cases';

/**
 * Every GraphQL operation, checked for access and for tenant isolation ("The denials are
 * AccessDeniedException and are tested for every mutation"; "for every query and mutation, a key
 * of tenant A given ids of tenant B's objects gets not-found or access-denied and changes nothing").
 *
 * One table, one row per operation: its document, the variables built from tenant A's ids, and
 * what each caller must get:
 * - readOnly:    a READ_ONLY key of A's management account: every mutation AccessDeniedException,
 *                every query answered (the same ids then prove that they exist);
 * - member:      an ADMIN key of A's created member account (or, `as: 'invited'`, of the member that
 *                joined by invitation): AccessDeniedException for what only the management account
 *                may do, the right answer or domain error for what a member may do;
 * - otherTenant: tenant B's management ADMIN key given A's ids: a not-found code (or AccessDenied
 *                where the operation answers that), or for lists an answer holding none of A's ids;
 *                NO_IDS for a mutation that names no object, so the key alone fixes the tenant.
 * - management:  A's own ADMIN key, only for operator-only operations (any API key is refused).
 * Every attempt that is not a success must leave the event count of the database as it was; after
 * all of them A's tree reads back exactly as before.
 */
const orgs = new E2eService('e2e-access-matrix-operator');
/** Billing periods (UTC months) relative to today. */
const thisMonth = () => new Date().toISOString().slice(0, 7);
const lastMonth = () => new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth() - 1, 1)).toISOString().slice(0, 7);
const matrix = {} as Matrix;

/** Objects of A that tagging and listing cases aim at, as variables `{ r }` / `{ p }`. */
const ouOfA: Vars = (a) => ({ r: a.ouId, p: a.ouId });
const rootOfA: Vars = (a) => ({ r: a.rootId, p: a.rootId });
const createdOfA: Vars = (a) => ({ r: a.created.accountId });
const managementOfA: Vars = (a) => ({ r: a.management.accountId });

const CASES: Record<string, Case> = {
  // ---------------------------------------------------------------- mutations
  acceptHandshake: {
    document: 'mutation($h: String!) { acceptHandshake(input: { handshakeId: $h }) { handshake { id state } } }',
    vars: (a) => ({ h: a.prospect.openHandshakeId }),
    readOnly: DENIED,
    member: [
      as((a) => ({ h: a.invited.handshakeId }), refused('HandshakeAlreadyInStateException'), 'invited'),
      // Not a party to the prospect's invitation: it is not found, so that its existence does not leak.
      as((a) => ({ h: a.prospect.openHandshakeId }), refused('HandshakeNotFoundException'), 'invited'),
    ],
    otherTenant: [as((a) => ({ h: a.prospect.openHandshakeId }), refused('HandshakeNotFoundException')), as((a) => ({ h: a.invited.handshakeId }), refused('HandshakeNotFoundException'))],
  },
  cancelHandshake: {
    document: 'mutation($h: String!) { cancelHandshake(input: { handshakeId: $h }) { handshake { id state } } }',
    vars: (a) => ({ h: a.prospect.openHandshakeId }),
    readOnly: DENIED,
    member: [
      // Its own invitation, but only the sender cancels.
      as((a) => ({ h: a.invited.handshakeId }), DENIED, 'invited'),
      as((a) => ({ h: a.prospect.openHandshakeId }), refused('HandshakeNotFoundException')),
    ],
    otherTenant: refused('HandshakeNotFoundException'),
  },
  closeAccount: {
    document: 'mutation($id: String!) { closeAccount(input: { accountId: $id }) { consistencyToken } }',
    vars: (a) => ({ id: a.created.accountId }),
    readOnly: DENIED,
    member: [as((a) => ({ id: a.created.accountId }), DENIED), as((a) => ({ id: a.invited.accountId }), DENIED)],
    otherTenant: [as((a) => ({ id: a.created.accountId }), refused('AccountNotFoundException')), as((a) => ({ id: a.management.accountId }), refused('AccountNotFoundException'))],
  },
  createAccount: {
    document: 'mutation($e: String!) { createAccount(input: { email: $e, accountName: "Matrix" }) { createAccountStatus { id } } }',
    vars: () => ({ e: uniqueEmail('matrix') }),
    readOnly: DENIED,
    member: DENIED,
    otherTenant: NO_IDS,
  },
  createApiKey: {
    document: 'mutation($id: String!) { createApiKey(input: { accountId: $id, role: ADMIN }) { key { id } } }',
    vars: (a) => ({ id: a.management.accountId }),
    readOnly: DENIED,
    member: [as((a) => ({ id: a.management.accountId }), DENIED), as((a) => ({ id: a.invited.accountId }), DENIED)],
    otherTenant: [as((a) => ({ id: a.management.accountId }), refused('AccountNotFoundException')), as((a) => ({ id: a.created.accountId }), refused('AccountNotFoundException'))],
  },
  createOrganization: {
    document: 'mutation { createOrganization { organization { id } } }',
    readOnly: DENIED,
    member: refused('AlreadyInOrganizationException'),
    otherTenant: NO_IDS,
  },
  createOrganizationalUnit: {
    document: 'mutation($p: String!) { createOrganizationalUnit(input: { parentId: $p, name: "Matrix" }) { organizationalUnit { id } } }',
    vars: (a) => ({ p: a.rootId }),
    readOnly: DENIED,
    member: DENIED,
    otherTenant: [as((a) => ({ p: a.rootId }), refused('ParentNotFoundException')), as((a) => ({ p: a.ouId }), refused('ParentNotFoundException'))],
  },
  createTenant: {
    document: 'mutation { createTenant(input: { name: "Matrix" }) { tenant { id } } }',
    readOnly: DENIED,
    member: DENIED,
    otherTenant: DENIED,
    management: DENIED,
  },
  declineHandshake: {
    document: 'mutation($h: String!) { declineHandshake(input: { handshakeId: $h }) { handshake { id state } } }',
    vars: (a) => ({ h: a.prospect.openHandshakeId }),
    readOnly: DENIED,
    member: [
      as((a) => ({ h: a.invited.handshakeId }), refused('InvalidHandshakeTransitionException'), 'invited'),
      as((a) => ({ h: a.prospect.openHandshakeId }), refused('HandshakeNotFoundException'), 'invited'),
    ],
    otherTenant: refused('HandshakeNotFoundException'),
  },
  deleteOrganization: {
    document: 'mutation { deleteOrganization { consistencyToken } }',
    readOnly: DENIED,
    member: DENIED,
    otherTenant: NO_IDS,
  },
  deleteOrganizationalUnit: {
    document: 'mutation($id: String!) { deleteOrganizationalUnit(input: { organizationalUnitId: $id }) { consistencyToken } }',
    vars: (a) => ({ id: a.ouId }),
    readOnly: DENIED,
    member: DENIED,
    otherTenant: refused('OrganizationalUnitNotFoundException'),
  },
  enableAllFeatures: {
    document: 'mutation { enableAllFeatures { handshake { id } } }',
    readOnly: DENIED,
    member: DENIED,
    otherTenant: NO_IDS,
  },
  inviteAccountToOrganization: {
    document: 'mutation($id: String!) { inviteAccountToOrganization(input: { target: { id: $id, type: ACCOUNT } }) { handshake { id } } }',
    vars: (a) => ({ id: a.prospect.accountId }),
    readOnly: DENIED,
    member: DENIED,
    otherTenant: [as((a) => ({ id: a.prospect.accountId }), refused('AccountNotFoundException')), as((a) => ({ id: a.management.accountId }), refused('AccountNotFoundException'))],
  },
  leaveOrganization: {
    document: 'mutation { leaveOrganization { consistencyToken } }',
    readOnly: DENIED,
    // A member may leave; a created one only after the wait period (4 days by default).
    member: refusedFor('ConstraintViolationException', 'WAIT_PERIOD_ACTIVE'),
    otherTenant: NO_IDS,
  },
  moveAccount: {
    document: 'mutation($a: String!, $s: String!, $d: String!) { moveAccount(input: { accountId: $a, sourceParentId: $s, destinationParentId: $d }) { consistencyToken } }',
    vars: (a) => ({ a: a.created.accountId, s: a.ouId, d: a.rootId }),
    readOnly: DENIED,
    member: DENIED,
    otherTenant: [
      as((a) => ({ a: a.created.accountId, s: a.ouId, d: a.rootId }), refused('AccountNotFoundException', 'SourceParentNotFoundException', 'DestinationParentNotFoundException')),
      // A's account between B's own parents.
      as((a, b) => ({ a: a.created.accountId, s: b.rootId, d: b.ouId }), refused('AccountNotFoundException', 'SourceParentNotFoundException')),
      // B's own account into A's OU.
      as((a, b) => ({ a: b.created.accountId, s: b.ouId, d: a.ouId }), refused('DestinationParentNotFoundException')),
    ],
  },
  registerStandaloneAccount: {
    document: 'mutation($e: String!, $t: String) { registerStandaloneAccount(input: { email: $e, accountName: "Matrix", tenantId: $t }) { account { id } } }',
    vars: (a) => ({ e: uniqueEmail('matrix'), t: a.tenantId }),
    readOnly: DENIED,
    // Any ADMIN key may register in its own tenant: an email already taken is the domain's refusal.
    member: [as((a) => ({ e: a.management.email, t: a.tenantId }), refused('DuplicateAccountException'))],
    otherTenant: DENIED,
  },
  removeAccountFromOrganization: {
    document: 'mutation($id: String!) { removeAccountFromOrganization(input: { accountId: $id }) { consistencyToken } }',
    vars: (a) => ({ id: a.invited.accountId }),
    readOnly: DENIED,
    member: [as((a) => ({ id: a.invited.accountId }), DENIED), as((a) => ({ id: a.created.accountId }), DENIED)],
    otherTenant: [as((a) => ({ id: a.invited.accountId }), refused('AccountNotFoundException')), as((a) => ({ id: a.created.accountId }), refused('AccountNotFoundException'))],
  },
  revokeApiKey: {
    document: 'mutation($k: String!) { revokeApiKey(input: { apiKeyId: $k }) { consistencyToken } }',
    vars: (a) => ({ k: a.management.keyId }),
    readOnly: DENIED,
    member: [
      as((a) => ({ k: a.management.keyId }), DENIED),
      as((a) => ({ k: a.invited.keyId }), DENIED),
      // Its own keys it may revoke, but not its last ADMIN key.
      as((a) => ({ k: a.created.keyId }), refused('ConflictException')),
    ],
    otherTenant: [
      as((a) => ({ k: a.management.keyId }), refused('ApiKeyNotFoundException')),
      as((a) => ({ k: a.readOnly.keyId }), refused('ApiKeyNotFoundException')),
      as((a) => ({ k: a.created.keyId }), refused('ApiKeyNotFoundException')),
    ],
  },
  tagResource: {
    document: 'mutation($r: String!) { tagResource(input: { resourceId: $r, tags: [{ key: "matrix", value: "x" }] }) { consistencyToken } }',
    vars: (a) => ({ r: a.ouId }),
    readOnly: DENIED,
    member: [as((a) => ({ r: a.ouId }), DENIED), as((a) => ({ r: a.created.accountId }), DENIED)],
    otherTenant: [ouOfA, rootOfA, createdOfA, managementOfA].map((target) => as(target, refused('TargetNotFoundException'))),
  },
  untagResource: {
    document: 'mutation($r: String!) { untagResource(input: { resourceId: $r, tagKeys: ["team"] }) { consistencyToken } }',
    vars: (a) => ({ r: a.ouId }),
    readOnly: DENIED,
    member: [as((a) => ({ r: a.ouId }), DENIED), as((a) => ({ r: a.created.accountId }), DENIED)],
    otherTenant: [ouOfA, rootOfA, createdOfA].map((target) => as(target, refused('TargetNotFoundException'))),
  },
  updateOrganizationalUnit: {
    document: 'mutation($id: String!) { updateOrganizationalUnit(input: { organizationalUnitId: $id, name: "Renamed" }) { organizationalUnit { id name } } }',
    vars: (a) => ({ id: a.ouId }),
    readOnly: DENIED,
    member: DENIED,
    otherTenant: refused('OrganizationalUnitNotFoundException'),
  },
  closeBillingPeriod: {
    document: 'mutation($p: String!) { closeBillingPeriod(input: { period: $p }) { total consistencyToken } }',
    vars: () => ({ p: lastMonth() }),
    readOnly: DENIED,
    member: DENIED,
    otherTenant: NO_IDS,
  },
  putPriceList: {
    document: `mutation($d: String!) { putPriceList(input: { effectiveFrom: $d, prices: [{ productCode: "AmazonEC2", usageType: "BoxUsage:matrix",
      unit: "Hrs", tiers: [{ rate: "0.5" }] }] }) { consistencyToken } }`,
    vars: () => ({ d: `${thisMonth()}-01` }),
    readOnly: DENIED,
    member: DENIED,
    otherTenant: NO_IDS,
  },
  recordUsage: {
    document: `mutation($b: String!, $a: String!) { recordUsage(input: { batchId: $b, records: [{ accountId: $a, productCode: "AmazonEC2",
      usageType: "BoxUsage:t3.micro", quantity: "1", usageStart: "2026-01-01T00:00:00Z", usageEnd: "2026-01-01T01:00:00Z" }] }) { recordCount } }`,
    vars: (a) => ({ b: `matrix-${Math.random().toString(36).slice(2)}`, a: a.created.accountId }),
    readOnly: DENIED,
    member: [as((a) => ({ b: 'matrix-member', a: a.created.accountId }), DENIED), as((a) => ({ b: 'matrix-member', a: a.management.accountId }), DENIED)],
    // One answer for an account of another tenant and one that does not exist.
    otherTenant: [createdOfA, managementOfA].map((target) => as((a, b) => ({ b: 'matrix-b', a: target(a, b).r }), refused('AccountNotFoundException'))),
  },
  updateTenantQuotas: {
    document: 'mutation($t: String!) { updateTenantQuotas(input: { tenantId: $t, maxAccounts: 50000 }) { consistencyToken } }',
    vars: (a) => ({ t: a.tenantId }),
    readOnly: DENIED,
    member: DENIED,
    otherTenant: DENIED,
    management: DENIED,
  },

  // ---------------------------------------------------------------- queries
  auditEvents: {
    document: 'query($a: String) { auditEvents(filter: { accountId: $a }) { auditEvents { eventId eventType actingAccountId streamId data } } }',
    vars: (a) => ({ a: a.management.accountId }),
    readOnly: ok((d) => expect(items(d, 'auditEvents', 'auditEvents').length).toBeGreaterThan(0)),
    // A member sees only the events it caused itself.
    member: [
      as(none, ok((d, a) => expect(items(d, 'auditEvents', 'auditEvents').every((e) => e.actingAccountId === a.created.accountId)).toBe(true))),
      as((a) => ({ a: a.management.accountId }), ok((d) => expect(items(d, 'auditEvents', 'auditEvents')).toEqual([]))),
    ],
    otherTenant: [as((a) => ({ a: a.management.accountId }), LISTS_NONE_OF_A), as(none, LISTS_NONE_OF_A)],
  },
  bill: {
    document: 'query($p: String!, $a: [String!]) { bill(period: $p, filter: { accountIds: $a }) { bill { status total accounts { accountId } lineItems { accountId } } } }',
    vars: () => ({ p: thisMonth() }),
    readOnly: ok((d) => expect(json(d)).toContain('OPEN')),
    // A member sees its own share only.
    member: ok((d, a) => expect(json(d)).not.toContain(a.management.accountId)),
    otherTenant: [as(() => ({ p: thisMonth() }), LISTS_NONE_OF_A), as((a) => ({ p: thisMonth(), a: [a.created.accountId, a.management.accountId] }), LISTS_NONE_OF_A)],
  },
  describeAccount: {
    document: 'query($id: String!) { describeAccount(accountId: $id) { account { id } } }',
    vars: (a) => ({ id: a.created.accountId }),
    readOnly: ok(),
    member: [as((a) => ({ id: a.created.accountId }), ok()), as((a) => ({ id: a.management.accountId }), DENIED), as((a) => ({ id: a.invited.accountId }), DENIED)],
    otherTenant: [as((a) => ({ id: a.created.accountId }), refused('AccountNotFoundException')), as((a) => ({ id: a.management.accountId }), refused('AccountNotFoundException'))],
  },
  describeCreateAccountStatus: {
    document: 'query($id: String!) { describeCreateAccountStatus(createAccountRequestId: $id) { createAccountStatus { id accountId } } }',
    vars: (a) => ({ id: a.created.requestId }),
    readOnly: ok(),
    member: DENIED,
    otherTenant: refused('CreateAccountStatusNotFoundException'),
  },
  describeHandshake: {
    document: 'query($h: String!) { describeHandshake(handshakeId: $h) { handshake { id state } } }',
    vars: (a) => ({ h: a.prospect.openHandshakeId }),
    readOnly: ok(),
    member: [as((a) => ({ h: a.invited.handshakeId }), ok(), 'invited'), as((a) => ({ h: a.prospect.openHandshakeId }), refused('HandshakeNotFoundException'), 'invited')],
    otherTenant: [as((a) => ({ h: a.prospect.openHandshakeId }), refused('HandshakeNotFoundException')), as((a) => ({ h: a.invited.handshakeId }), refused('HandshakeNotFoundException'))],
  },
  describeOrganization: {
    document: 'query { describeOrganization { organization { id arn masterAccountId masterAccountEmail } } }',
    readOnly: ok(),
    member: ok((d, a) => expect(json(d)).toContain(a.organizationId)),
    otherTenant: LISTS_NONE_OF_A,
  },
  describeOrganizationalUnit: {
    document: 'query($id: String!) { describeOrganizationalUnit(organizationalUnitId: $id) { organizationalUnit { id } } }',
    vars: (a) => ({ id: a.ouId }),
    readOnly: ok(),
    member: DENIED,
    otherTenant: refused('OrganizationalUnitNotFoundException'),
  },
  listAccounts: {
    document: 'query($n: String) { listAccounts(maxResults: 1, nextToken: $n) { accounts { id email arn } nextToken } }',
    readOnly: [as(none, ok((d, a) => expect(json(d)).toContain(a.management.accountId))), as((a) => ({ n: a.pageToken }), ok())],
    member: DENIED,
    // Page tokens are A's too: signed for A's tenant, B cannot page through them.
    otherTenant: [as(none, LISTS_NONE_OF_A), as((a) => ({ n: a.pageToken }), refusedFor('InvalidInputException', 'INVALID_NEXT_TOKEN'))],
  },
  listAccountsForParent: {
    document: 'query($p: String!) { listAccountsForParent(parentId: $p) { accounts { id } } }',
    vars: (a) => ({ p: a.ouId }),
    readOnly: ok((d, a) => expect(json(d)).toContain(a.created.accountId)),
    member: DENIED,
    otherTenant: [ouOfA, rootOfA].map((parent) => as(parent, refused('ParentNotFoundException'))),
  },
  listApiKeys: {
    document: 'query($a: String) { listApiKeys(accountId: $a) { apiKeys { id accountId } } }',
    vars: (a) => ({ a: a.management.accountId }),
    readOnly: ok((d, a) => expect(json(d)).toContain(a.readOnly.keyId)),
    member: [as((a) => ({ a: a.created.accountId }), ok((d, a) => expect(json(d)).toContain(a.created.keyId))), as((a) => ({ a: a.management.accountId }), DENIED)],
    otherTenant: [as((a) => ({ a: a.management.accountId }), refused('AccountNotFoundException')), as((a) => ({ a: a.created.accountId }), refused('AccountNotFoundException'))],
  },
  listChildren: {
    document: 'query($p: String!) { listChildren(parentId: $p, childType: ORGANIZATIONAL_UNIT) { children { id type } } }',
    vars: (a) => ({ p: a.rootId }),
    readOnly: ok((d, a) => expect(json(d)).toContain(a.ouId)),
    member: DENIED,
    otherTenant: [ouOfA, rootOfA].map((parent) => as(parent, refused('ParentNotFoundException'))),
  },
  listCreateAccountStatus: {
    document: 'query { listCreateAccountStatus { createAccountStatuses { id accountId } } }',
    readOnly: ok((d, a) => expect(json(d)).toContain(a.created.requestId)),
    member: DENIED,
    otherTenant: LISTS_NONE_OF_A,
  },
  listHandshakesForAccount: {
    document: 'query($p: String) { listHandshakesForAccount(filter: { parentHandshakeId: $p }) { handshakes { id } } }',
    readOnly: ok(),
    member: [as(none, ok((d, a) => expect(json(d)).toContain(a.invited.handshakeId)), 'invited'), as(none, ok((d, a) => expect(json(d)).not.toContain(a.prospect.openHandshakeId)))],
    otherTenant: [as(none, LISTS_NONE_OF_A), as((a) => ({ p: a.prospect.openHandshakeId }), LISTS_NONE_OF_A)],
  },
  listHandshakesForOrganization: {
    document: 'query($p: String) { listHandshakesForOrganization(filter: { parentHandshakeId: $p }) { handshakes { id } } }',
    readOnly: ok((d, a) => expect(json(d)).toContain(a.prospect.openHandshakeId)),
    member: DENIED,
    otherTenant: [as(none, LISTS_NONE_OF_A), as((a) => ({ p: a.prospect.openHandshakeId }), LISTS_NONE_OF_A)],
  },
  listOrganizationalUnitsForParent: {
    document: 'query($p: String!) { listOrganizationalUnitsForParent(parentId: $p) { organizationalUnits { id } } }',
    vars: (a) => ({ p: a.rootId }),
    readOnly: ok((d, a) => expect(json(d)).toContain(a.ouId)),
    member: DENIED,
    otherTenant: [ouOfA, rootOfA].map((parent) => as(parent, refused('ParentNotFoundException'))),
  },
  listParents: {
    document: 'query($c: String!) { listParents(childId: $c) { parents { id type } } }',
    vars: (a) => ({ c: a.created.accountId }),
    readOnly: ok((d, a) => expect(json(d)).toContain(a.ouId)),
    member: DENIED,
    otherTenant: [as((a) => ({ c: a.created.accountId }), refused('ChildNotFoundException')), as((a) => ({ c: a.ouId }), refused('ChildNotFoundException'))],
  },
  listRoots: {
    document: 'query { listRoots { roots { id arn } } }',
    readOnly: ok((d, a) => expect(json(d)).toContain(a.rootId)),
    member: DENIED,
    otherTenant: LISTS_NONE_OF_A,
  },
  listTagsForResource: {
    document: 'query($r: String!) { listTagsForResource(resourceId: $r) { tags { key value } } }',
    vars: (a) => ({ r: a.ouId }),
    readOnly: ok((d) => expect(json(d)).toContain('platform')),
    member: DENIED,
    otherTenant: [ouOfA, rootOfA, createdOfA].map((target) => as(target, refused('TargetNotFoundException'))),
  },
  organization: {
    document: `query { organization { id masterAccountId root { id tags { key } organizationalUnits { edges { node { id tags { key }
      accounts { edges { node { id email tags { key } } } } } } } accounts { edges { node { id email } } } } } }`,
    readOnly: ok((d, a) => expect(json(d)).toContain(a.created.accountId)),
    member: DENIED,
    otherTenant: LISTS_NONE_OF_A,
  },
  tenantQuotas: {
    document: 'query($t: String) { tenantQuotas(tenantId: $t) { tenantId maxAccounts { value } } }',
    vars: (a) => ({ t: a.tenantId }),
    // READ_ONLY keys only read, and this is a read.
    readOnly: ok(),
    member: ok(),
    otherTenant: DENIED,
  },
  consistency: {
    document: '{ consistency { lastPosition projections { name position lagEvents lagMs } } }',
    // About the log as a whole: positions and ages, no tenant's data; any key may ask.
    readOnly: ok((data) => expect(Number((data.consistency as { lastPosition: string }).lastPosition)).toBeGreaterThan(0)),
    member: ok(),
    otherTenant: LISTS_NONE_OF_A,
  },
  ...POLICY_CASES,
  ...TRUSTED_ACCESS_CASES,
  ...WEBHOOK_CASES,
  ...ACCESS_KEY_CASES,
};

let treeBefore: unknown;

beforeAll(async () => {
  // Webhook endpoints of the fixture point at 127.0.0.1, as test/e2e/webhooks.e2e-spec.ts allows it.
  await orgs.start({ WEBHOOK_ALLOWED_HOSTS: '127.0.0.1' });
  const a = await buildTenantFixture(orgs, 'Access matrix A');
  const b = await buildTenantFixture(orgs, 'Access matrix B');
  await Promise.all([withWebhooksAndAccessKeys(orgs, a), withWebhooksAndAccessKeys(orgs, b)]);
  await Promise.all([withTrustedAccess(orgs, a), withTrustedAccess(orgs, b)]);
  // B was built last: once its last write is read back, the read models hold both tenants.
  await orgs.ok('query($t: String) { describeOrganization(consistencyToken: $t) { organization { id } } }', b.management.key, { t: b.token });
  Object.assign(matrix, { orgs, a, b });
  treeBefore = await treeOf(orgs, a);
}, 180_000);
afterAll(() => orgs.stop());

describe('the table', () => {
  it('has cases for every query and mutation of the schema, and for no other', async () => {
    const { __schema } = await orgs.ok<{ __schema: { queryType: { fields: { name: string }[] }; mutationType: { fields: { name: string }[] } } }>(
      '{ __schema { queryType { fields { name } } mutationType { fields { name } } } }',
      matrix.a.readOnly.key,
    );
    const served = [...__schema.queryType.fields, ...__schema.mutationType.fields].map((f) => f.name).sort();
    expect(Object.keys(CASES).sort()).toEqual(served);
    const mutations = new Set(__schema.mutationType.fields.map((f) => f.name));
    for (const [operation, row] of Object.entries(CASES)) expect({ operation, mutation: isMutation(row.document) }).toEqual({ operation, mutation: mutations.has(operation) });
  });

  it('gives every mutation a case per caller, and every query one for the other tenant', () => {
    for (const [operation, row] of Object.entries(CASES)) {
      const mutation = isMutation(row.document);
      expect({ operation, readOnly: attemptsOf(row.readOnly).length > 0, member: attemptsOf(row.member).length > 0 }).toEqual({ operation, readOnly: true, member: true });
      // Only a mutation that names no object may skip the other tenant.
      expect({ operation, otherTenant: row.otherTenant === NO_IDS ? (mutation ? 'no ids' : 'missing') : attemptsOf(row.otherTenant).length > 0 }).toEqual({
        operation,
        otherTenant: row.otherTenant === NO_IDS ? 'no ids' : true,
      });
      if (mutation) for (const tried of attemptsOf(row.readOnly)) expect({ operation, expect: tried.expect }).toEqual({ operation, expect: DENIED });
    }
  });
});

const callers: [Caller, string][] = [
  ['readOnly', 'a READ_ONLY key of A\'s management account'],
  ['member', 'an ADMIN key of a member account of A'],
  ['otherTenant', 'tenant B\'s ADMIN key given tenant A\'s ids'],
  ['management', 'A\'s management ADMIN key, on operator-only operations'],
];

for (const [caller, title] of callers) {
  describe(title, () => {
    const rows = Object.entries(CASES).filter(([, row]) => attemptsOf(row[caller]).length > 0);
    it.each(rows.map(([operation]) => operation))('%s', async (operation) => {
      const row = CASES[operation];
      for (const tried of attemptsOf(row[caller])) await play(matrix, operation, caller, row, tried);
    });
  });
}

describe('after every refusal', () => {
  it('reads A\'s tree, handshakes and keys back exactly as they were', async () => {
    expect(await treeOf(orgs, matrix.a)).toEqual(treeBefore);
  });
});

describe('what members may do', () => {
  it('a member issues and revokes a key of its own account', async () => {
    const { createApiKey } = await orgs.ok<{ createApiKey: { key: { id: string }; consistencyToken: string } }>(
      'mutation($a: String!) { createApiKey(input: { accountId: $a, role: READ_ONLY }) { key { id } consistencyToken } }',
      matrix.a.created.key,
      { a: matrix.a.created.accountId },
    );
    await orgs.ok('mutation($k: String!, $t: String) { revokeApiKey(input: { apiKeyId: $k, consistencyToken: $t }) { consistencyToken } }', matrix.a.created.key, {
      k: createApiKey.key.id,
      t: createApiKey.consistencyToken,
    });
  });

  it('an invited member leaves the organization with its own key', async () => {
    const { leaveOrganization } = await orgs.ok<{ leaveOrganization: { consistencyToken: string } }>('mutation { leaveOrganization { consistencyToken } }', matrix.a.invited.key);
    const after = await orgs.call('query($t: String) { describeOrganization(consistencyToken: $t) { organization { id } } }', matrix.a.invited.key, {
      t: leaveOrganization.consistencyToken,
    });
    expect(after.errors?.[0]?.extensions?.code).toBe('AWSOrganizationsNotInUseException');
  });
});
