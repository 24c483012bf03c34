import { Client } from 'pg';
import {
  createTestDatabase,
  freePort,
  startService,
  testRedisPrefix,
  testRedisUrl,
  type ServiceProcess,
  type TestDatabase,
} from '@orgs/shared/testing';
import { errorCode, graphqlClient, type GraphqlResult } from './graphql-client';

/**
 * The audit trail over HTTP: every event records who caused it (key or operator, acting account,
 * request id, source address); `auditEvents` pages through what the caller may see, newest first,
 * with each filter, and never across tenants.
 */
let database: TestDatabase;
let service: ServiceProcess;
let gql: ReturnType<typeof graphqlClient>;
let baseUrl: string;
const operatorToken = 'e2e-operator-token';

interface AuditEvent {
  eventId: string;
  eventType: string;
  eventTime: string;
  streamId: string;
  streamVersion: number;
  actingAccountId: string | null;
  principal: string | null;
  requestId: string | null;
  sourceAddress: string | null;
  correlationId: string | null;
  data: string;
}
type AuditPage = GraphqlResult<{ auditEvents: { auditEvents: AuditEvent[]; nextToken: string | null } }>;
interface Tenant {
  tenantId: string;
  accountId: string;
  apiKey: string;
  apiKeyId: string;
}

const AUDIT_FIELDS = 'eventId eventType eventTime streamId streamVersion actingAccountId principal requestId sourceAddress correlationId data';

/** Tenant A: its management account M created an organization, a READ_ONLY key and a standalone account S, which made itself a key. */
let a: Tenant;
let b: Tenant;
let organizationId: string;
let readOnlyKey: { apiKey: string; id: string };
let standalone: Tenant;
let standaloneKeyId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  service = startService('apps/launcher/src/main.js', {
    DATABASE_URL: database.url,
    REDIS_URL: testRedisUrl(),
    REDIS_PREFIX: testRedisPrefix(),
    PORT: String(port),
    WORKER_METRICS_PORT: String(await freePort()),
    OPERATOR_TOKEN: operatorToken,
    LOG_LEVEL: 'warn',
  });
  await service.waitForOutput(/Demo API key:\s+(\S+)/, 120_000);
  gql = graphqlClient(baseUrl);

  a = await createTenant('Audit A');
  b = await createTenant('Audit B');
  const organization = await call<{ createOrganization: { organization: { id: string } } }>(
    'mutation { createOrganization { organization { id } } }',
    { key: a.apiKey, requestId: 'req-create-organization' },
  );
  organizationId = organization.data!.createOrganization.organization.id;
  const created = await call<{ createApiKey: { apiKey: string; key: { id: string } } }>(
    `mutation { createApiKey(input: { accountId: "${a.accountId}", role: READ_ONLY }) { apiKey key { id } } }`,
    { key: a.apiKey, requestId: 'req-create-api-key' },
  );
  readOnlyKey = { apiKey: created.data!.createApiKey.apiKey, id: created.data!.createApiKey.key.id };
  const registered = await call<{ registerStandaloneAccount: { account: { id: string }; apiKey: string; key: { id: string } } }>(
    `mutation { registerStandaloneAccount(input: { email: "standalone-${Date.now()}@audit.example.com", accountName: "Standalone" }) { account { id } apiKey key { id } } }`,
    { key: a.apiKey, requestId: 'req-register' },
  );
  const { account, apiKey, key } = registered.data!.registerStandaloneAccount;
  standalone = { tenantId: a.tenantId, accountId: account.id, apiKey, apiKeyId: key.id };
  const own = await call<{ createApiKey: { key: { id: string } } }>(
    `mutation { createApiKey(input: { accountId: "${account.id}", role: READ_ONLY }) { key { id } } }`,
    { key: apiKey, requestId: 'req-standalone-key' },
  );
  standaloneKeyId = own.data!.createApiKey.key.id;
  await call(`mutation { revokeApiKey(input: { apiKeyId: "${standaloneKeyId}" }) { consistencyToken } }`, { key: apiKey, requestId: 'req-revoke' });
}, 120_000);

afterAll(async () => {
  await service?.stop();
  await database?.drop();
});

describe('what every event records', () => {
  it('records the key, acting account, request id, source address and correlation id of each mutation', async () => {
    const trail = await allEvents(a.apiKey);
    const organizationCreated = trail.find((e) => e.eventType === 'OrganizationCreated')!;
    expect(organizationCreated).toMatchObject({
      streamId: `organization-${organizationId}`,
      actingAccountId: a.accountId,
      principal: `apikey/${a.apiKeyId}`,
      requestId: 'req-create-organization',
      correlationId: 'req-create-organization',
      sourceAddress: expect.stringMatching(/127\.0\.0\.1|::1/),
    });
    expect(JSON.parse(organizationCreated.data)).toMatchObject({ organizationId, managementAccountId: a.accountId });
    const keyIssued = trail.find((e) => e.eventType === 'ApiKeyIssued' && JSON.parse(e.data).apiKeyId === readOnlyKey.id)!;
    expect(keyIssued).toMatchObject({ streamId: 'tenant', principal: `apikey/${a.apiKeyId}`, requestId: 'req-create-api-key' });
    expect(JSON.parse(keyIssued.data)).toMatchObject({ accountId: a.accountId, role: 'READ_ONLY' });
    const registered = trail.filter((e) => e.requestId === 'req-register').map((e) => e.eventType);
    expect(registered.sort()).toEqual(['AccountCreated', 'ApiKeyIssued']);
  });

  it('records the operator as `operator` for createTenant and for registrations it makes', async () => {
    const registered = await call<{ registerStandaloneAccount: { account: { id: string } } }>(
      `mutation { registerStandaloneAccount(input: { tenantId: "${b.tenantId}", email: "by-operator-${Date.now()}@audit.example.com", accountName: "By operator" }) { account { id } } }`,
      { key: operatorToken, requestId: 'req-operator-register' },
    );
    expect(registered.errors).toBeUndefined();
    const { rows } = await sql(
      `SELECT event_type, metadata FROM events WHERE tenant_id = $1 AND (event_type = 'TenantCreated' OR metadata->>'requestId' = 'req-operator-register') ORDER BY position`,
      [b.tenantId],
    );
    expect(rows.map((r) => r.event_type)).toEqual(['TenantCreated', 'AccountCreated', 'ApiKeyIssued']);
    for (const row of rows) {
      expect(row.metadata).toMatchObject({ principal: 'operator', requestId: expect.any(String), sourceAddress: expect.any(String) });
      expect(row.metadata.actingAccountId).toBeUndefined();
    }
  });
});

describe('auditEvents', () => {
  it('shows the management account its own acts and its organization\'s events, newest first, to any of its keys', async () => {
    const trail = await allEvents(a.apiKey);
    const positions = trail.map((e) => BigInt(e.eventId));
    expect(positions).toEqual([...positions].sort((x, y) => (x > y ? -1 : x < y ? 1 : 0)));
    expect(trail.every((e) => e.actingAccountId === a.accountId || e.streamId === `organization-${organizationId}`)).toBe(true);
    expect(trail.map((e) => e.eventType)).toEqual(expect.arrayContaining(['OrganizationCreated', 'ApiKeyIssued', 'AccountCreated']));
    expect(trail.some((e) => e.actingAccountId === standalone.accountId)).toBe(false); // S is not in its organization
    expect(await allEvents(readOnlyKey.apiKey)).toEqual(trail);
  });

  it('shows an account outside the organization only the events it caused', async () => {
    const trail = await allEvents(standalone.apiKey);
    expect(trail.map((e) => [e.eventType, e.requestId])).toEqual([
      ['ApiKeyRevoked', 'req-revoke'],
      ['ApiKeyIssued', 'req-standalone-key'],
    ]);
    expect(JSON.parse(trail[0].data)).toEqual({ apiKeyId: standaloneKeyId, accountId: standalone.accountId, revokedAt: expect.any(String) });
  });

  it('filters by event type, by acting account and by time', async () => {
    const trail = await allEvents(a.apiKey);
    const issued = await allEvents(a.apiKey, { eventType: 'ApiKeyIssued' });
    expect(issued.length).toBeGreaterThan(0);
    expect(issued).toEqual(trail.filter((e) => e.eventType === 'ApiKeyIssued'));
    expect(await allEvents(a.apiKey, { accountId: a.accountId })).toEqual(trail.filter((e) => e.actingAccountId === a.accountId));
    expect(await allEvents(a.apiKey, { accountId: standalone.accountId })).toEqual([]);
    expect(await allEvents(a.apiKey, { eventType: 'NoSuchEvent' })).toEqual([]);

    const pivot = trail.find((e) => e.eventType === 'OrganizationCreated')!.eventTime;
    const from = await allEvents(a.apiKey, { from: pivot });
    const to = await allEvents(a.apiKey, { to: pivot });
    expect(from.every((e) => e.eventTime >= pivot)).toBe(true);
    expect(to.every((e) => e.eventTime < pivot)).toBe(true);
    expect([...from, ...to]).toEqual(trail);
    expect(await allEvents(a.apiKey, { from: pivot, to: pivot })).toEqual([]);
  });

  it('pages with maxResults and a nextToken that continues below the last position', async () => {
    const trail = await allEvents(a.apiKey);
    expect(trail.length).toBeGreaterThan(3);
    const paged: AuditEvent[] = [];
    let nextToken: string | null = null;
    let pages = 0;
    do {
      const page: AuditPage = await auditEvents(a.apiKey, {}, { maxResults: 2, nextToken });
      expect(page.errors).toBeUndefined();
      expect(page.data!.auditEvents.auditEvents.length).toBeLessThanOrEqual(2);
      paged.push(...page.data!.auditEvents.auditEvents);
      nextToken = page.data!.auditEvents.nextToken;
      pages++;
    } while (nextToken && pages < 50);
    expect(paged).toEqual(trail);
    expect(pages).toBe(Math.ceil(trail.length / 2));

    const filtered = await auditEvents(a.apiKey, { eventType: 'ApiKeyIssued' }, { maxResults: 1 });
    const rest = await auditEvents(a.apiKey, { eventType: 'ApiKeyIssued' }, { maxResults: 20, nextToken: filtered.data!.auditEvents.nextToken });
    expect([...filtered.data!.auditEvents.auditEvents, ...rest.data!.auditEvents.auditEvents]).toEqual(trail.filter((e) => e.eventType === 'ApiKeyIssued'));
  });

  it('refuses bad filters and page arguments with InvalidInputException', async () => {
    const reasons = async (filter: object, page: { maxResults?: number; nextToken?: string } = {}) =>
      (await auditEvents(a.apiKey, filter, page)).errors?.[0]?.extensions;
    expect(await reasons({ accountId: '12345' })).toMatchObject({ code: 'InvalidInputException', reason: 'INVALID_PATTERN' });
    expect(await reasons({ eventType: 'Drop table' })).toMatchObject({ code: 'InvalidInputException', reason: 'INVALID_PATTERN' });
    expect(await reasons({ from: 'yesterday' })).toMatchObject({ code: 'InvalidInputException', reason: 'INVALID_PATTERN' });
    expect(await reasons({}, { maxResults: 21 })).toMatchObject({ code: 'InvalidInputException' });
    expect(await reasons({}, { nextToken: 'abc.def' })).toMatchObject({ code: 'InvalidInputException', reason: 'INVALID_NEXT_TOKEN' });
    expect(errorCode(await gql('{ auditEvents { nextToken } }'))).toBe('UnauthenticatedException');
  });
});

describe('tenant isolation', () => {
  it('never shows one tenant another tenant\'s events, nor honours its page tokens', async () => {
    const aIds = new Set((await allEvents(a.apiKey)).map((e) => e.eventId));
    const bTrail = await allEvents(b.apiKey);
    expect(bTrail.some((e) => aIds.has(e.eventId))).toBe(false);
    expect(bTrail.every((e) => e.actingAccountId === b.accountId)).toBe(true);
    expect(await allEvents(b.apiKey, { accountId: a.accountId })).toEqual([]);
    const aPage = await auditEvents(a.apiKey, {}, { maxResults: 1 });
    const replayed = await auditEvents(b.apiKey, {}, { nextToken: aPage.data!.auditEvents.nextToken! });
    expect(replayed.errors?.[0]?.extensions).toMatchObject({ code: 'InvalidInputException', reason: 'INVALID_NEXT_TOKEN' });
  });
});

describe('the management account\'s view of its organization', () => {
  it('includes organization events that another account caused; that account sees them too, others do not', async () => {
    // No operation lets a second account act on the organization's stream yet (invitations are not
    // served), so the event is appended as the event store appends any command's events.
    const other = await call<{ registerStandaloneAccount: { apiKey: string } }>(
      `mutation { registerStandaloneAccount(input: { email: "bystander-${Date.now()}@audit.example.com", accountName: "Bystander" }) { apiKey } }`,
      { key: a.apiKey, requestId: 'req-bystander' },
    );
    const metadata = { principal: `apikey/${standalone.apiKeyId}`, actingAccountId: standalone.accountId, requestId: 'req-by-member' };
    await sql(`SELECT * FROM orgs_append($1, $2, 'any', NULL, ARRAY['AuditProbe'], ARRAY[1], ARRAY['{"probe":true}'::jsonb], $3, NULL, '{}', '{}', '{}', '{}')`, [
      a.tenantId,
      `organization-${organizationId}`,
      JSON.stringify(metadata),
    ]);
    const seen = (trail: AuditEvent[]) => trail.some((e) => e.requestId === 'req-by-member' && e.eventType === 'AuditProbe');
    expect(seen(await allEvents(a.apiKey))).toBe(true);
    expect(seen(await allEvents(standalone.apiKey))).toBe(true);
    expect(seen(await allEvents(other.data!.registerStandaloneAccount.apiKey))).toBe(false);
    expect(seen(await allEvents(b.apiKey))).toBe(false);
  });
});

function auditEvents(key: string, filter: object, page: { maxResults?: number; nextToken?: string | null } = {}): Promise<AuditPage> {
  return gql(
    `query($filter: AuditEventsFilter, $maxResults: Int, $nextToken: String) {
      auditEvents(filter: $filter, maxResults: $maxResults, nextToken: $nextToken) { auditEvents { ${AUDIT_FIELDS} } nextToken }
    }`,
    { key, variables: { filter, ...page } },
  );
}

/** Every page of the caller's trail, concatenated. */
async function allEvents(key: string, filter: object = {}): Promise<AuditEvent[]> {
  const events: AuditEvent[] = [];
  let nextToken: string | null = null;
  do {
    const page: AuditPage = await auditEvents(key, filter, { maxResults: 20, nextToken });
    if (!page.data) throw new Error(JSON.stringify(page.errors));
    events.push(...page.data.auditEvents.auditEvents);
    nextToken = page.data.auditEvents.nextToken;
  } while (nextToken);
  return events;
}

/** A GraphQL call that sends its own x-request-id, as a portal tracing its requests would. */
async function call<T = Record<string, unknown>>(query: string, options: { key: string; requestId: string }): Promise<GraphqlResult<T>> {
  const response = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${options.key}`, 'x-request-id': options.requestId },
    body: JSON.stringify({ query }),
  });
  const body = (await response.json()) as { data?: T; errors?: GraphqlResult['errors'] };
  if (body.errors) throw new Error(`${query}: ${JSON.stringify(body.errors)}`);
  return { status: response.status, data: body.data ?? null, errors: body.errors };
}

async function createTenant(name: string): Promise<Tenant> {
  const result = await gql<{ createTenant: { tenant: { id: string }; account: { id: string }; apiKey: string; key: { id: string } } }>(
    'mutation($name: String!) { createTenant(input: { name: $name }) { tenant { id } account { id } apiKey key { id } } }',
    { key: operatorToken, variables: { name } },
  );
  if (!result.data) throw new Error(JSON.stringify(result.errors));
  const { tenant, account, apiKey, key } = result.data.createTenant;
  return { tenantId: tenant.id, accountId: account.id, apiKey, apiKeyId: key.id };
}

async function sql(text: string, values: unknown[] = []) {
  const client = new Client({ connectionString: database.url });
  await client.connect();
  try {
    return await client.query(text, values);
  } finally {
    await client.end();
  }
}
