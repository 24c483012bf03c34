import { eventually } from '@orgs/shared/testing';
import { errorCode, type graphqlClient, type GraphqlResult } from './graphql-client';
import { E2eService } from './support/e2e-service';

/**
 * The organization's structure as a new user builds it, over HTTP only: a tenant, an organization,
 * three created accounts (polling their status), OUs five deep (a sixth refused), moves, an
 * invitation accepted by the invited account itself, others declined and cancelled, a removal,
 * tags, and the whole tree read back in one query.
 */
const operatorToken = 'journey-operator-token';
const e2e = new E2eService(operatorToken);
let gql: ReturnType<typeof graphqlClient>;

beforeAll(async () => {
  await e2e.start();
  ({ gql } = e2e);
}, 90_000);

afterAll(() => e2e.stop());

/** The data of a call that must succeed. */
async function ok<T>(call: Promise<GraphqlResult<T>>): Promise<T> {
  const result = await call;
  if (result.errors || !result.data) throw new Error(JSON.stringify(result.errors));
  return result.data;
}

it('builds, changes and reads back an organization as a new user would', async () => {
  // A tenant and its organization.
  const { createTenant } = await ok(gql<{ createTenant: { apiKey: string; account: { id: string } } }>(
    'mutation { createTenant(input: { name: "Journey" }) { apiKey account { id } } }',
    { key: operatorToken },
  ));
  const key = createTenant.apiKey;
  const management = createTenant.account.id;
  const { createOrganization } = await ok(gql<{ createOrganization: { organization: { id: string }; consistencyToken: string } }>(
    'mutation { createOrganization(input: { featureSet: ALL }) { organization { id } consistencyToken } }',
    { key },
  ));
  const { listRoots } = await ok(gql<{ listRoots: { roots: { id: string }[] } }>(
    'query($t: String) { listRoots(consistencyToken: $t) { roots { id } } }',
    { key, variables: { t: createOrganization.consistencyToken } },
  ));
  const rootId = listRoots.roots[0].id;

  // Three accounts, created asynchronously: poll each status until it succeeds.
  const accountIds: string[] = [];
  for (const name of ['Dev', 'Staging', 'Prod']) {
    const { createAccount } = await ok(gql<{ createAccount: { createAccountStatus: { id: string; state: string }; consistencyToken: string } }>(
      'mutation($n: String!, $e: String!) { createAccount(input: { accountName: $n, email: $e }) { createAccountStatus { id state } consistencyToken } }',
      { key, variables: { n: name, e: `${name.toLowerCase()}@journey.example.com` } },
    ));
    expect(createAccount.createAccountStatus.state).toBe('IN_PROGRESS');
    const succeeded = await eventually(async () => {
      const { describeCreateAccountStatus } = await ok(gql<{ describeCreateAccountStatus: { createAccountStatus: { state: string; accountId: string | null } } }>(
        'query($id: String!, $t: String) { describeCreateAccountStatus(createAccountRequestId: $id, consistencyToken: $t) { createAccountStatus { state accountId } } }',
        { key, variables: { id: createAccount.createAccountStatus.id, t: createAccount.consistencyToken } },
      ));
      return describeCreateAccountStatus.createAccountStatus.state === 'SUCCEEDED' && describeCreateAccountStatus.createAccountStatus;
    }, 30_000, `${name} to be created`);
    accountIds.push(succeeded.accountId as string);
  }

  // OUs five deep; a sixth level is refused.
  const ouIds: string[] = [];
  let parentId = rootId;
  for (let level = 1; level <= 5; level++) {
    const { createOrganizationalUnit } = await ok(gql<{ createOrganizationalUnit: { organizationalUnit: { id: string } } }>(
      'mutation($p: String!, $n: String!) { createOrganizationalUnit(input: { parentId: $p, name: $n }) { organizationalUnit { id } } }',
      { key, variables: { p: parentId, n: `Level ${level}` } },
    ));
    parentId = createOrganizationalUnit.organizationalUnit.id;
    ouIds.push(parentId);
  }
  const sixth = await gql('mutation($p: String!) { createOrganizationalUnit(input: { parentId: $p, name: "Level 6" }) { organizationalUnit { id } } }', {
    key,
    variables: { p: parentId },
  });
  expect(sixth.errors?.[0]?.extensions).toMatchObject({ code: 'ConstraintViolationException', reason: 'OU_DEPTH_LIMIT_EXCEEDED' });

  // Move two accounts down the tree.
  const move = (accountId: string, from: string, to: string) =>
    ok(gql<{ moveAccount: { consistencyToken: string } }>(
      'mutation($a: String!, $s: String!, $d: String!) { moveAccount(input: { accountId: $a, sourceParentId: $s, destinationParentId: $d }) { consistencyToken } }',
      { key, variables: { a: accountId, s: from, d: to } },
    ));
  await move(accountIds[0], rootId, ouIds[0]);
  await move(accountIds[1], rootId, ouIds[4]);

  // Invite a standalone account of the tenant; it accepts with its own key. Decline and cancel others.
  const standalone = async (name: string) =>
    (await ok(gql<{ registerStandaloneAccount: { account: { id: string }; apiKey: string } }>(
      'mutation($n: String!, $e: String!) { registerStandaloneAccount(input: { accountName: $n, email: $e }) { account { id } apiKey } }',
      { key, variables: { n: name, e: `${name.toLowerCase()}@journey.example.com` } },
    ))).registerStandaloneAccount;
  const invite = async (accountId: string) =>
    (await ok(gql<{ inviteAccountToOrganization: { handshake: { id: string; state: string } } }>(
      'mutation($id: String!) { inviteAccountToOrganization(input: { target: { id: $id, type: ACCOUNT }, notes: "Join us" }) { handshake { id state } } }',
      { key, variables: { id: accountId } },
    ))).inviteAccountToOrganization.handshake;
  const answer = (operation: string, answerKey: string, handshakeId: string) =>
    gql<Record<string, { handshake: { state: string } }>>(`mutation($h: String!) { ${operation}(input: { handshakeId: $h }) { handshake { state } } }`, {
      key: answerKey,
      variables: { h: handshakeId },
    });
  const [joiner, decliner, uninvited] = [await standalone('Joiner'), await standalone('Decliner'), await standalone('Uninvited')];
  const [toAccept, toDecline, toCancel] = [await invite(joiner.account.id), await invite(decliner.account.id), await invite(uninvited.account.id)];
  expect(toAccept.state).toBe('OPEN');
  expect(errorCode(await answer('acceptHandshake', key, toAccept.id))).toBe('AccessDeniedException'); // only the invited account may accept
  expect((await ok(answer('acceptHandshake', joiner.apiKey, toAccept.id))).acceptHandshake.handshake.state).toBe('ACCEPTED');
  expect((await ok(answer('declineHandshake', decliner.apiKey, toDecline.id))).declineHandshake.handshake.state).toBe('DECLINED');
  expect((await ok(answer('cancelHandshake', key, toCancel.id))).cancelHandshake.handshake.state).toBe('CANCELED');

  // Remove an account again: the one that joined by invitation (created accounts must wait 4 days).
  await ok(gql('mutation($a: String!) { removeAccountFromOrganization(input: { accountId: $a }) { consistencyToken } }', {
    key,
    variables: { a: joiner.account.id },
  }));

  // Tags on the root, an OU and an account.
  const tag = (resourceId: string, value: string) =>
    ok(gql<{ tagResource: { consistencyToken: string } }>(
      'mutation($r: String!, $v: String!) { tagResource(input: { resourceId: $r, tags: [{ key: "team", value: $v }] }) { consistencyToken } }',
      { key, variables: { r: resourceId, v: value } },
    ));
  await tag(rootId, 'platform');
  await tag(ouIds[2], 'payments');
  const last = await tag(accountIds[1], 'checkout');

  // The whole tree in one query.
  const level = (inner: string) =>
    `organizationalUnits { edges { node { id name tags { key value } accounts { edges { node { id name tags { key value } } } } ${inner} } } }`;
  const { organization } = await ok(gql<{ organization: { root: TreeNode & { tags: Tag[] } } }>(
    `query($t: String) { organization(consistencyToken: $t) { root { id tags { key value } accounts { edges { node { id name tags { key value } } } } ${level(level(level(level(level(''))))) } } } }`,
    { key, variables: { t: last.tagResource.consistencyToken } },
  ));
  const root = organization.root;
  expect(root.tags).toEqual([{ key: 'team', value: 'platform' }]);
  expect(accountsUnder(root).sort()).toEqual([management, accountIds[2]].sort());
  const chain = chainOf(root);
  expect(chain.map((ou) => ou.id)).toEqual(ouIds);
  expect(accountsUnder(chain[0])).toEqual([accountIds[0]]);
  expect(accountsUnder(chain[4])).toEqual([accountIds[1]]);
  expect(chain[2].tags).toEqual([{ key: 'team', value: 'payments' }]);
  expect(chain[4].accounts.edges[0].node.tags).toEqual([{ key: 'team', value: 'checkout' }]);
  expect(allAccounts(root)).not.toContain(joiner.account.id); // removed again
  expect(allAccounts(root)).not.toContain(decliner.account.id);
}, 120_000);

interface Tag {
  key: string;
  value: string;
}
interface TreeNode {
  id: string;
  tags: Tag[];
  accounts: { edges: { node: { id: string; tags: Tag[] } }[] };
  organizationalUnits?: { edges: { node: TreeNode }[] };
}

const accountsUnder = (node: TreeNode) => node.accounts.edges.map((e) => e.node.id);
const allAccounts = (node: TreeNode): string[] => [
  ...accountsUnder(node),
  ...(node.organizationalUnits?.edges ?? []).flatMap((e) => allAccounts(e.node)),
];
function chainOf(root: TreeNode): TreeNode[] {
  const chain: TreeNode[] = [];
  let node = root.organizationalUnits?.edges[0]?.node;
  while (node) {
    chain.push(node);
    node = node.organizationalUnits?.edges[0]?.node;
  }
  return chain;
}
