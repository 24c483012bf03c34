import type { PolicyType } from '@orgs/shared/kernel';

/** What kind of document a type holds: IAM-style authorization, or `@@`-operator management settings. */
export type PolicyCategory = 'AUTHORIZATION' | 'MANAGEMENT';

export interface PolicyTypeFacts {
  category: PolicyCategory;
  /** Characters, white space included (quotas.md: the API counts the document as sent). */
  maxContentLength: number;
  /** Policies of this type attached directly to one root, OU or account. */
  maxAttachmentsPerTarget: number;
  /** Policies of this type in one organization. */
  maxPoliciesPerOrganization: number;
  /** The management types' fixed top-level key, when the reference gives a schema. */
  topLevelKey?: string;
}

/**
 * The reference's policies/README.md section 4 and quotas.md, current values. The six newest
 * management types have no published schema or quotas except Security Hub's (unverified): they get
 * the generic operator grammar and the common management limits.
 */
export const POLICY_TYPES: Readonly<Record<PolicyType, PolicyTypeFacts>> = {
  SERVICE_CONTROL_POLICY: { category: 'AUTHORIZATION', maxContentLength: 10_240, maxAttachmentsPerTarget: 10, maxPoliciesPerOrganization: 10_000 },
  RESOURCE_CONTROL_POLICY: { category: 'AUTHORIZATION', maxContentLength: 5_120, maxAttachmentsPerTarget: 5, maxPoliciesPerOrganization: 2_000 },
  TAG_POLICY: management(10_000, 10, 'tags'),
  BACKUP_POLICY: management(10_000, 10, 'plans'),
  AISERVICES_OPT_OUT_POLICY: management(2_500, 5, 'services'),
  CHATBOT_POLICY: management(10_000, 5, 'chatbot'),
  DECLARATIVE_POLICY_EC2: management(10_000, 10, 'ec2_attributes'),
  SECURITYHUB_POLICY: management(10_000, 10),
  INSPECTOR_POLICY: management(10_000, 10),
  UPGRADE_ROLLOUT_POLICY: management(10_000, 10),
  BEDROCK_POLICY: management(10_000, 10),
  S3_POLICY: management(10_000, 10),
  NETWORK_SECURITY_DIRECTOR_POLICY: management(10_000, 10),
};

function management(maxContentLength: number, maxAttachmentsPerTarget: number, topLevelKey?: string): PolicyTypeFacts {
  return { category: 'MANAGEMENT', maxContentLength, maxAttachmentsPerTarget, maxPoliciesPerOrganization: 1_000, topLevelKey };
}

export const isAuthorizationType = (type: PolicyType) => POLICY_TYPES[type].category === 'AUTHORIZATION';
export const isManagementType = (type: PolicyType) => POLICY_TYPES[type].category === 'MANAGEMENT';

/** An AWS managed policy: exists in every organization, immutable, attached everywhere while its type is enabled. */
export interface AwsManagedPolicy {
  id: string;
  arn: string;
  name: string;
  description: string;
  type: PolicyType;
  content: string;
  /** RCPFullAWSAccess may never be detached; FullAWSAccess may, while another SCP stays. */
  detachable: boolean;
}

export const FULL_AWS_ACCESS: AwsManagedPolicy = {
  id: 'p-FullAWSAccess',
  arn: 'arn:aws:organizations::aws:policy/service_control_policy/p-FullAWSAccess',
  name: 'FullAWSAccess',
  description: 'Allows access to every operation',
  type: 'SERVICE_CONTROL_POLICY',
  content: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}',
  detachable: true,
};

export const RCP_FULL_AWS_ACCESS: AwsManagedPolicy = {
  id: 'p-RCPFullAWSAccess',
  arn: 'arn:aws:organizations::aws:policy/resource_control_policy/p-RCPFullAWSAccess',
  name: 'RCPFullAWSAccess',
  description: 'Allows access to every resource',
  type: 'RESOURCE_CONTROL_POLICY',
  content: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}',
  detachable: false,
};

export const AWS_MANAGED_POLICIES: readonly AwsManagedPolicy[] = [FULL_AWS_ACCESS, RCP_FULL_AWS_ACCESS];

export const awsManagedPolicy = (id: string) => AWS_MANAGED_POLICIES.find((policy) => policy.id === id);

/** The managed policy AWS attaches everywhere when a type is enabled, if the type has one. */
export const managedPolicyOfType = (type: PolicyType) => AWS_MANAGED_POLICIES.find((policy) => policy.type === type);

/**
 * Services whose actions RCPs apply to (scp-rcp-evaluation.md 1.2): data, not code, because AWS
 * adds to it.
 */
export const RCP_SERVICES: ReadonlySet<string> = new Set(
  ('appstream dsql clouddirectory cloudfront cloudsearch logs networkmonitor cognito-identity cognito-idp comprehend ' +
    'comprehendmedical firehose dynamodb dax autoscaling ecr ecr-public gamelift inspector-scan kendra kinesisvideo ' +
    'memorydb aoss personalize polly s3 swf sqs textract timestream-influxdb transcribe translate workspaces appconfig ' +
    'autoscaling-plans budgets servicediscovery cloudtrail-data codeartifact codebuild codecommit codepipeline ' +
    'compute-optimizer cost-optimization-hub events fms fis health rolesanywhere kms opensearch pricing ' +
    'pca-connector-ad resource-groups secretsmanager sts signin support transfer notifications wafv2 xray').split(' '),
);
