import { OrgsError, type TargetType } from '@orgs/shared/kernel';
import type { MemberAccountState, OrganizationalUnitState, OrganizationState } from '../state';
import { findOrganizationalUnit, requireParent } from '../organizational-units/organizational-unit-tree';

/**
 * Reads of the organization's structure from its state: how the tree and its attachments are
 * answered as of a past point (the state is built from the log up to it; the read models only
 * know the present). Each list is in id order, as the read models' lists are.
 */

const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** AWSOrganizationsNotInUseException when the organization did not exist (yet, or any more) then. */
export function requireOrganizationThen(state: OrganizationState): asserts state is OrganizationState & { organizationId: string; managementAccountId: string } {
  if (state.status !== 'ACTIVE' || !state.root || !state.organizationId || !state.managementAccountId) {
    throw new OrgsError('AWSOrganizationsNotInUseException', 'Your account was not a member of an organization at that point.');
  }
}

export const accountsOf = (state: OrganizationState): MemberAccountState[] => Object.values(state.accounts).sort(byId);

export function organizationalUnitsUnder(state: OrganizationState, parentId: string): OrganizationalUnitState[] {
  requireParent(state, parentId);
  return Object.values(state.organizationalUnits).filter((ou) => ou.parentId === parentId).sort(byId);
}

export function accountsUnder(state: OrganizationState, parentId: string): MemberAccountState[] {
  requireParent(state, parentId);
  return Object.values(state.accounts).filter((account) => account.parentId === parentId).sort(byId);
}

export function accountThen(state: OrganizationState, accountId: string): MemberAccountState {
  const account = Object.hasOwn(state.accounts, accountId) ? state.accounts[accountId] : undefined;
  if (!account) throw new OrgsError('AccountNotFoundException', `We can't find an account with the ID ${accountId} in this organization.`);
  return account;
}

/** The one parent of an account or OU (AWS lists it as a list of one). */
export function parentThen(state: OrganizationState, childId: string): { id: string; type: 'ROOT' | 'ORGANIZATIONAL_UNIT' } {
  const child = Object.hasOwn(state.accounts, childId) ? state.accounts[childId] : findOrganizationalUnit(state, childId);
  if (!child) throw new OrgsError('ChildNotFoundException', `We can't find an account or OU with the ID ${childId} in this organization.`);
  return { id: child.parentId, type: child.parentId === state.root?.id ? 'ROOT' : 'ORGANIZATIONAL_UNIT' };
}

function kindOf(state: OrganizationState, targetId: string): TargetType | undefined {
  if (targetId === state.root?.id) return 'ROOT';
  if (findOrganizationalUnit(state, targetId)) return 'ORGANIZATIONAL_UNIT';
  if (Object.hasOwn(state.accounts, targetId)) return 'ACCOUNT';
  return undefined;
}

/** What kind of target an id was then; TargetNotFoundException if it was none. */
export function targetTypeThen(state: OrganizationState, targetId: string): TargetType {
  const kind = kindOf(state, targetId);
  if (!kind) throw new OrgsError('TargetNotFoundException', `We can't find a root, OU or account with the ID ${targetId}.`);
  return kind;
}

/** The policies attached directly to a target, in attach order. */
export function policiesAttachedTo(state: OrganizationState, targetId: string): string[] {
  targetTypeThen(state, targetId);
  return state.policyAttachments[targetId] ?? [];
}

/** The targets a policy was attached to, in target id order. */
export function targetsOfPolicy(state: OrganizationState, policyId: string): { targetId: string; type: TargetType }[] {
  return Object.entries(state.policyAttachments)
    .flatMap(([targetId, policies]) => {
      const type = policies.includes(policyId) ? kindOf(state, targetId) : undefined;
      return type ? [{ targetId, type }] : [];
    })
    .sort((a, b) => (a.targetId < b.targetId ? -1 : a.targetId > b.targetId ? 1 : 0));
}

export const tagsThen = (state: OrganizationState, resourceId: string): { key: string; value: string }[] =>
  Object.entries(state.tags[resourceId] ?? {})
    .map(([key, value]) => ({ key, value }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
