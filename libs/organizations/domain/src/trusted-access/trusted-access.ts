import { assertUnreachable } from '@orgs/shared/kernel';
import type { OrganizationState } from '../state';
import { disableAWSServiceAccess, type AWSServiceAccessDisabled, type DisableAWSServiceAccess } from './disable-aws-service-access';
import { enableAWSServiceAccess, type AWSServiceAccessEnabled, type EnableAWSServiceAccess } from './enable-aws-service-access';
import { propagateServiceLinkedRoles, type PropagateServiceLinkedRoles, type ServiceLinkedRoleEvent } from './propagate-service-linked-roles';

export * from './known-services';
export * from './service-catalogue';
export * from './trusted-access-state';
export * from './enable-aws-service-access';
export * from './disable-aws-service-access';
export * from './propagate-service-linked-roles';
export * from './service-linked-roles';
export { evolveTrustedAccess } from './evolve-trusted-access';

/** Trusted access for AWS services, and the service-linked roles it puts in every account. */
export type TrustedAccessCommand = EnableAWSServiceAccess | DisableAWSServiceAccess | PropagateServiceLinkedRoles;
export type TrustedAccessEvent = AWSServiceAccessEnabled | AWSServiceAccessDisabled | ServiceLinkedRoleEvent;

export const TRUSTED_ACCESS_COMMANDS = new Set<string>([
  'EnableAWSServiceAccess',
  'DisableAWSServiceAccess',
  'PropagateServiceLinkedRoles',
] satisfies TrustedAccessCommand['type'][]);

export const TRUSTED_ACCESS_EVENTS = new Set<string>([
  'AWSServiceAccessEnabled',
  'AWSServiceAccessDisabled',
  'ServiceLinkedRolesCreated',
  'ServiceLinkedRolesFailed',
  'ServiceLinkedRolesDeleted',
] satisfies TrustedAccessEvent['type'][]);

export function decideTrustedAccess(command: TrustedAccessCommand, state: OrganizationState): TrustedAccessEvent[] {
  switch (command.type) {
    case 'EnableAWSServiceAccess':
      return enableAWSServiceAccess(command, state);
    case 'DisableAWSServiceAccess':
      return disableAWSServiceAccess(command, state);
    case 'PropagateServiceLinkedRoles':
      return propagateServiceLinkedRoles(command, state);
    default:
      return assertUnreachable(command);
  }
}
