import { constraintViolation } from '@orgs/shared/kernel';
import { requireManagementAccount, type OrganizationCommandOf } from '../command';
import type { OrganizationState } from '../state';
import { unrecognizedServicePrincipal, type ServiceCatalogue } from './service-catalogue';

export type DisableAWSServiceAccess = OrganizationCommandOf<'DisableAWSServiceAccess', { servicePrincipal: string; catalogue: ServiceCatalogue }>;

export type AWSServiceAccessDisabled = {
  type: 'AWSServiceAccessDisabled';
  data: { organizationId: string; servicePrincipal: string; disabledAt: string };
};

/**
 * Stops the integration; the propagation then deletes the service's roles from every account (the
 * issue asks for it: AWS itself leaves them in place). A principal that is known but not enabled
 * changes nothing; one the catalogue does not know (and that is not enabled) is refused.
 */
export function disableAWSServiceAccess(command: DisableAWSServiceAccess, state: OrganizationState): AWSServiceAccessDisabled[] {
  const { servicePrincipal, catalogue } = command.data;
  requireManagementAccount(state, command.actingAccountId);
  const enabled = Object.hasOwn(state.trustedAccess.enabledServices, servicePrincipal);
  if (!enabled && !Object.hasOwn(catalogue, servicePrincipal)) throw unrecognizedServicePrincipal(servicePrincipal);
  if (!enabled) return [];
  const owned = (Object.hasOwn(catalogue, servicePrincipal) ? catalogue[servicePrincipal].policyTypes : undefined) ?? [];
  const stillEnabled = state.root?.policyTypes.find((p) => owned.includes(p.type) && p.status === 'ENABLED');
  if (stillEnabled) {
    throw constraintViolation('POLICY_TYPE_ENABLED_FOR_THIS_SERVICE', `Disable the ${stillEnabled.type} policy type before disabling access for ${servicePrincipal}.`);
  }
  return [{ type: 'AWSServiceAccessDisabled', data: { organizationId: state.organizationId as string, servicePrincipal, disabledAt: command.at } }];
}
