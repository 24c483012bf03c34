import { createdMember } from './support/access-fixture';
import { E2eService, refusalOf } from './support/e2e-service';

/**
 * previewPolicyChange over HTTP: the management account records sample requests made in a member
 * account under an OU and in itself, then previews attaching a deny SCP to the OU, detaching
 * FullAWSAccess from it (an allow-list with a missing allow), and updating the deny: each preview
 * names the samples whose decision turns, in which account, with both evaluations; samples list and
 * delete; the preview changes nothing (the simulator still answers as before).
 */
const orgs = new E2eService('e2e-policy-preview-operator');

beforeAll(() => orgs.start(), 90_000);
afterAll(() => orgs.stop());

const doc = (...Statement: object[]) => JSON.stringify({ Version: '2012-10-17', Statement });
const NO_EC2 = doc({ Sid: 'NoEc2', Effect: 'Deny', Action: 'ec2:*', Resource: '*' });
const NO_S3 = doc({ Sid: 'NoS3', Effect: 'Deny', Action: 's3:*', Resource: '*' });
const S3_ONLY = doc({ Sid: 'S3Only', Effect: 'Allow', Action: 's3:*', Resource: '*' });

interface Change {
  label: string;
  sampleId: string | null;
  accountId: string;
  why: string;
  before: { decision: string };
  after: { decision: string; decidedAt: { source: string; targetId: string | null } | null; explicitDenies: { policyId: string; sid: string | null }[] };
}
type Preview = { previewPolicyChange: { preview: { evaluated: number; skipped: string[]; changed: Change[] } } };

const PREVIEW = `query($c: PolicyChangeInput!, $r: [SimulateAccessInput!], $t: String) {
  previewPolicyChange(input: { change: $c, requests: $r }, consistencyToken: $t) {
    preview { evaluated skipped changed { label sampleId accountId why before { decision } after { decision decidedAt { source targetId } explicitDenies { policyId sid } } } }
  }
}`;

it('records samples and previews attach, detach and update against them', async () => {
  const org = await orgs.organization('policy-preview');
  const { key, rootId } = org;
  const { createOrganizationalUnit: ou } = await orgs.ok<{ createOrganizationalUnit: { organizationalUnit: { id: string } } }>(
    'mutation($p: String!) { createOrganizationalUnit(input: { parentId: $p, name: "Workloads" }) { organizationalUnit { id } } }',
    key,
    { p: rootId },
  );
  const ouId = ou.organizationalUnit.id;
  const member = (await createdMember(orgs, key, rootId, ouId)).accountId;
  const create = async (name: string, content: string) =>
    (await orgs.ok<{ createPolicy: { policy: { policySummary: { id: string } } } }>('mutation($n: String!, $c: String!) { createPolicy(input: { name: $n, description: "", type: SERVICE_CONTROL_POLICY, content: $c }) { policy { policySummary { id } } } }', key, { n: name, c: content }))
      .createPolicy.policy.policySummary.id;
  const noEc2 = await create('NoEc2', NO_EC2);
  const s3Only = await create('S3Only', S3_ONLY);

  const { recordAccessSamples } = await orgs.ok<{ recordAccessSamples: { samples: { sampleId: string; name: string; accountId: string; region: string | null }[]; consistencyToken: string } }>(
    `mutation($m: String!, $g: String!) { recordAccessSamples(input: { samples: [
      { name: "member-ec2", accountId: $m, action: "ec2:RunInstances", resource: "*", region: "eu-west-1" },
      { name: "member-s3", accountId: $m, action: "s3:GetObject", resource: "arn:aws:s3:::data/a", context: [{ key: "aws:SecureTransport", values: ["true"] }] },
      { accountId: $g, action: "ec2:RunInstances", resource: "*" }
    ] }) { samples { sampleId name accountId region } consistencyToken } }`,
    key,
    { m: member, g: org.accountId },
  );
  expect(recordAccessSamples.samples.map((s) => [s.name, s.accountId, s.region])).toEqual([
    ['member-ec2', member, 'eu-west-1'],
    ['member-s3', member, null],
    ['sample-3', org.accountId, null],
  ]);
  const [ec2Sample] = recordAccessSamples.samples;
  let t = recordAccessSamples.consistencyToken;

  // Attaching the deny to the OU: only the member's EC2 sample turns (the management account is exempt).
  const attach = await orgs.ok<Preview>(PREVIEW, key, { c: { kind: 'ATTACH', policyId: noEc2, targetId: ouId }, t });
  expect(attach.previewPolicyChange.preview).toMatchObject({ evaluated: 3, skipped: [] });
  expect(attach.previewPolicyChange.preview.changed).toEqual([
    {
      label: 'member-ec2',
      sampleId: ec2Sample.sampleId,
      accountId: member,
      why: expect.stringContaining(`Attaching ${noEc2} to ${ouId} turns ALLOWED into EXPLICIT_DENY`),
      before: { decision: 'ALLOWED' },
      after: { decision: 'EXPLICIT_DENY', decidedAt: { source: 'SERVICE_CONTROL_POLICY', targetId: ouId }, explicitDenies: [{ policyId: noEc2, sid: 'NoEc2' }] },
    },
  ]);

  // The preview changed nothing: the simulator still allows the request.
  const { simulateAccess } = await orgs.ok<{ simulateAccess: { simulation: { decision: string } } }>('query($a: String!) { simulateAccess(input: { accountId: $a, action: "ec2:RunInstances", resource: "*" }) { simulation { decision } } }', key, { a: member });
  expect(simulateAccess.simulation.decision).toBe('ALLOWED');

  // The allow-list move on the OU: with S3Only beside FullAWSAccess, detaching FullAWSAccess leaves EC2 with no allow at the OU.
  t = (await orgs.ok<{ attachPolicy: { consistencyToken: string } }>('mutation($p: String!, $t: String!) { attachPolicy(input: { policyId: $p, targetId: $t }) { consistencyToken } }', key, { p: s3Only, t: ouId })).attachPolicy.consistencyToken;
  const detach = await orgs.ok<Preview>(PREVIEW, key, { c: { kind: 'DETACH', policyId: 'p-FullAWSAccess', targetId: ouId }, t });
  expect(detach.previewPolicyChange.preview.changed.map((c) => [c.label, c.after.decision, c.after.decidedAt])).toEqual([['member-ec2', 'IMPLICIT_DENY', { source: 'SERVICE_CONTROL_POLICY', targetId: ouId }]]);

  // Updating S3Only (attached to the OU) into a deny of S3 turns the S3 sample, given as an explicit request too.
  t = (await orgs.ok<{ attachPolicy: { consistencyToken: string } }>('mutation($p: String!, $t: String!) { attachPolicy(input: { policyId: $p, targetId: $t }) { consistencyToken } }', key, { p: noEc2, t: rootId })).attachPolicy.consistencyToken;
  // The simulator's compiled chains (filled by the call above) were dropped by the attachment's announcement.
  const simulateEc2 = async (c: string) =>
    (await orgs.ok<{ simulateAccess: { simulation: { decision: string } } }>('query($a: String!, $c: String) { simulateAccess(input: { accountId: $a, action: "ec2:RunInstances", resource: "*" }, consistencyToken: $c) { simulation { decision } } }', key, { a: member, c }))
      .simulateAccess.simulation.decision;
  expect(await simulateEc2(t)).toBe('EXPLICIT_DENY');
  const update = await orgs.ok<Preview>(PREVIEW, key, { c: { kind: 'UPDATE', policyId: s3Only, content: NO_S3 }, r: [{ accountId: member, action: 's3:PutObject', resource: 'arn:aws:s3:::data/b' }, { accountId: member, action: 'sqs:SendMessage', resource: '*' }], t });
  expect(update.previewPolicyChange.preview).toMatchObject({ evaluated: 2, changed: [{ label: 'requests[0]', sampleId: null, before: { decision: 'ALLOWED' }, after: { decision: 'EXPLICIT_DENY' } }] });

  // Refusals, as the change itself would be refused; a malformed document is named.
  expect(refusalOf(await orgs.call(PREVIEW, key, { c: { kind: 'DETACH', policyId: noEc2, targetId: ouId } }))).toEqual({ code: 'PolicyNotAttachedException', reason: undefined });
  expect(refusalOf(await orgs.call(PREVIEW, key, { c: { kind: 'ATTACH', policyId: noEc2, targetId: rootId }, t }))).toEqual({ code: 'DuplicatePolicyAttachmentException', reason: undefined });
  expect(refusalOf(await orgs.call(PREVIEW, key, { c: { kind: 'ATTACH', policyId: noEc2 } }))).toEqual({ code: 'InvalidInputException', reason: 'INPUT_REQUIRED' });
  expect(refusalOf(await orgs.call(PREVIEW, key, { c: { kind: 'UPDATE', policyId: 'p-FullAWSAccess', content: NO_S3 } }))).toEqual({ code: 'InvalidInputException', reason: 'IMMUTABLE_POLICY' });
  expect(refusalOf(await orgs.call(PREVIEW, key, { c: { kind: 'UPDATE', policyId: s3Only, content: '{"Version":"2012-10-17","Statement":[{"Effect":"Maybe","Action":"*","Resource":"*"}]}' } })).code).toBe('MalformedPolicyDocumentException');

  const detached = await orgs.ok<{ detachPolicy: { consistencyToken: string } }>('mutation($p: String!, $t: String!) { detachPolicy(input: { policyId: $p, targetId: $t }) { consistencyToken } }', key, { p: noEc2, t: rootId });
  expect(await simulateEc2(detached.detachPolicy.consistencyToken)).toBe('ALLOWED');

  const rcp = await orgs.ok<{ enablePolicyType: { consistencyToken: string } }>('mutation($r: String!) { enablePolicyType(input: { rootId: $r, policyType: RESOURCE_CONTROL_POLICY }) { consistencyToken } }', key, { r: rootId });
  expect(refusalOf(await orgs.call(PREVIEW, key, { c: { kind: 'DETACH', policyId: 'p-RCPFullAWSAccess', targetId: ouId }, t: rcp.enablePolicyType.consistencyToken }))).toEqual({ code: 'InvalidInputException', reason: 'NON_DETACHABLE_POLICY' });

  // Samples list oldest first and are deleted one by one.
  const del = await orgs.ok<{ deleteAccessSample: { consistencyToken: string } }>('mutation($s: String!) { deleteAccessSample(input: { sampleId: $s }) { consistencyToken } }', key, { s: ec2Sample.sampleId });
  const { listAccessSamples } = await orgs.ok<{ listAccessSamples: { samples: { name: string; context: { key: string; values: string[] }[] }[] } }>(
    'query($t: String) { listAccessSamples(consistencyToken: $t) { samples { name context { key values } } } }',
    key,
    { t: del.deleteAccessSample.consistencyToken },
  );
  expect(listAccessSamples.samples).toEqual([
    { name: 'member-s3', context: [{ key: 'aws:SecureTransport', values: ['true'] }] },
    { name: 'sample-3', context: [] },
  ]);
  expect(refusalOf(await orgs.call('mutation($s: String!) { deleteAccessSample(input: { sampleId: $s }) { consistencyToken } }', key, { s: ec2Sample.sampleId }))).toEqual({ code: 'AccessSampleNotFoundException', reason: undefined });
}, 180_000);
