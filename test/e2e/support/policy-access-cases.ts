import { as, DENIED, json, LISTS_NONE_OF_A, NO_IDS, ok, refused, type Case } from './access-matrix';

/**
 * The policy operations' rows of the access matrix. Tenant A has only the AWS managed policies
 * (FullAWSAccess on every node), so the cases aim at those and at A's root, OU and accounts.
 */
const FAA = 'p-FullAWSAccess';
const SCP = JSON.stringify(JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'ec2:*', Resource: '*' }] }));

export const POLICY_CASES: Record<string, Case> = {
  createPolicy: {
    document: `mutation { createPolicy(input: { name: "matrix", description: "", type: SERVICE_CONTROL_POLICY, content: ${SCP} }) { policy { policySummary { id } } } }`,
    readOnly: DENIED,
    member: DENIED,
    otherTenant: NO_IDS,
  },
  updatePolicy: {
    document: 'mutation($p: String!) { updatePolicy(input: { policyId: $p, name: "renamed" }) { policy { policySummary { id } } } }',
    vars: () => ({ p: FAA }),
    readOnly: DENIED,
    member: DENIED,
    otherTenant: [as(() => ({ p: 'p-notthere1' }), refused('PolicyNotFoundException')), as(() => ({ p: FAA }), refused('InvalidInputException'))],
  },
  deletePolicy: {
    document: 'mutation($p: String!) { deletePolicy(input: { policyId: $p }) { consistencyToken } }',
    vars: () => ({ p: FAA }),
    readOnly: DENIED,
    member: DENIED,
    otherTenant: [as(() => ({ p: 'p-notthere1' }), refused('PolicyNotFoundException'))],
  },
  attachPolicy: {
    document: 'mutation($p: String!, $t: String!) { attachPolicy(input: { policyId: $p, targetId: $t }) { consistencyToken } }',
    vars: (a) => ({ p: FAA, t: a.ouId }),
    readOnly: DENIED,
    member: DENIED,
    otherTenant: [as((a) => ({ p: FAA, t: a.ouId }), refused('TargetNotFoundException')), as((a) => ({ p: FAA, t: a.created.accountId }), refused('TargetNotFoundException'))],
  },
  detachPolicy: {
    document: 'mutation($p: String!, $t: String!) { detachPolicy(input: { policyId: $p, targetId: $t }) { consistencyToken } }',
    vars: (a) => ({ p: FAA, t: a.ouId }),
    readOnly: DENIED,
    member: DENIED,
    otherTenant: [as((a) => ({ p: FAA, t: a.ouId }), refused('TargetNotFoundException')), as((a) => ({ p: FAA, t: a.rootId }), refused('TargetNotFoundException'))],
  },
  enablePolicyType: {
    document: 'mutation($r: String!) { enablePolicyType(input: { rootId: $r, policyType: TAG_POLICY }) { root { id } } }',
    vars: (a) => ({ r: a.rootId }),
    readOnly: DENIED,
    member: DENIED,
    otherTenant: refused('RootNotFoundException'),
  },
  disablePolicyType: {
    document: 'mutation($r: String!) { disablePolicyType(input: { rootId: $r, policyType: SERVICE_CONTROL_POLICY }) { root { id } } }',
    vars: (a) => ({ r: a.rootId }),
    readOnly: DENIED,
    member: DENIED,
    otherTenant: refused('RootNotFoundException'),
  },
  describePolicy: {
    document: 'query($p: String!) { describePolicy(policyId: $p) { policy { policySummary { id awsManaged } content } } }',
    vars: () => ({ p: FAA }),
    readOnly: ok((d) => expect(json(d)).toContain('"awsManaged":true')),
    member: DENIED,
    // AWS managed policies are every organization's; a customer id of nobody's is not found.
    otherTenant: [as(() => ({ p: FAA }), ok()), as(() => ({ p: 'p-notthere1' }), refused('PolicyNotFoundException'))],
  },
  listPolicies: {
    document: 'query { listPolicies(filter: SERVICE_CONTROL_POLICY) { policies { id } nextToken } }',
    readOnly: ok((d) => expect(json(d)).toContain(FAA)),
    member: DENIED,
    otherTenant: LISTS_NONE_OF_A,
  },
  listPoliciesForTarget: {
    document: 'query($t: String!) { listPoliciesForTarget(targetId: $t, filter: SERVICE_CONTROL_POLICY) { policies { id } } }',
    vars: (a) => ({ t: a.ouId }),
    readOnly: ok((d) => expect(json(d)).toContain(FAA)),
    member: DENIED,
    otherTenant: [as((a) => ({ t: a.ouId }), refused('TargetNotFoundException')), as((a) => ({ t: a.created.accountId }), refused('TargetNotFoundException'))],
  },
  listTargetsForPolicy: {
    document: 'query($p: String!) { listTargetsForPolicy(policyId: $p, maxResults: 20) { targets { targetId type } } }',
    vars: () => ({ p: FAA }),
    readOnly: ok((d, a) => expect(json(d)).toContain(a.rootId)),
    member: DENIED,
    otherTenant: LISTS_NONE_OF_A,
  },
  describeEffectivePolicy: {
    document: 'query($t: String) { describeEffectivePolicy(policyType: TAG_POLICY, targetId: $t) { effectivePolicy { policyContent } } }',
    vars: (a) => ({ t: a.created.accountId }),
    // A has no tag policy: the account is found, its effective policy is not.
    readOnly: refused('EffectivePolicyNotFoundException'),
    member: [as(() => ({}), refused('EffectivePolicyNotFoundException')), as((a) => ({ t: a.management.accountId }), DENIED)],
    otherTenant: refused('TargetNotFoundException'),
  },
  simulateAccess: {
    document: 'query($a: String!) { simulateAccess(input: { accountId: $a, action: "ec2:RunInstances", resource: "*" }) { simulation { decision levels { targetId passes } } } }',
    vars: (a) => ({ a: a.created.accountId }),
    readOnly: ok((d, a) => expect(json(d)).toContain(a.rootId)),
    member: [as((a) => ({ a: a.created.accountId }), ok((d) => expect(json(d)).toContain('ALLOWED'))), as((a) => ({ a: a.management.accountId }), DENIED)],
    otherTenant: refused('AccountNotFoundException'),
  },
  recordAccessSamples: {
    document: 'mutation($a: String!) { recordAccessSamples(input: { samples: [{ accountId: $a, action: "ec2:RunInstances", resource: "*" }] }) { samples { sampleId } } }',
    vars: (a) => ({ a: a.created.accountId }),
    readOnly: DENIED,
    member: DENIED,
    otherTenant: refused('AccountNotFoundException'),
  },
  deleteAccessSample: {
    document: 'mutation($s: String!) { deleteAccessSample(input: { sampleId: $s }) { consistencyToken } }',
    vars: () => ({ s: 'as-none' }),
    readOnly: DENIED,
    member: DENIED,
    otherTenant: refused('AccessSampleNotFoundException'),
  },
  listAccessSamples: {
    document: 'query { listAccessSamples { samples { sampleId accountId } nextToken } }',
    readOnly: ok((d) => expect(json(d)).toContain('"samples":[]')),
    member: DENIED,
    otherTenant: LISTS_NONE_OF_A,
  },
  previewPolicyChange: {
    document:
      'query($a: String!, $r: String!) { previewPolicyChange(input: { change: { kind: DETACH, policyId: "p-FullAWSAccess", targetId: $r }, requests: [{ accountId: $a, action: "ec2:RunInstances", resource: "*" }] }) { preview { evaluated changed { accountId before { decision } after { decision } } } } }',
    vars: (a) => ({ a: a.created.accountId, r: a.rootId }),
    readOnly: ok((d, a) => expect(json(d)).toContain(`"accountId":"${a.created.accountId}"`)),
    member: DENIED,
    otherTenant: refused('TargetNotFoundException'),
  },
  listTagPolicyViolations: {
    document: 'query($t: String!) { listTagPolicyViolations(targetId: $t) { violations { resourceId } nextToken } }',
    vars: (a) => ({ t: a.rootId }),
    // A has tags but no tag policy: nothing breaks one.
    readOnly: ok((d) => expect(json(d)).toContain('"violations":[]')),
    member: DENIED,
    otherTenant: [as((a) => ({ t: a.rootId }), refused('TargetNotFoundException')), as((a) => ({ t: a.ouId }), refused('TargetNotFoundException'))],
  },
};
