/** Who an endpoint receives events about: its organization's (management account) or only its own account's. */
export interface EndpointScope {
  organizationId: string | null;
  /** Set for a member (or standalone) account: only events about this account. */
  accountId: string | null;
}

export type DisabledReason = 'REQUESTED' | 'GONE' | 'RETRIES_EXHAUSTED';

export interface WebhookEndpointCreatedData extends EndpointScope {
  endpointId: string;
  ownerAccountId: string;
  url: string;
  description: string;
  /** null: every event type. */
  eventTypes: string[] | null;
  /** AES-256-GCM ciphertext (never the secret itself). */
  encryptedSecret: string;
  createdAt: string;
}

export type WebhookEndpointEvent =
  | { type: 'WebhookEndpointCreated'; data: WebhookEndpointCreatedData }
  | { type: 'WebhookEndpointUpdated'; data: { endpointId: string; url: string; description: string; eventTypes: string[] | null; updatedAt: string } }
  | { type: 'WebhookEndpointDisabled'; data: { endpointId: string; reason: DisabledReason; detail: string | null; disabledAt: string } }
  | { type: 'WebhookEndpointEnabled'; data: { endpointId: string; enabledAt: string } }
  | { type: 'WebhookEndpointDeleted'; data: { endpointId: string; deletedAt: string } }
  | {
      type: 'WebhookSecretRotated';
      data: { endpointId: string; encryptedSecret: string; previousEncryptedSecret: string; previousValidUntil: string; rotatedAt: string };
    };

export const WEBHOOK_ENDPOINT_EVENT_TYPES: ReadonlySet<WebhookEndpointEvent['type']> = new Set([
  'WebhookEndpointCreated',
  'WebhookEndpointUpdated',
  'WebhookEndpointDisabled',
  'WebhookEndpointEnabled',
  'WebhookEndpointDeleted',
  'WebhookSecretRotated',
]);
