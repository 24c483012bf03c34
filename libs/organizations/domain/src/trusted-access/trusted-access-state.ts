import type { ServiceLinkedRoleDefinition } from './service-catalogue';

/** What the organization knows of one account's service-linked role: made, or refused with a reason (in the event). */
export type ServiceLinkedRoleStatus = 'CREATED' | 'FAILED';

export interface EnabledServiceState {
  servicePrincipal: string;
  enabledAt: string;
  /** The roles the service needs in every account, as the catalogue gave them when access was enabled. */
  serviceLinkedRoles: ServiceLinkedRoleDefinition[];
}

/** A service-linked role by name, with the service whose trusted access made it. */
export interface KnownServiceLinkedRole extends ServiceLinkedRoleDefinition {
  servicePrincipal: string;
}

/**
 * The trusted-access section of the organization. Per-account role outcomes live here, not only in
 * a read model, so that the propagation decides against them: a chunk decided twice (a retried job,
 * two jobs racing) finds its accounts done and appends nothing.
 */
export interface TrustedAccessState {
  enabledServices: Record<string, EnabledServiceState>;
  /** Every service-linked role access was ever enabled for, by role name (needed to delete them later). */
  knownRoles: Record<string, KnownServiceLinkedRole>;
  /** Account id -> role name -> outcome. Entries of accounts that left stay: the role is still in that account. */
  serviceLinkedRoles: Record<string, Record<string, ServiceLinkedRoleStatus>>;
}

export const initialTrustedAccessState = (): TrustedAccessState => ({ enabledServices: {}, knownRoles: {}, serviceLinkedRoles: {} });
