/**
 * Set-up through the API itself, as an operator and a tenant would do it: createTenant with the
 * operator token, then createOrganization with the tenant's key, then its root.
 */
import { errorCodeOf, type GraphqlClient } from './http-client';

export interface BenchOrganization {
  label: string;
  tenantId: string;
  apiKey: string;
  managementAccountId: string;
  organizationId: string;
  rootId: string;
}

/** A new key and its account reach the read models through the projection: until then they are unknown. */
const NOT_PROJECTED_YET = new Set(['UnauthenticatedException', 'AccountNotFoundException']);
const PROJECTION_WAIT_MS = 30_000;

export async function createTenant(client: GraphqlClient, operatorToken: string, name: string) {
  const data = await client.must<{ createTenant: { tenant: { id: string }; account: { id: string }; apiKey: string } }>(
    'mutation($name: String!) { createTenant(input: { name: $name }) { tenant { id } account { id } apiKey } }',
    { name },
    operatorToken,
  );
  return {
    tenantId: data.createTenant.tenant.id,
    managementAccountId: data.createTenant.account.id,
    apiKey: data.createTenant.apiKey,
  };
}

async function createOrganizationOnceProjected(client: GraphqlClient, apiKey: string) {
  const deadline = Date.now() + PROJECTION_WAIT_MS;
  for (;;) {
    const reply = await client.call<{ createOrganization: { organization: { id: string }; consistencyToken: string } }>(
      'mutation { createOrganization(input: { featureSet: ALL }) { organization { id } consistencyToken } }',
      undefined,
      apiKey,
    );
    if (reply.data && !reply.errors) return reply.data.createOrganization;
    const code = errorCodeOf(reply.errors);
    if (!code || !NOT_PROJECTED_YET.has(code) || Date.now() > deadline) {
      throw new Error(`createOrganization failed: ${JSON.stringify(reply.errors)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export async function createTenantWithOrganization(
  client: GraphqlClient,
  operatorToken: string,
  label: string,
): Promise<BenchOrganization> {
  const tenant = await createTenant(client, operatorToken, `bench ${label}`);
  const created = await createOrganizationOnceProjected(client, tenant.apiKey);
  const roots = await client.must<{ listRoots: { roots: { id: string }[] } }>(
    'query($t: String) { listRoots(consistencyToken: $t) { roots { id } } }',
    { t: created.consistencyToken },
    tenant.apiKey,
  );
  return { label, ...tenant, organizationId: created.organization.id, rootId: roots.listRoots.roots[0].id };
}

export async function createOrganizationalUnit(client: GraphqlClient, apiKey: string, parentId: string, name: string) {
  const data = await client.must<{
    createOrganizationalUnit: { organizationalUnit: { id: string; path: string }; consistencyToken: string };
  }>(
    'mutation($p: String!, $n: String!) { createOrganizationalUnit(input: { parentId: $p, name: $n }) { organizationalUnit { id path } consistencyToken } }',
    { p: parentId, n: name },
    apiKey,
  );
  return data.createOrganizationalUnit;
}
