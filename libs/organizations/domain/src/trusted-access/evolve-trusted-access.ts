import { assertUnreachable } from '@orgs/shared/kernel';
import type { OrganizationState } from '../state';
import type { TrustedAccessEvent } from './trusted-access';
import type { ServiceLinkedRoleStatus, TrustedAccessState } from './trusted-access-state';

const section = (state: OrganizationState, change: Partial<TrustedAccessState>): OrganizationState => ({ ...state, trustedAccess: { ...state.trustedAccess, ...change } });

const without = <T>(record: Record<string, T>, key: string): Record<string, T> => {
  const copy = { ...record };
  delete copy[key];
  return copy;
};

/** Sets (or, with `undefined`, removes) one role's outcome in each of `accountIds`. */
function withRole(roles: TrustedAccessState['serviceLinkedRoles'], accountIds: string[], roleName: string, status: ServiceLinkedRoleStatus | undefined) {
  const next = { ...roles };
  for (const accountId of accountIds) {
    const current = next[accountId] ?? {};
    next[accountId] = status ? { ...current, [roleName]: status } : without(current, roleName);
  }
  return next;
}

/** FAILED outcomes of these roles are forgotten: enabling (again) or disabling starts them afresh. */
function withoutFailures(roles: TrustedAccessState['serviceLinkedRoles'], roleNames: Set<string>) {
  const failed = Object.entries(roles).filter(([, byName]) => Object.entries(byName).some(([name, status]) => status === 'FAILED' && roleNames.has(name)));
  if (failed.length === 0) return roles;
  const next = { ...roles };
  for (const [accountId, byName] of failed) {
    next[accountId] = Object.fromEntries(Object.entries(byName).filter(([name, status]) => !(status === 'FAILED' && roleNames.has(name))));
  }
  return next;
}

/** Trusted access owns the trustedAccess section only. */
export function evolveTrustedAccess(state: OrganizationState, event: TrustedAccessEvent): OrganizationState {
  const current = state.trustedAccess;
  switch (event.type) {
    case 'AWSServiceAccessEnabled': {
      const { servicePrincipal, enabledAt, serviceLinkedRoles } = event.data;
      const known = Object.fromEntries(serviceLinkedRoles.map((role) => [role.roleName, { ...role, servicePrincipal }]));
      return section(state, {
        enabledServices: { ...current.enabledServices, [servicePrincipal]: { servicePrincipal, enabledAt, serviceLinkedRoles } },
        knownRoles: { ...current.knownRoles, ...known },
        serviceLinkedRoles: withoutFailures(current.serviceLinkedRoles, new Set(Object.keys(known))),
      });
    }
    case 'AWSServiceAccessDisabled': {
      const roles = current.enabledServices[event.data.servicePrincipal]?.serviceLinkedRoles ?? [];
      return section(state, {
        enabledServices: without(current.enabledServices, event.data.servicePrincipal),
        serviceLinkedRoles: withoutFailures(current.serviceLinkedRoles, new Set(roles.map((r) => r.roleName))),
      });
    }
    case 'ServiceLinkedRolesCreated':
      return section(state, { serviceLinkedRoles: withRole(current.serviceLinkedRoles, event.data.accountIds, event.data.roleName, 'CREATED') });
    case 'ServiceLinkedRolesFailed': {
      const accountIds = event.data.failures.map((f) => f.accountId);
      return section(state, { serviceLinkedRoles: withRole(current.serviceLinkedRoles, accountIds, event.data.roleName, 'FAILED') });
    }
    case 'ServiceLinkedRolesDeleted':
      return section(state, { serviceLinkedRoles: withRole(current.serviceLinkedRoles, event.data.accountIds, event.data.roleName, undefined) });
    default:
      return assertUnreachable(event);
  }
}
