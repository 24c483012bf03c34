import { Client } from 'pg';
import { type TestDatabase } from '@orgs/shared/testing';
import { errorCode, type graphqlClient, type GraphqlResult } from './graphql-client';
import { E2eService } from './support/e2e-service';

/**
 * Organizational units over HTTP, as a portal drives them: build a tree five deep, rename, delete,
 * page through it, and see that other tenants and read-only keys cannot touch it.
 */
let database: TestDatabase;
let gql: ReturnType<typeof graphqlClient>;
const operatorToken = 'ou-e2e-operator-token';

interface Ou {
  id: string;
  arn: string;
  name: string;
  path: string;
}
interface Org {
  key: string;
  tenantId: string;
  accountId: string;
  organizationId: string;
  rootId: string;
  /** The latest write's consistency token, for reads that must see it. */
  token: string;
}

const e2e = new E2eService(operatorToken);

beforeAll(async () => {
  await e2e.start();
  ({ database, gql } = e2e);
}, 90_000);

afterAll(() => e2e.stop());

const OU_FIELDS = 'id arn name path';

function dataOf<T>(result: GraphqlResult<T>): T {
  if (!result.data) throw new Error(JSON.stringify(result.errors));
  return result.data;
}

const refusal = (result: GraphqlResult) => ({
  code: result.errors?.[0]?.extensions?.code,
  reason: result.errors?.[0]?.extensions?.reason,
});

async function createTenant(name: string) {
  const result = await gql<{ createTenant: { apiKey: string; tenant: { id: string }; account: { id: string } } }>(
    'mutation($name: String!) { createTenant(input: { name: $name }) { apiKey tenant { id } account { id } } }',
    { key: operatorToken, variables: { name } },
  );
  const { apiKey, tenant, account } = dataOf(result).createTenant;
  return { key: apiKey, tenantId: tenant.id, accountId: account.id };
}

async function newOrganization(name: string): Promise<Org> {
  const tenant = await createTenant(name);
  const created = dataOf(
    await gql<{ createOrganization: { organization: { id: string }; consistencyToken: string } }>(
      'mutation { createOrganization { organization { id } consistencyToken } }',
      { key: tenant.key },
    ),
  ).createOrganization;
  const roots = dataOf(
    await gql<{ listRoots: { roots: { id: string }[] } }>(
      'query($t: String) { listRoots(consistencyToken: $t) { roots { id } } }',
      {
        key: tenant.key,
        variables: { t: created.consistencyToken },
      },
    ),
  ).listRoots;
  return {
    ...tenant,
    organizationId: created.organization.id,
    rootId: roots.roots[0].id,
    token: created.consistencyToken,
  };
}

const createOu = (org: Org, parentId: string, name: string, key = org.key) =>
  gql<{ createOrganizationalUnit: { organizationalUnit: Ou; consistencyToken: string } }>(
    `mutation($p: String!, $n: String!) { createOrganizationalUnit(input: { parentId: $p, name: $n }) { organizationalUnit { ${OU_FIELDS} } consistencyToken } }`,
    { key, variables: { p: parentId, n: name } },
  );

async function ou(org: Org, parentId: string, name: string): Promise<Ou> {
  const created = dataOf(await createOu(org, parentId, name)).createOrganizationalUnit;
  org.token = created.consistencyToken;
  return created.organizationalUnit;
}

const describeOu = (org: Org, id: string, key = org.key) =>
  gql<{ describeOrganizationalUnit: { organizationalUnit: Ou } }>(
    `query($id: String!, $t: String) { describeOrganizationalUnit(organizationalUnitId: $id, consistencyToken: $t) { organizationalUnit { ${OU_FIELDS} } } }`,
    { key, variables: { id, t: org.token } },
  );

const updateOu = (org: Org, id: string, name?: string, key = org.key) =>
  gql<{ updateOrganizationalUnit: { organizationalUnit: Ou; consistencyToken: string } }>(
    `mutation($id: String!, $n: String) { updateOrganizationalUnit(input: { organizationalUnitId: $id, name: $n }) { organizationalUnit { ${OU_FIELDS} } consistencyToken } }`,
    { key, variables: { id, n: name } },
  );

const deleteOu = (org: Org, id: string, key = org.key) =>
  gql<{ deleteOrganizationalUnit: { consistencyToken: string } }>(
    'mutation($id: String!) { deleteOrganizationalUnit(input: { organizationalUnitId: $id }) { consistencyToken } }',
    { key, variables: { id } },
  );

const listOus = (
  org: Org,
  parentId: string,
  page: { maxResults?: number; nextToken?: string | null } = {},
  key = org.key,
) =>
  gql<{ listOrganizationalUnitsForParent: { organizationalUnits: Ou[]; nextToken: string | null } }>(
    `query($p: String!, $m: Int, $n: String, $t: String) { listOrganizationalUnitsForParent(parentId: $p, maxResults: $m, nextToken: $n, consistencyToken: $t) { organizationalUnits { ${OU_FIELDS} } nextToken } }`,
    { key, variables: { p: parentId, m: page.maxResults, n: page.nextToken, t: org.token } },
  );

const listChildren = (
  org: Org,
  parentId: string,
  childType: string,
  page: { maxResults?: number; nextToken?: string | null } = {},
  key = org.key,
) =>
  gql<{ listChildren: { children: { id: string; type: string }[]; nextToken: string | null } }>(
    `query($p: String!, $c: ChildType!, $m: Int, $n: String, $t: String) { listChildren(parentId: $p, childType: $c, maxResults: $m, nextToken: $n, consistencyToken: $t) { children { id type } nextToken } }`,
    { key, variables: { p: parentId, c: childType, m: page.maxResults, n: page.nextToken, t: org.token } },
  );

const listParents = (org: Org, childId: string, key = org.key) =>
  gql<{ listParents: { parents: { id: string; type: string }[]; nextToken: string | null } }>(
    'query($c: String!, $t: String) { listParents(childId: $c, consistencyToken: $t) { parents { id type } nextToken } }',
    { key, variables: { c: childId, t: org.token } },
  );

/** Every page of a list, one item at a time (maxResults 1). */
async function allPages<T>(
  fetch: (nextToken: string | null) => Promise<{ items: T[]; nextToken: string | null }>,
): Promise<{ items: T[]; pages: number }> {
  const items: T[] = [];
  let nextToken: string | null = null;
  let pages = 0;
  do {
    const page = await fetch(nextToken);
    items.push(...page.items);
    nextToken = page.nextToken;
    pages++;
  } while (nextToken && pages < 50);
  return { items, pages };
}

async function sql<T = Record<string, unknown>>(text: string, values: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: database.url });
  await client.connect();
  try {
    return (await client.query(text, values)).rows as T[];
  } finally {
    await client.end();
  }
}

const eventCount = async () => (await sql<{ n: number }>('SELECT count(*)::int AS n FROM events'))[0].n;

describe('a tree five levels deep', () => {
  let org: Org;
  const levels: Ou[] = [];

  beforeAll(async () => {
    org = await newOrganization('Five deep');
    let parentId = org.rootId;
    for (let level = 1; level <= 5; level++) {
      levels.push(await ou(org, parentId, `Level ${level}`));
      parentId = levels[levels.length - 1].id;
    }
  });

  it('gives each OU an id under the root, its ARN and its path', () => {
    const suffix = org.rootId.slice(2);
    levels.forEach((level, i) => {
      expect(level.id).toMatch(new RegExp(`^ou-${suffix}-[a-z0-9]{8}$`));
      expect(level.arn).toBe(`arn:aws:organizations::${org.accountId}:ou/${org.organizationId}/${level.id}`);
      expect(level.path).toBe(
        `${[org.organizationId, org.rootId, ...levels.slice(0, i + 1).map((l) => l.id)].join('/')}/`,
      );
    });
  });

  it('describes an OU as it was created', async () => {
    expect(dataOf(await describeOu(org, levels[2].id)).describeOrganizationalUnit.organizationalUnit).toEqual(
      levels[2],
    );
  });

  it('refuses a sixth level with OU_DEPTH_LIMIT_EXCEEDED', async () => {
    expect(refusal(await createOu(org, levels[4].id, 'Level 6'))).toEqual({
      code: 'ConstraintViolationException',
      reason: 'OU_DEPTH_LIMIT_EXCEEDED',
    });
  });

  it("lists each level's parent", async () => {
    expect(dataOf(await listParents(org, levels[0].id)).listParents).toEqual({
      parents: [{ id: org.rootId, type: 'ROOT' }],
      nextToken: null,
    });
    expect(dataOf(await listParents(org, levels[3].id)).listParents.parents).toEqual([
      { id: levels[2].id, type: 'ORGANIZATIONAL_UNIT' },
    ]);
    expect(dataOf(await listParents(org, org.accountId)).listParents.parents).toEqual([
      { id: org.rootId, type: 'ROOT' },
    ]);
  });

  it('refuses a child that is not in the organization, and a root as a child', async () => {
    expect(errorCode(await listParents(org, `ou-${org.rootId.slice(2)}-zzzzzzzz`))).toBe('ChildNotFoundException');
    expect(errorCode(await listParents(org, '999988887777'))).toBe('ChildNotFoundException');
    expect(refusal(await listParents(org, org.rootId))).toEqual({
      code: 'InvalidInputException',
      reason: 'INVALID_PATTERN',
    });
  });

  it('refuses to delete an OU that has a child OU, then deletes the tree from the bottom up', async () => {
    expect(errorCode(await deleteOu(org, levels[3].id))).toBe('OrganizationalUnitNotEmptyException');
    for (const level of [...levels].reverse()) {
      const deleted = dataOf(await deleteOu(org, level.id)).deleteOrganizationalUnit;
      org.token = deleted.consistencyToken;
    }
    expect(errorCode(await describeOu(org, levels[4].id))).toBe('OrganizationalUnitNotFoundException');
    expect(dataOf(await listOus(org, org.rootId)).listOrganizationalUnitsForParent).toEqual({
      organizationalUnits: [],
      nextToken: null,
    });
    expect(errorCode(await deleteOu(org, levels[0].id))).toBe('OrganizationalUnitNotFoundException');
  });
});

describe('renaming and duplicate names', () => {
  let org: Org;
  let prod: Ou;
  let dev: Ou;

  beforeAll(async () => {
    org = await newOrganization('Renames');
    prod = await ou(org, org.rootId, 'Prod');
    dev = await ou(org, org.rootId, 'Dev');
  });

  it('renames an OU, keeping its id, ARN and path', async () => {
    const updated = dataOf(await updateOu(org, prod.id, 'Production')).updateOrganizationalUnit;
    expect(updated.organizationalUnit).toEqual({ ...prod, name: 'Production' });
    org.token = updated.consistencyToken;
    expect(dataOf(await describeOu(org, prod.id)).describeOrganizationalUnit.organizationalUnit.name).toBe(
      'Production',
    );
  });

  it('returns the OU unchanged when no name is given', async () => {
    expect(dataOf(await updateOu(org, dev.id)).updateOrganizationalUnit.organizationalUnit).toEqual(dev);
  });

  it('refuses a name a sibling has, on create and on rename', async () => {
    expect(errorCode(await createOu(org, org.rootId, 'Dev'))).toBe('DuplicateOrganizationalUnitException');
    expect(errorCode(await updateOu(org, dev.id, 'Production'))).toBe('DuplicateOrganizationalUnitException');
  });

  it('accepts the same name under another parent', async () => {
    expect((await ou(org, prod.id, 'Dev')).name).toBe('Dev');
  });

  it('refuses an unknown OU and a malformed id', async () => {
    expect(errorCode(await updateOu(org, `ou-${org.rootId.slice(2)}-zzzzzzzz`, 'X'))).toBe(
      'OrganizationalUnitNotFoundException',
    );
    expect(refusal(await updateOu(org, 'ou-bad', 'X'))).toEqual({
      code: 'InvalidInputException',
      reason: 'INVALID_PATTERN',
    });
  });

  it('gives the name to exactly one of 32 concurrent creations', async () => {
    const results = await Promise.all(Array.from({ length: 32 }, () => createOu(org, org.rootId, 'Raced')));
    const codes = results.map((r) => errorCode(r) ?? 'ok');
    expect(codes.filter((c) => c === 'ok')).toHaveLength(1);
    expect(codes.filter((c) => c === 'DuplicateOrganizationalUnitException')).toHaveLength(31);
    org.token = results.find((r) => !r.errors)!.data!.createOrganizationalUnit.consistencyToken;
    const listed = dataOf(await listOus(org, org.rootId)).listOrganizationalUnitsForParent.organizationalUnits;
    expect(listed.filter((o) => o.name === 'Raced')).toHaveLength(1);
  });
});

describe('listing with pages', () => {
  let org: Org;
  let parent: Ou;
  const children: Ou[] = [];

  beforeAll(async () => {
    org = await newOrganization('Paging');
    parent = await ou(org, org.rootId, 'Parent');
    for (const name of ['A', 'B', 'C']) children.push(await ou(org, parent.id, name));
  });

  it('pages listOrganizationalUnitsForParent one OU at a time', async () => {
    const { items, pages } = await allPages(async (nextToken) => {
      const page = dataOf(await listOus(org, parent.id, { maxResults: 1, nextToken })).listOrganizationalUnitsForParent;
      expect(page.organizationalUnits.length).toBeLessThanOrEqual(1);
      return { items: page.organizationalUnits, nextToken: page.nextToken };
    });
    expect(pages).toBe(3);
    expect(items.sort((x, y) => x.id.localeCompare(y.id))).toEqual(
      [...children].sort((x, y) => x.id.localeCompare(y.id)),
    );
  });

  it('pages listChildren of OUs, and lists the accounts of a parent', async () => {
    const { items, pages } = await allPages(async (nextToken) => {
      const page = dataOf(
        await listChildren(org, parent.id, 'ORGANIZATIONAL_UNIT', { maxResults: 1, nextToken }),
      ).listChildren;
      return { items: page.children, nextToken: page.nextToken };
    });
    expect(pages).toBe(3);
    expect(items.map((c) => c.id).sort()).toEqual(children.map((c) => c.id).sort());
    expect(items.every((c) => c.type === 'ORGANIZATIONAL_UNIT')).toBe(true);
    expect(dataOf(await listChildren(org, org.rootId, 'ACCOUNT')).listChildren).toEqual({
      children: [{ id: org.accountId, type: 'ACCOUNT' }],
      nextToken: null,
    });
    expect(dataOf(await listChildren(org, parent.id, 'ACCOUNT')).listChildren).toEqual({
      children: [],
      nextToken: null,
    });
  });

  it('refuses maxResults outside 1..20 and a forged or foreign nextToken', async () => {
    expect(refusal(await listOus(org, parent.id, { maxResults: 0 }))).toEqual({
      code: 'InvalidInputException',
      reason: 'MIN_VALUE_EXCEEDED',
    });
    expect(refusal(await listChildren(org, parent.id, 'ACCOUNT', { maxResults: 21 }))).toEqual({
      code: 'InvalidInputException',
      reason: 'MAX_VALUE_EXCEEDED',
    });
    expect(refusal(await listOus(org, parent.id, { nextToken: 'abc.def' }))).toEqual({
      code: 'InvalidInputException',
      reason: 'INVALID_NEXT_TOKEN',
    });
    const other = await newOrganization('Paging elsewhere');
    const foreign = dataOf(await listOus(org, parent.id, { maxResults: 1 })).listOrganizationalUnitsForParent.nextToken;
    expect(refusal(await listOus(other, other.rootId, { nextToken: foreign }))).toEqual({
      code: 'InvalidInputException',
      reason: 'INVALID_NEXT_TOKEN',
    });
  });

  it('refuses a parent that is not in the organization', async () => {
    const unknown = `ou-${org.rootId.slice(2)}-zzzzzzzz`;
    expect(errorCode(await listOus(org, unknown))).toBe('ParentNotFoundException');
    expect(errorCode(await listChildren(org, unknown, 'ACCOUNT'))).toBe('ParentNotFoundException');
    expect(errorCode(await createOu(org, unknown, 'Orphan'))).toBe('ParentNotFoundException');
    expect(errorCode(await createOu(org, 'r-zzzz', 'Orphan'))).toBe('ParentNotFoundException');
  });
});

describe('input, quotas and who may call', () => {
  it('refuses malformed input before anything is appended', async () => {
    const org = await newOrganization('Bad input');
    const before = await eventCount();
    expect(refusal(await createOu(org, org.rootId, ''))).toEqual({
      code: 'InvalidInputException',
      reason: 'MIN_LENGTH_EXCEEDED',
    });
    expect(refusal(await createOu(org, org.rootId, 'x'.repeat(129)))).toEqual({
      code: 'InvalidInputException',
      reason: 'MAX_LENGTH_EXCEEDED',
    });
    expect(refusal(await createOu(org, 'junk-r-abcd', 'X'))).toEqual({
      code: 'InvalidInputException',
      reason: 'INVALID_PATTERN',
    });
    expect(refusal(await describeOu(org, 'r-abcd'))).toEqual({
      code: 'InvalidInputException',
      reason: 'INVALID_PATTERN',
    });
    expect(await eventCount()).toBe(before);
  });

  it("applies the tenant's own OU quota with OU_NUMBER_LIMIT_EXCEEDED", async () => {
    const org = await newOrganization('Small quota');
    const quotas = await gql(
      'mutation($t: String!) { updateTenantQuotas(input: { tenantId: $t, maxOrganizationalUnits: 2 }) { consistencyToken } }',
      {
        key: operatorToken,
        variables: { t: org.tenantId },
      },
    );
    expect(quotas.errors).toBeUndefined();
    await ou(org, org.rootId, 'One');
    await ou(org, org.rootId, 'Two');
    expect(refusal(await createOu(org, org.rootId, 'Three'))).toEqual({
      code: 'ConstraintViolationException',
      reason: 'OU_NUMBER_LIMIT_EXCEEDED',
    });
  });

  it('lets a READ_ONLY key read the tree and refuses it every change', async () => {
    const org = await newOrganization('Read only');
    const prod = await ou(org, org.rootId, 'Prod');
    const minted = await gql<{ createApiKey: { apiKey: string } }>(
      'mutation($a: String!) { createApiKey(input: { accountId: $a, role: READ_ONLY }) { apiKey } }',
      { key: org.key, variables: { a: org.accountId } },
    );
    const readOnly = dataOf(minted).createApiKey.apiKey;
    expect(dataOf(await describeOu(org, prod.id, readOnly)).describeOrganizationalUnit.organizationalUnit).toEqual(
      prod,
    );
    expect(errorCode(await createOu(org, org.rootId, 'Nope', readOnly))).toBe('AccessDeniedException');
    expect(errorCode(await updateOu(org, prod.id, 'Nope', readOnly))).toBe('AccessDeniedException');
    expect(errorCode(await deleteOu(org, prod.id, readOnly))).toBe('AccessDeniedException');
  });

  it('refuses an account that has no organization', async () => {
    const org = await newOrganization('Has one');
    const lone = await createTenant('Has none');
    expect(errorCode(await createOu(org, org.rootId, 'X', lone.key))).toBe('AWSOrganizationsNotInUseException');
    expect(errorCode(await listOus(org, org.rootId, {}, lone.key))).toBe('AWSOrganizationsNotInUseException');
  });
});

describe('tenant isolation', () => {
  it("shows tenant B nothing of tenant A's tree, and lets it change nothing", async () => {
    const a = await newOrganization('Tenant A');
    const b = await newOrganization('Tenant B');
    const prod = await ou(a, a.rootId, 'Prod');
    const web = await ou(a, prod.id, 'Web');
    const before = await eventCount();

    expect(errorCode(await describeOu(a, prod.id, b.key))).toBe('OrganizationalUnitNotFoundException');
    expect(errorCode(await listOus(a, a.rootId, {}, b.key))).toBe('ParentNotFoundException');
    expect(errorCode(await listOus(a, prod.id, {}, b.key))).toBe('ParentNotFoundException');
    expect(errorCode(await listChildren(a, prod.id, 'ORGANIZATIONAL_UNIT', {}, b.key))).toBe('ParentNotFoundException');
    expect(errorCode(await listParents(a, web.id, b.key))).toBe('ChildNotFoundException');
    expect(errorCode(await listParents(a, a.accountId, b.key))).toBe('ChildNotFoundException');
    expect(errorCode(await createOu(a, prod.id, 'Intruder', b.key))).toBe('ParentNotFoundException');
    expect(errorCode(await updateOu(a, prod.id, 'Hijacked', b.key))).toBe('OrganizationalUnitNotFoundException');
    expect(errorCode(await deleteOu(a, web.id, b.key))).toBe('OrganizationalUnitNotFoundException');

    expect(await eventCount()).toBe(before);
    expect(dataOf(await describeOu(a, prod.id)).describeOrganizationalUnit.organizationalUnit).toEqual(prod);
    expect(dataOf(await listOus(a, prod.id)).listOrganizationalUnitsForParent.organizationalUnits).toEqual([web]);
  });
});
