import type { OrganizationState } from '../state';

// Stub: this capability's commands and events are not written yet.
export type HandshakeCommand = never;
export type HandshakeEvent = never;

export const HANDSHAKE_COMMANDS = new Set<string>();
export const HANDSHAKE_EVENTS = new Set<string>();

export function decideHandshakes(command: HandshakeCommand, _state: OrganizationState): HandshakeEvent[] {
  return command;
}

export function evolveHandshakes(state: OrganizationState, _event: HandshakeEvent): OrganizationState {
  return state;
}
