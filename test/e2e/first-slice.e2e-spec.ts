import { Client } from 'pg';
import type { TestDatabase } from '@orgs/shared/testing';
import { errorCode, type graphqlClient } from './graphql-client';
import { E2eService } from './support/e2e-service';

/**
 * The first slice as a new user drives it: start the service with the README's command (the
 * launcher that `npm start` runs after building), read the demo key it prints, then create,
 * describe and list an organization over HTTP.
 */
const operatorToken = 'e2e-operator-token';
const e2e = new E2eService(operatorToken);
let database: TestDatabase;
let gql: ReturnType<typeof graphqlClient>;
let demoKey: string;
let baseUrl: string;

beforeAll(async () => {
  await e2e.start();
  ({ database, gql, demoKey, baseUrl } = e2e);
}, 90_000);

afterAll(() => e2e.stop());

const ORGANIZATION_FIELDS = 'id arn featureSet masterAccountId masterAccountArn masterAccountEmail availablePolicyTypes { type status }';

describe('the first slice over HTTP', () => {
  it('prints a demo key that works at once', async () => {
    expect(demoKey).toMatch(/^orgs_/);
    const result = await gql('{ describeOrganization { organization { id } } }', { key: demoKey });
    expect(errorCode(result)).toBe('AWSOrganizationsNotInUseException');
  });

  it('creates an organization, describes it and lists its root, then deletes it', async () => {
    const created = await gql<{ createOrganization: { organization: Record<string, unknown>; consistencyToken: string } }>(
      `mutation { createOrganization(input: { featureSet: ALL }) { organization { ${ORGANIZATION_FIELDS} } consistencyToken } }`,
      { key: demoKey },
    );
    expect(created.errors).toBeUndefined();
    const organization = created.data!.createOrganization.organization;
    const token = created.data!.createOrganization.consistencyToken;
    expect(organization.id).toMatch(/^o-[a-z0-9]{10}$/);
    expect(organization.masterAccountId).toMatch(/^\d{12}$/);
    expect(organization.arn).toBe(`arn:aws:organizations::${organization.masterAccountId}:organization/${organization.id}`);
    expect(organization.masterAccountArn).toBe(`arn:aws:organizations::${organization.masterAccountId}:account/${organization.id}/${organization.masterAccountId}`);
    expect(organization.availablePolicyTypes).toEqual([{ type: 'SERVICE_CONTROL_POLICY', status: 'ENABLED' }]);

    const described = await gql<{ describeOrganization: { organization: Record<string, unknown> } }>(
      `query($t: String) { describeOrganization(consistencyToken: $t) { organization { ${ORGANIZATION_FIELDS} } } }`,
      { key: demoKey, variables: { t: token } },
    );
    expect(described.data?.describeOrganization.organization).toEqual(organization);

    const roots = await gql<{ listRoots: { roots: { id: string; arn: string; name: string; policyTypes: unknown }[]; nextToken: string | null } }>(
      `{ listRoots(maxResults: 20) { roots { id arn name policyTypes { type status } } nextToken } }`,
      { key: demoKey },
    );
    const [root] = roots.data!.listRoots.roots;
    expect(roots.data!.listRoots.roots).toHaveLength(1);
    expect(root.id).toMatch(/^r-[0-9a-z]{4}$/);
    expect(root).toMatchObject({ name: 'Root', policyTypes: [{ type: 'SERVICE_CONTROL_POLICY', status: 'ENABLED' }] });
    expect(root.arn).toBe(`arn:aws:organizations::${organization.masterAccountId}:root/${organization.id}/${root.id}`);
    expect(roots.data!.listRoots.nextToken).toBeNull();

    const again = await gql(`mutation { createOrganization { organization { id } } }`, { key: demoKey });
    expect(errorCode(again)).toBe('AlreadyInOrganizationException');

    const deleted = await gql<{ deleteOrganization: { consistencyToken: string } }>(`mutation { deleteOrganization { consistencyToken } }`, { key: demoKey });
    expect(deleted.errors).toBeUndefined();
    const gone = await gql(`query($t: String) { describeOrganization(consistencyToken: $t) { organization { id } } }`, {
      key: demoKey,
      variables: { t: deleted.data!.deleteOrganization.consistencyToken },
    });
    expect(errorCode(gone)).toBe('AWSOrganizationsNotInUseException');
  });

  it('creates a billing-only organization with no policy type', async () => {
    const tenant = await createTenant('Billing only');
    const created = await gql<{ createOrganization: { organization: { featureSet: string; availablePolicyTypes: unknown[] }; consistencyToken: string } }>(
      `mutation { createOrganization(input: { featureSet: CONSOLIDATED_BILLING }) { organization { featureSet availablePolicyTypes { type } } consistencyToken } }`,
      { key: tenant.apiKey },
    );
    expect(created.data?.createOrganization.organization).toEqual({ featureSet: 'CONSOLIDATED_BILLING', availablePolicyTypes: [] });
    const roots = await gql<{ listRoots: { roots: { policyTypes: unknown[] }[] } }>(
      `query($t: String) { listRoots(consistencyToken: $t) { roots { policyTypes { type } } } }`,
      { key: tenant.apiKey, variables: { t: created.data!.createOrganization.consistencyToken } },
    );
    expect(roots.data?.listRoots.roots[0].policyTypes).toEqual([]);
  });
});

describe('refusals', () => {
  it('refuses a request without a valid key, and createTenant without the operator token', async () => {
    expect(errorCode(await gql('{ describeOrganization { organization { id } } }'))).toBe('UnauthenticatedException');
    expect(errorCode(await gql('{ describeOrganization { organization { id } } }', { key: 'orgs_forged' }))).toBe('UnauthenticatedException');
    const tenant = await gql('mutation { createTenant(input: { name: "x" }) { apiKey } }', { key: demoKey });
    expect(errorCode(tenant)).toBe('AccessDeniedException');
  });

  it('refuses bad input with InvalidInputException before anything is appended', async () => {
    const before = await eventCount();
    const badEnum = await gql('mutation { createOrganization(input: { featureSet: SOME }) { organization { id } } }', { key: demoKey });
    expect(errorCode(badEnum)).toBe('InvalidInputException');
    const badEmail = await gql('mutation { createTenant(input: { name: "x", email: "not-an-email" }) { apiKey } }', { key: operatorToken });
    expect(badEmail.errors?.[0]?.extensions).toMatchObject({ code: 'InvalidInputException', reason: 'INVALID_PATTERN' });
    const badPage = await gql('{ listRoots(maxResults: 21) { nextToken } }', { key: demoKey });
    expect(errorCode(badPage)).toBe('InvalidInputException');
    const forgedToken = await gql('{ listRoots(nextToken: "abc.def") { nextToken } }', { key: demoKey });
    expect(forgedToken.errors?.[0]?.extensions).toMatchObject({ code: 'InvalidInputException', reason: 'INVALID_NEXT_TOKEN' });
    expect(await eventCount()).toBe(before);
  });

  it('refuses deleting an organization from an account that has none', async () => {
    const tenant = await createTenant('No organization');
    expect(errorCode(await gql('mutation { deleteOrganization { consistencyToken } }', { key: tenant.apiKey }))).toBe('AWSOrganizationsNotInUseException');
  });
});

describe('tenant isolation', () => {
  it('never shows one tenant another tenant\'s organization', async () => {
    const a = await createTenant('Tenant A');
    const b = await createTenant('Tenant B');
    const created = await gql<{ createOrganization: { organization: { id: string }; consistencyToken: string } }>(
      'mutation { createOrganization { organization { id } consistencyToken } }',
      { key: a.apiKey },
    );
    const token = created.data!.createOrganization.consistencyToken;
    const seenByA = await gql<{ describeOrganization: { organization: { id: string } } }>(
      'query($t: String) { describeOrganization(consistencyToken: $t) { organization { id } } }',
      { key: a.apiKey, variables: { t: token } },
    );
    expect(seenByA.data?.describeOrganization.organization.id).toBe(created.data!.createOrganization.organization.id);
    const seenByB = await gql('query($t: String) { describeOrganization(consistencyToken: $t) { organization { id } } }', {
      key: b.apiKey,
      variables: { t: token },
    });
    expect(errorCode(seenByB)).toBe('AWSOrganizationsNotInUseException');
    expect(errorCode(await gql('mutation { deleteOrganization { consistencyToken } }', { key: b.apiKey }))).toBe('AWSOrganizationsNotInUseException');
  });
});

describe('health and metrics', () => {
  it('answers /health and exposes projection lag on /metrics', async () => {
    expect(await (await fetch(`${baseUrl}/health`)).json()).toEqual({ status: 'ok', postgres: true });
    const metrics = await (await fetch(`${baseUrl}/metrics`)).text();
    expect(metrics).toMatch(/orgs_projection_lag_positions\{projection="read-models"\} \d+/);
    expect(metrics).toMatch(/orgs_log_last_position \d+/);
  });
});

async function eventCount(): Promise<number> {
  const client = new Client({ connectionString: database.url });
  await client.connect();
  try {
    return (await client.query('SELECT count(*)::int AS n FROM events')).rows[0].n;
  } finally {
    await client.end();
  }
}

async function createTenant(name: string): Promise<{ apiKey: string }> {
  const result = await gql<{ createTenant: { apiKey: string } }>(
    'mutation($name: String!) { createTenant(input: { name: $name }) { apiKey } }',
    { key: operatorToken, variables: { name } },
  );
  if (!result.data) throw new Error(JSON.stringify(result.errors));
  return result.data.createTenant;
}
