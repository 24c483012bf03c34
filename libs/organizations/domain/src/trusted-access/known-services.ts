import type { ServiceDefinition } from './service-catalogue';

const slr = (roleName: string, servicePrincipal?: string) => ({ roleName, ...(servicePrincipal ? { servicePrincipal } : {}) });

/**
 * The services that support trusted access (reference trusted-access.md section 3): the principal
 * passed to EnableAWSServiceAccess, the service-linked roles Orgs creates in every account of the
 * organization when access is enabled, and how many delegated administrators the service takes (0:
 * none). Roles the reference does not name are left out rather than invented; so are delegated
 * administrator counts it does not give (1 where it says only "Yes"). Installations add services
 * through TRUSTED_ACCESS_SERVICES (see serviceCatalogue).
 */
export const KNOWN_SERVICES: readonly ServiceDefinition[] = [
  { servicePrincipal: 'account.amazonaws.com', name: 'AWS Account Management', serviceLinkedRoles: [], maxDelegatedAdministrators: 1 },
  { servicePrincipal: 'aws-artifact-account-sync.amazonaws.com', name: 'AWS Artifact', serviceLinkedRoles: [slr('AWSArtifactAccountSync')], maxDelegatedAdministrators: 0 },
  { servicePrincipal: 'auditmanager.amazonaws.com', name: 'AWS Audit Manager', serviceLinkedRoles: [slr('AWSServiceRoleForAuditManager')], maxDelegatedAdministrators: 1 },
  { servicePrincipal: 'backup.amazonaws.com', name: 'AWS Backup', serviceLinkedRoles: [], maxDelegatedAdministrators: 0 },
  {
    servicePrincipal: 'member.org.stacksets.cloudformation.amazonaws.com',
    name: 'AWS CloudFormation StackSets',
    serviceLinkedRoles: [slr('AWSServiceRoleForCloudFormationStackSetsOrgMember')],
    maxDelegatedAdministrators: 5,
  },
  { servicePrincipal: 'cloudtrail.amazonaws.com', name: 'AWS CloudTrail', serviceLinkedRoles: [slr('AWSServiceRoleForCloudTrail')], maxDelegatedAdministrators: 1 },
  { servicePrincipal: 'compute-optimizer.amazonaws.com', name: 'AWS Compute Optimizer', serviceLinkedRoles: [slr('AWSServiceRoleForComputeOptimizer')], maxDelegatedAdministrators: 1 },
  { servicePrincipal: 'config.amazonaws.com', name: 'AWS Config', serviceLinkedRoles: [slr('AWSServiceRoleForConfig')], maxDelegatedAdministrators: 3 },
  {
    servicePrincipal: 'config-multiaccountsetup.amazonaws.com',
    name: 'AWS Config (multi-account setup)',
    serviceLinkedRoles: [slr('AWSServiceRoleForConfigMultiAccountSetup')],
    maxDelegatedAdministrators: 3,
  },
  { servicePrincipal: 'controltower.amazonaws.com', name: 'AWS Control Tower', serviceLinkedRoles: [], maxDelegatedAdministrators: 0 },
  { servicePrincipal: 'detective.amazonaws.com', name: 'Amazon Detective', serviceLinkedRoles: [slr('AWSServiceRoleForDetective')], maxDelegatedAdministrators: 1 },
  { servicePrincipal: 'devops-guru.amazonaws.com', name: 'Amazon DevOps Guru', serviceLinkedRoles: [slr('AWSServiceRoleForDevOpsGuru')], maxDelegatedAdministrators: 1 },
  { servicePrincipal: 'ds.amazonaws.com', name: 'AWS Directory Service', serviceLinkedRoles: [], maxDelegatedAdministrators: 0 },
  { servicePrincipal: 'fms.amazonaws.com', name: 'AWS Firewall Manager', serviceLinkedRoles: [slr('AWSServiceRoleForFMS')], maxDelegatedAdministrators: 1 },
  { servicePrincipal: 'guardduty.amazonaws.com', name: 'Amazon GuardDuty', serviceLinkedRoles: [slr('AWSServiceRoleForAmazonGuardDuty')], maxDelegatedAdministrators: 1 },
  {
    servicePrincipal: 'malware-protection.guardduty.amazonaws.com',
    name: 'Amazon GuardDuty Malware Protection',
    serviceLinkedRoles: [slr('AWSServiceRoleForAmazonGuardDutyMalwareProtection')],
    maxDelegatedAdministrators: 0,
  },
  { servicePrincipal: 'health.amazonaws.com', name: 'AWS Health', serviceLinkedRoles: [slr('AWSServiceRoleForHealth_Organizations')], maxDelegatedAdministrators: 0 },
  { servicePrincipal: 'access-analyzer.amazonaws.com', name: 'IAM Access Analyzer', serviceLinkedRoles: [slr('AWSServiceRoleForAccessAnalyzer')], maxDelegatedAdministrators: 1 },
  {
    servicePrincipal: 'inspector2.amazonaws.com',
    name: 'Amazon Inspector',
    serviceLinkedRoles: [slr('AWSServiceRoleForAmazonInspector2')],
    maxDelegatedAdministrators: 1,
    policyTypes: ['INSPECTOR_POLICY'],
  },
  { servicePrincipal: 'license-manager.amazonaws.com', name: 'AWS License Manager', serviceLinkedRoles: [slr('AWSServiceRoleForAWSLicenseManagerRole')], maxDelegatedAdministrators: 1 },
  {
    servicePrincipal: 'license-manager.member-account.amazonaws.com',
    name: 'AWS License Manager (member accounts)',
    serviceLinkedRoles: [slr('AWSLicenseManagerMemberAccountRole')],
    maxDelegatedAdministrators: 0,
  },
  { servicePrincipal: 'macie.amazonaws.com', name: 'Amazon Macie', serviceLinkedRoles: [slr('AWSServiceRoleForAmazonMacie')], maxDelegatedAdministrators: 1 },
  {
    servicePrincipal: 'license-management.marketplace.amazonaws.com',
    name: 'AWS Marketplace license management',
    serviceLinkedRoles: [slr('AWSServiceRoleForMarketplaceLicenseManagement')],
    maxDelegatedAdministrators: 0,
  },
  { servicePrincipal: 'networkmanager.amazonaws.com', name: 'AWS Network Manager', serviceLinkedRoles: [slr('AWSServiceRoleForNetworkManager')], maxDelegatedAdministrators: 1 },
  { servicePrincipal: 'ram.amazonaws.com', name: 'AWS Resource Access Manager', serviceLinkedRoles: [slr('AWSServiceRoleForResourceAccessManager')], maxDelegatedAdministrators: 0 },
  {
    servicePrincipal: 'securityhub.amazonaws.com',
    name: 'AWS Security Hub',
    serviceLinkedRoles: [slr('AWSServiceRoleForSecurityHub')],
    maxDelegatedAdministrators: 1,
    policyTypes: ['SECURITYHUB_POLICY'],
  },
  { servicePrincipal: 'storage-lens.s3.amazonaws.com', name: 'Amazon S3 Storage Lens', serviceLinkedRoles: [slr('AWSServiceRoleForS3StorageLens')], maxDelegatedAdministrators: 5 },
  { servicePrincipal: 'servicecatalog.amazonaws.com', name: 'AWS Service Catalog', serviceLinkedRoles: [], maxDelegatedAdministrators: 1 },
  { servicePrincipal: 'servicequotas.amazonaws.com', name: 'Service Quotas', serviceLinkedRoles: [slr('AWSServiceRoleForServiceQuotas')], maxDelegatedAdministrators: 0 },
  { servicePrincipal: 'sso.amazonaws.com', name: 'AWS IAM Identity Center', serviceLinkedRoles: [slr('AWSServiceRoleForSSO')], maxDelegatedAdministrators: 1 },
  { servicePrincipal: 'ssm.amazonaws.com', name: 'AWS Systems Manager', serviceLinkedRoles: [slr('AWSServiceRoleForAmazonSSM_AccountDiscovery')], maxDelegatedAdministrators: 1 },
  { servicePrincipal: 'tagpolicies.tag.amazonaws.com', name: 'Tag policies', serviceLinkedRoles: [], maxDelegatedAdministrators: 0 },
  {
    servicePrincipal: 'reporting.trustedadvisor.amazonaws.com',
    name: 'AWS Trusted Advisor',
    serviceLinkedRoles: [slr('AWSServiceRoleForTrustedAdvisorReporting')],
    maxDelegatedAdministrators: 1,
  },
  { servicePrincipal: 'wellarchitected.amazonaws.com', name: 'AWS Well-Architected Tool', serviceLinkedRoles: [slr('AWSServiceRoleForWellArchitected')], maxDelegatedAdministrators: 0 },
  { servicePrincipal: 'ipam.amazonaws.com', name: 'Amazon VPC IP Address Manager', serviceLinkedRoles: [slr('AWSServiceRoleForIPAM')], maxDelegatedAdministrators: 1 },
  {
    servicePrincipal: 'cost-optimization-hub.bcm.amazonaws.com',
    name: 'AWS Cost Optimization Hub',
    serviceLinkedRoles: [slr('AWSServiceRoleForCostOptimizationHub')],
    maxDelegatedAdministrators: 1,
  },
  { servicePrincipal: 'resource-explorer-2.amazonaws.com', name: 'AWS Resource Explorer', serviceLinkedRoles: [slr('AWSServiceRoleForResourceExplorer')], maxDelegatedAdministrators: 0 },
  { servicePrincipal: 'observabilityadmin.amazonaws.com', name: 'Amazon CloudWatch telemetry', serviceLinkedRoles: [], maxDelegatedAdministrators: 0 },
  { servicePrincipal: 'reachabilityanalyzer.networkinsights.amazonaws.com', name: 'VPC Reachability Analyzer', serviceLinkedRoles: [], maxDelegatedAdministrators: 0 },
  // One delegated administrator: it reads the organization's consolidated bill (libs/billing/api billing-scope.service.ts).
  { servicePrincipal: 'billing-cost-management.amazonaws.com', name: 'AWS Billing and Cost Management', serviceLinkedRoles: [], maxDelegatedAdministrators: 1 },
  { servicePrincipal: 'license-manager-linux-subscriptions.amazonaws.com', name: 'License Manager Linux Subscriptions', serviceLinkedRoles: [], maxDelegatedAdministrators: 0 },
  { servicePrincipal: 'eks.amazonaws.com', name: 'Amazon EKS', serviceLinkedRoles: [], maxDelegatedAdministrators: 0 },
];
