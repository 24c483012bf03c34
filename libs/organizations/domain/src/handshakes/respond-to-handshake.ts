import type { OrganizationCommandOf } from '../command';
import type { HandshakeState, OrganizationState } from '../state';
import type { HandshakeEvent } from './handshake-events';
import {
  childrenOf,
  isDue,
  isPending,
  requireOriginator,
  requireRecipient,
  requireTransition,
  requireVisibleHandshake,
  type HandshakeCaller,
} from './handshake-rules';

export type DeclineHandshake = OrganizationCommandOf<'DeclineHandshake', { handshakeId: string; caller: HandshakeCaller | null }>;
export type CancelHandshake = OrganizationCommandOf<'CancelHandshake', { handshakeId: string; caller: HandshakeCaller | null }>;
/** Sent by the expiry job when a handshake's expiration time has come; not an AWS operation. */
export type ExpireHandshake = OrganizationCommandOf<'ExpireHandshake', { handshakeId: string }>;

/** The recipient refuses. A declined parent takes its pending member requests with it. */
export function declineHandshake(command: DeclineHandshake, state: OrganizationState): HandshakeEvent[] {
  const { handshakeId, caller } = command.data;
  const handshake = requireVisibleHandshake(state, handshakeId, command.actingAccountId, caller);
  requireRecipient(state, handshake, command.actingAccountId, caller);
  requireTransition(handshake, 'DECLINED', command.at);
  const declined: HandshakeEvent = {
    type: 'HandshakeDeclined',
    data: { organizationId: state.organizationId as string, handshakeId, at: command.at, declinedBy: command.actingAccountId },
  };
  return [declined, ...closeChildren('HandshakeCanceled', state, handshake, command.at)];
}

/** The sender withdraws; canceling the all-features parent cancels its member requests too. */
export function cancelHandshake(command: CancelHandshake, state: OrganizationState): HandshakeEvent[] {
  const { handshakeId, caller } = command.data;
  const handshake = requireVisibleHandshake(state, handshakeId, command.actingAccountId, caller);
  requireOriginator(state, command.actingAccountId);
  requireTransition(handshake, 'CANCELED', command.at);
  const canceled: HandshakeEvent = { type: 'HandshakeCanceled', data: { organizationId: state.organizationId as string, handshakeId, at: command.at } };
  return [canceled, ...closeChildren('HandshakeCanceled', state, handshake, command.at)];
}

/**
 * Idempotent: a handshake already answered, or not due yet (a job that fired early), yields no
 * event. An expiring parent expires its pending member requests with it (4.4).
 */
export function expireHandshake(command: ExpireHandshake, state: OrganizationState): HandshakeEvent[] {
  const handshake = state.handshakes[command.data.handshakeId];
  if (!handshake || !isPending(handshake) || !isDue(handshake, command.at)) return [];
  const expired: HandshakeEvent = {
    type: 'HandshakeExpired',
    data: { organizationId: state.organizationId as string, handshakeId: handshake.id, at: command.at },
  };
  return [expired, ...closeChildren('HandshakeExpired', state, handshake, command.at)];
}

function closeChildren(type: 'HandshakeCanceled' | 'HandshakeExpired', state: OrganizationState, parent: HandshakeState, at: string): HandshakeEvent[] {
  return childrenOf(state, parent.id)
    .filter(isPending)
    .map((child) => ({ type, data: { organizationId: state.organizationId as string, handshakeId: child.id, at } }));
}
