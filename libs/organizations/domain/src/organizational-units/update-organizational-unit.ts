import { requireManagementAccount, type OrganizationCommandOf } from '../command';
import type { OrganizationState } from '../state';
import { duplicateOrganizationalUnit, requireOrganizationalUnit, siblingNamed } from './organizational-unit-tree';

/** AWS's UpdateOrganizationalUnit can only rename; `Name` is optional in the model. */
export type UpdateOrganizationalUnit = OrganizationCommandOf<'UpdateOrganizationalUnit', { organizationalUnitId: string; name?: string }>;

export type OrganizationalUnitUpdated = {
  type: 'OrganizationalUnitUpdated';
  data: { organizationalUnitId: string; name: string; previousName: string; updatedAt: string };
};

/** No name, or the same name, changes nothing and appends nothing: the OU is returned as it is. */
export function updateOrganizationalUnit(command: UpdateOrganizationalUnit, state: OrganizationState): OrganizationalUnitUpdated[] {
  const { organizationalUnitId: id, name } = command.data;
  requireManagementAccount(state, command.actingAccountId);
  const ou = requireOrganizationalUnit(state, id);
  if (name === undefined || name === ou.name) return [];
  if (siblingNamed(state, ou.parentId, name)) throw duplicateOrganizationalUnit(name);
  return [{ type: 'OrganizationalUnitUpdated', data: { organizationalUnitId: id, name, previousName: ou.name, updatedAt: command.at } }];
}
