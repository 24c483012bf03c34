export * from './secret-box';
export * from './webhooks-config';
export * from './outbound-http';
export * from './webhook-signer';
export * from './delivery-store';
export * from './webhook-dispatcher';
export * from './start-webhook-delivery';
export * from './attempt-pruning';
