import { assertUnreachable } from '@orgs/shared/kernel';
import type { ProjectionHandlers } from '@orgs/shared/projector';
import { HANDSHAKE_EVENT_TYPES, HANDSHAKE_STATE_AFTER, type HandshakeEvent } from '@orgs/organizations/domain';
import type { ReadModelTransaction } from '@orgs/shared/read-models';
import { allFeaturesEnabled, handshakeCreated, invitedAccountJoined } from './handshake-rows';

/**
 * The `handshakes` rows, and the two facts an accepted handshake brings about elsewhere: the
 * invited account's membership (its `accounts` row and tags) and the organization's feature set.
 */
export const handshakeHandlers: ProjectionHandlers = {
  eventTypes: new Set<string>(HANDSHAKE_EVENT_TYPES),
  apply: (tx, recorded) => applyHandshakeEvent(tx, recorded.tenantId, recorded as unknown as HandshakeEvent),
};

async function applyHandshakeEvent(tx: ReadModelTransaction, tenantId: string, event: HandshakeEvent): Promise<void> {
  switch (event.type) {
    case 'HandshakeCreated':
      return handshakeCreated(tx, tenantId, event.data);
    case 'HandshakeOpened':
    case 'HandshakeAccepted':
    case 'HandshakeDeclined':
    case 'HandshakeCanceled':
    case 'HandshakeExpired': {
      const { handshakeId, at } = event.data;
      await tx.handshake.updateMany({ where: { tenantId, id: handshakeId }, data: { state: HANDSHAKE_STATE_AFTER[event.type], updatedAt: at } });
      return;
    }
    case 'InvitedAccountJoined':
      return invitedAccountJoined(tx, tenantId, event.data);
    case 'AllFeaturesEnabled':
      return allFeaturesEnabled(tx, tenantId, event.data);
    default:
      assertUnreachable(event);
  }
}
