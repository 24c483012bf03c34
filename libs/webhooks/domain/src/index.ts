export * from './endpoints/forbidden-addresses';
export * from './endpoints/endpoint-url';
export * from './endpoints/webhook-endpoint-events';
export * from './endpoints/webhook-endpoint';
export * from './delivery/retry-schedule';
export * from './delivery/webhook-id';

/** The webhooks projection's name: its checkpoint, and what readers wait on for read-your-writes. */
export const WEBHOOKS_PROJECTION = 'webhooks';
/** The public type of a test event (sendTestWebhook). */
export const TEST_EVENT_TYPE = 'webhooks.test';
