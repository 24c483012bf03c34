import { assertUnreachable } from '@orgs/shared/kernel';
import { sql, type ProjectionHandlers, type SqlText } from '@orgs/shared/projector';
import { HANDSHAKE_EVENT_TYPES, HANDSHAKE_STATE_AFTER, type HandshakeEvent } from '@orgs/organizations/domain';
import { allFeaturesEnabled, handshakeCreated, invitedAccountJoined } from './handshake-rows';

/**
 * The `handshakes` rows, and the two facts an accepted handshake brings about elsewhere: the
 * invited account's membership (its `accounts` row and tags) and the organization's feature set.
 */
export const handshakeHandlers: ProjectionHandlers = {
  tables: ['handshakes', 'accounts', 'resource_tags', 'organizations', 'roots'],
  eventTypes: new Set<string>(HANDSHAKE_EVENT_TYPES),
  write: (batch, recorded) => handshakeStatements(recorded.tenantId, recorded as unknown as HandshakeEvent).forEach((s) => batch.add(s)),
};

function handshakeStatements(tenantId: string, event: HandshakeEvent): SqlText[] {
  switch (event.type) {
    case 'HandshakeCreated':
      return [handshakeCreated(tenantId, event.data)];
    case 'HandshakeOpened':
    case 'HandshakeAccepted':
    case 'HandshakeDeclined':
    case 'HandshakeCanceled':
    case 'HandshakeExpired': {
      const { handshakeId, at } = event.data;
      return [sql`UPDATE handshakes SET state = ${HANDSHAKE_STATE_AFTER[event.type]}, updated_at = ${at} WHERE tenant_id = ${tenantId} AND id = ${handshakeId}`];
    }
    case 'InvitedAccountJoined':
      return invitedAccountJoined(tenantId, event.data);
    case 'AllFeaturesEnabled':
      return allFeaturesEnabled(tenantId, event.data);
    default:
      return assertUnreachable(event);
  }
}
