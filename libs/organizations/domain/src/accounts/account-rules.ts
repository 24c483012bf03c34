import { OrgsError } from '@orgs/shared/kernel';
import { findOrganizationalUnit, isRoot, organizationalUnitPath } from '../organizational-units/organizational-unit-tree';
import type { MemberAccountState, OrganizationState } from '../state';

export const accountNotFound = (accountId: string) =>
  new OrgsError('AccountNotFoundException', `Account ${accountId} is not a member of this organization.`);

/** The member account, or AccountNotFoundException: ids from another organization or tenant are simply unknown here. */
export function requireAccount(state: OrganizationState, accountId: string): MemberAccountState {
  if (!Object.hasOwn(state.accounts, accountId)) throw accountNotFound(accountId);
  return state.accounts[accountId];
}

/** A parent is the organization's root or one of its OUs. */
export const parentExists = (state: OrganizationState, parentId: string) =>
  isRoot(state, parentId) || findOrganizationalUnit(state, parentId) !== undefined;

/** AWS `Path` of an account: its parent's path, then its own id. */
export const accountPath = (state: OrganizationState, parentId: string, accountId: string) =>
  `${organizationalUnitPath(state, parentId)}${accountId}/`;

/**
 * What counts against the account quota (quotas.md): every member (closed ones too, until they are
 * gone), every creation still in progress and every invitation not yet answered.
 */
export function accountsCountedAgainstQuota(state: OrganizationState, excludingRequestId?: string): number {
  const members = Object.keys(state.accounts).length;
  const creating = Object.values(state.createAccountRequests).filter((r) => r.state === 'IN_PROGRESS' && r.id !== excludingRequestId).length;
  const invited = Object.values(state.handshakes).filter((h) => h.action === 'INVITE' && (h.state === 'OPEN' || h.state === 'REQUESTED')).length;
  return members + creating + invited;
}

/** ARN of the IAM role CreateAccount makes in the new account (ids-and-arns.md). */
export const iamRoleArn = (accountId: string, roleName: string) => `arn:aws:iam::${accountId}:role/${roleName}`;
export const iamRootPrincipal = (accountId: string) => `arn:aws:iam::${accountId}:root`;
