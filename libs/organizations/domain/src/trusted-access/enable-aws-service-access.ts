import { constraintViolation } from '@orgs/shared/kernel';
import { requireManagementAccount, type OrganizationCommandOf } from '../command';
import type { OrganizationState } from '../state';
import { serviceLinkedRolesOf, unrecognizedServicePrincipal, type ServiceCatalogue, type ServiceLinkedRoleDefinition } from './service-catalogue';

/** The catalogue comes in as command data: the built-in services plus the installation's configured ones. */
export type EnableAWSServiceAccess = OrganizationCommandOf<'EnableAWSServiceAccess', { servicePrincipal: string; catalogue: ServiceCatalogue }>;

export interface AWSServiceAccessEnabledData {
  organizationId: string;
  servicePrincipal: string;
  enabledAt: string;
  /** What the propagation creates in every account: fixed here, so a later catalogue change does not move it. */
  serviceLinkedRoles: ServiceLinkedRoleDefinition[];
}

export type AWSServiceAccessEnabled = { type: 'AWSServiceAccessEnabled'; data: AWSServiceAccessEnabledData };

/** Trusted access needs every feature: a consolidated-billing organization integrates no service. */
export function requireAllFeaturesForServices(state: OrganizationState): void {
  if (state.featureSet !== 'ALL') {
    throw constraintViolation('ORGANIZATION_NOT_IN_ALL_FEATURES_MODE', 'This operation needs an organization with all features enabled.');
  }
}

/** Enabling a service that is enabled already changes nothing and keeps its first DateEnabled (trusted-access.md 1). */
export function enableAWSServiceAccess(command: EnableAWSServiceAccess, state: OrganizationState): AWSServiceAccessEnabled[] {
  const { servicePrincipal, catalogue } = command.data;
  requireManagementAccount(state, command.actingAccountId);
  requireAllFeaturesForServices(state);
  const service = Object.hasOwn(catalogue, servicePrincipal) ? catalogue[servicePrincipal] : undefined;
  if (!service) throw unrecognizedServicePrincipal(servicePrincipal);
  if (Object.hasOwn(state.trustedAccess.enabledServices, servicePrincipal)) return [];
  const data = { organizationId: state.organizationId as string, servicePrincipal, enabledAt: command.at, serviceLinkedRoles: serviceLinkedRolesOf(service) };
  return [{ type: 'AWSServiceAccessEnabled', data }];
}
