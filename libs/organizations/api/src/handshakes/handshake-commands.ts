import type { EventStore, UniqueReservation } from '@orgs/shared/event-store';
import { OrgsError } from '@orgs/shared/kernel';
import {
  HANDSHAKE_NAMESPACE,
  handshakeConstraint,
  handshakeNotFound,
  MEMBERSHIP_NAMESPACE,
  type OrganizationEvent,
} from '@orgs/organizations/domain';
import type { ExecuteOptions } from '../organization-commands.service';

/** Each new handshake claims its id, so that the invitee (in no organization) finds the stream. */
export const handshakeClaims = (events: OrganizationEvent[]): UniqueReservation[] =>
  events.flatMap((e) => (e.type === 'HandshakeCreated' ? [{ namespace: HANDSHAKE_NAMESPACE, value: e.data.handshake.id }] : []));

/** New handshakes: a taken id (a generated one) is simply drawn again. */
export const creatingHandshakes: ExecuteOptions = { reservations: handshakeClaims, reservationConflict: () => undefined };

/**
 * The account an accepted invitation adds claims its membership in the same append: an account of
 * another organization (or one that joined meanwhile) is refused, whichever organization it is in.
 */
export const joiningByInvitation = (streamId: string): ExecuteOptions => ({
  streamId,
  reservations: (events) => events.flatMap((e) => (e.type === 'InvitedAccountJoined' ? [{ namespace: MEMBERSHIP_NAMESPACE, value: e.data.account.id }] : [])),
  reservationConflict: (namespace) =>
    namespace === MEMBERSHIP_NAMESPACE
      ? handshakeConstraint('ALREADY_IN_AN_ORGANIZATION', 'This account is already a member of an organization.')
      : new OrgsError('ConcurrentModificationException', 'The handshake is being answered by another request. Try again.', undefined, true),
});

/**
 * The organization's stream, from the handshake id's claim on the write side: the recipient may be
 * in no organization. The lookup is per tenant, so another tenant's id is simply not found.
 */
export async function handshakeStream(events: EventStore, tenantId: string, handshakeId: string): Promise<string> {
  const streamId = await events.findReservationHolder(tenantId, { namespace: HANDSHAKE_NAMESPACE, value: handshakeId });
  if (!streamId) throw handshakeNotFound(handshakeId);
  return streamId;
}
