import type { OrganizationCommandOf } from '../command';
import type { MemberAccountState, OrganizationState } from '../state';
import type { EnabledServiceState } from './trusted-access-state';
import type { ServiceLinkedRoleDefinition } from './service-catalogue';

/**
 * Decided by the propagation job, never by a caller (no caller check): brings at most `maxRoles`
 * account roles in line with what is enabled, creating those missing and deleting those of disabled
 * services. Decided against the current state, so a chunk decided twice appends nothing the second
 * time; the job repeats it until it decides nothing.
 */
export type PropagateServiceLinkedRoles = OrganizationCommandOf<'PropagateServiceLinkedRoles', { maxRoles: number }>;

/** Why IAM could not make a role in an account (Orgs' own reasons: AWS reports these from IAM). */
export type ServiceLinkedRoleFailureReason = 'ACCOUNT_NOT_ACTIVE' | 'ROLE_NAME_TAKEN';

export interface ServiceLinkedRoleFailure {
  accountId: string;
  reason: ServiceLinkedRoleFailureReason;
  message: string;
}

/** One role of one service, for a chunk of accounts. */
interface RoleChunk extends ServiceLinkedRoleDefinition {
  organizationId: string;
  /** The service whose trusted access the role serves (its own trust principal is `rolePrincipal`). */
  servicePrincipal: string;
}

export type ServiceLinkedRolesCreated = { type: 'ServiceLinkedRolesCreated'; data: RoleChunk & { accountIds: string[]; createdAt: string } };
export type ServiceLinkedRolesFailed = { type: 'ServiceLinkedRolesFailed'; data: RoleChunk & { failures: ServiceLinkedRoleFailure[]; failedAt: string } };
export type ServiceLinkedRolesDeleted = { type: 'ServiceLinkedRolesDeleted'; data: RoleChunk & { accountIds: string[]; deletedAt: string } };
export type ServiceLinkedRoleEvent = ServiceLinkedRolesCreated | ServiceLinkedRolesFailed | ServiceLinkedRolesDeleted;

interface Budget {
  left: number;
}

export function propagateServiceLinkedRoles(command: PropagateServiceLinkedRoles, state: OrganizationState): ServiceLinkedRoleEvent[] {
  if (state.status !== 'ACTIVE') return [];
  const budget = { left: command.data.maxRoles };
  const accessRoles = accessRoleNames(state);
  const events: ServiceLinkedRoleEvent[] = [];
  for (const service of Object.values(state.trustedAccess.enabledServices)) {
    for (const role of service.serviceLinkedRoles) events.push(...creations(state, service, role, budget, accessRoles, command.at));
  }
  return [...events, ...deletions(state, budget, command.at)];
}

/** The accounts still without `role`, in the state's (join) order, made or refused. */
function creations(state: OrganizationState, service: EnabledServiceState, role: ServiceLinkedRoleDefinition, budget: Budget, accessRoles: Map<string, string>, at: string) {
  const created: string[] = [];
  const failures: ServiceLinkedRoleFailure[] = [];
  for (const account of Object.values(state.accounts)) {
    if (budget.left <= 0) break;
    if (state.trustedAccess.serviceLinkedRoles[account.id]?.[role.roleName]) continue;
    budget.left -= 1;
    const failure = creationFailure(account, role.roleName, accessRoles);
    if (failure) failures.push(failure);
    else created.push(account.id);
  }
  const chunk: RoleChunk = { organizationId: state.organizationId as string, servicePrincipal: service.servicePrincipal, ...role };
  const events: ServiceLinkedRoleEvent[] = [];
  if (created.length > 0) events.push({ type: 'ServiceLinkedRolesCreated', data: { ...chunk, accountIds: created, createdAt: at } });
  if (failures.length > 0) events.push({ type: 'ServiceLinkedRolesFailed', data: { ...chunk, failures, failedAt: at } });
  return events;
}

function creationFailure(account: MemberAccountState, roleName: string, accessRoles: Map<string, string>): ServiceLinkedRoleFailure | undefined {
  if (account.state !== 'ACTIVE') {
    return { accountId: account.id, reason: 'ACCOUNT_NOT_ACTIVE', message: `Account ${account.id} is ${account.state}: no role can be created in it.` };
  }
  // IAM role names are unique per account, ignoring case.
  if (accessRoles.get(account.id) === roleName.toLowerCase()) {
    return { accountId: account.id, reason: 'ROLE_NAME_TAKEN', message: `Account ${account.id} already has a role named ${roleName} that is not service-linked.` };
  }
  return undefined;
}

/** Roles made for a service whose access is now disabled, in member accounts (the organization no longer acts in others). */
function deletions(state: OrganizationState, budget: Budget, at: string): ServiceLinkedRolesDeleted[] {
  const wanted = new Set(Object.values(state.trustedAccess.enabledServices).flatMap((s) => s.serviceLinkedRoles.map((r) => r.roleName)));
  const byRole = new Map<string, string[]>();
  for (const [accountId, roles] of Object.entries(state.trustedAccess.serviceLinkedRoles)) {
    if (!Object.hasOwn(state.accounts, accountId)) continue;
    for (const [roleName, status] of Object.entries(roles)) {
      if (budget.left <= 0) break;
      if (status !== 'CREATED' || wanted.has(roleName)) continue;
      budget.left -= 1;
      const accounts = byRole.get(roleName) ?? [];
      accounts.push(accountId);
      byRole.set(roleName, accounts);
    }
  }
  return [...byRole].map(([roleName, accountIds]) => {
    const { servicePrincipal, rolePrincipal, path } = state.trustedAccess.knownRoles[roleName];
    const data = { organizationId: state.organizationId as string, servicePrincipal, roleName, rolePrincipal, path, accountIds, deletedAt: at };
    return { type: 'ServiceLinkedRolesDeleted' as const, data };
  });
}

/** Each created account's cross-account access role, lower-cased: the name is taken in that account. */
function accessRoleNames(state: OrganizationState): Map<string, string> {
  const names = new Map<string, string>();
  for (const request of Object.values(state.createAccountRequests)) {
    if (request.accountId) names.set(request.accountId, request.roleName.toLowerCase());
  }
  return names;
}
