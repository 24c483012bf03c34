import { accessDenied, accountArn, constraintViolation, organizationalUnitArn, rootArn } from '@orgs/shared/kernel';
import { requireMember } from '../command';
import type { OrganizationState } from '../state';
import { delegationPolicyAllows, type DelegationRequest } from './delegation-policy';

/**
 * The read-only operations a delegated administrator may call by default: those the AWS model
 * marks "management account or delegated administrator" (trusted-access.md 4).
 */
export const DELEGATED_ADMINISTRATOR_READ_OPERATIONS: ReadonlySet<string> = new Set([
  'DescribeAccount',
  'DescribeCreateAccountStatus',
  'DescribeOrganizationalUnit',
  'DescribePolicy',
  'DescribeResourcePolicy',
  // Any account may describe its own effective policy; a delegated administrator, who reads every
  // policy and attachment anyway, any account's (AWS: "from any account in the organization").
  'DescribeEffectivePolicy',
  'ListAccounts',
  'ListAccountsForParent',
  'ListAccountsWithInvalidEffectivePolicy',
  'ListAWSServiceAccessForOrganization',
  'ListChildren',
  'ListCreateAccountStatus',
  'ListDelegatedAdministrators',
  'ListDelegatedServicesForAccount',
  'ListEffectivePolicyValidationErrors',
  'ListHandshakesForOrganization',
  'ListOrganizationalUnitsForParent',
  'ListParents',
  'ListPolicies',
  'ListPoliciesForTarget',
  'ListRoots',
  'ListTagsForResource',
  'ListTargetsForPolicy',
]);

/** What a member account's call is judged on. */
export interface DelegatedCall extends DelegationRequest {
  /** Registered as a delegated administrator of some service: the default reads are its. */
  registered: boolean;
  /** The organization's delegation policy document, if it has one. */
  resourcePolicyContent: string | null;
}

/**
 * THE place where a member account's rights beyond its own things are decided, for reads (the API's
 * OrganizationReads.organizationReader) and writes (commands, through
 * requireManagementOrDelegatedAdministrator) alike:
 * - a delegated administrator of any service may call the default read-only operations;
 * - the organization's resource-based delegation policy, evaluated by the policy engine, may grant
 *   any member account it names (registered or not: naming it there makes it Organizations' own
 *   delegated administrator) the operations, resources and conditions it allows.
 */
export function delegatedAdministratorMayCall(call: DelegatedCall): boolean {
  if (call.registered && DELEGATED_ADMINISTRATOR_READ_OPERATIONS.has(call.operation)) return true;
  return delegationPolicyAllows(call.resourcePolicyContent, call);
}

/** Whether the account is a delegated administrator of the organization for any service. */
export const isDelegatedAdministrator = (state: OrganizationState, accountId: string) =>
  Object.values(state.delegatedAdministrators.byService).some((accounts) => Object.hasOwn(accounts, accountId));

/**
 * For commands a delegation policy may open to member accounts (CreatePolicy, AttachPolicy,
 * TagResource, ...): the management account always; another member when
 * delegatedAdministratorMayCall says so for the call's resources and condition keys; anyone else
 * AccessDeniedException. The command then runs as any other, on the organization's stream.
 */
export function requireManagementOrDelegatedAdministrator(
  state: OrganizationState,
  accountId: string,
  operation: string,
  request: Pick<DelegationRequest, 'resources' | 'context'> = {},
): void {
  requireMember(state, accountId);
  if (state.managementAccountId === accountId) return;
  const resourcePolicyContent = state.delegatedAdministrators.resourcePolicy?.content ?? null;
  if (delegatedAdministratorMayCall({ operation, accountId, registered: isDelegatedAdministrator(state, accountId), resourcePolicyContent, ...request })) return;
  throw accessDenied(`Only the management account, or a member account the delegation policy allows, can call ${operation} here.`);
}

/**
 * The ARN a delegation policy names a root, OU, account or customer policy of the organization by
 * (`arn:aws:organizations::<management>:ou/o-.../ou-...`); undefined for an id it does not hold.
 */
export function organizationResourceArn(state: OrganizationState, resourceId: string): string | undefined {
  const management = state.managementAccountId as string;
  const organization = state.organizationId as string;
  if (state.root?.id === resourceId) return rootArn(management, organization, resourceId);
  if (Object.hasOwn(state.organizationalUnits, resourceId)) return organizationalUnitArn(management, organization, resourceId);
  if (Object.hasOwn(state.accounts, resourceId)) return accountArn(management, organization, resourceId);
  return Object.hasOwn(state.policies, resourceId) ? state.policies[resourceId].arn : undefined;
}

/** The tag condition keys of a request that adds or names tags (`aws:TagKeys`, `aws:RequestTag/<key>`). */
export function tagRequestContext(tags: readonly { key: string; value?: string }[] | undefined): Record<string, string | string[]> {
  if (!tags || tags.length === 0) return {};
  const context: Record<string, string | string[]> = { 'aws:TagKeys': tags.map((t) => t.key) };
  for (const tag of tags) if (tag.value !== undefined) context[`aws:RequestTag/${tag.key}`] = tag.value;
  return context;
}

/** A delegated administrator cannot be removed or leave until deregistered for every service (trusted-access.md 4). */
export function assertNotDelegatedAdministrator(state: OrganizationState, accountId: string): void {
  if (isDelegatedAdministrator(state, accountId)) {
    throw constraintViolation('CANNOT_REMOVE_DELEGATED_ADMINISTRATOR_FROM_ORG', `Deregister account ${accountId} as a delegated administrator for every service first.`);
  }
}
