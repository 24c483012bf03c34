import type { ReadModelTransaction } from '@orgs/shared/read-models';
import type { AccountEvent, MemberAccountCreatedData } from '@orgs/organizations/domain';

type AccountRowEvent = Extract<AccountEvent, { type: 'MemberAccountCreated' | 'AccountMoved' | 'AccountDepartedOrganization' | 'CloseAccountRequested' | 'AccountClosed' }>;

/** A former member keeps its row, name and email: it is a standalone account of the tenant again. */
const STANDALONE = { organizationId: null, parentId: null, arn: null, path: null, joinedMethod: null, joinedTimestamp: null };

/**
 * The `accounts` rows of members. The tenant's standalone accounts are written by the tenants
 * projection and the management account's membership by the organization's lifecycle; this
 * inserts created accounts and follows every member's moves, departure and closure.
 */
export async function applyAccountRow(tx: ReadModelTransaction, tenantId: string, event: AccountRowEvent): Promise<void> {
  switch (event.type) {
    case 'MemberAccountCreated':
      return memberAccountCreated(tx, tenantId, event.data);
    case 'AccountMoved': {
      const { accountId, destinationParentId, path } = event.data;
      await tx.account.updateMany({ where: { id: accountId, tenantId }, data: { parentId: destinationParentId, path } });
      return;
    }
    case 'AccountDepartedOrganization':
      await tx.account.updateMany({ where: { id: event.data.accountId, tenantId }, data: STANDALONE });
      return;
    case 'CloseAccountRequested':
      await tx.account.updateMany({ where: { id: event.data.accountId, tenantId }, data: { status: 'PENDING_CLOSURE', state: 'PENDING_CLOSURE' } });
      return;
    case 'AccountClosed':
      await tx.account.updateMany({ where: { id: event.data.accountId, tenantId }, data: { status: 'SUSPENDED', state: 'SUSPENDED' } });
      return;
  }
}

async function memberAccountCreated(tx: ReadModelTransaction, tenantId: string, data: MemberAccountCreatedData): Promise<void> {
  const membership = {
    organizationId: data.organizationId,
    parentId: data.parentId,
    arn: data.arn,
    path: data.path,
    status: 'ACTIVE',
    state: 'ACTIVE',
    joinedMethod: data.joinedMethod,
    joinedTimestamp: data.joinedAt,
  };
  await tx.account.create({ data: { id: data.accountId, tenantId, name: data.name, email: data.email, createdAt: data.joinedAt, ...membership } });
}
