import { deciderSpecification } from '@orgs/shared/testing';
import { organizationDecider } from '../organization';
import { attached, command, detached, FAA, member, mgmt, ou, policyCreated, RFAA, rootId, TAG, typeEnabled, withMemberInOu } from './policy-specs.fixtures';

const spec = deciderSpecification(organizationDecider);
const scp = 'p-noec2aaaa';
const attach = (policyId: string, targetId: string, actor = mgmt) => command('AttachPolicy', { policyId, targetId }, actor);
const detach = (policyId: string, targetId: string, actor = mgmt) => command('DetachPolicy', { policyId, targetId }, actor);
const given = [...withMemberInOu(), policyCreated(scp, 'NoEc2')];
const scps = (n: number) => Array.from({ length: n }, (_, i) => policyCreated(`p-scp${String(i).padStart(5, '0')}`, `s${i}`));

describe('AttachPolicy', () => {
  it.each([
    ['the root', rootId, 'ROOT'],
    ['an OU', ou, 'ORGANIZATIONAL_UNIT'],
    ['an account', member, 'ACCOUNT'],
  ] as const)('attaches an SCP to %s', (_, targetId, targetType) => {
    spec.given(given).when(attach(scp, targetId)).then([attached(scp, targetId, targetType)]);
  });

  it('refuses a policy whose type is not enabled', () => {
    spec.given([...given, policyCreated('p-tagsaaaaa', 'tags', 'TAG_POLICY', TAG)]).when(attach('p-tagsaaaaa', member)).thenThrows('PolicyTypeNotEnabledException');
  });

  it('refuses a policy already attached to that target', () => {
    spec.given([...given, attached(scp, member)]).when(attach(scp, member)).thenThrows('DuplicatePolicyAttachmentException');
  });

  it('refuses FullAWSAccess where it already is', () => {
    spec.given(given).when(attach(FAA, member)).thenThrows('DuplicatePolicyAttachmentException');
  });

  it('lets a node reach ten SCPs, FullAWSAccess counted', () => {
    const nine = scps(9);
    spec.given([...given, ...nine, ...nine.slice(0, 8).map((e) => attached((e.data as { policy: { id: string } }).policy.id, member))]).when(attach('p-scp00008', member)).then([attached('p-scp00008', member)]);
  });

  it('refuses an eleventh SCP with MAX_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED', () => {
    const nine = scps(9);
    spec.given([...given, ...nine, ...nine.map((e) => attached((e.data as { policy: { id: string } }).policy.id, member))]).when(attach(scp, member)).thenThrows('ConstraintViolationException', 'MAX_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED');
  });

  it('counts RCPFullAWSAccess toward the five RCPs a node may have', () => {
    const rcps = Array.from({ length: 5 }, (_, i) => policyCreated(`p-rcp0000${i}`, `r${i}`, 'RESOURCE_CONTROL_POLICY', '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*"}]}'));
    const enabled = typeEnabled('RESOURCE_CONTROL_POLICY', [{ targetId: member, targetType: 'ACCOUNT' }], RFAA);
    const four = rcps.slice(0, 4).map((_, i) => attached(`p-rcp0000${i}`, member, 'ACCOUNT', 'RESOURCE_CONTROL_POLICY'));
    spec.given([...given, ...rcps, enabled, ...four]).when(attach('p-rcp00004', member)).thenThrows('ConstraintViolationException', 'MAX_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED');
  });

  it('refuses a policy that does not exist', () => {
    spec.given(given).when(attach('p-zzzzzzzz', member)).thenThrows('PolicyNotFoundException');
  });

  it('refuses a target that is not in the organization', () => {
    spec.given(given).when(attach(scp, '999988887777')).thenThrows('TargetNotFoundException');
  });

  it('refuses a member account', () => {
    spec.given(given).when(attach(scp, member, member)).thenThrows('AccessDeniedException');
  });
});

describe('DetachPolicy', () => {
  it('detaches FullAWSAccess once another SCP is attached (the allow-list move)', () => {
    spec.given([...given, attached(scp, member)]).when(detach(FAA, member)).then([detached(FAA, member)]);
  });

  it('refuses to leave a node without an SCP with MIN_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED', () => {
    spec.given(given).when(detach(FAA, ou)).thenThrows('ConstraintViolationException', 'MIN_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED');
  });

  it('refuses RCPFullAWSAccess with NON_DETACHABLE_POLICY', () => {
    spec.given([...given, typeEnabled('RESOURCE_CONTROL_POLICY', [{ targetId: member, targetType: 'ACCOUNT' }], RFAA)]).when(detach(RFAA, member)).thenThrows('InvalidInputException', 'NON_DETACHABLE_POLICY');
  });

  it('detaches a management policy, which has no minimum', () => {
    const tags = 'p-tagsaaaaa';
    spec.given([...given, typeEnabled('TAG_POLICY'), policyCreated(tags, 'tags', 'TAG_POLICY', TAG), attached(tags, ou, 'ORGANIZATIONAL_UNIT', 'TAG_POLICY')])
      .when(detach(tags, ou))
      .then([detached(tags, ou, 'ORGANIZATIONAL_UNIT', 'TAG_POLICY')]);
  });

  it('refuses a policy that is only inherited there with PolicyNotAttachedException', () => {
    spec.given([...given, attached(scp, ou, 'ORGANIZATIONAL_UNIT')]).when(detach(scp, member)).thenThrows('PolicyNotAttachedException');
  });

  it('refuses a policy that does not exist', () => {
    spec.given(given).when(detach('p-zzzzzzzz', member)).thenThrows('PolicyNotFoundException');
  });

  it('refuses a target that is not in the organization', () => {
    spec.given(given).when(detach(FAA, 'ou-k3x9-zzzzzzzz')).thenThrows('TargetNotFoundException');
  });

  it('refuses a member account', () => {
    spec.given([...given, attached(scp, member)]).when(detach(FAA, member, member)).thenThrows('AccessDeniedException');
  });

  it('keeps attach order in the state, the order management policies merge in', () => {
    const state = [...given, attached(scp, ou, 'ORGANIZATIONAL_UNIT')].reduce(organizationDecider.evolve, organizationDecider.initialState());
    expect(state.policyAttachments[ou]).toEqual([FAA, scp]);
  });
});
