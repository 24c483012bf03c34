import { createdMember } from './support/access-fixture';
import { E2eService, refusalOf } from './support/e2e-service';

/**
 * listTagPolicyViolations over HTTP: tag policies at the root (CostCenter with three values) and on
 * a member account (cc-300 removed, the reference's T7), tags on the root, an OU, two accounts and a
 * policy; the report names what breaks the policy of its node, from the whole organization or one OU.
 */
const orgs = new E2eService('e2e-tag-violations-operator');

beforeAll(() => orgs.start(), 90_000);
afterAll(() => orgs.stop());

const ROOT_TAGS = JSON.stringify({ tags: { costcenter: { tag_key: { '@@assign': 'CostCenter' }, tag_value: { '@@assign': ['cc-100', 'cc-200', 'cc-300'] } } } });
const ACCOUNT_TAGS = JSON.stringify({ tags: { costcenter: { tag_value: { '@@remove': ['cc-300'] } } } });

interface Violation {
  resourceId: string;
  resourceType: string;
  effectivePolicyTargetId: string;
  noncompliantKeys: string[];
  keysWithNoncompliantValues: string[];
}

it('reports the resources whose tags break their effective tag policy', async () => {
  const org = await orgs.organization('tag-violations');
  const { key, rootId } = org;
  const { createOrganizationalUnit: ou } = await orgs.ok<{ createOrganizationalUnit: { organizationalUnit: { id: string } } }>(
    'mutation($p: String!) { createOrganizationalUnit(input: { parentId: $p, name: "Workloads" }) { organizationalUnit { id } } }',
    key,
    { p: rootId },
  );
  const ouId = ou.organizationalUnit.id;
  const trimmed = (await createdMember(orgs, key, rootId, ouId)).accountId;
  await orgs.ok('mutation($r: String!) { enablePolicyType(input: { rootId: $r, policyType: TAG_POLICY }) { consistencyToken } }', key, { r: rootId });
  const create = async (name: string, content: string) =>
    (await orgs.ok<{ createPolicy: { policy: { policySummary: { id: string } } } }>('mutation($n: String!, $c: String!) { createPolicy(input: { name: $n, description: "", type: TAG_POLICY, content: $c }) { policy { policySummary { id } } } }', key, { n: name, c: content }))
      .createPolicy.policy.policySummary.id;
  const rootPolicy = await create('cost-centers', ROOT_TAGS);
  const accountPolicy = await create('no-cc-300', ACCOUNT_TAGS);
  const attach = (p: string, t: string) => orgs.ok('mutation($p: String!, $t: String!) { attachPolicy(input: { policyId: $p, targetId: $t }) { consistencyToken } }', key, { p, t });
  await attach(rootPolicy, rootId);
  await attach(accountPolicy, trimmed);
  const tag = (r: string, k: string, v: string) =>
    orgs.ok<{ tagResource: { consistencyToken: string } }>('mutation($r: String!, $k: String!, $v: String!) { tagResource(input: { resourceId: $r, tags: [{ key: $k, value: $v }] }) { consistencyToken } }', key, { r, k, v });
  await tag(trimmed, 'CostCenter', 'cc-300'); // breaks the account's trimmed list
  await tag(org.accountId, 'CostCenter', 'cc-300'); // the management account keeps the root's list: compliant
  await tag(ouId, 'costcenter', 'cc-100'); // wrong capitalization
  await tag(rootPolicy, 'CostCenter', 'cc-999'); // a policy, judged by the root's policy
  const last = await tag(rootId, 'Name', 'root'); // not governed

  const list = (t: string) =>
    orgs.ok<{ listTagPolicyViolations: { violations: Violation[] } }>(
      'query($t: String!, $c: String) { listTagPolicyViolations(targetId: $t, consistencyToken: $c) { violations { resourceId resourceType effectivePolicyTargetId noncompliantKeys keysWithNoncompliantValues } } }',
      key,
      { t, c: last.tagResource.consistencyToken },
    );
  const everything = (await list(rootId)).listTagPolicyViolations.violations;
  expect(everything).toEqual([
    { resourceId: ouId, resourceType: 'ORGANIZATIONAL_UNIT', effectivePolicyTargetId: rootId, noncompliantKeys: ['costcenter'], keysWithNoncompliantValues: ['costcenter'] },
    { resourceId: trimmed, resourceType: 'ACCOUNT', effectivePolicyTargetId: trimmed, noncompliantKeys: [], keysWithNoncompliantValues: ['CostCenter'] },
    { resourceId: rootPolicy, resourceType: 'POLICY', effectivePolicyTargetId: rootId, noncompliantKeys: [], keysWithNoncompliantValues: ['CostCenter'] },
  ]);
  // From the OU: the OU and what is below it; no policies, no root.
  expect((await list(ouId)).listTagPolicyViolations.violations.map((v) => v.resourceId)).toEqual([ouId, trimmed]);
  expect((await list(trimmed)).listTagPolicyViolations.violations.map((v) => v.resourceId)).toEqual([trimmed]);
  expect(refusalOf(await orgs.call('query { listTagPolicyViolations(targetId: "ou-zzzz-zzzzzzzz") { violations { resourceId } } }', key))).toEqual({ code: 'TargetNotFoundException', reason: undefined });

  // Enforcement: once the root's policies enforce CostCenter on OUs, tagging an OU with a bad value is refused; accounts are only reported.
  await attach(await create('enforce-on-ous', JSON.stringify({ tags: { costcenter: { enforced_for: { '@@assign': ['organizations:ou'] } } } })), rootId);
  const tagCall = (r: string, v: string) => orgs.call('mutation($r: String!, $v: String!) { tagResource(input: { resourceId: $r, tags: [{ key: "CostCenter", value: $v }] }) { consistencyToken } }', key, { r, v });
  expect(refusalOf(await tagCall(ouId, 'cc-999'))).toEqual({ code: 'ConstraintViolationException', reason: 'TAG_POLICY_VIOLATION' });
  expect((await tagCall(ouId, 'cc-200')).errors).toBeUndefined();
  expect((await tagCall(org.accountId, 'cc-999')).errors).toBeUndefined();
}, 180_000);
