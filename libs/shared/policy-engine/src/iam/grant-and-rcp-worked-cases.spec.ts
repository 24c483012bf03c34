import { accounts, decidedBy, runCase, type CaseRequest, type CaseSetup } from './evaluation.fixtures';

/** scp-rcp-evaluation.md 9.3, cases 66-84: IAM grants after the gates, outsiders, and RCPs on the resource owner's chain. */
type Row = [number, CaseSetup, CaseRequest, string, string];
const S3 = 'arn:aws:s3:::app-prod-data/a';
const builder = (account: keyof typeof accounts) => ({ AWS: `arn:aws:iam::${accounts[account]}:role/Builder` });
const partner = 'arn:aws:iam::999988887777:role/partner';
const cases: Row[] = [
  [66, {}, { account: '4444', action: 's3:GetObject', resource: S3, identity: null }, 'IMPLICIT_DENY', 'IDENTITY'],
  [67, {}, { account: '4444', action: 's3:DeleteBucket', resource: 'arn:aws:s3:::app-prod-data', identity: ['IdNoDelBucket'] }, 'EXPLICIT_DENY', 'IDENTITY[IdNoDelBucket]'],
  [68, {}, { account: '4444', action: 's3:GetObject', resource: S3, identity: null, bucketPolicyFor: builder('4444') }, 'ALLOWED', 'RESOURCE_BASED'],
  [69, { only: { '4444': ['S-EC2ONLY'] } }, { account: '4444', action: 's3:GetObject', resource: S3, identity: null, bucketPolicyFor: builder('4444') }, 'IMPLICIT_DENY', 'SCP@4444'],
  [70, {}, { account: '4444', action: 'ec2:RunInstances', boundary: 'PB-S3' }, 'IMPLICIT_DENY', 'PERMISSIONS_BOUNDARY'],
  [71, { only: { '7777': ['S-TEAMGATE'] } }, { account: '7777', action: 'ec2:RunInstances', tags: { team: 'platform' } }, 'ALLOWED', 'IDENTITY'],
  [72, { only: { '7777': ['S-TEAMGATE'] } }, { account: '7777', action: 'ec2:RunInstances', tags: { team: 'data' } }, 'IMPLICIT_DENY', 'SCP@7777'],
  [73, { add: { Root: ['S-NOS3'] } }, { account: '9999', principal: partner, action: 's3:GetObject', resource: S3, bucketPolicyFor: { AWS: partner } }, 'ALLOWED', 'RESOURCE_BASED'],
  [74, { add: { Root: ['S-NOS3'] } }, { account: '7777', action: 's3:GetObject', resource: 'arn:aws:s3:::mgmt-audit/log.json', bucketPolicyFor: builder('7777') }, 'EXPLICIT_DENY', 'SCP@Root[S-NOS3]'],
  [75, { rcp: { Root: ['R-PERIM'] } }, { account: '9999', principal: partner, action: 's3:GetObject', resource: S3, bucketPolicyFor: { AWS: partner } }, 'EXPLICIT_DENY', 'RCP@Root[R-PERIM]'],
  [76, { rcp: { Root: ['R-PERIM'] } }, { account: '9999', principal: partner, action: 's3:GetObject', resource: S3, bucketPolicyFor: { AWS: partner }, context: { 'aws:PrincipalOrgID': 'o-zzzz9y8x7w' } }, 'EXPLICIT_DENY', 'RCP@Root[R-PERIM]'],
  [77, { rcp: { Root: ['R-PERIM'] } }, { account: '7777', action: 's3:GetObject', resource: S3, bucketPolicyFor: builder('7777') }, 'ALLOWED', 'RESOURCE_BASED'],
  [78, { rcp: { Root: ['R-PERIM'] } }, { account: '4444', principal: 'cloudtrail.amazonaws.com', action: 's3:PutObject', resource: 'arn:aws:s3:::app-prod-trail/AWSLogs/444455556666/x.json.gz', identity: null, bucketPolicyFor: { Service: 'cloudtrail.amazonaws.com' } }, 'ALLOWED', 'RESOURCE_BASED'],
  [79, { rcp: { Root: ['R-PERIM'] } }, { account: '9999', principal: partner, action: 's3:GetObject', resource: 'arn:aws:s3:::mgmt-audit/log.json', bucketPolicyFor: { AWS: partner } }, 'ALLOWED', 'RESOURCE_BASED'],
  [80, { rcp: { Prod: ['R-TLS'] } }, { account: '7777', action: 's3:GetObject', resource: S3, bucketPolicyFor: builder('7777'), context: { 'aws:SecureTransport': false } }, 'EXPLICIT_DENY', 'RCP@Prod[R-TLS]'],
  [81, { rcp: { Prod: ['R-TLS'] } }, { account: '7777', action: 's3:GetObject', resource: S3, bucketPolicyFor: builder('7777'), context: { 'aws:SecureTransport': true } }, 'ALLOWED', 'RESOURCE_BASED'],
  [82, { rcp: { Prod: ['R-TLS'] } }, { account: '4444', action: 's3:GetObject', resource: 'arn:aws:s3:::app-dev-data/a', bucketPolicyFor: builder('4444'), context: { 'aws:SecureTransport': false } }, 'ALLOWED', 'RESOURCE_BASED'],
  [83, { rcp: { Prod: ['R-TLS'] } }, { account: '4444', action: 's3:GetObject', resource: S3, context: { 'aws:SecureTransport': false } }, 'EXPLICIT_DENY', 'RCP@Prod[R-TLS]'],
  [84, { rcp: { Prod: ['R-TLS'] } }, { account: '4444', action: 'ec2:DescribeInstances', context: { 'aws:SecureTransport': false } }, 'ALLOWED', 'IDENTITY'],
];

describe('IAM grants and RCPs: the reference\'s worked cases 66-84', () => {
  it.each(cases)('case %i', (_, setup, request, decision, decided) => {
    const result = runCase(setup, request);
    expect({ decision: result.decision, decidedBy: decidedBy(result) }).toEqual({ decision, decidedBy: decided });
  });
});
