import { accountRequested, at, command, memberCreated, mgmt, organizationCreated, organizationId, requestId } from '../accounts/accounts.fixtures';
import type { OrganizationCommand, OrganizationEvent } from '../organization';
import { DEFAULT_SERVICE_CATALOGUE, serviceLinkedRolePath, type ServiceCatalogue } from './service-catalogue';

export { at, mgmt, organizationCreated, organizationId, memberCreated };
export const member = '444455556666';
export const other = '777788889999';
export const SSO = 'sso.amazonaws.com';
export const GUARDDUTY = 'guardduty.amazonaws.com';
export const SSO_ROLE = { roleName: 'AWSServiceRoleForSSO', rolePrincipal: SSO, path: serviceLinkedRolePath(SSO) };
export const GUARDDUTY_ROLE = { roleName: 'AWSServiceRoleForAmazonGuardDuty', rolePrincipal: GUARDDUTY, path: serviceLinkedRolePath(GUARDDUTY) };

export const enable = (servicePrincipal: string, actingAccountId = mgmt, catalogue: ServiceCatalogue = DEFAULT_SERVICE_CATALOGUE): OrganizationCommand =>
  command('EnableAWSServiceAccess', { servicePrincipal, catalogue }, actingAccountId);
export const disable = (servicePrincipal: string, actingAccountId = mgmt, catalogue: ServiceCatalogue = DEFAULT_SERVICE_CATALOGUE): OrganizationCommand =>
  command('DisableAWSServiceAccess', { servicePrincipal, catalogue }, actingAccountId);
export const propagate = (maxRoles = 1_000): OrganizationCommand => command('PropagateServiceLinkedRoles', { maxRoles });

export const ssoEnabled: OrganizationEvent = { type: 'AWSServiceAccessEnabled', data: { organizationId, servicePrincipal: SSO, enabledAt: at, serviceLinkedRoles: [SSO_ROLE] } };
export const guardDutyEnabled: OrganizationEvent = {
  type: 'AWSServiceAccessEnabled',
  data: { organizationId, servicePrincipal: GUARDDUTY, enabledAt: at, serviceLinkedRoles: [GUARDDUTY_ROLE] },
};
export const disabled = (servicePrincipal: string): OrganizationEvent => ({ type: 'AWSServiceAccessDisabled', data: { organizationId, servicePrincipal, disabledAt: at } });

const ssoChunk = { organizationId, servicePrincipal: SSO, ...SSO_ROLE };
export const ssoRolesCreated = (accountIds: string[]): OrganizationEvent => ({ type: 'ServiceLinkedRolesCreated', data: { ...ssoChunk, accountIds, createdAt: at } });
export const ssoRolesDeleted = (accountIds: string[]): OrganizationEvent => ({ type: 'ServiceLinkedRolesDeleted', data: { ...ssoChunk, accountIds, deletedAt: at } });
export const ssoRolesFailed = (failures: { accountId: string; reason: string; message: string }[]): OrganizationEvent =>
  ({ type: 'ServiceLinkedRolesFailed', data: { ...ssoChunk, failures, failedAt: at } }) as OrganizationEvent;

/** A member created with `roleName` as its cross-account access role (the request, the account, the request's success). */
export function memberWithAccessRole(accountId: string, roleName: string, id = requestId): OrganizationEvent[] {
  return [
    accountRequested(id, { roleName }),
    memberCreated(accountId, undefined, undefined, id),
    { type: 'CreateAccountSucceeded', data: { organizationId, requestId: id, accountId, completedAt: at } },
  ];
}

export const closeRequested = (accountId: string): OrganizationEvent => ({ type: 'CloseAccountRequested', data: { organizationId, accountId, requestedAt: at } });

/** An organization with the management account and two created members. */
export const withMembers: OrganizationEvent[] = [organizationCreated(), memberCreated(member, undefined, undefined, 'car-1'), memberCreated(other, undefined, undefined, 'car-2')];

/** The organization with a policy type enabled at its root (as the policies capability will record it). */
export function organizationCreatedWithPolicyType(type: string): OrganizationEvent {
  const created = organizationCreated() as Extract<OrganizationEvent, { type: 'OrganizationCreated' }>;
  const root = { ...created.data.root, policyTypes: [{ type, status: 'ENABLED' }] };
  return { ...created, data: { ...created.data, root } } as OrganizationEvent;
}

export const enabledWithoutRoles = (servicePrincipal: string): OrganizationEvent => ({
  type: 'AWSServiceAccessEnabled',
  data: { organizationId, servicePrincipal, enabledAt: at, serviceLinkedRoles: [] },
});
