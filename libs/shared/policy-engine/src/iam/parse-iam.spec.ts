import type { PolicyType } from '@orgs/shared/kernel';
import { validatePolicyContent } from '../validate-content';
import { SCPS } from './evaluation.fixtures';

/** scp-rcp-evaluation.md 5.4: the invalid documents, each refused with a message naming the statement and element. */
const invalid: [PolicyType, string, string, string][] = [
  ['SERVICE_CONTROL_POLICY', 'Principal in an SCP', '{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"*"}}', 'Statement[0].Principal: not supported in service control policies'],
  ['SERVICE_CONTROL_POLICY', 'two Statement keys', '{"Version":"2012-10-17","Statement":{"Effect":"Deny","Action":"ec2:*","Resource":"*"},"Statement":{"Effect":"Deny","Action":"s3:*","Resource":"*"}}', 'the key "Statement" appears more than once'],
  ['SERVICE_CONTROL_POLICY', 'two top-level objects', '{"Version":"2012-10-17","Statement":[]} {"Version":"2012-10-17"}', 'exactly one JSON object'],
  ['RESOURCE_CONTROL_POLICY', 'a customer RCP that allows', '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*"}]}', 'Statement[0].Effect: customer resource control policies may only Deny'],
  ['RESOURCE_CONTROL_POLICY', 'an RCP without Principal', '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:*","Resource":"*"}]}', 'Statement[0].Principal: required in resource control policies'],
  ['RESOURCE_CONTROL_POLICY', 'an RCP Principal other than "*"', '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":{"AWS":"arn:aws:iam::999988887777:root"},"Action":"s3:*","Resource":"*"}]}', 'only "*" is accepted'],
  ['RESOURCE_CONTROL_POLICY', 'an RCP Action without a service prefix', '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"*","Resource":"*"}]}', 'Statement[0].Action: "*" needs a service prefix'],
  ['RESOURCE_CONTROL_POLICY', 'NotAction in an RCP', '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","NotAction":"s3:GetObject","Resource":"*"}]}', 'Statement[0].NotAction: not supported in resource control policies'],
  ['SERVICE_CONTROL_POLICY', 'NotPrincipal', '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","NotPrincipal":{"AWS":"arn:aws:iam::444455556666:root"},"Action":"s3:*","Resource":"*"}]}', 'Statement[0].NotPrincipal: not supported'],
  ['RESOURCE_CONTROL_POLICY', 'NotPrincipal in an RCP', '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","NotPrincipal":{"AWS":"arn:aws:iam::444455556666:root"},"Action":"s3:*","Resource":"*"}]}', 'Statement[0].NotPrincipal: not supported'],
  ['SERVICE_CONTROL_POLICY', 'a wrong Version', '{"Version":"2008-10-17","Statement":[{"Effect":"Deny","Action":"s3:*","Resource":"*"}]}', 'Version: must be "2012-10-17"'],
  ['SERVICE_CONTROL_POLICY', 'no Statement', '{"Version":"2012-10-17"}', 'Statement: required'],
  ['SERVICE_CONTROL_POLICY', 'an Effect other than Allow or Deny', '{"Version":"2012-10-17","Statement":[{"Sid":"Bad","Effect":"Permit","Action":"s3:*"}]}', 'Statement[0] ("Bad").Effect: must be "Allow" or "Deny"'],
  ['SERVICE_CONTROL_POLICY', 'Action and NotAction together', '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:*","NotAction":"ec2:*","Resource":"*"}]}', 'needs exactly one of Action and NotAction'],
  ['SERVICE_CONTROL_POLICY', 'Resource and NotResource together', '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:*","Resource":"*","NotResource":"arn:aws:s3:::x"}]}', 'only one of Resource and NotResource'],
  ['SERVICE_CONTROL_POLICY', 'an action without a colon', '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":["s3:*","s3GetObject"],"Resource":"*"}]}', 'Statement[0].Action: "s3GetObject" is not "*" or "service:Action"'],
  ['SERVICE_CONTROL_POLICY', 'a resource that is no ARN', '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:*","Resource":"bucket"}]}', 'Statement[0].Resource: "bucket" is not "*" or an ARN'],
  ['SERVICE_CONTROL_POLICY', 'an unknown condition operator', '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:*","Resource":"*","Condition":{"StringSortOf":{"aws:x":"y"}}}]}', 'Statement[0].Condition: "StringSortOf" is not a condition operator'],
  ['SERVICE_CONTROL_POLICY', 'NullIfExists', '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:*","Resource":"*","Condition":{"NullIfExists":{"aws:x":"true"}}}]}', '"NullIfExists" is not a condition operator'],
  ['SERVICE_CONTROL_POLICY', 'a Numeric value that is no number', '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:*","Resource":"*","Condition":{"NumericLessThan":{"s3:max-keys":"ten"}}}]}', 'Statement[0].Condition.NumericLessThan.s3:max-keys: "ten" is not a number'],
  ['SERVICE_CONTROL_POLICY', 'a bad CIDR', '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:*","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"300.1.1.1/8"}}}]}', 'is not an IP address or CIDR range'],
  ['SERVICE_CONTROL_POLICY', 'an unknown statement element', '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:*","Resource":"*","Resources":"*"}]}', 'Statement[0].Resources: not a statement element'],
  ['SERVICE_CONTROL_POLICY', 'not JSON', '{"Version":"2012-10-17",', 'not valid JSON'],
];

describe('SCP and RCP content', () => {
  it.each(invalid)('%s: refuses %s', (type, _, content, message) => {
    expect(() => validatePolicyContent(type, content)).toThrow(expect.objectContaining({ code: 'MalformedPolicyDocumentException', message: expect.stringContaining(message) }));
  });

  it.each(Object.entries(SCPS))('accepts the catalog SCP %s (full IAM language: NotAction, conditions in Allow, middle wildcards)', (_, content) => {
    expect(validatePolicyContent('SERVICE_CONTROL_POLICY', content).category).toBe('AUTHORIZATION');
  });

  it('accepts an Allow SCP without Resource, as AWS\'s own CreatePolicy example has', () => {
    expect(() => validatePolicyContent('SERVICE_CONTROL_POLICY', '{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*"}}')).not.toThrow();
  });

  it.each<[PolicyType, number]>([
    ['SERVICE_CONTROL_POLICY', 10_240],
    ['RESOURCE_CONTROL_POLICY', 5_120],
  ])('refuses a %s longer than %i characters with POLICY_CONTENT_LIMIT_EXCEEDED', (type, limit) => {
    expect(() => validatePolicyContent(type, ' '.repeat(limit + 1))).toThrow(expect.objectContaining({ reason: 'POLICY_CONTENT_LIMIT_EXCEEDED' }));
  });
});
