import type { RecordedEvent } from '@orgs/shared/event-store';
import { publicEventsOf, type PublicEvent, type PublicEventCatalogue } from '@orgs/shared/kernel';
import { json, sql, type ProjectionHandlers, type SqlText } from '@orgs/shared/projector';
import { WEBHOOKS_QUEUED_CHANNEL } from '@orgs/webhooks/domain';
import { textArray } from './webhook-endpoints.projection';


/**
 * webhook_deliveries: each public event queued for every enabled endpoint of its tenant that
 * subscribes to it, in the batch that moves the checkpoint past the event. An event appended is
 * queued even if every process dies right after the append: the checkpoint has not moved.
 * An organization's endpoints (no account) receive its events; an account's, those about it.
 *
 * Not a table a rebuild builds anew (no `tables`): it is an outbox whose rows the dispatcher moves
 * on, and an empty copy would send every event ever appended again. A rebuild's replay writes
 * through its search path to the live table, where (endpoint, webhook-id) already queued is left
 * as it is (ON CONFLICT DO NOTHING); what its last catch-up adds beyond the live checkpoint, which
 * takes the rebuild's at the swap, is queued once. A rebuild that overtakes a live projection still
 * running behind it queues the later events first: run it with the worker keeping up, or stopped.
 */
export function webhookDeliveryHandlers(catalogue: PublicEventCatalogue): ProjectionHandlers {
  return {
    tables: [],
    eventTypes: new Set(catalogue.mappings.map((m) => m.internalType)),
    write(batch, event) {
      const published = publicEventsOf(catalogue, event);
      published.forEach((p, index) => batch.add(queueStatement(event, p, index)));
      if (published.length > 0) batch.add(sql`SELECT pg_notify(${WEBHOOKS_QUEUED_CHANNEL}, '')`);
    },
  };
}

function queueStatement(event: RecordedEvent, published: PublicEvent, index: number): SqlText {
  const body = { type: published.type, timestamp: event.recordedAt.toISOString(), data: published.data };
  const suffix = index > 0 ? `_${index}` : '';
  return sql`INSERT INTO webhook_deliveries (tenant_id, endpoint_id, message_id, event_type, payload, status, next_attempt_at, event_recorded_at)
    SELECT e.tenant_id, e.id, 'msg_' || e.id || '_' || ${event.position.toString()} || ${suffix}, ${published.type}, ${json(body)}, 'PENDING', now(), ${event.recordedAt}
      FROM webhook_endpoints e
     WHERE e.tenant_id = ${event.tenantId}::uuid AND e.status = 'ENABLED'
       AND (cardinality(e.event_types) = 0 OR ${published.type} = ANY(e.event_types))
       AND ((e.account_id IS NULL AND e.organization_id = ${published.organizationId})
            OR (e.account_id IS NOT NULL AND e.account_id = ANY(${textArray(published.accountIds)})))
    ORDER BY e.id
    ON CONFLICT DO NOTHING`;
}
