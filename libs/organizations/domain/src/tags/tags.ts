import type { OrganizationState } from '../state';

// Stub: this capability's commands and events are not written yet.
export type TagCommand = never;
export type TagEvent = never;

export const TAG_COMMANDS = new Set<string>();
export const TAG_EVENTS = new Set<string>();

export function decideTags(command: TagCommand, _state: OrganizationState): TagEvent[] {
  return command;
}

export function evolveTags(state: OrganizationState, _event: TagEvent): OrganizationState {
  return state;
}
