import type { TenantFixture } from './access-fixture';
import { as, DENIED, json, LISTS_NONE_OF_A, NO_IDS, ok, refused, type Case } from './access-matrix';
import type { E2eService } from './e2e-service';

/**
 * The access matrix's rows for webhook endpoints and their deliveries (libs/webhooks) and for the
 * access keys of the AWS wire API (libs/tenants/api/src/access-keys).
 *
 * Webhooks: only the account that created an endpoint manages it (a management account's
 * endpoint receives its organization's events, a member's only those about itself); anyone
 * else, in the tenant or not, is told it is not found. Access keys: the permission model of API
 * keys (an account manages its own, the management account also its members').
 */

/** A URL the service accepts (127.0.0.1 is on WEBHOOK_ALLOWED_HOSTS in the matrix); nothing listens on port 9. */
const URL_OK = 'http://127.0.0.1:9/matrix';

/**
 * A webhook endpoint of A's management account (ORGANIZATION scope) and access keys of the
 * management account and of the invited member. The URL is on WEBHOOK_ALLOWED_HOSTS (127.0.0.1)
 * and its port (9, discard) listens nowhere: deliveries fail and are retried, which only writes the delivery
 * tables, never the log, so the matrix's event counts are not blurred.
 */
export async function withWebhooksAndAccessKeys(orgs: E2eService, f: TenantFixture): Promise<void> {
  const { createWebhookEndpoint } = await orgs.ok<{ createWebhookEndpoint: { endpoint: { id: string } } }>(
    'mutation($u: String!) { createWebhookEndpoint(input: { url: $u, description: "matrix" }) { endpoint { id } } }',
    f.management.key,
    { u: URL_OK },
  );
  const accessKey = async (accountId: string) => {
    const { createAccessKey } = await orgs.ok<{ createAccessKey: { accessKey: { accessKeyId: string } } }>(
      'mutation($a: String!) { createAccessKey(input: { accountId: $a, role: ADMIN }) { accessKey { accessKeyId } } }',
      f.management.key,
      { a: accountId },
    );
    return createAccessKey.accessKey.accessKeyId;
  };
  f.webhookEndpointId = createWebhookEndpoint.endpoint.id;
  f.accessKeyIds = { management: await accessKey(f.management.accountId), invited: await accessKey(f.invited.accountId) };
}

const endpointOfA = (a: TenantFixture) => ({ e: a.webhookEndpointId });
const NOT_FOUND = refused('WebhookEndpointNotFoundException');

/** A mutation naming A's management endpoint: only its owner manages it. */
const onEndpointOfA = (document: string): Case => ({
  document,
  vars: endpointOfA,
  readOnly: DENIED,
  // A member of the same organization does not see the management account's endpoint.
  member: [as(endpointOfA, NOT_FOUND), as(endpointOfA, NOT_FOUND, 'invited')],
  otherTenant: NOT_FOUND,
});

export const WEBHOOK_CASES: Record<string, Case> = {
  // ---------------------------------------------------------------- mutations
  createWebhookEndpoint: {
    document: 'mutation($u: String!) { createWebhookEndpoint(input: { url: $u }) { endpoint { id scope ownerAccountId } } }',
    vars: () => ({ u: URL_OK }),
    readOnly: DENIED,
    // A member subscribes to the events about its own account only.
    member: ok((d, a) => expect(d.createWebhookEndpoint).toMatchObject({ endpoint: { scope: 'ACCOUNT', ownerAccountId: a.created.accountId } })),
    otherTenant: NO_IDS,
  },
  updateWebhookEndpoint: onEndpointOfA('mutation($e: String!) { updateWebhookEndpoint(input: { endpointId: $e, description: "taken over" }) { endpoint { id description } } }'),
  disableWebhookEndpoint: onEndpointOfA('mutation($e: String!) { disableWebhookEndpoint(endpointId: $e) { endpoint { id status } } }'),
  // Enabling an enabled endpoint changes nothing for its owner; for anyone else it is not found.
  enableWebhookEndpoint: onEndpointOfA('mutation($e: String!) { enableWebhookEndpoint(endpointId: $e) { endpoint { id status } } }'),
  deleteWebhookEndpoint: onEndpointOfA('mutation($e: String!) { deleteWebhookEndpoint(endpointId: $e) { consistencyToken } }'),
  rotateWebhookSecret: onEndpointOfA('mutation($e: String!) { rotateWebhookSecret(endpointId: $e) { secret } }'),
  replayWebhookDeliveries: onEndpointOfA('mutation($e: String!) { replayWebhookDeliveries(endpointId: $e, since: "2026-01-01T00:00:00Z") { replayed } }'),
  sendTestWebhook: onEndpointOfA('mutation($e: String!) { sendTestWebhook(endpointId: $e) { messageId } }'),

  // ---------------------------------------------------------------- queries
  listWebhookEndpoints: {
    document: 'query { listWebhookEndpoints { id url ownerAccountId scope } }',
    readOnly: ok((d, a) => expect(json(d)).toContain(a.webhookEndpointId)),
    member: [as(() => ({}), ok((d, a) => expect(json(d)).not.toContain(a.webhookEndpointId))), as(() => ({}), ok((d, a) => expect(json(d)).not.toContain(a.webhookEndpointId)), 'invited')],
    otherTenant: LISTS_NONE_OF_A,
  },
  webhookDeliveries: {
    document: 'query($e: String!) { webhookDeliveries(endpointId: $e) { deliveries { messageId eventType status } nextCursor } }',
    vars: endpointOfA,
    readOnly: ok((d) => expect(Array.isArray((d.webhookDeliveries as { deliveries: unknown[] }).deliveries)).toBe(true)),
    member: [as(endpointOfA, NOT_FOUND), as(endpointOfA, NOT_FOUND, 'invited')],
    otherTenant: NOT_FOUND,
  },
  webhookEventTypes: {
    document: 'query { webhookEventTypes { type version } }',
    // The public catalogue: the same for every key.
    readOnly: ok((d) => expect(json(d)).toContain('"version"')),
    member: ok((d) => expect((d.webhookEventTypes as unknown[]).length).toBeGreaterThan(0)),
    otherTenant: LISTS_NONE_OF_A,
  },
};

const accessKeyOf = (who: 'management' | 'invited') => (a: TenantFixture) => ({ k: a.accessKeyIds?.[who] });

export const ACCESS_KEY_CASES: Record<string, Case> = {
  createAccessKey: {
    document: 'mutation($id: String!) { createAccessKey(input: { accountId: $id, role: ADMIN }) { accessKey { accessKeyId } } }',
    vars: (a) => ({ id: a.management.accountId }),
    readOnly: DENIED,
    member: [as((a) => ({ id: a.management.accountId }), DENIED), as((a) => ({ id: a.invited.accountId }), DENIED)],
    otherTenant: [as((a) => ({ id: a.management.accountId }), refused('AccountNotFoundException')), as((a) => ({ id: a.created.accountId }), refused('AccountNotFoundException'))],
  },
  deleteAccessKey: {
    document: 'mutation($k: String!) { deleteAccessKey(input: { accessKeyId: $k }) { consistencyToken } }',
    vars: accessKeyOf('management'),
    readOnly: DENIED,
    // The management account's key, and another member's.
    member: [as(accessKeyOf('management'), DENIED), as(accessKeyOf('invited'), DENIED)],
    otherTenant: [as(accessKeyOf('management'), refused('AccessKeyNotFoundException')), as(accessKeyOf('invited'), refused('AccessKeyNotFoundException'))],
  },
  listAccessKeys: {
    document: 'query($a: String) { listAccessKeys(accountId: $a) { accessKeys { accessKeyId accountId } } }',
    vars: (a) => ({ a: a.management.accountId }),
    readOnly: ok((d, a) => expect(json(d)).toContain(a.accessKeyIds?.management)),
    member: [
      as((a) => ({ a: a.created.accountId }), ok((d) => expect(d.listAccessKeys).toEqual({ accessKeys: [] }))),
      as((a) => ({ a: a.invited.accountId }), ok((d, a) => expect(json(d)).toContain(a.accessKeyIds?.invited)), 'invited'),
      as((a) => ({ a: a.management.accountId }), DENIED),
      as((a) => ({ a: a.invited.accountId }), DENIED),
    ],
    otherTenant: [as((a) => ({ a: a.management.accountId }), refused('AccountNotFoundException')), as((a) => ({ a: a.invited.accountId }), refused('AccountNotFoundException'))],
  },
};
