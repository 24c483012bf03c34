import { assertUnreachable } from '@orgs/shared/kernel';
import type { PolicyEvent } from '../policies/policies';
import type { OrganizationState } from '../state';
import { acceptHandshake, type AcceptHandshake } from './accept-handshake';
import { enableAllFeatures, type EnableAllFeatures } from './enable-all-features';
import { HANDSHAKE_EVENT_TYPES, HANDSHAKE_STATE_AFTER, type HandshakeEvent, type HandshakeEventOf } from './handshake-events';
import { handshakeStateOf } from './handshake-record';
import { inviteAccountToOrganization, type InviteAccountToOrganization } from './invite-account-to-organization';
import {
  cancelHandshake,
  declineHandshake,
  expireHandshake,
  type CancelHandshake,
  type DeclineHandshake,
  type ExpireHandshake,
} from './respond-to-handshake';

export * from './handshake-events';
export * from './handshake-rules';
export { ALL_FEATURES_MEMBER_ACTION, ALL_FEATURES_PARENT_ACTION, handshakeRecord } from './handshake-record';
export { assertValidInvitationTarget } from './invite-account-to-organization';
export { approvalHandshakeId } from './enable-all-features';
export type { InviteAccountToOrganization, AcceptHandshake, DeclineHandshake, CancelHandshake, ExpireHandshake, EnableAllFeatures };

/** Claimed by each handshake's id, so that an invitee, who is in no organization, finds the organization's stream. */
export const HANDSHAKE_NAMESPACE = 'handshake';

export type HandshakeCommand = InviteAccountToOrganization | AcceptHandshake | DeclineHandshake | CancelHandshake | ExpireHandshake | EnableAllFeatures;

export const HANDSHAKE_COMMANDS = new Set<string>([
  'InviteAccountToOrganization',
  'AcceptHandshake',
  'DeclineHandshake',
  'CancelHandshake',
  'ExpireHandshake',
  'EnableAllFeatures',
] satisfies HandshakeCommand['type'][]);
export const HANDSHAKE_EVENTS = new Set<string>(HANDSHAKE_EVENT_TYPES);

export function decideHandshakes(command: HandshakeCommand, state: OrganizationState): (HandshakeEvent | PolicyEvent)[] {
  switch (command.type) {
    case 'InviteAccountToOrganization':
      return inviteAccountToOrganization(command, state);
    case 'AcceptHandshake':
      return acceptHandshake(command, state);
    case 'DeclineHandshake':
      return declineHandshake(command, state);
    case 'CancelHandshake':
      return cancelHandshake(command, state);
    case 'ExpireHandshake':
      return expireHandshake(command, state);
    case 'EnableAllFeatures':
      return enableAllFeatures(command, state);
    default:
      return assertUnreachable(command);
  }
}

/**
 * Changes the handshakes section. Two events reach further, because their facts are this
 * capability's: an accepted invitation adds the member (accounts, and its tags), and the accepted
 * all-features parent changes the feature set and the root's policy types.
 */
export function evolveHandshakes(state: OrganizationState, event: HandshakeEvent): OrganizationState {
  switch (event.type) {
    case 'HandshakeCreated': {
      const { handshake } = event.data;
      return { ...state, handshakes: { ...state.handshakes, [handshake.id]: handshakeStateOf(handshake) } };
    }
    case 'HandshakeOpened':
    case 'HandshakeAccepted':
    case 'HandshakeDeclined':
    case 'HandshakeCanceled':
    case 'HandshakeExpired':
      return withHandshakeState(state, event);
    case 'InvitedAccountJoined':
      return withJoinedAccount(state, event);
    case 'AllFeaturesEnabled': {
      const root = state.root && { ...state.root, policyTypes: event.data.rootPolicyTypes };
      return { ...state, featureSet: event.data.featureSet, root };
    }
    default:
      return assertUnreachable(event);
  }
}

function withHandshakeState(state: OrganizationState, event: HandshakeEventOf<keyof typeof HANDSHAKE_STATE_AFTER>): OrganizationState {
  const handshake = state.handshakes[event.data.handshakeId];
  if (!handshake) return state;
  const next = { ...handshake, state: HANDSHAKE_STATE_AFTER[event.type] };
  return { ...state, handshakes: { ...state.handshakes, [handshake.id]: next } };
}

function withJoinedAccount(state: OrganizationState, event: HandshakeEventOf<'InvitedAccountJoined'>): OrganizationState {
  const { account, tags } = event.data;
  const member = { id: account.id, name: account.name, email: account.email, parentId: account.parentId, state: 'ACTIVE' as const, joinedMethod: account.joinedMethod, joinedAt: account.joinedAt };
  const withTags = Object.keys(tags).length > 0 ? { ...state.tags, [account.id]: { ...tags } } : state.tags;
  return { ...state, accounts: { ...state.accounts, [account.id]: member }, tags: withTags };
}
