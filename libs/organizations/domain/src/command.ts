import { OrgsError } from '@orgs/shared/kernel';
import type { OrganizationState } from './state';

/**
 * Every command of the organization carries who asks (the acting account, from the API key) and
 * when: the domain never reads a clock or the request.
 */
export interface OrganizationCommandOf<Type extends string, Data> {
  type: Type;
  data: Data;
  actingAccountId: string;
  at: string;
}

export const notInUse = () =>
  new OrgsError('AWSOrganizationsNotInUseException', 'Your account is not a member of an organization.');

/** The organization exists and the caller belongs to it. */
export function requireMember(state: OrganizationState, accountId: string): void {
  if (state.status !== 'ACTIVE' || !state.accounts[accountId]) throw notInUse();
}

/** Structure changes only from the management account. */
export function requireManagementAccount(state: OrganizationState, accountId: string): void {
  requireMember(state, accountId);
  if (state.managementAccountId !== accountId) {
    throw new OrgsError('AccessDeniedException', 'You don\'t have permissions to access this resource: only the management account can do this.');
  }
}
