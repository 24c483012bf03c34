import { OrgsError } from '@orgs/shared/kernel';
import type { OrganizationalUnitState, OrganizationState } from '../state';

/** Reading the tree of one organization: the root at depth 0, its OUs below it. */

export const isRoot = (state: OrganizationState, id: string) => state.root?.id === id;

export function findOrganizationalUnit(state: OrganizationState, id: string): OrganizationalUnitState | undefined {
  return Object.hasOwn(state.organizationalUnits, id) ? state.organizationalUnits[id] : undefined;
}

export function requireOrganizationalUnit(state: OrganizationState, id: string): OrganizationalUnitState {
  const ou = findOrganizationalUnit(state, id);
  if (!ou) throw new OrgsError('OrganizationalUnitNotFoundException', `We can't find an OU with the ID ${id} in this organization.`);
  return ou;
}

export function requireParent(state: OrganizationState, parentId: string): void {
  if (!isRoot(state, parentId) && !findOrganizationalUnit(state, parentId)) {
    throw new OrgsError('ParentNotFoundException', `We can't find a root or OU with the ID ${parentId} in this organization.`);
  }
}

/** The OUs from the one under the root down to `id` itself (empty for the root). */
export function organizationalUnitChain(state: OrganizationState, id: string): string[] {
  const chain: string[] = [];
  for (let ou = findOrganizationalUnit(state, id); ou; ou = findOrganizationalUnit(state, ou.parentId)) chain.unshift(ou.id);
  return chain;
}

/** 0 for the root, 1 for an OU directly under it. */
export const depthOf = (state: OrganizationState, id: string) => organizationalUnitChain(state, id).length;

/** AWS `Path`: `o-.../r-.../ou-.../` down to the OU itself. */
export function organizationalUnitPath(state: OrganizationState, id: string): string {
  return [state.organizationId, state.root?.id, ...organizationalUnitChain(state, id)].join('/') + '/';
}

/** The sibling OU with that name, if any: names are unique among the OUs of one parent. */
export function siblingNamed(state: OrganizationState, parentId: string, name: string): OrganizationalUnitState | undefined {
  return Object.values(state.organizationalUnits).find((ou) => ou.parentId === parentId && ou.name === name);
}

export const duplicateOrganizationalUnit = (name: string) =>
  new OrgsError('DuplicateOrganizationalUnitException', `An OU named ${name} already exists under this parent.`);

/** Child OUs and accounts: an OU with either cannot be deleted. */
export function hasChildren(state: OrganizationState, id: string): boolean {
  return (
    Object.values(state.organizationalUnits).some((ou) => ou.parentId === id) ||
    Object.values(state.accounts).some((account) => account.parentId === id)
  );
}
