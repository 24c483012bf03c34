import { DEFAULT_QUOTAS, type OrganizationQuotas } from '../quotas';
import type { OrganizationCommand, OrganizationEvent } from '../organization';

/** The sample organization of the reference's ids-and-arns.md, for the accounts' given/when/then tests. */
export const requestedAt = '2026-11-23T00:00:00.000Z';
export const at = '2026-11-23T00:05:00.000Z';
export const mgmt = '111122223333';
export const member = '444455556666';
export const organizationId = 'o-a1b2c3d4e5';
export const rootId = 'r-k3x9';
export const ouA = 'ou-k3x9-aaaaaaaa';
export const ouB = 'ou-k3x9-bbbbbbbb';
export const requestId = 'car-5d8e2f0c1b9a4e7d3c6f0a2b8e1d4c97';
export const DAY_MS = 24 * 3600 * 1000;
export const FOUR_DAYS_MS = 4 * DAY_MS;
export const later = (from: string, ms: number) => new Date(Date.parse(from) + ms).toISOString();

export const organizationCreated = (featureSet: 'ALL' | 'CONSOLIDATED_BILLING' = 'ALL'): OrganizationEvent => ({
  type: 'OrganizationCreated',
  data: {
    organizationId,
    arn: `arn:aws:organizations::${mgmt}:organization/${organizationId}`,
    featureSet,
    managementAccountId: mgmt,
    managementAccountArn: `arn:aws:organizations::${mgmt}:account/${organizationId}/${mgmt}`,
    managementAccountName: 'Management',
    managementAccountEmail: 'admin@example.com',
    root: { id: rootId, arn: `arn:aws:organizations::${mgmt}:root/${organizationId}/${rootId}`, name: 'Root', policyTypes: [] },
    createdAt: requestedAt,
  },
});

export const ouCreated = (id: string, parentId = rootId): OrganizationEvent => ({
  type: 'OrganizationalUnitCreated',
  data: {
    organizationId,
    organizationalUnitId: id,
    arn: `arn:aws:organizations::${mgmt}:ou/${organizationId}/${id}`,
    name: id,
    parentId,
    path: parentId === rootId ? `${organizationId}/${rootId}/${id}/` : `${organizationId}/${rootId}/${parentId}/${id}/`,
    depth: parentId === rootId ? 1 : 2,
    createdAt: requestedAt,
  },
});

export const command = (type: string, data: object, actingAccountId = mgmt, when = at) =>
  ({ type, data, actingAccountId, at: when }) as OrganizationCommand;

export const createAccount = (data: object = {}, quotas: OrganizationQuotas = DEFAULT_QUOTAS, actingAccountId = mgmt) =>
  command('CreateAccount', { requestId, email: 'dev@example.com', accountName: 'Dev', quotas, ...data }, actingAccountId, requestedAt);

export const accountRequested = (id = requestId, overrides: object = {}): OrganizationEvent => ({
  type: 'CreateAccountRequested',
  data: {
    organizationId,
    requestId: id,
    accountName: 'Dev',
    email: 'dev@example.com',
    roleName: 'OrganizationAccountAccessRole',
    iamUserAccessToBilling: 'ALLOW',
    tags: {},
    requestedAt,
    ...overrides,
  },
});

/** A created member account, as the creation job records it (without the request's status event). */
export const memberCreated = (accountId = member, parentId = rootId, joinedAt = at, id = requestId): OrganizationEvent => ({
  type: 'MemberAccountCreated',
  data: {
    organizationId,
    requestId: id,
    accountId,
    arn: `arn:aws:organizations::${mgmt}:account/${organizationId}/${accountId}`,
    name: 'Dev',
    email: `${accountId}@example.com`,
    parentId,
    path: `${organizationId}/${parentId}/${accountId}/`,
    joinedMethod: 'CREATED',
    joinedAt,
    iamUserAccessToBilling: 'ALLOW',
    accessRole: {
      roleName: 'OrganizationAccountAccessRole',
      arn: `arn:aws:iam::${accountId}:role/OrganizationAccountAccessRole`,
      trustedPrincipal: `arn:aws:iam::${mgmt}:root`,
    },
  },
});

/** Twelve digits from a counter, for tests that need many accounts. */
export const accountNumber = (i: number) => String(500000000000 + i);
