import { command } from '../accounts/accounts.fixtures';
import type { OrganizationCommand, OrganizationEvent } from '../organization';
import { DEFAULT_SERVICE_CATALOGUE, type ServiceCatalogue } from '../trusted-access/service-catalogue';
import { at, member, mgmt, organizationId, other } from '../trusted-access/trusted-access.fixtures';

export * from '../trusted-access/trusted-access.fixtures';

export const register = (accountId: string, servicePrincipal: string, actingAccountId = mgmt, catalogue: ServiceCatalogue = DEFAULT_SERVICE_CATALOGUE): OrganizationCommand =>
  command('RegisterDelegatedAdministrator', { accountId, servicePrincipal, catalogue }, actingAccountId);
export const deregister = (accountId: string, servicePrincipal: string, actingAccountId = mgmt): OrganizationCommand =>
  command('DeregisterDelegatedAdministrator', { accountId, servicePrincipal, catalogue: DEFAULT_SERVICE_CATALOGUE }, actingAccountId);

export const registered = (accountId: string, servicePrincipal: string): OrganizationEvent => ({
  type: 'DelegatedAdministratorRegistered',
  data: { organizationId, accountId, servicePrincipal, delegationEnabledAt: at },
});
export const deregistered = (accountId: string, servicePrincipal: string): OrganizationEvent => ({
  type: 'DelegatedAdministratorDeregistered',
  data: { organizationId, accountId, servicePrincipal, deregisteredAt: at },
});

export const RESOURCE_POLICY_ID = 'rp-k3x9abcd';
export const RESOURCE_POLICY_ARN = `arn:aws:organizations::${mgmt}:resourcepolicy/${organizationId}/${RESOURCE_POLICY_ID}`;
export const putPolicy = (content: string, actingAccountId = mgmt, resourcePolicyId = RESOURCE_POLICY_ID): OrganizationCommand =>
  command('PutResourcePolicy', { content, resourcePolicyId }, actingAccountId);
export const deletePolicy = (actingAccountId = mgmt): OrganizationCommand => command('DeleteResourcePolicy', {}, actingAccountId);
export const policyPut = (content: string): OrganizationEvent => ({
  type: 'ResourcePolicyPut',
  data: { organizationId, resourcePolicyId: RESOURCE_POLICY_ID, arn: RESOURCE_POLICY_ARN, content, putAt: at },
});

/** The reference's example: read the structure, manage backup policies (sample ids of this organization). */
export const backupAdministratorPolicy = (principal = `arn:aws:iam::${member}:root`) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Sid: 'ReadOrgStructure', Effect: 'Allow', Principal: { AWS: principal }, Action: ['organizations:Describe*', 'organizations:List*'], Resource: '*' },
      {
        Sid: 'ManageBackupPolicies',
        Effect: 'Allow',
        Principal: { AWS: principal },
        Action: ['organizations:CreatePolicy', 'organizations:UpdatePolicy', 'organizations:DeletePolicy', 'organizations:AttachPolicy', 'organizations:DetachPolicy'],
        Resource: [
          `arn:aws:organizations::${mgmt}:root/${organizationId}/r-k3x9`,
          `arn:aws:organizations::${mgmt}:ou/${organizationId}/*`,
          `arn:aws:organizations::${mgmt}:account/${organizationId}/*`,
          `arn:aws:organizations::${mgmt}:policy/${organizationId}/backup_policy/*`,
        ],
        Condition: { StringLikeIfExists: { 'organizations:PolicyType': 'BACKUP_POLICY' } },
      },
    ],
  });

export { other };
