import { deciderSpecification } from '@orgs/shared/testing';
import { organizationDecider } from '../organization';
import {
  at,
  backupAdministratorPolicy,
  deletePolicy,
  member,
  mgmt,
  organizationCreated,
  organizationId,
  policyPut,
  putPolicy,
  RESOURCE_POLICY_ID,
  withMembers,
} from './delegated-administrators.fixtures';

const spec = deciderSpecification(organizationDecider);
const document = (statement: object) => JSON.stringify({ Version: '2012-10-17', Statement: [statement] });
const readAll = { Effect: 'Allow', Principal: { AWS: member }, Action: 'organizations:ListAccounts', Resource: '*' };

describe('PutResourcePolicy', () => {
  it('creates the organization\'s delegation policy with its id and ARN', () => {
    spec.given(withMembers).when(putPolicy(backupAdministratorPolicy())).then([policyPut(backupAdministratorPolicy())]);
  });

  it('replaces the content and keeps the id of the policy there is', () => {
    const replacement = document(readAll);
    spec.given([...withMembers, policyPut(backupAdministratorPolicy())]).when(putPolicy(replacement, mgmt, 'rp-othernew1')).then([policyPut(replacement)]);
  });

  it.each([
    ['a bare account id principal', { ...readAll, Principal: { AWS: member } }],
    ['a list of principals and actions', { ...readAll, Principal: { AWS: [member, `arn:aws:iam::${member}:root`] }, Action: ['organizations:ListRoots', 'organizations:DescribeOrganization'] }],
    ['a single statement object', null],
    ['a Deny statement', { ...readAll, Effect: 'Deny' }],
    ['a wildcard action that matches supported ones', { ...readAll, Action: 'organizations:Describe*' }],
    ['a wildcard OU resource of this organization', { ...readAll, Resource: `arn:aws:organizations::${mgmt}:ou/${organizationId}/*` }],
    ['a policy-type condition', { ...readAll, Condition: { StringEquals: { 'organizations:PolicyType': ['TAG_POLICY', 'BACKUP_POLICY'] } } }],
  ])('accepts %s', (_, statement) => {
    const content = statement === null ? JSON.stringify({ Version: '2012-10-17', Statement: readAll }) : document(statement);
    spec.given(withMembers).when(putPolicy(content)).then([policyPut(content)]);
  });

  it.each([
    ['text that is not JSON', '{"Statement": [', 'INVALID_RESOURCE_POLICY_JSON'],
    ['a JSON array', '[]', 'INVALID_RESOURCE_POLICY_JSON'],
    ['no statement', JSON.stringify({ Version: '2012-10-17' }), 'INVALID_RESOURCE_POLICY_JSON'],
    ['an unknown version', JSON.stringify({ Version: '2020-01-01', Statement: [readAll] }), 'INVALID_RESOURCE_POLICY_JSON'],
    ['an effect other than Allow or Deny', document({ ...readAll, Effect: 'Maybe' }), 'INVALID_RESOURCE_POLICY_JSON'],
    ['an element delegation policies do not take', document({ ...readAll, NotAction: 'organizations:ListRoots' }), 'INVALID_RESOURCE_POLICY_JSON'],
    ['a principal that is not an account', document({ ...readAll, Principal: { AWS: 'arn:aws:iam::444455556666:user/alice' } }), 'INVALID_PRINCIPAL'],
    ['an everyone principal', document({ ...readAll, Principal: '*' }), 'INVALID_PRINCIPAL'],
    ['an account outside the organization', document({ ...readAll, Principal: { AWS: 'arn:aws:iam::123456789012:root' } }), 'INVALID_PRINCIPAL'],
    ['an action delegation cannot grant', document({ ...readAll, Action: 'organizations:CreateAccount' }), 'UNSUPPORTED_ACTION_IN_RESOURCE_POLICY'],
    ['another service\'s action', document({ ...readAll, Action: 's3:GetObject' }), 'UNSUPPORTED_ACTION_IN_RESOURCE_POLICY'],
    ['a resource of another organization', document({ ...readAll, Resource: `arn:aws:organizations::${mgmt}:ou/o-zzzzzzzzzz/*` }), 'UNSUPPORTED_RESOURCE_IN_RESOURCE_POLICY'],
    ['a resource of another kind', document({ ...readAll, Resource: 'arn:aws:s3:::bucket' }), 'UNSUPPORTED_RESOURCE_IN_RESOURCE_POLICY'],
    ['an unknown policy type in its condition', document({ ...readAll, Condition: { StringEquals: { 'organizations:PolicyType': 'NOT_A_POLICY' } } }), 'UNSUPPORTED_POLICY_TYPE_IN_RESOURCE_POLICY'],
  ])('refuses %s', (_, content, reason) => {
    spec.given(withMembers).when(putPolicy(content)).thenThrows('InvalidInputException', reason);
  });

  it('refuses a member account with AccessDeniedException', () => {
    spec.given(withMembers).when(putPolicy(document(readAll), member)).thenThrows('AccessDeniedException');
  });

  it('refuses a consolidated-billing organization with ORGANIZATION_NOT_IN_ALL_FEATURES_MODE', () => {
    spec.given([organizationCreated('CONSOLIDATED_BILLING')]).when(putPolicy(document(readAll))).thenThrows('ConstraintViolationException', 'ORGANIZATION_NOT_IN_ALL_FEATURES_MODE');
  });
});

describe('DeleteResourcePolicy', () => {
  it('deletes the policy', () => {
    spec.given([...withMembers, policyPut(document(readAll))]).when(deletePolicy()).then([
      { type: 'ResourcePolicyDeleted', data: { organizationId, resourcePolicyId: RESOURCE_POLICY_ID, deletedAt: at } },
    ]);
  });

  it('refuses when there is none with ResourcePolicyNotFoundException', () => {
    spec.given(withMembers).when(deletePolicy()).thenThrows('ResourcePolicyNotFoundException');
  });

  it('refuses a member account with AccessDeniedException', () => {
    spec.given([...withMembers, policyPut(document(readAll))]).when(deletePolicy(member)).thenThrows('AccessDeniedException');
  });
});
