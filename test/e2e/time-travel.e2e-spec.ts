import { eventually } from '@orgs/shared/testing';
import { E2eService, refusalOf, uniqueEmail } from './support/e2e-service';

/**
 * Time travel over HTTP: a history is built (OUs, created accounts, a tag, moves, a policy attached
 * then detached, an OU deleted), then the tree and the lists are read as of three past points and
 * the present, by log position (mutations' consistency tokens) and by time. Access is as for the
 * present-time reads; bad points are refused; another tenant never sees this one's past.
 */
const orgs = new E2eService('e2e-time-travel-operator');

beforeAll(() => orgs.start(), 90_000);
afterAll(() => orgs.stop());

const NO_EC2 = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'ec2:*', Resource: '*' }] });
type Token = { consistencyToken: string };
type AsOf = { position?: string; time?: string } | null;
type Ids = { id: string }[];
type Edges = { edges: { node: { id: string } }[] };

const TREE = `query($a: AsOfInput) { organization(asOf: $a) { id root { id tags { key value }
  accounts { edges { node { id } } }
  organizationalUnits { edges { node { id name path tags { key value } accounts { edges { node { id name path } } } } } } } } }`;

it('reads the organization as of three past points and the present', async () => {
  const org = await orgs.organization('time-travel');
  const { key, rootId, accountId: mgmt } = org;
  const mutate = async <T>(query: string, variables: object = {}) => orgs.ok<T>(query, key, variables);
  const createOu = async (name: string) =>
    (await mutate<{ createOrganizationalUnit: { organizationalUnit: { id: string } } }>('mutation($p: String!, $n: String!) { createOrganizationalUnit(input: { parentId: $p, name: $n }) { organizationalUnit { id } } }', { p: rootId, n: name }))
      .createOrganizationalUnit.organizationalUnit.id;
  const move = (a: string, from: string, to: string) => mutate<{ moveAccount: Token }>('mutation($a: String!, $s: String!, $d: String!) { moveAccount(input: { accountId: $a, sourceParentId: $s, destinationParentId: $d }) { consistencyToken } }', { a, s: from, d: to });

  const ouA = await createOu('Apps');
  const ouB = await createOu('Data');
  const alpha = await createdAccount(key, 'Alpha');
  const beta = await createdAccount(key, 'Beta');
  const p1 = (await mutate<{ tagResource: Token }>('mutation($r: String!) { tagResource(input: { resourceId: $r, tags: [{ key: "team", value: "apps" }] }) { consistencyToken } }', { r: ouA })).tagResource.consistencyToken;

  await move(alpha, rootId, ouA);
  const policy = (await mutate<{ createPolicy: { policy: { policySummary: { id: string } } } }>('mutation($c: String!) { createPolicy(input: { name: "NoEc2", description: "", type: SERVICE_CONTROL_POLICY, content: $c }) { policy { policySummary { id } } } }', { c: NO_EC2 }))
    .createPolicy.policy.policySummary.id;
  const p2 = (await mutate<{ attachPolicy: Token }>('mutation($p: String!, $t: String!) { attachPolicy(input: { policyId: $p, targetId: $t }) { consistencyToken } }', { p: policy, t: ouA })).attachPolicy.consistencyToken;
  await pause();
  const t2 = new Date().toISOString();
  await pause();

  await mutate('mutation($p: String!, $t: String!) { detachPolicy(input: { policyId: $p, targetId: $t }) { consistencyToken } }', { p: policy, t: ouA });
  await move(alpha, ouA, ouB);
  const p3 = (await mutate<{ deleteOrganizationalUnit: Token }>('mutation($o: String!) { deleteOrganizationalUnit(input: { organizationalUnitId: $o }) { consistencyToken } }', { o: ouA })).deleteOrganizationalUnit.consistencyToken;
  const later = await createOu('Later'); // the present differs from the third point

  const read = async <T>(query: string, variables: object, asOf: AsOf) => orgs.ok<T>(query, key, { ...variables, a: asOf });
  const tree = async (asOf: AsOf) => {
    const { organization } = await read<{ organization: { id: string; root: { accounts: Edges; organizationalUnits: { edges: { node: { id: string; name: string; path: string; tags: object[]; accounts: { edges: { node: { id: string; path: string } }[] } } }[] } } } }>(TREE, {}, asOf);
    return {
      organizationId: organization.id,
      rootAccounts: ids(organization.root.accounts),
      ous: Object.fromEntries(organization.root.organizationalUnits.edges.map(({ node }) => [node.name, { accounts: node.accounts.edges.map((e) => e.node.id), tags: node.tags, path: node.path }])),
    };
  };
  const accountsUnder = async (parentId: string, asOf: AsOf) => (await read<{ listAccountsForParent: { accounts: Ids } }>('query($p: String!, $a: AsOfInput) { listAccountsForParent(parentId: $p, asOf: $a) { accounts { id } } }', { p: parentId }, asOf)).listAccountsForParent.accounts.map((a) => a.id);
  const childOus = async (asOf: AsOf) => (await read<{ listChildren: { children: Ids } }>('query($p: String!, $a: AsOfInput) { listChildren(parentId: $p, childType: ORGANIZATIONAL_UNIT, asOf: $a) { children { id } } }', { p: rootId }, asOf)).listChildren.children.map((c) => c.id);
  const parentOfAlpha = async (asOf: AsOf) => (await read<{ listParents: { parents: Ids } }>('query($c: String!, $a: AsOfInput) { listParents(childId: $c, asOf: $a) { parents { id type } } }', { c: alpha }, asOf)).listParents.parents;
  const targets = async (asOf: AsOf) => (await read<{ listTargetsForPolicy: { targets: { targetId: string }[] } }>('query($p: String!, $a: AsOfInput) { listTargetsForPolicy(policyId: $p, asOf: $a) { targets { targetId type name } } }', { p: policy }, asOf)).listTargetsForPolicy.targets;
  const allAccounts = async (asOf: AsOf) => (await read<{ listAccounts: { accounts: { id: string; paths: string[] }[] } }>('query($a: AsOfInput) { listAccounts(asOf: $a, maxResults: 20) { accounts { id paths } } }', {}, asOf)).listAccounts.accounts;
  const at = (token: string) => ({ position: token });
  const sorted = (...values: string[]) => [...values].sort();

  // Point 1: both OUs, both accounts still under the root, the tag on Apps, no policy yet.
  expect(await tree(at(p1))).toEqual({
    organizationId: org.organizationId,
    rootAccounts: sorted(mgmt, alpha, beta),
    ous: { Apps: { accounts: [], tags: [{ key: 'team', value: 'apps' }], path: `${org.organizationId}/${rootId}/${ouA}/` }, Data: { accounts: [], tags: [], path: `${org.organizationId}/${rootId}/${ouB}/` } },
  });
  expect(refusalOf(await orgs.call('query($p: String!, $a: AsOfInput) { listTargetsForPolicy(policyId: $p, asOf: $a) { targets { targetId } } }', key, { p: policy, a: at(p1) }))).toEqual({ code: 'PolicyNotFoundException', reason: undefined });
  expect(await parentOfAlpha(at(p1))).toEqual([{ id: rootId, type: 'ROOT' }]);

  // Point 2 (by position and by time): Alpha in Apps, NoEc2 attached to Apps.
  for (const point of [at(p2), { time: t2 }]) {
    expect((await tree(point)).ous.Apps.accounts).toEqual([alpha]);
    expect(await accountsUnder(ouA, point)).toEqual([alpha]);
    expect(await parentOfAlpha(point)).toEqual([{ id: ouA, type: 'ORGANIZATIONAL_UNIT' }]);
    expect(await targets(point)).toEqual([{ targetId: ouA, type: 'ORGANIZATIONAL_UNIT', name: 'Apps' }]);
    const onApps = await read<{ listPoliciesForTarget: { policies: Ids } }>('query($t: String!, $a: AsOfInput) { listPoliciesForTarget(targetId: $t, filter: SERVICE_CONTROL_POLICY, asOf: $a) { policies { id } } }', { t: ouA }, point);
    expect(onApps.listPoliciesForTarget.policies.map((p) => p.id)).toEqual(['p-FullAWSAccess', policy]);
    expect((await allAccounts(point)).find((a) => a.id === alpha)?.paths).toEqual([`${org.organizationId}/${rootId}/${ouA}/${alpha}/`]);
  }

  // Point 3: the policy detached, Alpha moved to Data, Apps deleted; Later not there yet.
  expect((await tree(at(p3))).ous).toEqual({ Data: { accounts: [alpha], tags: [], path: `${org.organizationId}/${rootId}/${ouB}/` } });
  expect(await childOus(at(p3))).toEqual([ouB]);
  expect(await targets(at(p3))).toEqual([]);
  expect(refusalOf(await orgs.call('query($o: String!, $a: AsOfInput) { describeOrganizationalUnit(organizationalUnitId: $o, asOf: $a) { organizationalUnit { id } } }', key, { o: ouA, a: at(p3) }))).toEqual({ code: 'OrganizationalUnitNotFoundException', reason: undefined });
  const apps = await read<{ describeOrganizationalUnit: { organizationalUnit: { name: string } } }>('query($o: String!, $a: AsOfInput) { describeOrganizationalUnit(organizationalUnitId: $o, asOf: $a) { organizationalUnit { name } } }', { o: ouA }, at(p2));
  expect(apps.describeOrganizationalUnit.organizationalUnit.name).toBe('Apps');

  // The present, from the log (asOf now) and from the read models, agree.
  const now = { time: new Date().toISOString() };
  expect(sorted(...(await childOus(now)))).toEqual(sorted(ouB, later));
  const present = await eventually(async () => {
    const { listChildren } = await orgs.ok<{ listChildren: { children: Ids } }>('query($p: String!) { listChildren(parentId: $p, childType: ORGANIZATIONAL_UNIT) { children { id } } }', key, { p: rootId });
    return listChildren.children.length === 2 && listChildren.children.map((c) => c.id);
  }, 10_000, 'the read models to show Later');
  expect(present).toEqual(await childOus(now));
  expect(await allAccounts(now)).toEqual((await orgs.ok<{ listAccounts: { accounts: object[] } }>('{ listAccounts(maxResults: 20) { accounts { id paths } } }', key)).listAccounts.accounts);
  const [described, roots] = await Promise.all([
    read<{ describeOrganization: { organization: { id: string; masterAccountId: string } } }>('query($a: AsOfInput) { describeOrganization(asOf: $a) { organization { id masterAccountId } } }', {}, at(p1)),
    read<{ listRoots: { roots: Ids } }>('query($a: AsOfInput) { listRoots(asOf: $a) { roots { id } } }', {}, at(p1)),
  ]);
  expect(described.describeOrganization.organization).toEqual({ id: org.organizationId, masterAccountId: mgmt });
  expect(roots.listRoots.roots).toEqual([{ id: rootId }]);

  // A member: itself, as of a point after it joined; not the organization's lists, nor before it joined.
  const betaKey = (await mutate<{ createApiKey: { apiKey: string } }>('mutation($id: String!) { createApiKey(input: { accountId: $id, role: READ_ONLY }) { apiKey } }', { id: beta })).createApiKey.apiKey;
  const asBeta = (query: string, variables: object) => orgs.call<Record<string, { account?: { id: string } }>>(query, betaKey, variables);
  const self = await asBeta('query($id: String!, $a: AsOfInput) { describeAccount(accountId: $id, asOf: $a) { account { id } } }', { id: beta, a: at(p1) });
  expect(self.data?.describeAccount.account?.id).toBe(beta);
  expect(refusalOf(await asBeta('query($id: String!, $a: AsOfInput) { describeAccount(accountId: $id, asOf: $a) { account { id } } }', { id: beta, a: at(org.token) }))).toEqual({ code: 'AWSOrganizationsNotInUseException', reason: undefined });
  expect(refusalOf(await asBeta('query($a: AsOfInput) { listAccounts(asOf: $a) { accounts { id } } }', { a: at(p1) })).code).toBe('AccessDeniedException');
  expect(refusalOf(await asBeta(TREE, { a: at(p1) })).code).toBe('AccessDeniedException');
  expect(refusalOf(await asBeta('query($id: String!, $a: AsOfInput) { describeAccount(accountId: $id, asOf: $a) { account { id } } }', { id: alpha, a: at(p1) })).code).toBe('AccessDeniedException');

  // Bad points: none, both, the future, a position ahead of the log, not a position.
  const refusal = async (asOf: object) => refusalOf(await orgs.call('query($a: AsOfInput) { listAccounts(asOf: $a) { accounts { id } } }', key, { a: asOf })).code;
  expect(await refusal({})).toBe('InvalidInputException');
  expect(await refusal({ time: t2, position: p2 })).toBe('InvalidInputException');
  expect(await refusal({ time: new Date(Date.now() + 3_600_000).toISOString() })).toBe('InvalidInputException');
  expect(await refusal({ position: '999999999999' })).toBe('InvalidInputException');
  expect(await refusal({ position: 'yesterday' })).toBe('InvalidInputException');
  expect(await refusal({ time: '2020-01-01T00:00:00.000Z' })).toBe('AWSOrganizationsNotInUseException');

  // Another tenant: as of the same points it sees only its own organization, which did not exist then.
  const other = await orgs.organization('time-travel-other');
  for (const point of [at(p1), at(p3)]) {
    expect(refusalOf(await orgs.call(TREE, other.key, { a: point })).code).toBe('AWSOrganizationsNotInUseException');
    expect(refusalOf(await orgs.call('query($o: String!, $a: AsOfInput) { describeOrganizationalUnit(organizationalUnitId: $o, asOf: $a) { organizationalUnit { id } } }', other.key, { o: ouB, a: point })).code).toBe('AWSOrganizationsNotInUseException');
  }
  const theirs = await orgs.ok<{ organization: { id: string; root: { organizationalUnits: Edges; accounts: Edges } } }>(TREE, other.key, { a: { time: new Date().toISOString() } });
  expect(theirs.organization.id).toBe(other.organizationId);
  expect(ids(theirs.organization.root.accounts)).toEqual([other.accountId]);
  expect(theirs.organization.root.organizationalUnits.edges).toEqual([]);
}, 120_000);

const ids = (connection: Edges) => connection.edges.map((e) => e.node.id);
const pause = () => new Promise((resolve) => setTimeout(resolve, 50));

/** createAccount, polled to SUCCEEDED as an AWS client would. */
async function createdAccount(key: string, name: string): Promise<string> {
  const { createAccount } = await orgs.ok<{ createAccount: { createAccountStatus: { id: string }; consistencyToken: string } }>(
    'mutation($e: String!, $n: String!) { createAccount(input: { email: $e, accountName: $n }) { createAccountStatus { id } consistencyToken } }',
    key,
    { e: uniqueEmail(name.toLowerCase()), n: name },
  );
  return eventually(async () => {
    const { describeCreateAccountStatus } = await orgs.ok<{ describeCreateAccountStatus: { createAccountStatus: { state: string; accountId: string | null } } }>(
      'query($id: String!, $t: String) { describeCreateAccountStatus(createAccountRequestId: $id, consistencyToken: $t) { createAccountStatus { state accountId } } }',
      key,
      { id: createAccount.createAccountStatus.id, t: createAccount.consistencyToken },
    );
    const status = describeCreateAccountStatus.createAccountStatus;
    if (status.state === 'FAILED') throw new Error(`createAccount ${name} failed`);
    return status.state === 'SUCCEEDED' && status.accountId;
  }, 30_000, `account ${name} to be created`);
}
