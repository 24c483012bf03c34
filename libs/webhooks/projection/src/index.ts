import type { PublicEventCatalogue } from '@orgs/shared/kernel';
import { composeProjection, type Projection } from '@orgs/shared/projector';
import { WEBHOOKS_PROJECTION } from '@orgs/webhooks/domain';
import { webhookDeliveryHandlers } from './webhook-deliveries.projection';
import { webhookEndpointHandlers } from './webhook-endpoints.projection';

export { WEBHOOKS_QUEUED_CHANNEL } from '@orgs/webhooks/domain';

/**
 * The webhooks' own projection (own checkpoint): endpoints, and the deliveries each public event
 * calls for, matched against the endpoints as they stood at that point of the log.
 */
export const webhooksProjection = (catalogue: PublicEventCatalogue): Projection =>
  composeProjection(WEBHOOKS_PROJECTION, [webhookEndpointHandlers, webhookDeliveryHandlers(catalogue)]);
