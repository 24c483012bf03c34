import { accessDenied, OrgsError, type HandshakeConstraintViolationExceptionReason } from '@orgs/shared/kernel';
import { ENABLE_ALL_FEATURES_LIFETIME_DAYS, INVITATION_LIFETIME_DAYS } from '../quotas';
import type { HandshakeState, OrganizationState } from '../state';

/** How long handshakes stay open: command data, so that tests and small installations can use seconds. */
export interface HandshakeLifetimes {
  invitationSeconds: number;
  enableAllFeaturesSeconds: number;
}

const DAY_SECONDS = 86_400;
export const DEFAULT_HANDSHAKE_LIFETIMES: HandshakeLifetimes = {
  invitationSeconds: INVITATION_LIFETIME_DAYS * DAY_SECONDS,
  enableAllFeaturesSeconds: ENABLE_ALL_FEATURES_LIFETIME_DAYS * DAY_SECONDS,
};

/** Invitation attempts per rolling 24 hours: max(20, account quota) (quotas.md section 2). */
export const HANDSHAKE_RATE_LIMIT_FLOOR = 20;
export const HANDSHAKE_RATE_WINDOW_MS = 24 * 3_600_000;
/** Larger organizations need AWS's assisted migration (quotas.md section 1). */
export const ALL_FEATURES_MIGRATION_MAX_ACCOUNTS = 5_000;

export const addSeconds = (at: string, seconds: number) => new Date(Date.parse(at) + seconds * 1_000).toISOString();
export const sameEmail = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** Waiting for an answer: OPEN, or REQUESTED (a parent whose members have not all approved yet). */
export const isPending = (handshake: HandshakeState) => handshake.state === 'OPEN' || handshake.state === 'REQUESTED';
export const isDue = (handshake: HandshakeState, at: string) => Date.parse(at) >= Date.parse(handshake.expiresAt);

export const handshakeNotFound = (handshakeId: string) =>
  new OrgsError('HandshakeNotFoundException', `We can't find a handshake with the handshakeId ${handshakeId}.`);

export const handshakeConstraint = (reason: HandshakeConstraintViolationExceptionReason, message: string) =>
  new OrgsError('HandshakeConstraintViolationException', message, reason);

/** The account whose key calls, as the accounts read model knows it (its email matches EMAIL invitations). */
export interface HandshakeCaller {
  name: string;
  email: string;
}

/**
 * Who answers a handshake. Invitations and approval requests: the invited account (by id, or by the
 * email its root user has). The all-features parent: the management account, which finalises it.
 */
export function isRecipient(state: OrganizationState, handshake: HandshakeState, accountId: string, caller: HandshakeCaller | null): boolean {
  if (handshake.action === 'ENABLE_ALL_FEATURES') return accountId === state.managementAccountId;
  const { target } = handshake;
  if (target.type === 'ACCOUNT') return target.id === accountId;
  return target.type === 'EMAIL' && caller !== null && sameEmail(target.id, caller.email);
}

/** Every handshake here was sent by the organization, that is by its management account. */
export const isOriginator = (state: OrganizationState, accountId: string) => state.managementAccountId === accountId;

/**
 * The handshake, if the caller is one of its parties. Anyone else gets HandshakeNotFoundException,
 * exactly as for an id that does not exist, so that a handshake's existence does not leak.
 */
export function requireVisibleHandshake(state: OrganizationState, handshakeId: string, accountId: string, caller: HandshakeCaller | null): HandshakeState {
  const handshake = state.handshakes[handshakeId];
  if (!handshake) throw handshakeNotFound(handshakeId);
  if (!isRecipient(state, handshake, accountId, caller) && !isOriginator(state, accountId)) throw handshakeNotFound(handshakeId);
  return handshake;
}

/** A party that may see the handshake but plays the other role: AccessDeniedException. */
export function requireRecipient(state: OrganizationState, handshake: HandshakeState, accountId: string, caller: HandshakeCaller | null): void {
  if (!isRecipient(state, handshake, accountId, caller)) throw accessDenied('Only the recipient of this handshake can answer it.');
}

export function requireOriginator(state: OrganizationState, accountId: string): void {
  if (!isOriginator(state, accountId)) throw accessDenied('Only the account that sent this handshake can cancel it.');
}

/**
 * The state machine (accounts-and-handshakes.md 4.3): the same target state again is
 * HandshakeAlreadyInStateException; leaving any other closed state, or a handshake past its
 * expiration that the expiry job has not reached yet, is InvalidHandshakeTransitionException.
 */
export function requireTransition(handshake: HandshakeState, to: 'ACCEPTED' | 'DECLINED' | 'CANCELED', at: string): void {
  if (handshake.state === to) {
    throw new OrgsError('HandshakeAlreadyInStateException', `The handshake ${handshake.id} is already ${to}.`);
  }
  if (!isPending(handshake)) {
    throw invalidTransition(`The handshake ${handshake.id} is ${handshake.state} and can no longer be ${to.toLowerCase()}.`);
  }
  if (isDue(handshake, at)) throw invalidTransition(`The handshake ${handshake.id} has expired.`);
}

export const invalidTransition = (message: string) => new OrgsError('InvalidHandshakeTransitionException', message);

/** The organization still exists; a deleted one's handshakes cannot be answered any more. */
export function requireActiveOrganization(state: OrganizationState): void {
  if (state.status !== 'ACTIVE') throw invalidTransition('The organization that sent this handshake no longer exists.');
}

/** An all-features migration is under way while its parent handshake is pending. */
export const pendingAllFeaturesMigration = (state: OrganizationState) =>
  Object.values(state.handshakes).find((h) => h.action === 'ENABLE_ALL_FEATURES' && isPending(h));

export const childrenOf = (state: OrganizationState, parentHandshakeId: string) =>
  Object.values(state.handshakes).filter((h) => h.parentHandshakeId === parentHandshakeId);

/**
 * The parent may be finalised when every member asked to approve has approved. A member that has
 * since left or been removed no longer needs to (so removing a decliner unblocks the migration).
 */
export function allMembersApproved(state: OrganizationState, parentHandshakeId: string): boolean {
  return childrenOf(state, parentHandshakeId)
    .filter((child) => state.accounts[child.target.id])
    .every((child) => child.state === 'ACCEPTED');
}
