import {
  AttachPolicyCommand,
  CreateAccountCommand,
  CreateOrganizationalUnitCommand,
  CreatePolicyCommand,
  DeletePolicyCommand,
  DeleteResourcePolicyCommand,
  DeregisterDelegatedAdministratorCommand,
  DescribeCreateAccountStatusCommand,
  DescribeEffectivePolicyCommand,
  DescribePolicyCommand,
  DescribeResourcePolicyCommand,
  DetachPolicyCommand,
  DisableAWSServiceAccessCommand,
  EnableAWSServiceAccessCommand,
  EnablePolicyTypeCommand,
  ListAWSServiceAccessForOrganizationCommand,
  ListDelegatedAdministratorsCommand,
  ListDelegatedServicesForAccountCommand,
  ListPoliciesCommand,
  ListPoliciesForTargetCommand,
  ListTargetsForPolicyCommand,
  PutResourcePolicyCommand,
  RegisterDelegatedAdministratorCommand,
  UpdatePolicyCommand,
} from '@aws-sdk/client-organizations';
import { createAccessKey, refusal, wireClient, type WireClient } from './support/aws-clients';
import { E2eService, uniqueEmail } from './support/e2e-service';

/**
 * The wire API's policy, trusted-access and delegated-administrator operations through the AWS
 * SDK v3: SCPs and tag policies with attachments and the effective policy, trusted access of a
 * service, a delegated administrator for it, the resource policy; AWS error names on refusals.
 */
const e2e = new E2eService('e2e-wire-policies-operator');
const NO_EC2 = JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'NoEc2', Effect: 'Deny', Action: 'ec2:*', Resource: '*' }] });
const COST_CENTER = JSON.stringify({ tags: { costcenter: { tag_key: { '@@assign': 'CostCenter' }, tag_value: { '@@assign': ['cc-100'] } } } });
const SSO = 'sso.amazonaws.com';
let wire: WireClient;
let rootId: string;
let ouId: string;
let memberId: string;

beforeAll(async () => {
  await e2e.start();
  const organization = await e2e.organization('Wire policies');
  rootId = organization.rootId;
  wire = wireClient(e2e.baseUrl, await createAccessKey(e2e, organization.key, organization.accountId));
  ouId = (await wire.client.send(new CreateOrganizationalUnitCommand({ ParentId: rootId, Name: 'Workloads' }))).OrganizationalUnit!.Id!;
  const { CreateAccountStatus } = await wire.client.send(new CreateAccountCommand({ Email: uniqueEmail('wire-policy-member'), AccountName: 'Member' }));
  wire.readAfter(wire.lastPosition());
  for (let i = 0; i < 100 && !memberId; i++) {
    const { CreateAccountStatus: status } = await wire.client.send(new DescribeCreateAccountStatusCommand({ CreateAccountRequestId: CreateAccountStatus!.Id }));
    if (status?.State === 'SUCCEEDED') memberId = status.AccountId!;
    else await new Promise((resolve) => setTimeout(resolve, 200));
  }
  wire.readAfter(wire.lastPosition());
}, 120_000);
afterAll(() => e2e.stop());

const readOwnWrites = () => wire.readAfter(wire.lastPosition());

describe('service control policies', () => {
  it('creates, attaches, lists, updates, detaches and deletes an SCP', async () => {
    const { Policy } = await wire.client.send(new CreatePolicyCommand({ Name: 'NoEc2', Description: 'no EC2', Type: 'SERVICE_CONTROL_POLICY', Content: NO_EC2 }));
    const policyId = Policy!.PolicySummary!.Id!;
    expect(Policy?.PolicySummary).toMatchObject({ Name: 'NoEc2', Type: 'SERVICE_CONTROL_POLICY', AwsManaged: false, Arn: expect.stringContaining(policyId) });
    await wire.client.send(new AttachPolicyCommand({ PolicyId: policyId, TargetId: ouId }));
    expect(await refusal(wire.client.send(new AttachPolicyCommand({ PolicyId: policyId, TargetId: ouId })))).toMatchObject({ name: 'DuplicatePolicyAttachmentException' });
    readOwnWrites();
    const onOu = await wire.client.send(new ListPoliciesForTargetCommand({ TargetId: ouId, Filter: 'SERVICE_CONTROL_POLICY' }));
    expect(onOu.Policies?.map((p) => p.Id).sort()).toEqual(['p-FullAWSAccess', policyId].sort());
    const targets = await wire.client.send(new ListTargetsForPolicyCommand({ PolicyId: policyId }));
    expect(targets.Targets).toEqual([expect.objectContaining({ TargetId: ouId, Type: 'ORGANIZATIONAL_UNIT', Name: 'Workloads' })]);
    const all = await wire.client.send(new ListPoliciesCommand({ Filter: 'SERVICE_CONTROL_POLICY' }));
    expect(all.Policies?.map((p) => p.Id)).toEqual(expect.arrayContaining(['p-FullAWSAccess', policyId]));
    expect(await refusal(wire.client.send(new DeletePolicyCommand({ PolicyId: policyId })))).toMatchObject({ name: 'PolicyInUseException' });
    await wire.client.send(new UpdatePolicyCommand({ PolicyId: policyId, Description: 'still no EC2' }));
    readOwnWrites();
    expect((await wire.client.send(new DescribePolicyCommand({ PolicyId: policyId }))).Policy).toMatchObject({ Content: NO_EC2, PolicySummary: { Description: 'still no EC2' } });
    await wire.client.send(new DetachPolicyCommand({ PolicyId: policyId, TargetId: ouId }));
    await wire.client.send(new DeletePolicyCommand({ PolicyId: policyId }));
    readOwnWrites();
    expect(await refusal(wire.client.send(new DescribePolicyCommand({ PolicyId: policyId })))).toMatchObject({ name: 'PolicyNotFoundException' });
  });

  it('refuses invalid policy input with InvalidInputException and its reason', async () => {
    const before = await e2e.eventCount();
    expect(await refusal(wire.client.send(new CreatePolicyCommand({ Name: 'Bad', Description: '', Type: 'NOT_A_TYPE' as never, Content: NO_EC2 })))).toMatchObject({ name: 'InvalidInputException', reason: 'INVALID_ENUM' });
    expect(await refusal(wire.client.send(new AttachPolicyCommand({ PolicyId: 'p-1', TargetId: ouId })))).toMatchObject({ name: 'InvalidInputException', reason: 'INVALID_PATTERN' });
    expect(await e2e.eventCount()).toBe(before);
  });
});

describe('tag policies and the effective policy', () => {
  it('enables the policy type, attaches a tag policy to the root and answers the account\'s effective policy', async () => {
    expect(await refusal(wire.client.send(new DescribeEffectivePolicyCommand({ PolicyType: 'TAG_POLICY', TargetId: memberId })))).toMatchObject({
      name: expect.stringMatching(/^(EffectivePolicyNotFoundException|PolicyTypeNotEnabledException)$/),
    });
    const { Root } = await wire.client.send(new EnablePolicyTypeCommand({ RootId: rootId, PolicyType: 'TAG_POLICY' }));
    expect(Root?.PolicyTypes?.map((p) => p.Type).sort()).toEqual(['SERVICE_CONTROL_POLICY', 'TAG_POLICY']);
    const { Policy } = await wire.client.send(new CreatePolicyCommand({ Name: 'cc', Description: '', Type: 'TAG_POLICY', Content: COST_CENTER }));
    await wire.client.send(new AttachPolicyCommand({ PolicyId: Policy!.PolicySummary!.Id, TargetId: rootId }));
    readOwnWrites();
    const { EffectivePolicy } = await wire.client.send(new DescribeEffectivePolicyCommand({ PolicyType: 'TAG_POLICY', TargetId: memberId }));
    expect(EffectivePolicy).toMatchObject({ TargetId: memberId, PolicyType: 'TAG_POLICY', LastUpdatedTimestamp: expect.any(Date) });
    expect(JSON.parse(EffectivePolicy!.PolicyContent!)).toEqual({ tags: { costcenter: { tag_key: 'CostCenter', tag_value: ['cc-100'] } } });
  });
});

describe('trusted access and delegated administrators', () => {
  it('enables a service, registers a delegated administrator for it, lists both ways and undoes it all', async () => {
    await wire.client.send(new EnableAWSServiceAccessCommand({ ServicePrincipal: SSO }));
    readOwnWrites();
    const access = await wire.client.send(new ListAWSServiceAccessForOrganizationCommand({}));
    expect(access.EnabledServicePrincipals).toEqual([{ ServicePrincipal: SSO, DateEnabled: expect.any(Date) }]);
    await wire.client.send(new RegisterDelegatedAdministratorCommand({ AccountId: memberId, ServicePrincipal: SSO }));
    expect(await refusal(wire.client.send(new RegisterDelegatedAdministratorCommand({ AccountId: memberId, ServicePrincipal: SSO })))).toMatchObject({ name: 'AccountAlreadyRegisteredException' });
    readOwnWrites();
    const admins = await wire.client.send(new ListDelegatedAdministratorsCommand({ ServicePrincipal: SSO }));
    expect(admins.DelegatedAdministrators).toEqual([expect.objectContaining({ Id: memberId, DelegationEnabledDate: expect.any(Date), JoinedTimestamp: expect.any(Date) })]);
    const services = await wire.client.send(new ListDelegatedServicesForAccountCommand({ AccountId: memberId }));
    expect(services.DelegatedServices).toEqual([{ ServicePrincipal: SSO, DelegationEnabledDate: expect.any(Date) }]);
    await wire.client.send(new DeregisterDelegatedAdministratorCommand({ AccountId: memberId, ServicePrincipal: SSO }));
    await wire.client.send(new DisableAWSServiceAccessCommand({ ServicePrincipal: SSO }));
    readOwnWrites();
    expect((await wire.client.send(new ListAWSServiceAccessForOrganizationCommand({}))).EnabledServicePrincipals ?? []).toEqual([]);
    expect(await refusal(wire.client.send(new ListDelegatedServicesForAccountCommand({ AccountId: memberId })))).toMatchObject({ name: 'AccountNotRegisteredException' });
  });

  it('puts, describes and deletes the organization\'s resource policy', async () => {
    const content = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${memberId}:root` }, Action: 'organizations:DescribeOrganization', Resource: '*' }],
    });
    const put = await wire.client.send(new PutResourcePolicyCommand({ Content: content }));
    expect(put.ResourcePolicy?.ResourcePolicySummary?.Id).toMatch(/^rp-/);
    readOwnWrites();
    expect((await wire.client.send(new DescribeResourcePolicyCommand({}))).ResourcePolicy?.Content).toBe(content);
    await wire.client.send(new DeleteResourcePolicyCommand({}));
    readOwnWrites();
    expect(await refusal(wire.client.send(new DescribeResourcePolicyCommand({})))).toMatchObject({ name: 'ResourcePolicyNotFoundException' });
  });
});
