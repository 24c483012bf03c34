import { sql, type SqlText } from '@orgs/shared/projector';
import type { AccountEvent, MemberAccountCreatedData } from '@orgs/organizations/domain';

type AccountRowEvent = Extract<AccountEvent, { type: 'MemberAccountCreated' | 'AccountMoved' | 'AccountDepartedOrganization' | 'CloseAccountRequested' | 'AccountClosed' }>;

/**
 * The `accounts` rows of members. The tenant's standalone accounts are written by the tenants
 * projection and the management account's membership by the organization's lifecycle; this
 * inserts created accounts and follows every member's moves, departure and closure.
 */
export function accountRowStatement(tenantId: string, event: AccountRowEvent): SqlText {
  switch (event.type) {
    case 'MemberAccountCreated':
      return memberAccountCreated(tenantId, event.data);
    case 'AccountMoved': {
      const { accountId, destinationParentId, path } = event.data;
      return sql`UPDATE accounts SET parent_id = ${destinationParentId}, path = ${path} WHERE tenant_id = ${tenantId} AND id = ${accountId}`;
    }
    case 'AccountDepartedOrganization':
      return becameStandalone(tenantId, event.data.accountId);
    case 'CloseAccountRequested':
      return sql`UPDATE accounts SET status = 'PENDING_CLOSURE', state = 'PENDING_CLOSURE' WHERE tenant_id = ${tenantId} AND id = ${event.data.accountId}`;
    case 'AccountClosed':
      return sql`UPDATE accounts SET status = 'SUSPENDED', state = 'SUSPENDED' WHERE tenant_id = ${tenantId} AND id = ${event.data.accountId}`;
  }
}

/** A former member keeps its row, name and email: it is a standalone account of the tenant again. */
export const becameStandalone = (tenantId: string, accountId: string) =>
  sql`UPDATE accounts SET organization_id = NULL, parent_id = NULL, arn = NULL, path = NULL, joined_method = NULL, joined_timestamp = NULL
    WHERE tenant_id = ${tenantId} AND id = ${accountId}`;

function memberAccountCreated(tenantId: string, data: MemberAccountCreatedData): SqlText {
  const { accountId, name, email, organizationId, parentId, arn, path, joinedMethod, joinedAt } = data;
  return sql`INSERT INTO accounts (id, tenant_id, name, email, created_at, organization_id, parent_id, arn, path, status, state, joined_method, joined_timestamp)
    VALUES (${accountId}, ${tenantId}, ${name}, ${email}, ${joinedAt}, ${organizationId}, ${parentId}, ${arn}, ${path}, 'ACTIVE', 'ACTIVE', ${joinedMethod}, ${joinedAt})`;
}
