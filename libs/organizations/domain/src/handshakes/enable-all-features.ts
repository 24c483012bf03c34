import { createHash } from 'node:crypto';
import { constraintViolation } from '@orgs/shared/kernel';
import { requireManagementAccount, type OrganizationCommandOf } from '../command';
import type { HandshakeState, OrganizationState } from '../state';
import type { HandshakeEvent } from './handshake-events';
import { ALL_FEATURES_MEMBER_ACTION, ALL_FEATURES_PARENT_ACTION, handshakeRecord } from './handshake-record';
import {
  addSeconds,
  ALL_FEATURES_MIGRATION_MAX_ACCOUNTS,
  handshakeConstraint,
  isPending,
  pendingAllFeaturesMigration,
  type HandshakeLifetimes,
} from './handshake-rules';

export type EnableAllFeatures = OrganizationCommandOf<'EnableAllFeatures', { handshakeId: string; lifetimes: HandshakeLifetimes }>;

/**
 * A member's approval request has an id derived from the parent's and the member's: the number of
 * requests depends on the state, so the ids cannot all come in as command data, and a derived id
 * keeps decide pure and repeatable. The parent's id is random, so these are unique too.
 */
export const approvalHandshakeId = (parentHandshakeId: string, accountId: string) =>
  `h-${createHash('sha256').update(`${parentHandshakeId}/${accountId}`).digest('hex').slice(0, 32)}`;

/**
 * Starts the move from consolidated billing to all features (accounts-and-handshakes.md section 5):
 * open invitations are canceled, every member that joined by invitation is asked to approve (created
 * accounts are not asked), and the parent waits for them. With nobody to ask it opens at once.
 */
export function enableAllFeatures(command: EnableAllFeatures, state: OrganizationState): HandshakeEvent[] {
  requireManagementAccount(state, command.actingAccountId);
  if (state.featureSet === 'ALL') {
    throw handshakeConstraint('ORGANIZATION_ALREADY_HAS_ALL_FEATURES', 'The organization already has all features enabled.');
  }
  if (pendingAllFeaturesMigration(state)) {
    throw handshakeConstraint('ORGANIZATION_IS_ALREADY_PENDING_ALL_FEATURES_MIGRATION', 'The organization is already enabling all features.');
  }
  if (Object.keys(state.accounts).length >= ALL_FEATURES_MIGRATION_MAX_ACCOUNTS) {
    throw constraintViolation('ALL_FEATURES_MIGRATION_ORGANIZATION_SIZE_LIMIT_EXCEEDED', 'Organizations this large need an assisted migration.');
  }
  const { at } = command;
  const organizationId = state.organizationId as string;
  const expiresAt = addSeconds(at, command.data.lifetimes.enableAllFeaturesSeconds);
  const parent: HandshakeState = {
    id: command.data.handshakeId,
    action: ALL_FEATURES_PARENT_ACTION,
    state: 'REQUESTED',
    parties: [],
    target: { id: organizationId, type: 'ORGANIZATION' },
    tags: {},
    requestedAt: at,
    expiresAt,
  };
  const approvals = invitedMembers(state).map((accountId): HandshakeState => ({
    id: approvalHandshakeId(parent.id, accountId),
    action: ALL_FEATURES_MEMBER_ACTION,
    state: 'OPEN',
    parties: [],
    target: { id: accountId, type: 'ACCOUNT' },
    tags: {},
    requestedAt: at,
    expiresAt,
    parentHandshakeId: parent.id,
  }));
  const created = [parent, ...approvals].map((h): HandshakeEvent => ({ type: 'HandshakeCreated', data: { organizationId, handshake: handshakeRecord(state, h) } }));
  const opened: HandshakeEvent[] = approvals.length === 0 ? [{ type: 'HandshakeOpened', data: { organizationId, handshakeId: parent.id, at } }] : [];
  return [...cancelOpenInvitations(state, at), ...created, ...opened];
}

/** Members that joined by accepting an invitation; the management account is the one asking. */
const invitedMembers = (state: OrganizationState) =>
  Object.values(state.accounts)
    .filter((a) => a.joinedMethod === 'INVITED' && a.id !== state.managementAccountId)
    .map((a) => a.id)
    .sort();

function cancelOpenInvitations(state: OrganizationState, at: string): HandshakeEvent[] {
  return Object.values(state.handshakes)
    .filter((h) => h.action === 'INVITE' && isPending(h))
    .map((h) => ({ type: 'HandshakeCanceled', data: { organizationId: state.organizationId as string, handshakeId: h.id, at } }));
}
