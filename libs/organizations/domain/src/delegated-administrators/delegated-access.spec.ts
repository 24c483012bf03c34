import { deciderSpecification } from '@orgs/shared/testing';
import { organizationDecider, type OrganizationEvent } from '../organization';
import { policyArn } from '../policies/create-policy';
import { DEFAULT_QUOTAS } from '../quotas';
import { attached, command, FAA, memberCreated, organizationId, ou, policyCreated, rootId, typeEnabled, withMemberInOu } from '../policies/policy-specs.fixtures';
import { delegatedAdministratorMayCall, DELEGATED_ADMINISTRATOR_READ_OPERATIONS, isDelegatedAdministrator, requireManagementOrDelegatedAdministrator } from './delegated-access';
import { backupAdministratorPolicy, member, mgmt, other, policyPut, registered, SSO, ssoEnabled } from './delegated-administrators.fixtures';

const spec = deciderSpecification(organizationDecider);
const stateOf = (events: OrganizationEvent[]) => events.reduce(organizationDecider.evolve, organizationDecider.initialState());
const arn = (kind: string, id: string) => `arn:aws:organizations::${mgmt}:${kind}/${organizationId}/${id}`;
const document = (...statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });
const allow = (action: string | string[], resource: string | string[] = '*', extra: object = {}) => ({ Effect: 'Allow', Principal: { AWS: member }, Action: action, Resource: resource, ...extra });

const BACKUP = JSON.stringify({ plans: { nightly: { regions: { '@@assign': ['eu-west-1'] } } } });
const backupPolicy = 'p-backup0001';
const scp = 'p-scp0000001';
/** SCPs and backup policies on; a member in an OU; one backup policy and one SCP of the management account's. */
const organization: OrganizationEvent[] = [
  ...withMemberInOu(),
  memberCreated(other),
  typeEnabled('BACKUP_POLICY'),
  policyCreated(backupPolicy, 'nightly', 'BACKUP_POLICY', BACKUP),
  policyCreated(scp, 'no-ec2'),
];
const withPolicy = (content: string, events: OrganizationEvent[] = []) => [...organization, ...events, policyPut(content)];
const as = (type: string, data: object, actingAccountId = member) => command(type, data, actingAccountId);

describe('the default reads of a delegated administrator of a service', () => {
  const call = (operation: string, registeredFor = true) => ({ operation, accountId: member, registered: registeredFor, resourcePolicyContent: null });

  it.each([...DELEGATED_ADMINISTRATOR_READ_OPERATIONS])('may call the read-only %s', (operation) => {
    expect(delegatedAdministratorMayCall(call(operation))).toBe(true);
  });

  it.each(['CreatePolicy', 'AttachPolicy', 'TagResource', 'CreateAccount', 'EnableAWSServiceAccess', 'PutResourcePolicy'])('may not call %s without a delegation policy', (operation) => {
    expect(delegatedAdministratorMayCall(call(operation))).toBe(false);
  });

  it('are not a plain member\'s', () => {
    expect(delegatedAdministratorMayCall(call('ListAccounts', false))).toBe(false);
  });

  it('knows which accounts are delegated administrators', () => {
    const state = stateOf([...organization, ssoEnabled, registered(member, SSO)]);
    expect([mgmt, member, other].map((id) => isDelegatedAdministrator(state, id))).toEqual([false, true, false]);
  });
});

describe('the delegation policy, evaluated by the policy engine', () => {
  const may = (content: string, operation: string, resources?: string[], context?: Record<string, string | string[]>, accountId = member) =>
    delegatedAdministratorMayCall({ operation, accountId, registered: false, resourcePolicyContent: content, resources, context });

  it('grants what it allows to the account it names, registered for a service or not', () => {
    const content = document(allow(['organizations:ListAccounts', 'organizations:DescribePolicy']));
    expect([may(content, 'ListAccounts'), may(content, 'DescribePolicy', [arn('policy', 'backup_policy/p-x')])]).toEqual([true, true]);
    expect(may(content, 'ListRoots')).toBe(false);
    expect(may(content, 'ListAccounts', undefined, undefined, other)).toBe(false);
  });

  it('names the account by its id or its root user\'s ARN, and takes wildcard actions', () => {
    const content = document({ ...allow('organizations:List*'), Principal: { AWS: `arn:aws:iam::${member}:root` } });
    expect([may(content, 'ListAccounts'), may(content, 'ListPolicies'), may(content, 'DescribeAccount')]).toEqual([true, true, false]);
  });

  it('holds every resource of the call to its Resource patterns', () => {
    const content = document(allow('organizations:AttachPolicy', [arn('ou', '*'), arn('policy', 'backup_policy/*')]));
    expect(may(content, 'AttachPolicy', [arn('policy', `backup_policy/${backupPolicy}`), arn('ou', ou)])).toBe(true);
    expect(may(content, 'AttachPolicy', [arn('policy', `backup_policy/${backupPolicy}`), arn('account', member)])).toBe(false);
    expect(may(content, 'AttachPolicy', [arn('policy', `service_control_policy/${scp}`), arn('ou', ou)])).toBe(false);
    // A call that names no resource is judged on "*": only "Resource": "*" statements match it.
    expect(may(content, 'AttachPolicy')).toBe(false);
  });

  it('applies its conditions to the request\'s keys (organizations:PolicyType, aws:TagKeys)', () => {
    const content = document(
      allow('organizations:CreatePolicy', '*', { Condition: { StringLikeIfExists: { 'organizations:PolicyType': 'BACKUP_POLICY' } } }),
      allow('organizations:TagResource', '*', { Condition: { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['team'] } } }),
    );
    expect(may(content, 'CreatePolicy', ['*'], { 'organizations:PolicyType': 'BACKUP_POLICY' })).toBe(true);
    expect(may(content, 'CreatePolicy', ['*'], { 'organizations:PolicyType': 'SERVICE_CONTROL_POLICY' })).toBe(false);
    expect(may(content, 'TagResource', ['*'], { 'aws:TagKeys': ['team'] })).toBe(true);
    expect(may(content, 'TagResource', ['*'], { 'aws:TagKeys': ['team', 'owner'] })).toBe(false);
  });

  it('lets a Deny win over an Allow', () => {
    const content = document(allow('organizations:*Policy'), { ...allow('organizations:DeletePolicy'), Effect: 'Deny' });
    expect([may(content, 'UpdatePolicy'), may(content, 'DeletePolicy')]).toEqual([true, false]);
  });

  it('never grants an operation a delegation policy cannot name', () => {
    const content = document(allow('organizations:*'));
    expect(['CreateAccount', 'PutResourcePolicy', 'EnableAWSServiceAccess', 'RegisterDelegatedAdministrator', 'MoveAccount'].map((o) => may(content, o))).toEqual([false, false, false, false, false]);
    expect(may(content, 'EnablePolicyType')).toBe(true);
  });
});

describe('requireManagementOrDelegatedAdministrator', () => {
  const state = stateOf(withPolicy(backupAdministratorPolicy(), [ssoEnabled, registered(member, SSO)]));

  it('lets the management account through', () => {
    expect(() => requireManagementOrDelegatedAdministrator(state, mgmt, 'CreatePolicy')).not.toThrow();
  });

  it('refuses a member the policy does not name, and an account outside the organization', () => {
    expect(() => requireManagementOrDelegatedAdministrator(state, other, 'ListPolicies')).toThrow(expect.objectContaining({ code: 'AccessDeniedException' }));
    expect(() => requireManagementOrDelegatedAdministrator(state, '123456789012', 'ListPolicies')).toThrow(expect.objectContaining({ code: 'AWSOrganizationsNotInUseException' }));
  });
});

describe('policy management by a member the delegation policy allows (the reference\'s backup-policy administrator)', () => {
  const backupAdmin = withPolicy(backupAdministratorPolicy());
  const newPolicy = 'p-byadmin001';

  it('creates a backup policy through the normal command path', () => {
    const created = { organizationId, policy: { id: newPolicy, arn: policyArn(mgmt, organizationId, 'BACKUP_POLICY', newPolicy), name: 'weekly', description: '', type: 'BACKUP_POLICY', content: BACKUP }, createdAt: '2026-11-23T00:00:00.000Z' };
    spec.given(backupAdmin).when(as('CreatePolicy', { policyId: newPolicy, name: 'weekly', description: '', type: 'BACKUP_POLICY', content: BACKUP })).then([{ type: 'PolicyCreated', data: created } as OrganizationEvent]);
  });

  it('may not create an SCP', () => {
    spec.given(backupAdmin).when(as('CreatePolicy', { policyId: newPolicy, name: 'deny', description: '', type: 'SERVICE_CONTROL_POLICY', content: '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"*","Resource":"*"}]}' })).thenThrows('AccessDeniedException');
  });

  it('attaches and detaches a backup policy on an OU, an account and the root, not an SCP', () => {
    spec.given(backupAdmin).when(as('AttachPolicy', { policyId: backupPolicy, targetId: ou })).then([
      { type: 'PolicyAttached', data: { organizationId, policyId: backupPolicy, policyType: 'BACKUP_POLICY', targetId: ou, targetType: 'ORGANIZATIONAL_UNIT', attachedAt: '2026-11-23T00:00:00.000Z' } } as OrganizationEvent,
    ]);
    spec.given([...backupAdmin, attached(backupPolicy, rootId, 'ROOT', 'BACKUP_POLICY')]).when(as('DetachPolicy', { policyId: backupPolicy, targetId: rootId })).then([
      { type: 'PolicyDetached', data: { organizationId, policyId: backupPolicy, policyType: 'BACKUP_POLICY', targetId: rootId, targetType: 'ROOT', detachedAt: '2026-11-23T00:00:00.000Z' } } as OrganizationEvent,
    ]);
    spec.given(backupAdmin).when(as('AttachPolicy', { policyId: scp, targetId: ou })).thenThrows('AccessDeniedException');
    spec.given(backupAdmin).when(as('DetachPolicy', { policyId: FAA, targetId: ou })).thenThrows('AccessDeniedException');
  });

  it('updates and deletes a backup policy, not an SCP', () => {
    spec.given(backupAdmin).when(as('UpdatePolicy', { policyId: backupPolicy, name: 'renamed' })).then([
      { type: 'PolicyUpdated', data: { organizationId, policy: { id: backupPolicy, arn: policyArn(mgmt, organizationId, 'BACKUP_POLICY', backupPolicy), name: 'renamed', description: '', type: 'BACKUP_POLICY', content: BACKUP }, updatedAt: '2026-11-23T00:00:00.000Z' } } as OrganizationEvent,
    ]);
    spec.given(backupAdmin).when(as('DeletePolicy', { policyId: backupPolicy })).then([
      { type: 'PolicyDeleted', data: { organizationId, policyId: backupPolicy, policyType: 'BACKUP_POLICY', deletedAt: '2026-11-23T00:00:00.000Z' } } as OrganizationEvent,
    ]);
    spec.given(backupAdmin).when(as('UpdatePolicy', { policyId: scp, name: 'renamed' })).thenThrows('AccessDeniedException');
    spec.given(backupAdmin).when(as('DeletePolicy', { policyId: scp })).thenThrows('AccessDeniedException');
  });

  it('still gets the command\'s own refusals once allowed, and AccessDenied for an id it cannot be judged on', () => {
    spec.given(backupAdmin).when(as('AttachPolicy', { policyId: backupPolicy, targetId: 'ou-k3x9-nothere1' })).thenThrows('AccessDeniedException');
    const anywhere = withPolicy(document(allow('organizations:AttachPolicy')));
    spec.given(anywhere).when(as('AttachPolicy', { policyId: backupPolicy, targetId: 'ou-k3x9-nothere1' })).thenThrows('TargetNotFoundException');
    spec.given(anywhere).when(as('AttachPolicy', { policyId: 'p-nothere0001', targetId: ou })).thenThrows('PolicyNotFoundException');
  });

  it('may not enable or disable policy types, tag, or do anything else the policy does not name', () => {
    spec.given(backupAdmin).when(as('EnablePolicyType', { rootId, policyType: 'TAG_POLICY' })).thenThrows('AccessDeniedException');
    spec.given(backupAdmin).when(as('DisablePolicyType', { rootId, policyType: 'BACKUP_POLICY' })).thenThrows('AccessDeniedException');
    spec.given(backupAdmin).when(as('TagResource', { resourceId: ou, tags: [{ key: 'k', value: 'v' }] })).thenThrows('AccessDeniedException');
    spec.given(backupAdmin).when(as('CreateOrganizationalUnit', { quotas: DEFAULT_QUOTAS, organizationalUnitId: 'ou-k3x9-zzzzzzzz', parentId: rootId, name: 'No' })).thenThrows('AccessDeniedException');
  });

  it('gives the same policy nothing to the member it does not name', () => {
    spec.given(backupAdmin).when(as('AttachPolicy', { policyId: backupPolicy, targetId: ou }, other)).thenThrows('AccessDeniedException');
  });

  it('is gone with the policy: deleting it takes the grant away', () => {
    spec.given([...backupAdmin, { type: 'ResourcePolicyDeleted', data: { organizationId, resourcePolicyId: 'rp-k3x9abcd', deletedAt: '2026-11-23T00:00:00.000Z' } } as OrganizationEvent])
      .when(as('AttachPolicy', { policyId: backupPolicy, targetId: ou }))
      .thenThrows('AccessDeniedException');
  });
});

describe('policy types and tags by a member the delegation policy allows', () => {
  const content = document(
    allow(['organizations:EnablePolicyType', 'organizations:DisablePolicyType'], arn('root', rootId), { Condition: { StringEquals: { 'organizations:PolicyType': 'TAG_POLICY' } } }),
    allow(['organizations:TagResource', 'organizations:UntagResource'], arn('ou', '*'), { Condition: { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['team'] } } }),
  );
  const given = withPolicy(content);

  it('enables and disables the type the condition names, on its root', () => {
    spec.given(given).when(as('EnablePolicyType', { rootId, policyType: 'TAG_POLICY' })).then([
      { type: 'PolicyTypeEnabled', data: { organizationId, rootId, policyType: 'TAG_POLICY', attachedTo: [], enabledAt: '2026-11-23T00:00:00.000Z' } } as OrganizationEvent,
    ]);
    spec.given([...given, typeEnabled('TAG_POLICY')]).when(as('DisablePolicyType', { rootId, policyType: 'TAG_POLICY' })).then([
      { type: 'PolicyTypeDisabled', data: { organizationId, rootId, policyType: 'TAG_POLICY', disabledAt: '2026-11-23T00:00:00.000Z' } } as OrganizationEvent,
    ]);
    spec.given(given).when(as('DisablePolicyType', { rootId, policyType: 'BACKUP_POLICY' })).thenThrows('AccessDeniedException');
  });

  it('tags and untags OUs with the keys the condition allows only', () => {
    spec.given(given).when(as('TagResource', { resourceId: ou, tags: [{ key: 'team', value: 'sec' }] })).then([
      { type: 'ResourceTagged', data: { resourceId: ou, resourceType: 'ORGANIZATIONAL_UNIT', tags: [{ key: 'team', value: 'sec' }] } } as OrganizationEvent,
    ]);
    spec.given(given).when(as('TagResource', { resourceId: ou, tags: [{ key: 'owner', value: 'me' }] })).thenThrows('AccessDeniedException');
    spec.given(given).when(as('TagResource', { resourceId: member, tags: [{ key: 'team', value: 'sec' }] })).thenThrows('AccessDeniedException');
    spec.given(given).when(as('UntagResource', { resourceId: ou, tagKeys: ['owner'] })).thenThrows('AccessDeniedException');
  });
});
