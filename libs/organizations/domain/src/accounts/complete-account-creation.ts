import { accountArn, type CreateAccountFailureReason } from '@orgs/shared/kernel';
import type { OrganizationCommandOf } from '../command';
import type { OrganizationQuotas } from '../quotas';
import type { CreateAccountRequestState, OrganizationState } from '../state';
import { managedPoliciesAttachedAtCreation, type PolicyEvent } from '../policies/policies';
import { tagsGivenAtCreation, type TagEvent } from '../tags/tags';
import { accountPath, accountsCountedAgainstQuota, iamRoleArn, iamRootPrincipal } from './account-rules';
import { tagsAsList } from './create-account-input';

/** Decided by the account-creation job, never by a caller: it carries no caller check. */
export type CompleteAccountCreationCommand = OrganizationCommandOf<
  'CompleteAccountCreation',
  {
    requestId: string;
    /** A fresh 12-digit id (newAccountId); the append's claim makes it unique across the installation. */
    accountId: string;
    quotas: OrganizationQuotas;
  }
>;

/** The job ends a request this way when the account cannot be made (the email is taken, ...). */
export type FailAccountCreationCommand = OrganizationCommandOf<
  'FailAccountCreation',
  { requestId: string; failureReason: CreateAccountFailureReason }
>;

/** The cross-account role CreateAccount makes in the new account, trusted by the management account. */
export interface AccessRole {
  roleName: string;
  arn: string;
  trustedPrincipal: string;
}

export interface MemberAccountCreatedData {
  organizationId: string;
  requestId: string;
  accountId: string;
  arn: string;
  name: string;
  email: string;
  parentId: string;
  path: string;
  joinedMethod: 'CREATED';
  joinedAt: string;
  iamUserAccessToBilling: 'ALLOW' | 'DENY';
  accessRole: AccessRole;
}

export type AccountCreationEvent =
  | { type: 'MemberAccountCreated'; data: MemberAccountCreatedData }
  | { type: 'CreateAccountSucceeded'; data: { organizationId: string; requestId: string; accountId: string; completedAt: string } }
  | {
      type: 'CreateAccountFailed';
      data: { organizationId: string; requestId: string; failureReason: CreateAccountFailureReason; completedAt: string };
    };

/** Only a request still in progress changes: a job delivered twice decides nothing the second time. */
function pendingRequest(state: OrganizationState, requestId: string): CreateAccountRequestState | undefined {
  const request = Object.hasOwn(state.createAccountRequests, requestId) ? state.createAccountRequests[requestId] : undefined;
  return state.status === 'ACTIVE' && request?.state === 'IN_PROGRESS' ? request : undefined;
}

/**
 * The account joins under the root with the requested tags (recorded by the tags capability's
 * event), and the request succeeds, in one append that also claims the id, the email and the
 * membership (account-claims.ts).
 */
export function completeAccountCreation(command: CompleteAccountCreationCommand, state: OrganizationState): (AccountCreationEvent | TagEvent | PolicyEvent)[] {
  const { requestId, accountId, quotas } = command.data;
  const request = pendingRequest(state, requestId);
  if (!request) return [];
  // The quota was checked when the request was made; invitations or a lowered quota may have used it up since.
  if (accountsCountedAgainstQuota(state, requestId) >= quotas.maxAccounts) {
    return failed(state, requestId, 'ACCOUNT_LIMIT_EXCEEDED', command.at);
  }
  const management = state.managementAccountId as string;
  const organizationId = state.organizationId as string;
  const rootId = state.root?.id as string;
  return [
    {
      type: 'MemberAccountCreated',
      data: {
        organizationId,
        requestId,
        accountId,
        arn: accountArn(management, organizationId, accountId),
        name: request.accountName,
        email: request.email,
        parentId: rootId,
        path: accountPath(state, rootId, accountId),
        joinedMethod: 'CREATED',
        joinedAt: command.at,
        iamUserAccessToBilling: request.iamUserAccessToBilling,
        accessRole: { roleName: request.roleName, arn: iamRoleArn(accountId, request.roleName), trustedPrincipal: iamRootPrincipal(management) },
      },
    },
    { type: 'CreateAccountSucceeded', data: { organizationId, requestId, accountId, completedAt: command.at } },
    ...tagsGivenAtCreation(accountId, tagsAsList(request.tags)),
    ...managedPoliciesAttachedAtCreation(state, accountId, 'ACCOUNT', command.at),
  ];
}

export function failAccountCreation(command: FailAccountCreationCommand, state: OrganizationState): AccountCreationEvent[] {
  if (!pendingRequest(state, command.data.requestId)) return [];
  return failed(state, command.data.requestId, command.data.failureReason, command.at);
}

function failed(state: OrganizationState, requestId: string, failureReason: CreateAccountFailureReason, at: string): AccountCreationEvent[] {
  return [{ type: 'CreateAccountFailed', data: { organizationId: state.organizationId as string, requestId, failureReason, completedAt: at } }];
}
