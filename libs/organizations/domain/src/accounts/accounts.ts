import type { OrganizationState } from '../state';

// Stub: this capability's commands and events are not written yet.
export type AccountCommand = never;
export type AccountEvent = never;

export const ACCOUNT_COMMANDS = new Set<string>();
export const ACCOUNT_EVENTS = new Set<string>();

export function decideAccounts(command: AccountCommand, _state: OrganizationState): AccountEvent[] {
  return command;
}

export function evolveAccounts(state: OrganizationState, _event: AccountEvent): OrganizationState {
  return state;
}
