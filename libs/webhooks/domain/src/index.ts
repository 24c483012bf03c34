import { publicEventType, schemaString, type PublicEventCatalogue } from '@orgs/shared/kernel';
export * from './endpoints/forbidden-addresses';
export * from './endpoints/endpoint-url';
export * from './endpoints/webhook-endpoint-events';
export * from './endpoints/webhook-endpoint';
export * from './delivery/retry-schedule';
export * from './delivery/webhook-id';

/** The webhooks projection's name: its checkpoint, and what readers wait on for read-your-writes. */
export const WEBHOOKS_PROJECTION = 'webhooks';
/** Notified when deliveries are queued (by the projection's batch, a replay, a test); Postgres folds a transaction's identical notices into one. */
export const WEBHOOKS_QUEUED_CHANNEL = 'orgs_webhooks_queued';
/** The public type of a test event (sendTestWebhook). */
export const TEST_EVENT_TYPE = 'webhooks.test';

/** The webhooks' own public event: what sendTestWebhook sends. */
export const WEBHOOK_PUBLIC_EVENTS: PublicEventCatalogue = {
  types: [
    publicEventType(
      TEST_EVENT_TYPE,
      1,
      'Sent by sendTestWebhook: checks that the endpoint receives and verifies deliveries.',
      { endpointId: schemaString('The endpoint tested.'), message: schemaString('A fixed text.') },
      { endpointId: 'we-0123456789abcdef', message: 'This is a test webhook from Orgs.' },
    ),
  ],
  mappings: [],
};
