import { E2eService, refusalOf } from './support/e2e-service';

/**
 * The policy journey over HTTP: SCPs on from the start with FullAWSAccess everywhere, a deny-list
 * SCP on an OU, the simulator explaining a deny at that level and the allow elsewhere, the
 * allow-list move (attach, then detach FullAWSAccess), the last-SCP and delete-while-attached
 * refusals, tag policies merged into an account's effective policy, and tags on a policy.
 */
const orgs = new E2eService('e2e-policies-operator');

beforeAll(() => orgs.start(), 90_000);
afterAll(() => orgs.stop());

const NO_EC2 = JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'NoEc2', Effect: 'Deny', Action: 'ec2:*', Resource: '*' }] });
const S3_ONLY = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] });
const TAGS_ROOT = JSON.stringify({ tags: { costcenter: { tag_key: { '@@assign': 'CostCenter' }, tag_value: { '@@assign': ['cc-100', 'cc-200'] } } } });
const TAGS_OU = JSON.stringify({ tags: { costcenter: { tag_value: { '@@append': ['cc-300'] } } } });

type Token = { consistencyToken: string };

it('runs the policy journey', async () => {
  const org = await orgs.organization('policy-journey');
  const { key, rootId } = org;
  const mgmt = org.accountId;
  const { createOrganizationalUnit: ou } = await orgs.ok<{ createOrganizationalUnit: { organizationalUnit: { id: string } } & Token }>(
    'mutation($p: String!) { createOrganizationalUnit(input: { parentId: $p, name: "Workloads" }) { organizationalUnit { id } consistencyToken } }',
    key,
    { p: rootId },
  );
  const ouId = ou.organizationalUnit.id;
  const { listPoliciesForTarget: onOu } = await orgs.ok<{ listPoliciesForTarget: { policies: { id: string; awsManaged: boolean }[] } }>(
    'query($t: String!, $c: String) { listPoliciesForTarget(targetId: $t, filter: SERVICE_CONTROL_POLICY, consistencyToken: $c) { policies { id awsManaged } } }',
    key,
    { t: ouId, c: ou.consistencyToken },
  );
  expect(onOu.policies).toEqual([{ id: 'p-FullAWSAccess', awsManaged: true }]);

  const create = (name: string, type: string, content: string) =>
    orgs.ok<{ createPolicy: { policy: { policySummary: { id: string; arn: string } } } & Token }>(
      'mutation($n: String!, $ty: PolicyType!, $c: String!) { createPolicy(input: { name: $n, description: "", type: $ty, content: $c, tags: [{ key: "team", value: "sec" }] }) { policy { policySummary { id arn } } consistencyToken } }',
      key,
      { n: name, ty: type, c: content },
    );
  const noEc2 = (await create('NoEc2', 'SERVICE_CONTROL_POLICY', NO_EC2)).createPolicy.policy.policySummary.id;
  const attach = (p: string, t: string) => orgs.call<{ attachPolicy: Token }>('mutation($p: String!, $t: String!) { attachPolicy(input: { policyId: $p, targetId: $t }) { consistencyToken } }', key, { p, t });
  const detach = (p: string, t: string) => orgs.call<{ detachPolicy: Token }>('mutation($p: String!, $t: String!) { detachPolicy(input: { policyId: $p, targetId: $t }) { consistencyToken } }', key, { p, t });
  expect((await attach(noEc2, ouId)).errors).toBeUndefined();

  const simulate = (accountId: string, action: string, c?: string) =>
    orgs.ok<{ simulateAccess: { simulation: { decision: string; decidedAt: { source: string; targetId: string } | null; exemptions: string[]; explanation: string } } }>(
      'query($a: String!, $x: String!, $c: String) { simulateAccess(input: { accountId: $a, action: $x, resource: "*" }, consistencyToken: $c) { simulation { decision decidedAt { source targetId } exemptions explanation } } }',
      key,
      { a: accountId, x: action, c },
    );
  // The management account is exempt from SCPs even under a Deny (members: the access matrix and the engine's 84 cases).
  const exempt = await simulate(mgmt, 'ec2:RunInstances');
  expect(exempt.simulateAccess.simulation).toMatchObject({ decision: 'ALLOWED', exemptions: expect.arrayContaining(['SCPs do not apply to the management account.']) });

  // The allow-list move on the OU: attach the replacement first, then FullAWSAccess may go; the last SCP may not.
  const s3Only = (await create('S3Only', 'SERVICE_CONTROL_POLICY', S3_ONLY)).createPolicy.policy.policySummary.id;
  expect((await attach(s3Only, ouId)).errors).toBeUndefined();
  expect((await detach('p-FullAWSAccess', ouId)).errors).toBeUndefined();
  expect(refusalOf(await detach(s3Only, rootId))).toEqual({ code: 'PolicyNotAttachedException', reason: undefined });
  await detach(noEc2, ouId);
  expect(refusalOf(await detach(s3Only, ouId))).toEqual({ code: 'ConstraintViolationException', reason: 'MIN_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED' });
  expect(refusalOf(await orgs.call('mutation($p: String!) { deletePolicy(input: { policyId: $p }) { consistencyToken } }', key, { p: s3Only }))).toEqual({ code: 'PolicyInUseException', reason: undefined });

  // Tag policies: enable the type, attach at the root and the OU, read the management account's effective policy.
  const enabled = await orgs.ok<{ enablePolicyType: { root: { policyTypes: { type: string }[] } } & Token }>(
    'mutation($r: String!) { enablePolicyType(input: { rootId: $r, policyType: TAG_POLICY }) { root { policyTypes { type } } consistencyToken } }',
    key,
    { r: rootId },
  );
  expect(enabled.enablePolicyType.root.policyTypes.map((p) => p.type).sort()).toEqual(['SERVICE_CONTROL_POLICY', 'TAG_POLICY']);
  const tagRoot = (await create('cc', 'TAG_POLICY', TAGS_ROOT)).createPolicy.policy.policySummary.id;
  const tagOu = (await create('cc-ou', 'TAG_POLICY', TAGS_OU)).createPolicy.policy.policySummary.id;
  await attach(tagOu, ouId);
  const last = (await attach(tagRoot, rootId)).data!.attachPolicy;
  const effective = await orgs.ok<{ describeEffectivePolicy: { effectivePolicy: { policyContent: string; targetId: string } } }>(
    'query($c: String) { describeEffectivePolicy(policyType: TAG_POLICY, consistencyToken: $c) { effectivePolicy { policyContent targetId } } }',
    key,
    { c: last.consistencyToken },
  );
  expect(JSON.parse(effective.describeEffectivePolicy.effectivePolicy.policyContent)).toEqual({ tags: { costcenter: { tag_key: 'CostCenter', tag_value: ['cc-100', 'cc-200'] } } });

  // The policy's tags and targets read back.
  const { listTagsForResource } = await orgs.ok<{ listTagsForResource: { tags: { key: string }[] } }>('query($r: String!, $c: String) { listTagsForResource(resourceId: $r, consistencyToken: $c) { tags { key } } }', key, { r: tagRoot, c: last.consistencyToken });
  expect(listTagsForResource.tags).toEqual([{ key: 'team' }]);
  const { listTargetsForPolicy } = await orgs.ok<{ listTargetsForPolicy: { targets: { targetId: string; type: string }[] } }>('query($p: String!, $c: String) { listTargetsForPolicy(policyId: $p, consistencyToken: $c) { targets { targetId type } } }', key, { p: tagRoot, c: last.consistencyToken });
  expect(listTargetsForPolicy.targets).toEqual([{ targetId: rootId, type: 'ROOT' }]);
}, 120_000);
