import { assertUnreachable } from '@orgs/shared/kernel';
import type { OrganizationState } from '../state';
import {
  deregisterDelegatedAdministrator,
  type DelegatedAdministratorDeregistered,
  type DeregisterDelegatedAdministrator,
} from './deregister-delegated-administrator';
import { deleteResourcePolicy, putResourcePolicy, type DeleteResourcePolicy, type PutResourcePolicy, type ResourcePolicyDeleted, type ResourcePolicyPut } from './put-resource-policy';
import {
  registerDelegatedAdministrator,
  type DelegatedAdministratorRegistered,
  type RegisterDelegatedAdministrator,
} from './register-delegated-administrator';

export * from './delegated-administrators-state';
export * from './delegated-access';
export * from './delegation-policy';
export * from './register-delegated-administrator';
export * from './deregister-delegated-administrator';
export * from './put-resource-policy';
export * from './resource-policy-document';

/** Delegated administrators for services, and the organization's resource-based delegation policy. */
export type DelegatedAdministratorCommand = RegisterDelegatedAdministrator | DeregisterDelegatedAdministrator | PutResourcePolicy | DeleteResourcePolicy;
export type DelegatedAdministratorEvent = DelegatedAdministratorRegistered | DelegatedAdministratorDeregistered | ResourcePolicyPut | ResourcePolicyDeleted;

export const DELEGATED_ADMINISTRATOR_COMMANDS = new Set<string>([
  'RegisterDelegatedAdministrator',
  'DeregisterDelegatedAdministrator',
  'PutResourcePolicy',
  'DeleteResourcePolicy',
] satisfies DelegatedAdministratorCommand['type'][]);

export const DELEGATED_ADMINISTRATOR_EVENTS = new Set<string>([
  'DelegatedAdministratorRegistered',
  'DelegatedAdministratorDeregistered',
  'ResourcePolicyPut',
  'ResourcePolicyDeleted',
] satisfies DelegatedAdministratorEvent['type'][]);

export function decideDelegatedAdministrators(command: DelegatedAdministratorCommand, state: OrganizationState): DelegatedAdministratorEvent[] {
  switch (command.type) {
    case 'RegisterDelegatedAdministrator':
      return registerDelegatedAdministrator(command, state);
    case 'DeregisterDelegatedAdministrator':
      return deregisterDelegatedAdministrator(command, state);
    case 'PutResourcePolicy':
      return putResourcePolicy(command, state);
    case 'DeleteResourcePolicy':
      return deleteResourcePolicy(command, state);
    default:
      return assertUnreachable(command);
  }
}

/** Delegated administrators own the delegatedAdministrators section only. */
export function evolveDelegatedAdministrators(state: OrganizationState, event: DelegatedAdministratorEvent): OrganizationState {
  const current = state.delegatedAdministrators;
  const next = (change: Partial<typeof current>) => ({ ...state, delegatedAdministrators: { ...current, ...change } });
  switch (event.type) {
    case 'DelegatedAdministratorRegistered': {
      const { servicePrincipal, accountId, delegationEnabledAt } = event.data;
      return next({ byService: { ...current.byService, [servicePrincipal]: { ...current.byService[servicePrincipal], [accountId]: delegationEnabledAt } } });
    }
    case 'DelegatedAdministratorDeregistered': {
      const { servicePrincipal, accountId } = event.data;
      const remaining = Object.fromEntries(Object.entries(current.byService[servicePrincipal] ?? {}).filter(([id]) => id !== accountId));
      const others = Object.fromEntries(Object.entries(current.byService).filter(([p]) => p !== servicePrincipal));
      return next({ byService: Object.keys(remaining).length > 0 ? { ...others, [servicePrincipal]: remaining } : others });
    }
    case 'ResourcePolicyPut':
      return next({ resourcePolicy: { id: event.data.resourcePolicyId, arn: event.data.arn, content: event.data.content } });
    case 'ResourcePolicyDeleted':
      return next({ resourcePolicy: null });
    default:
      return assertUnreachable(event);
  }
}
