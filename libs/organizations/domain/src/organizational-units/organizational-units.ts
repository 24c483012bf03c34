import { assertUnreachable } from '@orgs/shared/kernel';
import type { OrganizationState } from '../state';
import type { PolicyEvent } from '../policies/policies';
import type { TagEvent } from '../tags/tags';
import { createOrganizationalUnit, type CreateOrganizationalUnit, type OrganizationalUnitCreated } from './create-organizational-unit';
import { deleteOrganizationalUnit, type DeleteOrganizationalUnit, type OrganizationalUnitDeleted } from './delete-organizational-unit';
import { updateOrganizationalUnit, type OrganizationalUnitUpdated, type UpdateOrganizationalUnit } from './update-organizational-unit';

export * from './organizational-unit-tree';
export type { CreateOrganizationalUnit, OrganizationalUnitCreated, OrganizationalUnitCreatedData } from './create-organizational-unit';
export type { UpdateOrganizationalUnit, OrganizationalUnitUpdated } from './update-organizational-unit';
export type { DeleteOrganizationalUnit, OrganizationalUnitDeleted } from './delete-organizational-unit';

export type OrganizationalUnitCommand = CreateOrganizationalUnit | UpdateOrganizationalUnit | DeleteOrganizationalUnit;
export type OrganizationalUnitEvent = OrganizationalUnitCreated | OrganizationalUnitUpdated | OrganizationalUnitDeleted;

export const ORGANIZATIONAL_UNIT_COMMANDS = new Set<string>([
  'CreateOrganizationalUnit',
  'UpdateOrganizationalUnit',
  'DeleteOrganizationalUnit',
] satisfies OrganizationalUnitCommand['type'][]);
export const ORGANIZATIONAL_UNIT_EVENTS = new Set<string>([
  'OrganizationalUnitCreated',
  'OrganizationalUnitUpdated',
  'OrganizationalUnitDeleted',
] satisfies OrganizationalUnitEvent['type'][]);

/** OU ids are claimed installation-wide, so that two organizations never draw the same one (the read model keys on it). */
export const ORGANIZATIONAL_UNIT_ID_NAMESPACE = 'organizational-unit-id';

export function organizationalUnitIdClaims(events: readonly { type: string; data: unknown }[]): { namespace: string; value: string }[] {
  return events
    .filter((e): e is OrganizationalUnitCreated => e.type === 'OrganizationalUnitCreated')
    .map((e) => ({ namespace: ORGANIZATIONAL_UNIT_ID_NAMESPACE, value: e.data.organizationalUnitId }));
}

/** Creating and deleting an OU also tags it and attaches policies (and undoes both): those events belong to the tags and policies capabilities. */
export function decideOrganizationalUnits(command: OrganizationalUnitCommand, state: OrganizationState): (OrganizationalUnitEvent | TagEvent | PolicyEvent)[] {
  switch (command.type) {
    case 'CreateOrganizationalUnit':
      return createOrganizationalUnit(command, state);
    case 'UpdateOrganizationalUnit':
      return updateOrganizationalUnit(command, state);
    case 'DeleteOrganizationalUnit':
      return deleteOrganizationalUnit(command, state);
    default:
      return assertUnreachable(command);
  }
}

export function evolveOrganizationalUnits(state: OrganizationState, event: OrganizationalUnitEvent): OrganizationState {
  switch (event.type) {
    case 'OrganizationalUnitCreated': {
      const { organizationalUnitId: id, name, parentId } = event.data;
      return { ...state, organizationalUnits: { ...state.organizationalUnits, [id]: { id, name, parentId } } };
    }
    case 'OrganizationalUnitUpdated': {
      const { organizationalUnitId: id, name } = event.data;
      return { ...state, organizationalUnits: { ...state.organizationalUnits, [id]: { ...state.organizationalUnits[id], name } } };
    }
    case 'OrganizationalUnitDeleted': {
      const others = Object.values(state.organizationalUnits).filter((ou) => ou.id !== event.data.organizationalUnitId);
      return { ...state, organizationalUnits: Object.fromEntries(others.map((ou) => [ou.id, ou])) };
    }
    default:
      return assertUnreachable(event);
  }
}
