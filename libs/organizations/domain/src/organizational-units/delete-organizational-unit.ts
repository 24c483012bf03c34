import { OrgsError } from '@orgs/shared/kernel';
import { requireManagementAccount, type OrganizationCommandOf } from '../command';
import type { OrganizationState } from '../state';
import { policiesDetachedWith, type PolicyEvent } from '../policies/policies';
import { tagsDroppedWith, type TagEvent } from '../tags/tags';
import { hasChildren, requireOrganizationalUnit } from './organizational-unit-tree';

export type DeleteOrganizationalUnit = OrganizationCommandOf<'DeleteOrganizationalUnit', { organizationalUnitId: string }>;

export type OrganizationalUnitDeleted = {
  type: 'OrganizationalUnitDeleted';
  data: { organizationalUnitId: string; parentId: string; deletedAt: string };
};

/** Only an empty OU goes (no child OU, no account); its tags and policy attachments go with it. */
export function deleteOrganizationalUnit(command: DeleteOrganizationalUnit, state: OrganizationState): (OrganizationalUnitDeleted | TagEvent | PolicyEvent)[] {
  const { organizationalUnitId: id } = command.data;
  requireManagementAccount(state, command.actingAccountId);
  const ou = requireOrganizationalUnit(state, id);
  if (hasChildren(state, id)) {
    throw new OrgsError('OrganizationalUnitNotEmptyException', `The OU ${id} still has child OUs or accounts. Move or delete them first.`);
  }
  return [
    { type: 'OrganizationalUnitDeleted', data: { organizationalUnitId: id, parentId: ou.parentId, deletedAt: command.at } },
    ...tagsDroppedWith(state, id),
    ...policiesDetachedWith(state, id, 'ORGANIZATIONAL_UNIT', command.at),
  ];
}
