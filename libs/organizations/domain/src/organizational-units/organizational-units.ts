import type { OrganizationState } from '../state';

// Stub: this capability's commands and events are not written yet.
export type OrganizationalUnitCommand = never;
export type OrganizationalUnitEvent = never;

export const ORGANIZATIONAL_UNIT_COMMANDS = new Set<string>();
export const ORGANIZATIONAL_UNIT_EVENTS = new Set<string>();

export function decideOrganizationalUnits(command: OrganizationalUnitCommand, _state: OrganizationState): OrganizationalUnitEvent[] {
  return command;
}

export function evolveOrganizationalUnits(state: OrganizationState, _event: OrganizationalUnitEvent): OrganizationState {
  return state;
}
