import { OrgsError } from '@orgs/shared/kernel';
import { requireAccount } from '../accounts/account-rules';
import { requireManagementAccount, type OrganizationCommandOf } from '../command';
import type { OrganizationState } from '../state';
import { unrecognizedServicePrincipal, type ServiceCatalogue } from '../trusted-access/service-catalogue';

export type DeregisterDelegatedAdministrator = OrganizationCommandOf<
  'DeregisterDelegatedAdministrator',
  { accountId: string; servicePrincipal: string; catalogue: ServiceCatalogue }
>;

export type DelegatedAdministratorDeregistered = {
  type: 'DelegatedAdministratorDeregistered';
  data: { organizationId: string; accountId: string; servicePrincipal: string; deregisteredAt: string };
};

export const accountNotRegistered = (accountId: string, servicePrincipal?: string) =>
  new OrgsError('AccountNotRegisteredException', `Account ${accountId} is not a delegated administrator${servicePrincipal ? ` for ${servicePrincipal}` : ''}.`);

/** Removes one service's delegation; the account's read access goes with its last one (the read side sees no registration left). */
export function deregisterDelegatedAdministrator(command: DeregisterDelegatedAdministrator, state: OrganizationState): DelegatedAdministratorDeregistered[] {
  const { accountId, servicePrincipal, catalogue } = command.data;
  requireManagementAccount(state, command.actingAccountId);
  const registered = state.delegatedAdministrators.byService[servicePrincipal];
  if (!registered && !Object.hasOwn(catalogue, servicePrincipal)) throw unrecognizedServicePrincipal(servicePrincipal);
  requireAccount(state, accountId);
  if (!registered || !Object.hasOwn(registered, accountId)) throw accountNotRegistered(accountId, servicePrincipal);
  const data = { organizationId: state.organizationId as string, accountId, servicePrincipal, deregisteredAt: command.at };
  return [{ type: 'DelegatedAdministratorDeregistered', data }];
}
