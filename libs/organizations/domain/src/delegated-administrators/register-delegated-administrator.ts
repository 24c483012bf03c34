import { constraintViolation, OrgsError } from '@orgs/shared/kernel';
import { requireAccount } from '../accounts/account-rules';
import { requireManagementAccount, type OrganizationCommandOf } from '../command';
import type { OrganizationState } from '../state';
import { requireAllFeaturesForServices } from '../trusted-access/enable-aws-service-access';
import { unrecognizedServicePrincipal, type ServiceCatalogue, type ServiceDefinition } from '../trusted-access/service-catalogue';

export type RegisterDelegatedAdministrator = OrganizationCommandOf<
  'RegisterDelegatedAdministrator',
  { accountId: string; servicePrincipal: string; catalogue: ServiceCatalogue }
>;

export type DelegatedAdministratorRegistered = {
  type: 'DelegatedAdministratorRegistered';
  data: { organizationId: string; accountId: string; servicePrincipal: string; delegationEnabledAt: string };
};

/** The service, if it takes delegated administrators at all. */
function delegatingService(catalogue: ServiceCatalogue, servicePrincipal: string): ServiceDefinition {
  const service = Object.hasOwn(catalogue, servicePrincipal) ? catalogue[servicePrincipal] : undefined;
  if (!service || service.maxDelegatedAdministrators === 0) throw unrecognizedServicePrincipal(servicePrincipal);
  return service;
}

/** The refusals of trusted-access.md 4, in the order a caller meets them. */
export function registerDelegatedAdministrator(command: RegisterDelegatedAdministrator, state: OrganizationState): DelegatedAdministratorRegistered[] {
  const { accountId, servicePrincipal, catalogue } = command.data;
  requireManagementAccount(state, command.actingAccountId);
  requireAllFeaturesForServices(state);
  const service = delegatingService(catalogue, servicePrincipal);
  if (accountId === state.managementAccountId) {
    throw constraintViolation('CANNOT_REGISTER_MASTER_AS_DELEGATED_ADMINISTRATOR', 'The management account cannot be a delegated administrator.');
  }
  const account = requireAccount(state, accountId);
  if (account.state !== 'ACTIVE') {
    throw constraintViolation('CANNOT_REGISTER_SUSPENDED_ACCOUNT_AS_DELEGATED_ADMINISTRATOR', `Account ${accountId} is ${account.state}.`);
  }
  const registered = state.delegatedAdministrators.byService[servicePrincipal] ?? {};
  if (Object.hasOwn(registered, accountId)) {
    throw new OrgsError('AccountAlreadyRegisteredException', `Account ${accountId} is already a delegated administrator for ${servicePrincipal}.`);
  }
  if (!Object.hasOwn(state.trustedAccess.enabledServices, servicePrincipal)) {
    throw constraintViolation('SERVICE_ACCESS_NOT_ENABLED', `Enable trusted access for ${servicePrincipal} first.`);
  }
  assertRoomFor(service, Object.keys(registered).length);
  const data = { organizationId: state.organizationId as string, accountId, servicePrincipal, delegationEnabledAt: command.at };
  return [{ type: 'DelegatedAdministratorRegistered', data }];
}

function assertRoomFor(service: ServiceDefinition, registered: number): void {
  if (registered < service.maxDelegatedAdministrators) return;
  if (service.maxDelegatedAdministrators === 1) {
    throw constraintViolation('DELEGATED_ADMINISTRATOR_EXISTS_FOR_THIS_SERVICE', `${service.servicePrincipal} already has its delegated administrator.`);
  }
  throw constraintViolation(
    'MAX_DELEGATED_ADMINISTRATORS_FOR_SERVICE_LIMIT_EXCEEDED',
    `${service.servicePrincipal} takes at most ${service.maxDelegatedAdministrators} delegated administrators.`,
  );
}
