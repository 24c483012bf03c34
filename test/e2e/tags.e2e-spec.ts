import { Client } from 'pg';
import { type TestDatabase } from '@orgs/shared/testing';
import { errorCode, type graphqlClient, type GraphqlResult } from './graphql-client';
import { E2eService } from './support/e2e-service';

/**
 * Tags over HTTP on the root, an OU and an account: AWS's limits and refusals, paging, tags given
 * at OU creation, and that neither another tenant nor a read-only key can change them.
 */
let database: TestDatabase;
let gql: ReturnType<typeof graphqlClient>;
const operatorToken = 'tags-e2e-operator-token';

interface Tag {
  key: string;
  value: string;
}
interface Org {
  key: string;
  accountId: string;
  rootId: string;
  ouId: string;
  token: string;
}

const e2e = new E2eService(operatorToken);

beforeAll(async () => {
  await e2e.start();
  ({ database, gql } = e2e);
}, 90_000);

afterAll(() => e2e.stop());

function dataOf<T>(result: GraphqlResult<T>): T {
  if (!result.data) throw new Error(JSON.stringify(result.errors));
  return result.data;
}

const refusal = (result: GraphqlResult) => ({
  code: result.errors?.[0]?.extensions?.code,
  reason: result.errors?.[0]?.extensions?.reason,
});

async function createTenant(name: string) {
  const result = await gql<{ createTenant: { apiKey: string; account: { id: string } } }>(
    'mutation($name: String!) { createTenant(input: { name: $name }) { apiKey account { id } } }',
    { key: operatorToken, variables: { name } },
  );
  const { apiKey, account } = dataOf(result).createTenant;
  return { key: apiKey, accountId: account.id };
}

const createOu = (key: string, parentId: string, name: string, tags?: Tag[]) =>
  gql<{ createOrganizationalUnit: { organizationalUnit: { id: string }; consistencyToken: string } }>(
    'mutation($p: String!, $n: String!, $tags: [TagInput!]) { createOrganizationalUnit(input: { parentId: $p, name: $n, tags: $tags }) { organizationalUnit { id } consistencyToken } }',
    { key, variables: { p: parentId, n: name, tags } },
  );

/** A tenant with an organization and one OU under its root. */
async function newOrganization(name: string): Promise<Org> {
  const tenant = await createTenant(name);
  const created = dataOf(
    await gql<{ createOrganization: { consistencyToken: string } }>(
      'mutation { createOrganization { consistencyToken } }',
      { key: tenant.key },
    ),
  );
  const roots = dataOf(
    await gql<{ listRoots: { roots: { id: string }[] } }>(
      'query($t: String) { listRoots(consistencyToken: $t) { roots { id } } }',
      {
        key: tenant.key,
        variables: { t: created.createOrganization.consistencyToken },
      },
    ),
  );
  const rootId = roots.listRoots.roots[0].id;
  const ou = dataOf(await createOu(tenant.key, rootId, 'Prod')).createOrganizationalUnit;
  return { ...tenant, rootId, ouId: ou.organizationalUnit.id, token: ou.consistencyToken };
}

const tagResource = (org: Org, resourceId: string, tags: Tag[], key = org.key) =>
  gql<{ tagResource: { consistencyToken: string } }>(
    'mutation($r: String!, $tags: [TagInput!]!) { tagResource(input: { resourceId: $r, tags: $tags }) { consistencyToken } }',
    {
      key,
      variables: { r: resourceId, tags },
    },
  );

const untagResource = (org: Org, resourceId: string, tagKeys: string[], key = org.key) =>
  gql<{ untagResource: { consistencyToken: string } }>(
    'mutation($r: String!, $k: [String!]!) { untagResource(input: { resourceId: $r, tagKeys: $k }) { consistencyToken } }',
    {
      key,
      variables: { r: resourceId, k: tagKeys },
    },
  );

const listTags = (org: Org, resourceId: string, nextToken?: string | null, key = org.key) =>
  gql<{ listTagsForResource: { tags: Tag[]; nextToken: string | null } }>(
    'query($r: String!, $n: String, $t: String) { listTagsForResource(resourceId: $r, nextToken: $n, consistencyToken: $t) { tags { key value } nextToken } }',
    { key, variables: { r: resourceId, n: nextToken, t: org.token } },
  );

async function tag(org: Org, resourceId: string, tags: Tag[]) {
  org.token = dataOf(await tagResource(org, resourceId, tags)).tagResource.consistencyToken;
}

const tagsOn = async (org: Org, resourceId: string) => dataOf(await listTags(org, resourceId)).listTagsForResource.tags;
const many = (n: number, from = 0): Tag[] =>
  Array.from({ length: n }, (_, i) => ({ key: `k${String(from + i).padStart(2, '0')}`, value: `v${from + i}` }));

async function eventCount(): Promise<number> {
  const client = new Client({ connectionString: database.url });
  await client.connect();
  try {
    return (await client.query('SELECT count(*)::int AS n FROM events')).rows[0].n;
  } finally {
    await client.end();
  }
}

describe('tagging the root, an OU and an account', () => {
  let org: Org;
  beforeAll(async () => {
    org = await newOrganization('Tagging');
  });

  it.each([
    ['the root', (o: Org) => o.rootId],
    ['an OU', (o: Org) => o.ouId],
    ['the management account', (o: Org) => o.accountId],
  ])('tags %s and lists its tags by key', async (_, resourceOf) => {
    const resourceId = resourceOf(org);
    await tag(org, resourceId, [
      { key: 'team', value: 'platform' },
      { key: 'cost-center', value: '' },
    ]);
    expect(await tagsOn(org, resourceId)).toEqual([
      { key: 'cost-center', value: '' },
      { key: 'team', value: 'platform' },
    ]);
  });

  it('replaces the value of a key already there', async () => {
    await tag(org, org.ouId, [{ key: 'team', value: 'data' }]);
    expect(await tagsOn(org, org.ouId)).toEqual([
      { key: 'cost-center', value: '' },
      { key: 'team', value: 'data' },
    ]);
  });

  it('removes tags by key, ignoring keys that are not there', async () => {
    org.token = dataOf(await untagResource(org, org.ouId, ['team', 'never-set'])).untagResource.consistencyToken;
    expect(await tagsOn(org, org.ouId)).toEqual([{ key: 'cost-center', value: '' }]);
  });

  it("keeps each resource's tags apart", async () => {
    expect(await tagsOn(org, org.rootId)).toEqual([
      { key: 'cost-center', value: '' },
      { key: 'team', value: 'platform' },
    ]);
  });
});

describe('refusals', () => {
  let org: Org;
  beforeAll(async () => {
    org = await newOrganization('Refusals');
  });

  it.each([
    ['an aws: key', [{ key: 'aws:createdBy', value: 'x' }], 'INVALID_SYSTEM_TAGS_PARAMETER'],
    [
      'a key given twice',
      [
        { key: 'a', value: '1' },
        { key: 'a', value: '2' },
      ],
      'DUPLICATE_TAG_KEY',
    ],
    ['a key of 129 characters', [{ key: 'k'.repeat(129), value: 'v' }], 'MAX_LENGTH_EXCEEDED'],
    ['an empty key', [{ key: '', value: 'v' }], 'MIN_LENGTH_EXCEEDED'],
    ['a value of 257 characters', [{ key: 'k', value: 'v'.repeat(257) }], 'MAX_LENGTH_EXCEEDED'],
    ['a character outside the pattern', [{ key: 'k', value: 'a;b' }], 'INVALID_PATTERN'],
  ])('refuses %s with InvalidInputException, appending nothing', async (_, tags, reason) => {
    const before = await eventCount();
    expect(refusal(await tagResource(org, org.ouId, tags))).toEqual({ code: 'InvalidInputException', reason });
    expect(await eventCount()).toBe(before);
  });

  it('lets a resource hold 50 tags and refuses the 51st with MAX_TAG_LIMIT_EXCEEDED', async () => {
    await tag(org, org.rootId, many(50));
    expect(refusal(await tagResource(org, org.rootId, many(1, 50)))).toEqual({
      code: 'ConstraintViolationException',
      reason: 'MAX_TAG_LIMIT_EXCEEDED',
    });
    await tag(org, org.rootId, [{ key: 'k00', value: 'replaced' }]); // a replaced key is not one more
    expect(refusal(await tagResource(org, org.ouId, many(51)))).toEqual({
      code: 'ConstraintViolationException',
      reason: 'MAX_TAG_LIMIT_EXCEEDED',
    });
  });

  it('pages the tags of a resource 20 at a time', async () => {
    const first = dataOf(await listTags(org, org.rootId)).listTagsForResource;
    expect(first.tags).toHaveLength(20);
    const second = dataOf(await listTags(org, org.rootId, first.nextToken)).listTagsForResource;
    const third = dataOf(await listTags(org, org.rootId, second.nextToken)).listTagsForResource;
    expect(third.nextToken).toBeNull();
    const all = [...first.tags, ...second.tags, ...third.tags];
    expect(all).toEqual([{ key: 'k00', value: 'replaced' }, ...many(49, 1)]);
    expect(refusal(await listTags(org, org.rootId, 'forged.token'))).toEqual({
      code: 'InvalidInputException',
      reason: 'INVALID_NEXT_TOKEN',
    });
  });

  it('refuses a resource that is not in the organization with TargetNotFoundException', async () => {
    const missing = [`ou-${org.rootId.slice(2)}-zzzzzzzz`, '999988887777', 'r-zzzz', 'p-abcdefgh'];
    for (const resourceId of missing) {
      expect(errorCode(await tagResource(org, resourceId, [{ key: 'a', value: '1' }]))).toBe('TargetNotFoundException');
      expect(errorCode(await untagResource(org, resourceId, ['a']))).toBe('TargetNotFoundException');
      expect(errorCode(await listTags(org, resourceId))).toBe('TargetNotFoundException');
    }
  });

  it('refuses a malformed resource id and aws: keys to remove', async () => {
    expect(refusal(await tagResource(org, 'o-abcdefghij', [{ key: 'a', value: '1' }]))).toEqual({
      code: 'InvalidInputException',
      reason: 'INVALID_PATTERN',
    });
    expect(refusal(await listTags(org, '12345'))).toEqual({ code: 'InvalidInputException', reason: 'INVALID_PATTERN' });
    expect(refusal(await untagResource(org, org.ouId, ['aws:x']))).toEqual({
      code: 'InvalidInputException',
      reason: 'INVALID_SYSTEM_TAGS_PARAMETER',
    });
  });
});

describe('tags given when an OU is created', () => {
  let org: Org;
  beforeAll(async () => {
    org = await newOrganization('Creation tags');
  });

  it('tags the new OU', async () => {
    const created = dataOf(
      await createOu(org.key, org.rootId, 'Tagged', [{ key: 'env', value: 'prod' }]),
    ).createOrganizationalUnit;
    org.token = created.consistencyToken;
    expect(await tagsOn(org, created.organizationalUnit.id)).toEqual([{ key: 'env', value: 'prod' }]);
  });

  it('creates nothing when one tag is invalid', async () => {
    const before = await eventCount();
    const result = await createOu(org.key, org.rootId, 'Refused', [
      { key: 'ok', value: '1' },
      { key: 'aws:no', value: '1' },
    ]);
    expect(refusal(result)).toEqual({ code: 'InvalidInputException', reason: 'INVALID_SYSTEM_TAGS_PARAMETER' });
    expect(await eventCount()).toBe(before);
  });

  it("drops an OU's tags when the OU is deleted", async () => {
    const created = dataOf(
      await createOu(org.key, org.rootId, 'Short-lived', [{ key: 'temp', value: 'yes' }]),
    ).createOrganizationalUnit;
    const id = created.organizationalUnit.id;
    const deleted = await gql<{ deleteOrganizationalUnit: { consistencyToken: string } }>(
      'mutation($id: String!) { deleteOrganizationalUnit(input: { organizationalUnitId: $id }) { consistencyToken } }',
      { key: org.key, variables: { id } },
    );
    org.token = dataOf(deleted).deleteOrganizationalUnit.consistencyToken;
    expect(errorCode(await listTags(org, id))).toBe('TargetNotFoundException');
    const client = new Client({ connectionString: database.url });
    await client.connect();
    try {
      expect(
        (await client.query('SELECT count(*)::int AS n FROM resource_tags WHERE resource_id = $1', [id])).rows[0].n,
      ).toBe(0);
    } finally {
      await client.end();
    }
  });
});

describe('who may tag', () => {
  it('lets a READ_ONLY key list tags and refuses it any change', async () => {
    const org = await newOrganization('Read only');
    await tag(org, org.ouId, [{ key: 'team', value: 'web' }]);
    const minted = await gql<{ createApiKey: { apiKey: string } }>(
      'mutation($a: String!) { createApiKey(input: { accountId: $a, role: READ_ONLY }) { apiKey } }',
      {
        key: org.key,
        variables: { a: org.accountId },
      },
    );
    const readOnly = dataOf(minted).createApiKey.apiKey;
    expect(dataOf(await listTags(org, org.ouId, null, readOnly)).listTagsForResource.tags).toEqual([
      { key: 'team', value: 'web' },
    ]);
    expect(errorCode(await tagResource(org, org.ouId, [{ key: 'a', value: '1' }], readOnly))).toBe(
      'AccessDeniedException',
    );
    expect(errorCode(await untagResource(org, org.ouId, ['team'], readOnly))).toBe('AccessDeniedException');
  });

  it('refuses an account that has no organization', async () => {
    const org = await newOrganization('Has one');
    const lone = await createTenant('Has none');
    expect(errorCode(await tagResource(org, org.ouId, [{ key: 'a', value: '1' }], lone.key))).toBe(
      'AWSOrganizationsNotInUseException',
    );
    expect(errorCode(await listTags(org, org.ouId, null, lone.key))).toBe('AWSOrganizationsNotInUseException');
  });

  it("shows tenant B none of tenant A's tags and lets it change none", async () => {
    const a = await newOrganization('Tenant A');
    const b = await newOrganization('Tenant B');
    await tag(a, a.ouId, [{ key: 'owner', value: 'a' }]);
    await tag(a, a.accountId, [{ key: 'owner', value: 'a' }]);
    const before = await eventCount();
    for (const resourceId of [a.rootId, a.ouId, a.accountId]) {
      expect(errorCode(await tagResource(a, resourceId, [{ key: 'owner', value: 'b' }], b.key))).toBe(
        'TargetNotFoundException',
      );
      expect(errorCode(await untagResource(a, resourceId, ['owner'], b.key))).toBe('TargetNotFoundException');
      expect(errorCode(await listTags(a, resourceId, null, b.key))).toBe('TargetNotFoundException');
    }
    expect(await eventCount()).toBe(before);
    expect(await tagsOn(a, a.ouId)).toEqual([{ key: 'owner', value: 'a' }]);
    expect(await tagsOn(a, a.accountId)).toEqual([{ key: 'owner', value: 'a' }]);
  });
});
