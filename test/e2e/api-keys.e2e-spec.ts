import { Client } from 'pg';
import { type TestDatabase } from '@orgs/shared/testing';
import { errorCode, type graphqlClient, type GraphqlResult } from './graphql-client';
import { E2eService } from './support/e2e-service';

/**
 * API keys and standalone accounts over HTTP: keys are created, listed, used and revoked (a revoked
 * key fails on the very next request), READ_ONLY keys only query, and one tenant never reaches
 * another's keys.
 */
let database: TestDatabase;
let gql: ReturnType<typeof graphqlClient>;
const operatorToken = 'e2e-operator-token';

const e2e = new E2eService(operatorToken);

beforeAll(async () => {
  await e2e.start();
  ({ database, gql } = e2e);
}, 90_000);

afterAll(() => e2e.stop());

interface Tenant {
  tenantId: string;
  accountId: string;
  apiKey: string;
  apiKeyId: string;
}

interface IssuedKey {
  apiKey: string;
  key: { id: string; accountId: string; role: string; createdAt: string; revokedAt: string | null };
  consistencyToken: string;
}

const KEY_FIELDS = 'id accountId role createdAt revokedAt';
let tenants = 0;
const uniqueEmail = (label: string) => `${label}-${Date.now()}-${++tenants}@keys.example.com`;

describe('registerStandaloneAccount', () => {
  it('lets the operator register an account in a tenant it names, with an ADMIN key that works at once', async () => {
    const tenant = await createTenant('Operator registers');
    const email = uniqueEmail('sandbox');
    const registered = await register(operatorToken, { email, accountName: 'Sandbox', tenantId: tenant.tenantId });
    expect(registered.errors).toBeUndefined();
    const { account, apiKey, key } = registered.data!.registerStandaloneAccount;
    expect(account).toEqual({ id: expect.stringMatching(/^\d{12}$/), name: 'Sandbox', email });
    expect(account.id).not.toBe(tenant.accountId);
    expect(apiKey).toMatch(/^orgs_/);
    expect(key).toMatchObject({ accountId: account.id, role: 'ADMIN', revokedAt: null });
    const listed = await listKeys(apiKey);
    expect(listed.data?.listApiKeys.apiKeys).toEqual([key]);
  });

  it('lets an ADMIN key register an account in its own tenant', async () => {
    const tenant = await createTenant('Admin registers');
    const registered = await register(tenant.apiKey, { email: uniqueEmail('team'), accountName: 'Team' });
    expect(registered.errors).toBeUndefined();
    const { account, apiKey } = registered.data!.registerStandaloneAccount;
    const own = await listKeys(apiKey);
    expect(own.data?.listApiKeys.apiKeys.map((k) => k.accountId)).toEqual([account.id]);
    const sameTenant = await register(tenant.apiKey, {
      email: uniqueEmail('named'),
      accountName: 'Named',
      tenantId: tenant.tenantId,
    });
    expect(sameTenant.errors).toBeUndefined();
  });

  it('refuses a taken email with DuplicateAccountException, in any tenant and any letter case, appending nothing', async () => {
    const a = await createTenant('Duplicate A');
    const b = await createTenant('Duplicate B');
    const email = uniqueEmail('taken');
    expect((await register(a.apiKey, { email, accountName: 'First' })).errors).toBeUndefined();
    const before = await eventCount();
    expect(errorCode(await register(a.apiKey, { email, accountName: 'Again' }))).toBe('DuplicateAccountException');
    expect(errorCode(await register(b.apiKey, { email: email.toUpperCase(), accountName: 'Other tenant' }))).toBe(
      'DuplicateAccountException',
    );
    expect(errorCode(await register(operatorToken, { email, accountName: 'Operator', tenantId: b.tenantId }))).toBe(
      'DuplicateAccountException',
    );
    expect(await eventCount()).toBe(before);
  });

  it('refuses the operator without a tenant, or with one that does not exist', async () => {
    const missing = await register(operatorToken, { email: uniqueEmail('nowhere'), accountName: 'Nowhere' });
    expect(missing.errors?.[0]?.extensions).toMatchObject({ code: 'InvalidInputException', reason: 'INPUT_REQUIRED' });
    const unknown = await register(operatorToken, {
      email: uniqueEmail('nowhere'),
      accountName: 'Nowhere',
      tenantId: '00000000-0000-4000-8000-000000000000',
    });
    expect(errorCode(unknown)).toBe('TenantNotFoundException');
    const malformed = await register(operatorToken, {
      email: uniqueEmail('nowhere'),
      accountName: 'Nowhere',
      tenantId: 'not-a-tenant',
    });
    expect(malformed.errors?.[0]?.extensions).toMatchObject({
      code: 'InvalidInputException',
      reason: 'INVALID_PATTERN',
    });
  });

  it('refuses bad input, another tenant named by a key, and callers without credentials', async () => {
    const a = await createTenant('Refusals A');
    const b = await createTenant('Refusals B');
    const badEmail = await register(a.apiKey, { email: 'not-an-email', accountName: 'Bad' });
    expect(badEmail.errors?.[0]?.extensions).toMatchObject({
      code: 'InvalidInputException',
      reason: 'INVALID_PATTERN',
    });
    expect(
      errorCode(await register(a.apiKey, { email: uniqueEmail('x'), accountName: 'X', tenantId: b.tenantId })),
    ).toBe('AccessDeniedException');
    expect(errorCode(await register(undefined, { email: uniqueEmail('x'), accountName: 'X' }))).toBe(
      'UnauthenticatedException',
    );
  });
});

describe('API keys', () => {
  it('creates a key shown once, lists it without secrets, uses it, and refuses it on the very next request after revocation', async () => {
    const tenant = await createTenant('Key lifecycle');
    const created = await createKey(tenant.apiKey, tenant.accountId, 'READ_ONLY');
    expect(created.errors).toBeUndefined();
    const issued = created.data!.createApiKey;
    expect(issued.apiKey).toMatch(/^orgs_/);
    expect(issued.key).toMatchObject({
      id: expect.stringMatching(/^key-/),
      accountId: tenant.accountId,
      role: 'READ_ONLY',
      revokedAt: null,
    });

    const listed = await listKeys(issued.apiKey); // the new key works at once
    expect(listed.errors).toBeUndefined();
    expect(listed.data!.listApiKeys.apiKeys.map((k) => [k.id, k.role])).toEqual([
      [tenant.apiKeyId, 'ADMIN'],
      [issued.key.id, 'READ_ONLY'],
    ]);
    const secrets = await gql('{ listApiKeys { apiKeys { id keyHash } } }', { key: tenant.apiKey });
    expect(errorCode(secrets)).toBe('InvalidInputException'); // the schema has no field for the hash

    const revoked = await revokeKey(tenant.apiKey, issued.key.id);
    expect(revoked.errors).toBeUndefined();
    expect(errorCode(await listKeys(issued.apiKey))).toBe('UnauthenticatedException');
    const after = await listKeys(tenant.apiKey);
    expect(after.data!.listApiKeys.apiKeys.find((k) => k.id === issued.key.id)?.revokedAt).toEqual(expect.any(String));
    expect((await revokeKey(tenant.apiKey, issued.key.id)).errors).toBeUndefined(); // a retried revocation succeeds
  });

  it('lets a key revoke itself while its account keeps another ADMIN key, never the last one', async () => {
    const tenant = await createTenant('Last admin key');
    expect(errorCode(await revokeKey(tenant.apiKey, tenant.apiKeyId))).toBe('ConflictException');
    const second = (await createKey(tenant.apiKey, tenant.accountId, 'ADMIN')).data!.createApiKey;
    expect((await revokeKey(tenant.apiKey, tenant.apiKeyId)).errors).toBeUndefined();
    expect(errorCode(await listKeys(tenant.apiKey))).toBe('UnauthenticatedException');
    expect((await listKeys(second.apiKey)).errors).toBeUndefined();
  });

  it("pages through an account's keys", async () => {
    const tenant = await createTenant('Key pages');
    for (let i = 0; i < 2; i++) await createKey(tenant.apiKey, tenant.accountId, 'READ_ONLY');
    const first = await gql<{ listApiKeys: { apiKeys: { id: string }[]; nextToken: string | null } }>(
      '{ listApiKeys(maxResults: 2) { apiKeys { id } nextToken } }',
      { key: tenant.apiKey },
    );
    expect(first.data!.listApiKeys.apiKeys).toHaveLength(2);
    const second = await gql<{ listApiKeys: { apiKeys: { id: string }[]; nextToken: string | null } }>(
      'query($t: String) { listApiKeys(maxResults: 2, nextToken: $t) { apiKeys { id } nextToken } }',
      { key: tenant.apiKey, variables: { t: first.data!.listApiKeys.nextToken } },
    );
    expect(second.data!.listApiKeys).toEqual({ apiKeys: [expect.anything()], nextToken: null });
    expect(errorCode(await gql('{ listApiKeys(maxResults: 21) { nextToken } }', { key: tenant.apiKey }))).toBe(
      'InvalidInputException',
    );
  });

  it("lets the management account manage the keys of its organization's accounts, and nobody else", async () => {
    const tenant = await createTenant('Organization keys');
    const organization = await gql<{ createOrganization: { organization: { id: string } } }>(
      'mutation { createOrganization { organization { id } } }',
      {
        key: tenant.apiKey,
      },
    );
    const organizationId = organization.data!.createOrganization.organization.id;
    const member = await registerIn(tenant, 'Member');
    const outsider = await registerIn(tenant, 'Outsider');
    // Until invitations land, the member's place in the organization is set in its read model,
    // which is what the key rules read.
    await sql('UPDATE accounts SET organization_id = $1 WHERE id = $2', [organizationId, member.accountId]);

    const forMember = await createKey(tenant.apiKey, member.accountId, 'READ_ONLY');
    expect(forMember.errors).toBeUndefined();
    const memberKeys = await listKeys(tenant.apiKey, member.accountId);
    expect(memberKeys.data!.listApiKeys.apiKeys.map((k) => k.id)).toEqual([
      member.apiKeyId,
      forMember.data!.createApiKey.key.id,
    ]);
    expect((await revokeKey(tenant.apiKey, forMember.data!.createApiKey.key.id)).errors).toBeUndefined();
    expect(errorCode(await listKeys(forMember.data!.createApiKey.apiKey))).toBe('UnauthenticatedException');

    // A member does not manage its management account's keys; a standalone account manages only its own.
    expect(errorCode(await createKey(member.apiKey, tenant.accountId, 'ADMIN'))).toBe('AccessDeniedException');
    expect(errorCode(await listKeys(member.apiKey, tenant.accountId))).toBe('AccessDeniedException');
    expect(errorCode(await revokeKey(member.apiKey, tenant.apiKeyId))).toBe('AccessDeniedException');
    expect(errorCode(await createKey(outsider.apiKey, member.accountId, 'ADMIN'))).toBe('AccessDeniedException');
    expect(errorCode(await createKey(tenant.apiKey, outsider.accountId, 'ADMIN'))).toBe('AccessDeniedException');
    expect(errorCode(await revokeKey(tenant.apiKey, outsider.apiKeyId))).toBe('AccessDeniedException');
    expect(errorCode(await listKeys(tenant.apiKey, outsider.accountId))).toBe('AccessDeniedException');
  });

  it('answers unknown accounts and keys with not-found errors, malformed ones with InvalidInputException', async () => {
    const tenant = await createTenant('Not found');
    expect(errorCode(await createKey(tenant.apiKey, '000000000000', 'ADMIN'))).toBe('AccountNotFoundException');
    expect(errorCode(await listKeys(tenant.apiKey, '000000000000'))).toBe('AccountNotFoundException');
    expect(errorCode(await revokeKey(tenant.apiKey, 'key-00000000-0000-4000-8000-000000000000'))).toBe(
      'ApiKeyNotFoundException',
    );
    const badKeyId = await revokeKey(tenant.apiKey, 'not-a-key');
    expect(badKeyId.errors?.[0]?.extensions).toMatchObject({
      code: 'InvalidInputException',
      reason: 'INVALID_PATTERN',
    });
    expect(errorCode(await createKey(tenant.apiKey, '12345', 'ADMIN'))).toBe('InvalidInputException');
  });
});

describe('READ_ONLY keys', () => {
  it('may query, but every mutation fails with AccessDeniedException and appends nothing', async () => {
    const tenant = await createTenant('Read only');
    const created = await gql<{ createOrganization: { consistencyToken: string } }>(
      'mutation { createOrganization { consistencyToken } }',
      { key: tenant.apiKey },
    );
    const token = created.data!.createOrganization.consistencyToken;
    const readOnly = (await createKey(tenant.apiKey, tenant.accountId, 'READ_ONLY')).data!.createApiKey.apiKey;

    const described = await gql(
      'query($t: String) { describeOrganization(consistencyToken: $t) { organization { id } } }',
      { key: readOnly, variables: { t: token } },
    );
    expect(described.errors).toBeUndefined();
    expect((await listKeys(readOnly)).errors).toBeUndefined();
    expect((await gql('{ listRoots { roots { id } } }', { key: readOnly })).errors).toBeUndefined();
    expect((await gql('{ auditEvents { auditEvents { eventId } } }', { key: readOnly })).errors).toBeUndefined();

    const before = await eventCount();
    const mutations = [
      'mutation { createOrganization { consistencyToken } }',
      'mutation { deleteOrganization { consistencyToken } }',
      `mutation { createApiKey(input: { accountId: "${tenant.accountId}", role: ADMIN }) { apiKey } }`,
      `mutation { revokeApiKey(input: { apiKeyId: "${tenant.apiKeyId}" }) { consistencyToken } }`,
      `mutation { registerStandaloneAccount(input: { email: "${uniqueEmail('ro')}", accountName: "RO" }) { apiKey } }`,
      'mutation { createTenant(input: { name: "RO" }) { apiKey } }',
    ];
    for (const mutation of mutations) {
      expect([mutation, errorCode(await gql(mutation, { key: readOnly }))]).toEqual([
        mutation,
        'AccessDeniedException',
      ]);
    }
    expect(await eventCount()).toBe(before);
    expect((await listKeys(tenant.apiKey)).data!.listApiKeys.apiKeys.every((k) => k.revokedAt === null)).toBe(true);
  });
});

describe('tenant isolation', () => {
  it("never shows, issues for or revokes another tenant's keys", async () => {
    const a = await createTenant('Isolation A');
    const b = await createTenant('Isolation B');
    const aReadOnly = (await createKey(a.apiKey, a.accountId, 'READ_ONLY')).data!.createApiKey;
    const before = await eventCount();
    expect(errorCode(await listKeys(b.apiKey, a.accountId))).toBe('AccountNotFoundException');
    expect(errorCode(await createKey(b.apiKey, a.accountId, 'ADMIN'))).toBe('AccountNotFoundException');
    expect(errorCode(await revokeKey(b.apiKey, aReadOnly.key.id))).toBe('ApiKeyNotFoundException');
    expect(errorCode(await revokeKey(b.apiKey, a.apiKeyId))).toBe('ApiKeyNotFoundException');
    expect(await eventCount()).toBe(before);
    const bKeys = await listKeys(b.apiKey);
    expect(bKeys.data!.listApiKeys.apiKeys.map((k) => k.id)).toEqual([b.apiKeyId]);
    expect((await listKeys(aReadOnly.apiKey)).data!.listApiKeys.apiKeys).toHaveLength(2); // A's keys still work
  });
});

async function createTenant(name: string): Promise<Tenant> {
  const result = await gql<{
    createTenant: { tenant: { id: string }; account: { id: string }; apiKey: string; key: { id: string } };
  }>(
    'mutation($name: String!) { createTenant(input: { name: $name }) { tenant { id } account { id } apiKey key { id } } }',
    { key: operatorToken, variables: { name } },
  );
  if (!result.data) throw new Error(JSON.stringify(result.errors));
  const { tenant, account, apiKey, key } = result.data.createTenant;
  return { tenantId: tenant.id, accountId: account.id, apiKey, apiKeyId: key.id };
}

async function register(key: string | undefined, input: { email: string; accountName: string; tenantId?: string }) {
  return gql<{
    registerStandaloneAccount: {
      account: { id: string; name: string; email: string };
      apiKey: string;
      key: IssuedKey['key'];
    };
  }>(
    `mutation($input: RegisterStandaloneAccountInput!) {
      registerStandaloneAccount(input: $input) { account { id name email } apiKey key { ${KEY_FIELDS} } consistencyToken }
    }`,
    { key, variables: { input } },
  );
}

async function registerIn(tenant: Tenant, name: string): Promise<Tenant> {
  const result = await register(tenant.apiKey, { email: uniqueEmail(name.toLowerCase()), accountName: name });
  if (!result.data) throw new Error(JSON.stringify(result.errors));
  const { account, apiKey, key } = result.data.registerStandaloneAccount;
  return { tenantId: tenant.tenantId, accountId: account.id, apiKey, apiKeyId: key.id };
}

function createKey(
  key: string,
  accountId: string,
  role: 'ADMIN' | 'READ_ONLY',
): Promise<GraphqlResult<{ createApiKey: IssuedKey }>> {
  return gql(
    `mutation($accountId: String!, $role: ApiKeyRole!) {
      createApiKey(input: { accountId: $accountId, role: $role }) { apiKey key { ${KEY_FIELDS} } consistencyToken }
    }`,
    { key, variables: { accountId, role } },
  );
}

function listKeys(
  key: string,
  accountId?: string,
): Promise<GraphqlResult<{ listApiKeys: { apiKeys: IssuedKey['key'][]; nextToken: string | null } }>> {
  return gql(
    `query($accountId: String) { listApiKeys(accountId: $accountId) { apiKeys { ${KEY_FIELDS} } nextToken } }`,
    {
      key,
      variables: { accountId },
    },
  );
}

function revokeKey(key: string, apiKeyId: string) {
  return gql<{ revokeApiKey: { consistencyToken: string } }>(
    'mutation($apiKeyId: String!) { revokeApiKey(input: { apiKeyId: $apiKeyId }) { consistencyToken } }',
    { key, variables: { apiKeyId } },
  );
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

const eventCount = async (): Promise<number> => (await sql('SELECT count(*)::int AS n FROM events')).rows[0].n;
