import { assertUnreachable } from '@orgs/shared/kernel';
import type { MemberAccountState, OrganizationState } from '../state';
import type { AccountEvent } from './accounts';
import { closuresInWindow } from './close-account';

const withoutKey = <T>(record: Record<string, T>, key: string): Record<string, T> =>
  Object.fromEntries(Object.entries(record).filter(([k]) => k !== key));

function updateAccount(state: OrganizationState, accountId: string, change: Partial<MemberAccountState>): OrganizationState {
  const account = state.accounts[accountId];
  if (!account) return state;
  return { ...state, accounts: { ...state.accounts, [accountId]: { ...account, ...change } } };
}

function updateRequest(state: OrganizationState, requestId: string, change: Partial<OrganizationState['createAccountRequests'][string]>): OrganizationState {
  const request = state.createAccountRequests[requestId];
  if (!request) return state;
  return { ...state, createAccountRequests: { ...state.createAccountRequests, [requestId]: { ...request, ...change } } };
}

/** Accounts own the accounts, createAccountRequests and closures sections (tags travel as the tags capability's events). */
export function evolveAccounts(state: OrganizationState, event: AccountEvent): OrganizationState {
  switch (event.type) {
    case 'CreateAccountRequested': {
      const { requestId, accountName, email, roleName, iamUserAccessToBilling, tags, requestedAt } = event.data;
      const request = { id: requestId, accountName, email, roleName, iamUserAccessToBilling, tags, state: 'IN_PROGRESS' as const, requestedAt };
      return { ...state, createAccountRequests: { ...state.createAccountRequests, [requestId]: request } };
    }
    case 'MemberAccountCreated': {
      const { accountId, name, email, parentId, joinedAt } = event.data;
      const account: MemberAccountState = { id: accountId, name, email, parentId, state: 'ACTIVE', joinedMethod: 'CREATED', joinedAt };
      return { ...state, accounts: { ...state.accounts, [accountId]: account } };
    }
    case 'CreateAccountSucceeded':
      return updateRequest(state, event.data.requestId, { state: 'SUCCEEDED', accountId: event.data.accountId, completedAt: event.data.completedAt });
    case 'CreateAccountFailed':
      return updateRequest(state, event.data.requestId, { state: 'FAILED', failureReason: event.data.failureReason, completedAt: event.data.completedAt });
    case 'AccountMoved':
      return updateAccount(state, event.data.accountId, { parentId: event.data.destinationParentId });
    case 'AccountDepartedOrganization':
      return { ...state, accounts: withoutKey(state.accounts, event.data.accountId) };
    case 'CloseAccountRequested': {
      const closing = updateAccount(state, event.data.accountId, { state: 'PENDING_CLOSURE' });
      // Only the last 30 days matter to the quota: older closures are dropped to keep the state small.
      return { ...closing, closures: [...closuresInWindow(state.closures, event.data.requestedAt), event.data.requestedAt] };
    }
    case 'AccountClosed':
      return updateAccount(state, event.data.accountId, { state: 'SUSPENDED' });
    default:
      return assertUnreachable(event);
  }
}
