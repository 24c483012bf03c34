import type { ReadModelTransaction } from '@orgs/shared/read-models';
import type { AccountEvent } from '@orgs/organizations/domain';

type StatusEvent = Extract<AccountEvent, { type: 'CreateAccountRequested' | 'CreateAccountSucceeded' | 'CreateAccountFailed' }>;

/** One row per CreateAccount request: what DescribeCreateAccountStatus and ListCreateAccountStatus read. */
export async function applyCreateAccountStatus(tx: ReadModelTransaction, tenantId: string, event: StatusEvent): Promise<void> {
  switch (event.type) {
    case 'CreateAccountRequested': {
      const { requestId, organizationId, accountName, requestedAt } = event.data;
      await tx.createAccountStatus.create({
        data: { id: requestId, tenantId, organizationId, accountName, state: 'IN_PROGRESS', requestedAt },
      });
      return;
    }
    case 'CreateAccountSucceeded': {
      const { requestId, accountId, completedAt } = event.data;
      await tx.createAccountStatus.updateMany({ where: { id: requestId, tenantId }, data: { state: 'SUCCEEDED', accountId, completedAt } });
      return;
    }
    case 'CreateAccountFailed': {
      const { requestId, failureReason, completedAt } = event.data;
      await tx.createAccountStatus.updateMany({ where: { id: requestId, tenantId }, data: { state: 'FAILED', failureReason, completedAt } });
      return;
    }
  }
}
