import { accessDenied, constraintViolation } from '@orgs/shared/kernel';
import { requireMember } from '../command';
import type { OrganizationState } from '../state';

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

/** What a delegated administrator's call is judged on. */
export interface DelegatedCall {
  /** The AWS operation name (`ListAccounts`, `CreatePolicy`). */
  operation: string;
  accountId: string;
  /** The organization's delegation policy document, if it has one. */
  resourcePolicyContent: string | null;
  /** The ARN acted on, where the operation names one. */
  resourceArn?: string;
}

/**
 * THE place where a delegated administrator's rights are decided, for reads (the API) and writes
 * (commands, through requireManagementOrDelegatedAdministrator) alike. It grants the default
 * read-only operations and nothing more: the resource-based delegation policy is stored and
 * validated, but granting from it (e.g. policy management) needs the policy engine's evaluation of
 * `resourcePolicyContent` for (`accountId`, `operation`, `resourceArn`), which does not exist yet;
 * until it is called from here, a delegation policy grants no extra operation.
 */
export function delegatedAdministratorMayCall(call: DelegatedCall): boolean {
  return DELEGATED_ADMINISTRATOR_READ_OPERATIONS.has(call.operation);
}

/** Whether the account is a delegated administrator of the organization for any service. */
export const isDelegatedAdministrator = (state: OrganizationState, accountId: string) =>
  Object.values(state.delegatedAdministrators.byService).some((accounts) => Object.hasOwn(accounts, accountId));

/**
 * For commands a delegation policy may open to delegated administrators (CreatePolicy, AttachPolicy,
 * TagResource, ...): the management account always; a delegated administrator when
 * delegatedAdministratorMayCall says so; anyone else AccessDeniedException.
 */
export function requireManagementOrDelegatedAdministrator(state: OrganizationState, accountId: string, operation: string, resourceArn?: string): void {
  requireMember(state, accountId);
  if (state.managementAccountId === accountId) return;
  const resourcePolicyContent = state.delegatedAdministrators.resourcePolicy?.content ?? null;
  if (isDelegatedAdministrator(state, accountId) && delegatedAdministratorMayCall({ operation, accountId, resourcePolicyContent, resourceArn })) return;
  throw accessDenied(`Only the management account, or a delegated administrator the delegation policy allows, can call ${operation}.`);
}

/** A delegated administrator cannot be removed or leave until deregistered for every service (trusted-access.md 4). */
export function assertNotDelegatedAdministrator(state: OrganizationState, accountId: string): void {
  if (isDelegatedAdministrator(state, accountId)) {
    throw constraintViolation('CANNOT_REMOVE_DELEGATED_ADMINISTRATOR_FROM_ORG', `Deregister account ${accountId} as a delegated administrator for every service first.`);
  }
}
