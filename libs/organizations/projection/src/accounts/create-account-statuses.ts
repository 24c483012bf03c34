import { sql, type SqlText } from '@orgs/shared/projector';
import type { AccountEvent } from '@orgs/organizations/domain';

type StatusEvent = Extract<AccountEvent, { type: 'CreateAccountRequested' | 'CreateAccountSucceeded' | 'CreateAccountFailed' }>;

/** One row per CreateAccount request: what DescribeCreateAccountStatus and ListCreateAccountStatus read. */
export function createAccountStatusStatement(tenantId: string, event: StatusEvent): SqlText {
  switch (event.type) {
    case 'CreateAccountRequested': {
      const { requestId, organizationId, accountName, requestedAt } = event.data;
      return sql`INSERT INTO create_account_statuses (id, tenant_id, organization_id, account_name, state, requested_at)
        VALUES (${requestId}, ${tenantId}, ${organizationId}, ${accountName}, 'IN_PROGRESS', ${requestedAt})`;
    }
    case 'CreateAccountSucceeded': {
      const { requestId, accountId, completedAt } = event.data;
      return sql`UPDATE create_account_statuses SET state = 'SUCCEEDED', account_id = ${accountId}, completed_at = ${completedAt}
        WHERE tenant_id = ${tenantId} AND id = ${requestId}`;
    }
    case 'CreateAccountFailed': {
      const { requestId, failureReason, completedAt } = event.data;
      return sql`UPDATE create_account_statuses SET state = 'FAILED', failure_reason = ${failureReason}, completed_at = ${completedAt}
        WHERE tenant_id = ${tenantId} AND id = ${requestId}`;
    }
  }
}
