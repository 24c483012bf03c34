import { AccountsResolver, CreateAccountResolver } from '@orgs/organizations/api';
import { served, type OperationTable } from '../operation';

/** Accounts, their creation status, moves, removal, closing and leaving. */
export const ACCOUNT_OPERATIONS: OperationTable = {
  CreateAccount: served(CreateAccountResolver, 'createAccount')((i) => [
    { email: i.email, accountName: i.accountName, roleName: i.roleName, iamUserAccessToBilling: i.iamUserAccessToBilling, tags: i.tags },
  ]),
  DescribeCreateAccountStatus: served(CreateAccountResolver, 'describeCreateAccountStatus')((i, t) => [i.createAccountRequestId, t]),
  ListCreateAccountStatus: served(CreateAccountResolver, 'listCreateAccountStatus')((i, t) => [i.states, i.maxResults, i.nextToken, t]),
  DescribeAccount: served(AccountsResolver, 'describeAccount')((i, t) => [i.accountId, t]),
  ListAccounts: served(AccountsResolver, 'listAccounts')((i, t) => [i.maxResults, i.nextToken, t]),
  ListAccountsForParent: served(AccountsResolver, 'listAccountsForParent')((i, t) => [i.parentId, i.maxResults, i.nextToken, t]),
  MoveAccount: served(AccountsResolver, 'moveAccount')((i) => [{ accountId: i.accountId, sourceParentId: i.sourceParentId, destinationParentId: i.destinationParentId }]),
  RemoveAccountFromOrganization: served(AccountsResolver, 'removeAccountFromOrganization')((i) => [{ accountId: i.accountId }]),
  CloseAccount: served(AccountsResolver, 'closeAccount')((i) => [{ accountId: i.accountId }]),
  LeaveOrganization: served(AccountsResolver, 'leaveOrganization')(() => []),
};
