import type { PolicyType, TargetType } from '@orgs/shared/kernel';
import type { OrganizationCommand, OrganizationEvent } from '../organization';
import type { Tag } from '../tags/tags';
import { policyArn } from './create-policy';
import { fullAccessAttached } from './policies.fixtures';

/** The sample organization with SCPs on (FullAWSAccess on its root and management account), for the policy specs. */
export const at = '2026-11-23T00:00:00.000Z';
export const mgmt = '111122223333';
export const member = '444455556666';
export const organizationId = 'o-a1b2c3d4e5';
export const rootId = 'r-k3x9';
export const ou = 'ou-k3x9-7fq2m8zd';
export const FAA = 'p-FullAWSAccess';
export const RFAA = 'p-RCPFullAWSAccess';

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
    root: { id: rootId, arn: `arn:aws:organizations::${mgmt}:root/${organizationId}/${rootId}`, name: 'Root', policyTypes: featureSet === 'ALL' ? [{ type: 'SERVICE_CONTROL_POLICY', status: 'ENABLED' }] : [] },
    createdAt: at,
  },
});

export const faa = (targetId: string, targetType: TargetType = 'ACCOUNT') => fullAccessAttached(organizationId, targetId, targetType, at);
export const organizationWithScps = (): OrganizationEvent[] => [organizationCreated(), faa(rootId, 'ROOT'), faa(mgmt)];

export const ouCreated = (id = ou): OrganizationEvent => ({
  type: 'OrganizationalUnitCreated',
  data: { organizationId, organizationalUnitId: id, arn: `arn:aws:organizations::${mgmt}:ou/${organizationId}/${id}`, name: id, parentId: rootId, path: `${organizationId}/${rootId}/${id}/`, depth: 1, createdAt: at },
});

export const command = (type: string, data: object, actingAccountId = mgmt): OrganizationCommand => ({ type, data, actingAccountId, at }) as OrganizationCommand;

export const SCP = '{"Version":"2012-10-17","Statement":[{"Sid":"NoEc2","Effect":"Deny","Action":"ec2:*","Resource":"*"}]}';
export const TAG = '{"tags":{"costcenter":{"tag_key":{"@@assign":"CostCenter"}}}}';

export function policyCreated(id: string, name = id, type: PolicyType = 'SERVICE_CONTROL_POLICY', content = type === 'SERVICE_CONTROL_POLICY' ? SCP : TAG, description = ''): OrganizationEvent {
  return { type: 'PolicyCreated', data: { organizationId, policy: { id, arn: policyArn(mgmt, organizationId, type, id), name, description, type, content }, createdAt: at } };
}

export const createPolicy = (data: { policyId: string; name?: string; type?: PolicyType; content?: string; description?: string; tags?: Tag[] }, actingAccountId = mgmt) =>
  command('CreatePolicy', { name: data.policyId, description: '', type: 'SERVICE_CONTROL_POLICY', content: SCP, ...data }, actingAccountId);

export const attached = (policyId: string, targetId: string, targetType: TargetType = 'ACCOUNT', policyType: PolicyType = 'SERVICE_CONTROL_POLICY'): OrganizationEvent => ({
  type: 'PolicyAttached',
  data: { organizationId, policyId, policyType, targetId, targetType, attachedAt: at },
});
export const detached = (policyId: string, targetId: string, targetType: TargetType = 'ACCOUNT', policyType: PolicyType = 'SERVICE_CONTROL_POLICY'): OrganizationEvent => ({
  type: 'PolicyDetached',
  data: { organizationId, policyId, policyType, targetId, targetType, detachedAt: at },
});
export const typeEnabled = (policyType: PolicyType, attachedTo: { targetId: string; targetType: TargetType }[] = [], managedPolicyId?: string): OrganizationEvent => ({
  type: 'PolicyTypeEnabled',
  data: { organizationId, rootId, policyType, managedPolicyId, attachedTo, enabledAt: at },
});

/** A member account created under `parentId` (only what the state keeps matters here). */
export const memberCreated = (accountId = member, parentId = rootId): OrganizationEvent => ({
  type: 'MemberAccountCreated',
  data: {
    organizationId,
    requestId: `car-${accountId}`,
    accountId,
    arn: `arn:aws:organizations::${mgmt}:account/${organizationId}/${accountId}`,
    name: accountId,
    email: `${accountId}@example.com`,
    parentId,
    path: `${organizationId}/${rootId}/${accountId}/`,
    joinedMethod: 'CREATED',
    joinedAt: at,
    iamUserAccessToBilling: 'ALLOW',
    accessRole: { roleName: 'OrganizationAccountAccessRole', arn: `arn:aws:iam::${accountId}:role/OrganizationAccountAccessRole`, trustedPrincipal: `arn:aws:iam::${mgmt}:root` },
  },
});

/** The organization with SCPs on, an OU and a member account in it, each with FullAWSAccess. */
export const withMemberInOu = (): OrganizationEvent[] => [...organizationWithScps(), ouCreated(), faa(ou, 'ORGANIZATIONAL_UNIT'), memberCreated(member, ou), faa(member)];
