import { compilePolicy } from './compile';
import { accounts, catalogPolicy, organizationOf, requestOf, SCPS, type CaseRequest, type CaseSetup } from './evaluation.fixtures';
import { parseIamPolicy } from './parse-iam';
import { previewPolicyChange, type PolicyChange } from './preview';

/**
 * previewPolicyChange on the reference's sample organization: given the attached policies, when a
 * change is proposed, then exactly the requests whose decision it turns around, and why.
 */
const S3 = 'arn:aws:s3:::app-prod-data/a';
const samples: Record<string, CaseRequest> = {
  'prod-ec2': { account: '4444', action: 'ec2:RunInstances' },
  'prod-s3': { account: '4444', action: 's3:GetObject', resource: S3 },
  'dev-ec2': { account: '7777', action: 'ec2:RunInstances' },
  'dev-s3-plain-http': { account: '7777', action: 's3:GetObject', resource: S3, bucketPolicyFor: { AWS: 'arn:aws:iam::777788889999:role/Builder' }, context: { 'aws:SecureTransport': false } },
  'sandbox-ec2': { account: '5555', action: 'ec2:RunInstances' },
  'management-ec2': { account: '1111', action: 'ec2:RunInstances' },
  'service-linked-role': { account: '7777', principal: 'arn:aws:iam::777788889999:role/aws-service-role/elasticloadbalancing.amazonaws.com/AWSServiceRoleForElasticLoadBalancing', action: 'ec2:RunInstances' },
};
const requests = Object.entries(samples).map(([label, r]) => ({ label, accountId: accounts[r.account], request: requestOf(r) }));

function preview(setup: CaseSetup, change: PolicyChange) {
  return previewPolicyChange(requests, organizationOf(setup), change).changed.map((c) => ({ label: c.label, before: c.before.decision, after: c.after.decision }));
}

const scp = (name: string) => catalogPolicy(name);
const SCP = 'SERVICE_CONTROL_POLICY' as const;

describe('previewPolicyChange', () => {
  it('attaching a deny-all SCP to an OU denies the accounts below it only; the management account and service-linked roles stay exempt', () => {
    expect(preview({}, { kind: 'ATTACH', policyType: SCP, targetId: 'ou-k3x9-7fq2m8zd', policy: scp('S-DENYALL') })).toEqual([
      { label: 'prod-ec2', before: 'ALLOWED', after: 'EXPLICIT_DENY' },
      { label: 'prod-s3', before: 'ALLOWED', after: 'EXPLICIT_DENY' },
      { label: 'dev-ec2', before: 'ALLOWED', after: 'EXPLICIT_DENY' },
      { label: 'dev-s3-plain-http', before: 'ALLOWED', after: 'EXPLICIT_DENY' },
    ]);
  });

  it('detaching FullAWSAccess from an OU leaves only what its other SCPs allow (an allow missing at that level)', () => {
    const result = previewPolicyChange(requests, organizationOf({ add: { Prod: ['S-S3READ'] } }), { kind: 'DETACH', policyType: SCP, targetId: 'ou-k3x9-p4w1c6ty', policyId: 'p-FullAWSAccess' });
    expect(result.evaluated).toBe(requests.length);
    expect(result.changed.map((c) => [c.label, c.accountId, c.after.decision, c.after.decidedAt])).toEqual([['prod-ec2', '444455556666', 'IMPLICIT_DENY', { source: SCP, targetId: 'ou-k3x9-p4w1c6ty' }]]);
    expect(result.changed[0].why).toBe(
      'Detaching p-FullAWSAccess from ou-k3x9-p4w1c6ty turns ALLOWED into IMPLICIT_DENY: ec2:RunInstances on * is denied because no service control policy attached to ou-k3x9-p4w1c6ty allows the ec2:RunInstances action.',
    );
  });

  it('updating an attached SCP replays its new document wherever it is attached: one request freed, another denied', () => {
    const rewritten = compilePolicy('S-NOEC2', 'S-NOEC2', parseIamPolicy(SCPS['S-NOS3'], SCP));
    expect(preview({ add: { Workloads: ['S-NOEC2'] } }, { kind: 'UPDATE', policyType: SCP, policy: rewritten })).toEqual([
      { label: 'prod-ec2', before: 'EXPLICIT_DENY', after: 'ALLOWED' },
      { label: 'prod-s3', before: 'ALLOWED', after: 'EXPLICIT_DENY' },
      { label: 'dev-ec2', before: 'EXPLICIT_DENY', after: 'ALLOWED' },
      { label: 'dev-s3-plain-http', before: 'ALLOWED', after: 'EXPLICIT_DENY' },
    ]);
  });

  it('updating a policy attached nowhere changes nothing', () => {
    expect(preview({}, { kind: 'UPDATE', policyType: SCP, policy: compilePolicy('S-NOEC2', 'S-NOEC2', parseIamPolicy(SCPS['S-DENYALL'], SCP)) })).toEqual([]);
  });

  it('an RCP attached to the resource owner\'s OU changes requests on its resources, whoever makes them', () => {
    expect(preview({ rcp: {} }, { kind: 'ATTACH', policyType: 'RESOURCE_CONTROL_POLICY', targetId: 'ou-k3x9-p4w1c6ty', policy: catalogPolicy('R-TLS') })).toEqual([
      { label: 'dev-s3-plain-http', before: 'ALLOWED', after: 'EXPLICIT_DENY' },
    ]);
  });

  it('attaching a policy already attached there changes nothing', () => {
    expect(preview({ add: { Root: ['S-DENYALL'] } }, { kind: 'ATTACH', policyType: SCP, targetId: 'r-k3x9', policy: scp('S-DENYALL') })).toEqual([]);
  });

  it('an SCP change leaves RCP chains alone, and an RCP change SCP chains', () => {
    expect(preview({ rcp: { Root: ['R-TLS'] } }, { kind: 'DETACH', policyType: SCP, targetId: 'r-k3x9', policyId: 'R-TLS' })).toEqual([]);
    expect(preview({ add: { Root: ['S-DENYALL'] }, rcp: {} }, { kind: 'DETACH', policyType: 'RESOURCE_CONTROL_POLICY', targetId: 'r-k3x9', policyId: 'S-DENYALL' })).toEqual([]);
  });

  it('detaching the deny frees the requests it denied, and says which statement denied them before', () => {
    const result = previewPolicyChange(requests, organizationOf({ add: { Sandbox: ['S-NOEC2'] } }), { kind: 'DETACH', policyType: SCP, targetId: 'ou-k3x9-s5b8n2vd', policyId: 'S-NOEC2' });
    expect(result.changed.map((c) => [c.label, c.before.decision, c.after.decision])).toEqual([['sandbox-ec2', 'EXPLICIT_DENY', 'ALLOWED']]);
    expect(result.changed[0].before.explicitDenies.map((d) => [d.policyId, d.targetId])).toEqual([['S-NOEC2', 'ou-k3x9-s5b8n2vd']]);
  });
});
