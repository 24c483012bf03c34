import type { RecordedEvent } from '@orgs/shared/event-store';
import { publicEventsOf, type PublicEvent, type PublicEventCatalogue } from '@orgs/shared/kernel';
import { sql, type ProjectionHandlers, type RowStatement, type SqlText } from '@orgs/shared/projector';
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
      published.forEach((p, index) => batch.addRow(QUEUE_DELIVERIES, deliveryRow(event, p, index)));
    },
  };
}

/**
 * One public event, as a row of QUEUE_DELIVERIES. Its payload stays text until an endpoint takes
 * it: an event nobody subscribes to costs Postgres no JSON parsing.
 */
function deliveryRow(event: RecordedEvent, published: PublicEvent, index: number): SqlText {
  const body = { type: published.type, timestamp: event.recordedAt.toISOString(), data: published.data };
  const suffix = index > 0 ? `_${index}` : '';
  return sql`(${event.tenantId}, ${event.position}, ${index}, ${suffix}, ${published.type}, ${JSON.stringify(body)},
    ${event.recordedAt}, ${published.organizationId ?? null}, ${textArray(published.accountIds)})`;
}

/**
 * Each event queued for every enabled endpoint of its tenant that subscribes to it, in log order
 * (an endpoint's deliveries go out in `seq` order), the events of a run of the batch in one
 * statement; the dispatcher is woken only when something was queued.
 */
const QUEUE_DELIVERIES: RowStatement = {
  render: (rows) => sql`WITH queued AS (INSERT INTO webhook_deliveries (tenant_id, endpoint_id, message_id, event_type, payload, status, next_attempt_at, event_recorded_at)
    SELECT e.tenant_id, e.id, 'msg_' || e.id || '_' || p.position || p.suffix, p.type, p.payload::jsonb, 'PENDING', now(), p.recorded_at::timestamptz
      FROM (VALUES ${rows}) AS p(tenant_id, position, part, suffix, type, payload, recorded_at, organization_id, account_ids)
      JOIN webhook_endpoints e ON e.tenant_id = p.tenant_id::uuid AND e.status = 'ENABLED'
       AND (cardinality(e.event_types) = 0 OR p.type = ANY(e.event_types))
       AND ((e.account_id IS NULL AND e.organization_id = p.organization_id)
            OR (e.account_id IS NOT NULL AND e.account_id = ANY(p.account_ids::text[])))
    ORDER BY p.position, p.part, e.id
    ON CONFLICT DO NOTHING
    RETURNING 1)
    SELECT pg_notify(${WEBHOOKS_QUEUED_CHANNEL}, '') FROM (SELECT 1 FROM queued LIMIT 1) AS any_queued`,
};
