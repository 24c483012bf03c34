import { OrgsError } from '@orgs/shared/kernel';
import { requireManagementAccount, type OrganizationCommandOf } from '../command';
import type { OrganizationState } from '../state';
import { accountPath, parentExists, requireAccount } from './account-rules';

export type MoveAccountCommand = OrganizationCommandOf<'MoveAccount', { accountId: string; sourceParentId: string; destinationParentId: string }>;

export interface AccountMovedData {
  organizationId: string;
  accountId: string;
  sourceParentId: string;
  destinationParentId: string;
  /** The account's new AWS `Path`. */
  path: string;
  movedAt: string;
}

export type AccountMovedEvent = { type: 'AccountMoved'; data: AccountMovedData };

/**
 * The source must be the account's current parent: two moves decided on the same state cannot
 * both succeed, so concurrent moves of one account form a chain.
 */
export function moveAccount(command: MoveAccountCommand, state: OrganizationState): AccountMovedEvent[] {
  requireManagementAccount(state, command.actingAccountId);
  const { accountId, sourceParentId, destinationParentId } = command.data;
  const account = requireAccount(state, accountId);
  if (!parentExists(state, sourceParentId)) {
    throw new OrgsError('SourceParentNotFoundException', `Source parent ${sourceParentId} was not found.`);
  }
  if (!parentExists(state, destinationParentId)) {
    throw new OrgsError('DestinationParentNotFoundException', `Destination parent ${destinationParentId} was not found.`);
  }
  if (account.parentId !== sourceParentId) {
    throw new OrgsError('SourceParentNotFoundException', `Account ${accountId} is not in ${sourceParentId}.`);
  }
  if (destinationParentId === account.parentId) {
    throw new OrgsError('DuplicateAccountException', `Account ${accountId} is already in ${destinationParentId}.`);
  }
  return [
    {
      type: 'AccountMoved',
      data: {
        organizationId: state.organizationId as string,
        accountId,
        sourceParentId,
        destinationParentId,
        path: accountPath(state, destinationParentId, accountId),
        movedAt: command.at,
      },
    },
  ];
}
