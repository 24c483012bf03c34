import { deciderSpecification } from '@orgs/shared/testing';
import { webhookEndpointDecider, type WebhookEndpointCommand } from './webhook-endpoint';
import type { WebhookEndpointEvent } from './webhook-endpoint-events';

const spec = deciderSpecification(webhookEndpointDecider);
const at = '2026-01-01T00:00:00.000Z';
const owner = '111111111111';
const checks = { allowedHosts: ['127.0.0.1'], knownEventTypes: ['organizations.account.created', 'organizations.account.moved'] };
const create = (data: Partial<Extract<WebhookEndpointCommand, { type: 'CreateWebhookEndpoint' }>['data']> = {}): WebhookEndpointCommand => ({
  type: 'CreateWebhookEndpoint',
  data: { endpointId: 'we-1', url: 'https://hooks.example.com/in', encryptedSecret: 'enc', organizationId: 'o-1', accountId: null, ...checks, ...data },
  actingAccountId: owner,
  at,
});
const created: WebhookEndpointEvent = {
  type: 'WebhookEndpointCreated',
  data: { endpointId: 'we-1', ownerAccountId: owner, organizationId: 'o-1', accountId: null, url: 'https://hooks.example.com/in', description: '', eventTypes: null, encryptedSecret: 'enc', createdAt: at },
};
const command = <T extends WebhookEndpointCommand['type']>(type: T, data: object = {}, actingAccountId = owner) =>
  ({ type, data, actingAccountId, at }) as unknown as WebhookEndpointCommand;

describe('webhook endpoints', () => {
  it('creates an endpoint receiving every event type', () => spec.given([]).when(create()).then([created]));

  it('keeps the event types it is given, sorted and once each', () =>
    spec
      .given([])
      .when(create({ eventTypes: ['organizations.account.moved', 'organizations.account.created', 'organizations.account.moved'] }))
      .then([{ ...created, data: { ...created.data, eventTypes: ['organizations.account.created', 'organizations.account.moved'] } } as WebhookEndpointEvent]));

  it('refuses an event type the catalogue does not have', () =>
    spec.given([]).when(create({ eventTypes: ['organizations.nothing'] })).thenThrows('InvalidInputException', 'INVALID_ENUM'));

  it.each(['https://169.254.169.254/latest/meta-data', 'https://10.0.0.1/hook', 'https://localhost/hook', 'http://hooks.example.com/in', 'https://[::1]/x', 'ftp://hooks.example.com'])(
    'refuses %s',
    (url) => spec.given([]).when(create({ url })).thenThrows('InvalidInputException', 'INVALID_PATTERN'),
  );

  it('accepts plain http to an allowed host', () =>
    spec.given([]).when(create({ url: 'http://127.0.0.1:9999/in' })).then([{ ...created, data: { ...created.data, url: 'http://127.0.0.1:9999/in' } } as WebhookEndpointEvent]));

  it('updates only what changed, and nothing when nothing did', () => {
    spec.given([created]).when(command('UpdateWebhookEndpoint', { ...checks, description: 'ops' })).then([
      { type: 'WebhookEndpointUpdated', data: { endpointId: 'we-1', url: created.data.url, description: 'ops', eventTypes: null, updatedAt: at } },
    ]);
    spec.given([created]).when(command('UpdateWebhookEndpoint', { ...checks, description: '' })).then([]);
  });

  it('refuses an update to a forbidden URL', () =>
    spec.given([created]).when(command('UpdateWebhookEndpoint', { ...checks, url: 'https://192.168.1.1/' })).thenThrows('InvalidInputException'));

  it('is managed by its owner only', () =>
    spec.given([created]).when(command('DisableWebhookEndpoint', {}, '222222222222')).thenThrows('WebhookEndpointNotFoundException'));

  it('disables and enables, each once', () => {
    const disabled: WebhookEndpointEvent = { type: 'WebhookEndpointDisabled', data: { endpointId: 'we-1', reason: 'REQUESTED', detail: null, disabledAt: at } };
    spec.given([created]).when(command('DisableWebhookEndpoint')).then([disabled]);
    spec.given([created, disabled]).when(command('DisableWebhookEndpoint')).then([]);
    spec.given([created, disabled]).when(command('EnableWebhookEndpoint')).then([{ type: 'WebhookEndpointEnabled', data: { endpointId: 'we-1', enabledAt: at } }]);
  });

  it('a deleted endpoint is gone', () =>
    spec.given([created, { type: 'WebhookEndpointDeleted', data: { endpointId: 'we-1', deletedAt: at } }]).when(command('EnableWebhookEndpoint')).thenThrows('WebhookEndpointNotFoundException'));

  it('rotating keeps the previous secret until the given time', () =>
    spec.given([created]).when(command('RotateWebhookSecret', { encryptedSecret: 'enc2', previousValidUntil: '2026-01-02T00:00:00.000Z' })).then([
      { type: 'WebhookSecretRotated', data: { endpointId: 'we-1', encryptedSecret: 'enc2', previousEncryptedSecret: 'enc', previousValidUntil: '2026-01-02T00:00:00.000Z', rotatedAt: at } },
    ]));

  it('the delivery disables a failing endpoint once, and leaves a disabled one alone', () => {
    const failing = command('DisableFailingWebhookEndpoint', { reason: 'RETRIES_EXHAUSTED', detail: '500' }, 'system');
    spec.given([created]).when(failing).then([{ type: 'WebhookEndpointDisabled', data: { endpointId: 'we-1', reason: 'RETRIES_EXHAUSTED', detail: '500', disabledAt: at } }]);
    spec.given([created, { type: 'WebhookEndpointDisabled', data: { endpointId: 'we-1', reason: 'REQUESTED', detail: null, disabledAt: at } }]).when(failing).then([]);
  });
});
