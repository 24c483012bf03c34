import type { RecordedEvent } from '@orgs/shared/event-store';
import { assertUnreachable } from '@orgs/shared/kernel';
import { sql, type ProjectionHandlers } from '@orgs/shared/projector';
import { WEBHOOK_ENDPOINT_EVENT_TYPES, type WebhookEndpointEvent } from '@orgs/webhooks/domain';

/** webhook_endpoints: each endpoint's settings and encrypted secrets, as its stream says. */
export const webhookEndpointHandlers: ProjectionHandlers = {
  tables: ['webhook_endpoints'],
  eventTypes: WEBHOOK_ENDPOINT_EVENT_TYPES,
  write: (batch, recorded) => batch.add(endpointStatement(recorded.tenantId, recorded as unknown as WebhookEndpointEvent & RecordedEvent)),
};

function endpointStatement(tenantId: string, event: WebhookEndpointEvent & Pick<RecordedEvent, 'recordedAt'>) {
  const where = (id: string) => sql`WHERE tenant_id = ${tenantId}::uuid AND id = ${id}`;
  switch (event.type) {
    case 'WebhookEndpointCreated': {
      const d = event.data;
      return sql`INSERT INTO webhook_endpoints (tenant_id, id, owner_account_id, organization_id, account_id, url, description, event_types, status, encrypted_secret, created_at, updated_at)
        VALUES (${tenantId}::uuid, ${d.endpointId}, ${d.ownerAccountId}, ${d.organizationId}, ${d.accountId}, ${d.url}, ${d.description}, ${textArray(d.eventTypes ?? [])},
                'ENABLED', ${d.encryptedSecret}, ${d.createdAt}::timestamptz, ${d.createdAt}::timestamptz)
        ON CONFLICT DO NOTHING`;
    }
    case 'WebhookEndpointUpdated': {
      const d = event.data;
      return sql`UPDATE webhook_endpoints SET url = ${d.url}, description = ${d.description}, event_types = ${textArray(d.eventTypes ?? [])}, updated_at = ${d.updatedAt}::timestamptz ${where(d.endpointId)}`;
    }
    case 'WebhookEndpointDisabled':
      return sql`UPDATE webhook_endpoints SET status = 'DISABLED', disabled_reason = ${event.data.reason}, updated_at = ${event.data.disabledAt}::timestamptz ${where(event.data.endpointId)}`;
    case 'WebhookEndpointEnabled':
      return sql`UPDATE webhook_endpoints SET status = 'ENABLED', disabled_reason = NULL, updated_at = ${event.data.enabledAt}::timestamptz ${where(event.data.endpointId)}`;
    case 'WebhookEndpointDeleted':
      return sql`UPDATE webhook_endpoints SET status = 'DELETED', updated_at = ${event.data.deletedAt}::timestamptz ${where(event.data.endpointId)}`;
    case 'WebhookSecretRotated': {
      const d = event.data;
      return sql`UPDATE webhook_endpoints SET encrypted_secret = ${d.encryptedSecret}, previous_encrypted_secret = ${d.previousEncryptedSecret},
        previous_valid_until = ${d.previousValidUntil}::timestamptz, updated_at = ${d.rotatedAt}::timestamptz ${where(d.endpointId)}`;
    }
    default:
      return assertUnreachable(event);
  }
}

export const textArray = (values: readonly string[]) => sql`ARRAY[${values.length === 0 ? sql`` : joinLiterals(values)}]::text[]`;
const joinLiterals = (values: readonly string[]) => values.map((v) => sql`${v}`).reduce((a, b) => sql`${a}, ${b}`);

