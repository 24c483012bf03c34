import { Client } from 'pg';
import type { TestDatabase } from '@orgs/shared/testing';
import type { graphqlClient, GraphqlResult } from './graphql-client';
import { E2eService } from './support/e2e-service';

/**
 * The portal's graph query reads a whole tree in a number of SQL statements set by its depth,
 * never by its size. The trees are written straight into the read models here: this test is
 * about the read side.
 */
const operatorToken = 'graph-operator-token';
const e2e = new E2eService(operatorToken);
let database: TestDatabase;
let gql: ReturnType<typeof graphqlClient>;
let baseUrl: string;

beforeAll(async () => {
  await e2e.start();
  ({ database, gql, baseUrl } = e2e);
}, 90_000);

afterAll(() => e2e.stop());

const LEVEL = (inner: string) => `organizationalUnits(first: 1000) { pageInfo { hasNextPage } edges { node { id name path depth tags { key value } accounts(first: 1000) { edges { node { id name tags { key value } } } } ${inner} } } }`;
const TREE_QUERY = `{ organization { id root { id name tags { key value } accounts(first: 1000) { edges { node { id } } }
  ${LEVEL(LEVEL(LEVEL(LEVEL(LEVEL('')))))} } } }`;

it('reads a 5-level tree of 1,000 accounts in as many statements as a tiny tree', async () => {
  const big = await organizationWithTree({ branching: 3, accounts: 1_000 });
  const small = await organizationWithTree({ branching: 1, accounts: 5 });

  const bigRun = await countedTreeQuery(big.apiKey);
  const smallRun = await countedTreeQuery(small.apiKey);

  expect(bigRun.accounts).toBe(1_000);
  expect(bigRun.organizationalUnits).toBe(3 + 9 + 27 + 81 + 243);
  expect(smallRun.accounts).toBe(5);
  expect(smallRun.organizationalUnits).toBe(5);
  expect(bigRun.statements).toBe(smallRun.statements);
  expect(bigRun.statements).toBeLessThanOrEqual(100);
});

it('pages a long list of children with first/after', async () => {
  const { apiKey, rootId } = await organizationWithTree({ branching: 1, accounts: 0, rootAccounts: 250 });
  const seen: string[] = [];
  let after: string | null = null;
  for (let page = 0; page < 10; page++) {
    const result: GraphqlResult<RootAccountsPage> = await gql<RootAccountsPage>(
      'query($after: String) { organization { root { accounts(first: 100, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } } } } }',
      { key: apiKey, variables: { after } },
    );
    const connection: AccountsConnection = result.data!.organization.root.accounts;
    seen.push(...connection.edges.map((e) => e.node.id));
    if (!connection.pageInfo.hasNextPage) break;
    after = connection.pageInfo.endCursor;
  }
  expect(seen).toHaveLength(251); // the management account sits under the root too
  expect(new Set(seen).size).toBe(251);
  expect(rootId).toMatch(/^r-/);

  // Two pages of one parent in one query are two different pages.
  const both = await gql<{ organization: { root: { a: AccountsConnection; b: AccountsConnection } } }>(
    'query($after: String) { organization { root { a: accounts(first: 100) { edges { node { id } } pageInfo { hasNextPage endCursor } } b: accounts(first: 100, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } } } } }',
    { key: apiKey, variables: { after: seen[99] ? Buffer.from(`id:${[...seen].sort()[99]}`).toString('base64url') : null } },
  );
  const [a, b] = [both.data!.organization.root.a, both.data!.organization.root.b].map((c) => c.edges.map((e) => e.node.id));
  expect(a).toHaveLength(100);
  expect(b).toHaveLength(100);
  expect(a.filter((id) => b.includes(id))).toEqual([]);
});

interface AccountsConnection {
  edges: { node: { id: string } }[];
  pageInfo: { hasNextPage: boolean; endCursor: string };
}
interface RootAccountsPage {
  organization: { root: { accounts: AccountsConnection } };
}

interface Tree {
  apiKey: string;
  rootId: string;
}

/** A tenant whose organization has `branching` OUs under each parent, five levels deep. */
async function organizationWithTree(shape: { branching: number; accounts: number; rootAccounts?: number }): Promise<Tree> {
  const tenant = await gql<{ createTenant: { apiKey: string; tenant: { id: string } } }>(
    'mutation { createTenant(input: { name: "graph" }) { apiKey tenant { id } } }',
    { key: operatorToken },
  );
  const { apiKey, tenant: { id: tenantId } } = tenant.data!.createTenant;
  const created = await gql<{ createOrganization: { organization: { id: string }; consistencyToken: string } }>(
    'mutation { createOrganization { organization { id } consistencyToken } }',
    { key: apiKey },
  );
  const organizationId = created.data!.createOrganization.organization.id;
  await gql('query($t: String) { describeOrganization(consistencyToken: $t) { organization { id } } }', {
    key: apiKey,
    variables: { t: created.data!.createOrganization.consistencyToken },
  });
  const client = new Client({ connectionString: database.url });
  await client.connect();
  try {
    const { rows } = await client.query('SELECT id FROM roots WHERE organization_id = $1', [organizationId]);
    const rootId = rows[0].id as string;
    const ous = await insertOus(client, tenantId, organizationId, rootId, shape.branching);
    const leaves = ous.filter((ou) => ou.depth === 5);
    await insertAccounts(client, tenantId, organizationId, Array.from({ length: shape.accounts }, (_, i) => ous[i % ous.length]?.id ?? rootId));
    await insertAccounts(client, tenantId, organizationId, Array.from({ length: shape.rootAccounts ?? 0 }, () => rootId));
    await client.query(`INSERT INTO resource_tags (tenant_id, resource_id, key, value) SELECT $1, id, 'team', 'platform' FROM organizational_units WHERE tenant_id = $1`, [tenantId]);
    expect(leaves.length).toBe(shape.branching ** 5);
    return { apiKey, rootId };
  } finally {
    await client.end();
  }
}

async function insertOus(client: Client, tenantId: string, organizationId: string, rootId: string, branching: number) {
  const all: { id: string; depth: number }[] = [];
  let parents = [{ id: rootId, path: `${organizationId}/${rootId}/` }];
  for (let depth = 1; depth <= 5; depth++) {
    const level = parents.flatMap((parent, p) =>
      Array.from({ length: branching }, (_, b) => {
        const id = `ou-${rootId.slice(2)}-${String(depth)}${String(p).padStart(4, '0')}${String(b).padStart(3, '0')}`;
        return { id, parentId: parent.id, path: `${parent.path}${id}/`, depth };
      }),
    );
    for (const ou of level) {
      await client.query(
        `INSERT INTO organizational_units (id, tenant_id, organization_id, parent_id, name, arn, path, depth) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [ou.id, tenantId, organizationId, ou.parentId, `OU ${ou.id}`, `arn:aws:organizations::000000000000:ou/${organizationId}/${ou.id}`, ou.path, depth],
      );
    }
    all.push(...level);
    parents = level;
  }
  return all;
}

let nextAccount = 900_000_000_000;
async function insertAccounts(client: Client, tenantId: string, organizationId: string, parentIds: string[]) {
  for (const parentId of parentIds) {
    const id = String(nextAccount++);
    await client.query(
      `INSERT INTO accounts (id, tenant_id, name, email, organization_id, parent_id, status, state, created_at) VALUES ($1, $2, $3, $4, $5, $6, 'ACTIVE', 'ACTIVE', now())`,
      [id, tenantId, `Account ${id}`, `${id}@example.com`, organizationId, parentId],
    );
  }
}

async function countedTreeQuery(apiKey: string) {
  const before = await statementCount();
  const result = await gql<{ organization: { root: TreeNode } }>(TREE_QUERY, { key: apiKey });
  const statements = (await statementCount()) - before;
  if (!result.data) throw new Error(JSON.stringify(result.errors));
  const root = result.data.organization.root;
  let accounts = 0;
  let organizationalUnits = 0;
  const walk = (node: TreeNode) => {
    accounts += node.accounts.edges.length;
    for (const edge of node.organizationalUnits?.edges ?? []) {
      organizationalUnits++;
      walk(edge.node);
    }
  };
  walk(root);
  return { statements, accounts: accounts - 1 /* the management account under the root */, organizationalUnits };
}

interface TreeNode {
  accounts: { edges: unknown[] };
  organizationalUnits?: { edges: { node: TreeNode }[] };
}

async function statementCount(): Promise<number> {
  const metrics = await (await fetch(`${baseUrl}/metrics`)).text();
  const match = metrics.match(/orgs_sql_statements_total\{client="orgs-api"\} (\d+)/);
  return match ? Number(match[1]) : 0;
}
