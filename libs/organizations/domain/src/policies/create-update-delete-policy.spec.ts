import { deciderSpecification } from '@orgs/shared/testing';
import { organizationDecider } from '../organization';
import { attached, command, createPolicy, detached, member, mgmt, organizationCreated, organizationWithScps, policyCreated, SCP, TAG, withMemberInOu } from './policy-specs.fixtures';

const spec = deciderSpecification(organizationDecider);
const id = 'p-abcd1234';
const tagged = { type: 'ResourceTagged' as const, data: { resourceId: id, resourceType: 'POLICY' as const, tags: [{ key: 'team', value: 'sec' }] } };
const update = (data: object, actor = mgmt) => command('UpdatePolicy', { policyId: id, ...data }, actor);
const remove = (policyId = id, actor = mgmt) => command('DeletePolicy', { policyId }, actor);

describe('CreatePolicy', () => {
  it('creates a detached policy with its ARN', () => {
    spec.given(organizationWithScps()).when(createPolicy({ policyId: id, name: 'NoEc2' })).then([policyCreated(id, 'NoEc2')]);
  });

  it('creates a policy of a type not yet enabled (it cannot be attached until it is)', () => {
    spec.given(organizationWithScps()).when(createPolicy({ policyId: id, name: 'cc', type: 'TAG_POLICY', content: TAG })).then([policyCreated(id, 'cc', 'TAG_POLICY', TAG)]);
  });

  it('tags the new policy in the same decision', () => {
    spec.given(organizationWithScps()).when(createPolicy({ policyId: id, name: 'NoEc2', tags: [{ key: 'team', value: 'sec' }] })).then([policyCreated(id, 'NoEc2'), tagged]);
  });

  it('refuses content its type\'s grammar refuses, naming the statement and element', () => {
    const content = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"*"}]}';
    spec.given(organizationWithScps()).when(createPolicy({ policyId: id, content })).thenThrows('MalformedPolicyDocumentException');
  });

  it('refuses content over the type\'s size with POLICY_CONTENT_LIMIT_EXCEEDED', () => {
    spec.given(organizationWithScps()).when(createPolicy({ policyId: id, content: SCP.padEnd(10_241, ' ') })).thenThrows('ConstraintViolationException', 'POLICY_CONTENT_LIMIT_EXCEEDED');
  });

  it('refuses a name another policy of the type has', () => {
    spec.given([...organizationWithScps(), policyCreated('p-other1234', 'NoEc2')]).when(createPolicy({ policyId: id, name: 'NoEc2' })).thenThrows('DuplicatePolicyException');
  });

  it('refuses the name of the AWS managed policy of the type', () => {
    spec.given(organizationWithScps()).when(createPolicy({ policyId: id, name: 'FullAWSAccess' })).thenThrows('DuplicatePolicyException');
  });

  it('lets two types each have a policy of the same name', () => {
    spec.given([...organizationWithScps(), policyCreated('p-other1234', 'Shared')]).when(createPolicy({ policyId: id, name: 'Shared', type: 'TAG_POLICY', content: TAG })).then([policyCreated(id, 'Shared', 'TAG_POLICY', TAG)]);
  });

  it('refuses a policy beyond the type\'s number per organization with POLICY_NUMBER_LIMIT_EXCEEDED', () => {
    const thousand = Array.from({ length: 1000 }, (_, i) => policyCreated(`p-tag${String(i).padStart(5, '0')}`, `t${i}`, 'TAG_POLICY'));
    spec.given([...organizationWithScps(), ...thousand]).when(createPolicy({ policyId: id, name: 'one-more', type: 'TAG_POLICY', content: TAG })).thenThrows('ConstraintViolationException', 'POLICY_NUMBER_LIMIT_EXCEEDED');
  });

  it('refuses bad tags before anything else', () => {
    spec.given(organizationWithScps()).when(createPolicy({ policyId: id, tags: [{ key: 'aws:x', value: '1' }] })).thenThrows('InvalidInputException', 'INVALID_SYSTEM_TAGS_PARAMETER');
  });

  it('refuses a billing-only organization', () => {
    spec.given([organizationCreated('CONSOLIDATED_BILLING')]).when(createPolicy({ policyId: id })).thenThrows('PolicyTypeNotAvailableForOrganizationException');
  });

  it('refuses a member account', () => {
    spec.given(withMemberInOu()).when(createPolicy({ policyId: id }, member)).thenThrows('AccessDeniedException');
  });
});

describe('UpdatePolicy', () => {
  const given = [...organizationWithScps(), policyCreated(id, 'NoEc2')];
  const updated = (changes: object) => ({ type: 'PolicyUpdated', data: { organizationId: 'o-a1b2c3d4e5', policy: { ...(policyCreated(id, 'NoEc2').data as { policy: object }).policy, ...changes }, updatedAt: '2026-11-23T00:00:00.000Z' } });

  it('changes the name, description and content given, keeping the rest', () => {
    const content = SCP.replace('ec2', 's3');
    spec.given(given).when(update({ description: 'no S3', content })).then([updated({ description: 'no S3', content })] as never);
  });

  it('appends nothing when nothing changes', () => {
    spec.given(given).when(update({ name: 'NoEc2' })).then([]);
  });

  it('refuses new content its type refuses', () => {
    spec.given(given).when(update({ content: '{"Version":"2012-10-17"}' })).thenThrows('MalformedPolicyDocumentException');
  });

  it('refuses a name another policy of the type has', () => {
    spec.given([...given, policyCreated('p-other1234', 'Taken')]).when(update({ name: 'Taken' })).thenThrows('DuplicatePolicyException');
  });

  it('refuses an AWS managed policy with IMMUTABLE_POLICY', () => {
    spec.given(given).when(command('UpdatePolicy', { policyId: 'p-FullAWSAccess', name: 'Mine' })).thenThrows('InvalidInputException', 'IMMUTABLE_POLICY');
  });

  it('refuses a policy that does not exist', () => {
    spec.given(organizationWithScps()).when(update({ name: 'x' })).thenThrows('PolicyNotFoundException');
  });
});

describe('DeletePolicy', () => {
  const given = [...withMemberInOu(), policyCreated(id, 'NoEc2')];

  it('deletes a detached policy and its tags', () => {
    spec.given([...given, tagged]).when(remove()).then([
      { type: 'PolicyDeleted', data: { organizationId: 'o-a1b2c3d4e5', policyId: id, policyType: 'SERVICE_CONTROL_POLICY', deletedAt: '2026-11-23T00:00:00.000Z' } },
      { type: 'ResourceUntagged', data: { resourceId: id, resourceType: 'POLICY', tagKeys: ['team'] } },
    ]);
  });

  it('refuses a policy still attached with PolicyInUseException', () => {
    spec.given([...given, attached(id, member)]).when(remove()).thenThrows('PolicyInUseException');
  });

  it('deletes a policy once detached again', () => {
    spec.given([...given, attached(id, member), detached(id, member)]).when(remove()).then([{ type: 'PolicyDeleted', data: { organizationId: 'o-a1b2c3d4e5', policyId: id, policyType: 'SERVICE_CONTROL_POLICY', deletedAt: '2026-11-23T00:00:00.000Z' } }]);
  });

  it('refuses an AWS managed policy with IMMUTABLE_POLICY', () => {
    spec.given(given).when(remove('p-FullAWSAccess')).thenThrows('InvalidInputException', 'IMMUTABLE_POLICY');
  });

  it('refuses a policy that does not exist', () => {
    spec.given(given).when(remove('p-zzzzzzzz')).thenThrows('PolicyNotFoundException');
  });

  it('refuses a member account', () => {
    spec.given(given).when(remove(id, member)).thenThrows('AccessDeniedException');
  });
});
