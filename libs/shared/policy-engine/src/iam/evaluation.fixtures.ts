import { FULL_AWS_ACCESS, RCP_FULL_AWS_ACCESS } from '../policy-types';
import { compilePolicy, type CompiledPolicy } from './compile';
import type { AuthorizationPolicyType, EvaluationResult, PolicyLevel, PolicyTargetType } from './evaluation-types';
import type { IamDocumentKind } from './iam-document';
import { parseIamPolicy } from './parse-iam';
import { principalFromArn } from './principal';
import type { ContextValue } from './request-context';
import { simulate, type AccessRequest, type OrganizationView } from './simulate';

/** The sample organization and policy catalog of scp-rcp-evaluation.md 9.1 and 9.2. */
export const ids = { Root: 'r-k3x9', Workloads: 'ou-k3x9-7fq2m8zd', Prod: 'ou-k3x9-p4w1c6ty', Sandbox: 'ou-k3x9-s5b8n2vd' } as const;
export const accounts = { '1111': '111122223333', '4444': '444455556666', '7777': '777788889999', '5555': '555566667777', '9999': '999988887777' } as const;
type Node = keyof typeof ids | '1111' | '4444' | '7777' | '5555';
const CHAINS: Record<string, Node[]> = {
  '1111': ['Root', '1111'],
  '4444': ['Root', 'Workloads', 'Prod', '4444'],
  '7777': ['Root', 'Workloads', '7777'],
  '5555': ['Root', 'Sandbox', '5555'],
};
const nodeId = (node: Node) => (node in ids ? ids[node as keyof typeof ids] : accounts[node as keyof typeof accounts]);
const nodeType = (node: Node): PolicyTargetType => (node === 'Root' ? 'ROOT' : node in ids ? 'ORGANIZATIONAL_UNIT' : 'ACCOUNT');

const doc = (...statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });
const EU = (key: string) => doc({ Sid: 'EuOnly', Effect: 'Deny', NotAction: ['iam:*', 'sts:*', 'cloudfront:*', 'route53:*', 'support:*'], Resource: '*', Condition: { StringNotEquals: { [key]: ['eu-west-1', 'eu-north-1'] } } });
const deny = (Action: string | string[], extra: object = {}) => doc({ Effect: 'Deny', Action, Resource: '*', ...extra });

export const SCPS: Record<string, string> = {
  'S-EU': EU('aws:RequestedRegion'),
  'S-EU-KEYCASE': EU('AWS:requestedREGION'),
  'S-NOAP': deny('*', { Condition: { StringLike: { 'aws:RequestedRegion': 'ap-*' } } }),
  'S-S3EC2': doc({ Effect: 'Allow', Action: ['s3:*', 'ec2:*'], Resource: '*' }),
  'S-S3READ': doc({ Effect: 'Allow', Action: ['s3:Get*', 's3:List*'], Resource: '*' }),
  'S-STARSTAR': doc({ Effect: 'Allow', Action: '*:*', Resource: '*' }),
  'S-NOTERM': deny('EC2:terminateINSTANCES'),
  'S-QMARK': deny('ec2:?topInstances'),
  'S-ROLEGUARD': doc({ Effect: 'Deny', Action: 'iam:*Role*', Resource: 'arn:aws:iam::*:role/platform-*' }),
  'S-KEEPLEDGER': doc({ Effect: 'Deny', Action: 's3:DeleteObject', NotResource: 'arn:aws:s3:::scratch-*/*' }),
  'S-DBA': deny('rds:DeleteDBInstance', { Condition: { StringNotEqualsIgnoreCase: { 'aws:PrincipalTag/jobrole': 'DBA' } } }),
  'S-MAXKEYS': deny('s3:ListBucket', { Condition: { NumericGreaterThan: { 's3:max-keys': '1000' } } }),
  'S-SUNSET': deny('*', { Condition: { DateGreaterThanEquals: { 'aws:CurrentTime': '2031-01-01T00:00:00Z' } } }),
  'S-MFA': doc({ Effect: 'Deny', NotAction: ['iam:CreateVirtualMFADevice', 'iam:EnableMFADevice', 'iam:ListMFADevices', 'sts:GetSessionToken'], Resource: '*', Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } } }),
  'S-NET': deny('*', { Condition: { NotIpAddress: { 'aws:SourceIp': ['203.0.113.0/24', '2001:db8::/32'] }, Bool: { 'aws:ViaAWSService': 'false' } } }),
  'S-IAMADMIN': deny(['iam:Create*', 'iam:Delete*', 'iam:Put*', 'iam:Attach*'], { Condition: { ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/iam-admin' } } }),
  'S-NEEDCC': doc({ Effect: 'Deny', Action: 'ec2:RunInstances', Resource: 'arn:aws:ec2:*:*:instance/*', Condition: { Null: { 'aws:RequestTag/CostCenter': 'true' } } }),
  'S-TAGKEYS': doc(
    { Sid: 'EverythingButTagging', Effect: 'Allow', NotAction: 'ec2:CreateTags', Resource: '*' },
    { Sid: 'TaggingWithKnownKeys', Effect: 'Allow', Action: 'ec2:CreateTags', Resource: '*', Condition: { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['CostCenter', 'Owner'] } } },
  ),
  'S-NOOWNER': deny('ec2:CreateTags', { Condition: { 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['Owner'] } } }),
  'S-BIN': deny('s3:PutObject', { Condition: { BinaryEquals: { 'test:Fingerprint': 'AAEC' } } }),
  'S-DENYALL': deny('*'),
  'S-NOS3': deny('s3:*'),
  'S-NOEC2': deny('ec2:*'),
  'S-EC2ONLY': doc({ Effect: 'Allow', Action: 'ec2:*', Resource: '*' }),
  'S-TEAMGATE': doc({ Effect: 'Allow', Action: '*', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalTag/team': 'platform' } } }),
};

export const RCPS: Record<string, string> = {
  'R-PERIM': doc({ Sid: 'OrgOnlyS3', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*', Condition: { StringNotEqualsIfExists: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' }, BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' } } }),
  'R-TLS': doc({ Effect: 'Deny', Principal: '*', Action: ['s3:*', 'sqs:*'], Resource: '*', Condition: { BoolIfExists: { 'aws:SecureTransport': 'false' } } }),
};

const IAM: Record<string, string> = {
  IdAll: doc({ Effect: 'Allow', Action: '*', Resource: '*' }),
  IdNoDelBucket: doc({ Effect: 'Allow', Action: '*', Resource: '*' }, { Effect: 'Deny', Action: 's3:DeleteBucket', Resource: '*' }),
  'PB-S3': doc({ Effect: 'Allow', Action: 's3:*', Resource: '*' }),
};

const compiled = (name: string, content: string, kind: IamDocumentKind): CompiledPolicy => compilePolicy(name, name, parseIamPolicy(content, kind));
const FAA = compilePolicy(FULL_AWS_ACCESS.id, 'FAA', parseIamPolicy(FULL_AWS_ACCESS.content, 'SERVICE_CONTROL_POLICY'));
const RFAA = compilePolicy(RCP_FULL_AWS_ACCESS.id, 'RFAA', parseIamPolicy(RCP_FULL_AWS_ACCESS.content, 'RESOURCE_BASED'));
export const BUCKET_OWNERS: Record<string, string> = { 'app-prod-data': accounts['4444'], 'app-prod-trail': accounts['4444'], 'app-dev-data': accounts['7777'], 'mgmt-audit': accounts['1111'] };

/** A case's changes to the defaults: `add` attaches beside FAA, `only` replaces FAA on that node. */
export interface CaseSetup {
  add?: Partial<Record<Node, string[]>>;
  only?: Partial<Record<Node, string[]>>;
  rcp?: Partial<Record<Node, string[]>>;
}

export interface CaseRequest {
  account: keyof typeof accounts;
  action: string;
  resource?: string;
  region?: string;
  principal?: string;
  tags?: Record<string, string>;
  context?: Record<string, ContextValue | null>;
  identity?: string[] | null;
  boundary?: string;
  /** "Bucket policy lets X do the request" (scp-rcp-evaluation.md 9.1). */
  bucketPolicyFor?: { AWS: string } | { Service: string };
}

/** The sample organization with a case's policies attached. */
export function organizationOf(setup: CaseSetup): OrganizationView {
  const levelsOf = (type: AuthorizationPolicyType, accountKey: string): PolicyLevel[] =>
    CHAINS[accountKey].map((node) => {
      const policies =
        type === 'SERVICE_CONTROL_POLICY'
          ? setup.only?.[node]?.map((n) => compiled(n, SCPS[n], 'SERVICE_CONTROL_POLICY')) ?? [FAA, ...(setup.add?.[node] ?? []).map((n) => compiled(n, SCPS[n], 'SERVICE_CONTROL_POLICY'))]
          : [RFAA, ...(setup.rcp?.[node] ?? []).map((n) => compiled(n, RCPS[n], 'RESOURCE_CONTROL_POLICY'))];
      return { targetId: nodeId(node), targetType: nodeType(node), policies };
    });
  const keyOf = (accountId: string) => Object.entries(accounts).find(([, id]) => id === accountId)?.[0];
  return {
    organizationId: 'o-a1b2c3d4e5',
    managementAccountId: accounts['1111'],
    isMember: (id) => keyOf(id) !== undefined && keyOf(id) !== '9999',
    chain: (id, type) => (type === 'RESOURCE_CONTROL_POLICY' && !setup.rcp ? undefined : levelsOf(type, keyOf(id)!)),
  };
}

const DEFAULT_CONTEXT: Record<string, ContextValue> = {
  'aws:SecureTransport': true,
  'aws:ViaAWSService': false,
  'aws:SourceIp': '198.51.100.20',
  'aws:CurrentTime': '2026-06-01T12:00:00Z',
  'aws:MultiFactorAuthPresent': true,
};

/** A case's request as the simulator takes it (identity policies default to IdAll). */
export function requestOf(request: CaseRequest): AccessRequest {
  const principalArn = request.principal ?? `arn:aws:iam::${accounts[request.account]}:role/Builder`;
  const resource = request.resource ?? '*';
  const bucket = /^arn:aws:s3:::([^/]+)/.exec(resource)?.[1];
  const bucketPolicy = request.bucketPolicyFor && doc({ Effect: 'Allow', Principal: request.bucketPolicyFor, Action: request.action, Resource: `arn:aws:s3:::${bucket}/*` });
  return {
    principal: principalFromArn(principalArn)!,
    action: request.action,
    resource,
    resourceAccountId: bucket ? BUCKET_OWNERS[bucket] : undefined,
    region: request.region ?? 'eu-west-1',
    principalTags: request.tags,
    context: { ...DEFAULT_CONTEXT, ...request.context },
    identityPolicies: request.identity === null ? [] : (request.identity ?? ['IdAll']).map((n) => compiled(n, IAM[n], 'IDENTITY')),
    permissionsBoundary: request.boundary ? compiled(request.boundary, IAM[request.boundary], 'IDENTITY') : undefined,
    resourcePolicy: bucketPolicy ? compiled('bucket policy', bucketPolicy, 'RESOURCE_BASED') : undefined,
  };
}

export function runCase(setup: CaseSetup, request: CaseRequest): EvaluationResult {
  return simulate(requestOf(request), organizationOf(setup));
}

/** An SCP or RCP of the catalog, compiled. */
export const catalogPolicy = (name: string): CompiledPolicy =>
  name in RCPS ? compiled(name, RCPS[name], 'RESOURCE_CONTROL_POLICY') : compiled(name, SCPS[name], 'SERVICE_CONTROL_POLICY');

/** `SCP@Root[S-EU]`-style labels of every explicit Deny, or the first failing gate (`SCP@Prod`, `IDENTITY`). */
export function decidedBy(result: EvaluationResult): string {
  const short = (source: string) => ({ SERVICE_CONTROL_POLICY: 'SCP', RESOURCE_CONTROL_POLICY: 'RCP' })[source] ?? source;
  const node = (id?: string) => Object.entries({ ...ids, ...accounts }).find(([, v]) => v === id)?.[0];
  if (result.decision === 'EXPLICIT_DENY') return result.explicitDenies.map((d) => (d.targetId ? `${short(d.source)}@${node(d.targetId)}[${d.policyName}]` : `${d.source}[${d.policyName}]`)).join(' ');
  const at = result.decidedAt!;
  return at.targetId ? `${short(at.source)}@${node(at.targetId)}` : at.source;
}
