import { assertUnreachable } from '@orgs/shared/kernel';
import type { ProjectionHandlers } from '@orgs/shared/projector';
import type { ReadModelTransaction } from '@orgs/shared/read-models';
import { ACCOUNT_EVENTS, type AccountEvent } from '@orgs/organizations/domain';
import { applyAccountRow } from './account-rows';
import { applyCreateAccountStatus } from './create-account-statuses';
import { refreshEffectivePoliciesOfOrganization } from '../policies/effective-policies';

/** Member accounts (`accounts` rows) and CreateAccount requests (`create_account_statuses`). */
export const accountHandlers: ProjectionHandlers = {
  eventTypes: ACCOUNT_EVENTS,
  apply: (tx, recorded) => applyAccountEvent(tx, recorded.tenantId, recorded as unknown as AccountEvent),
};

async function applyAccountEvent(tx: ReadModelTransaction, tenantId: string, event: AccountEvent): Promise<void> {
  switch (event.type) {
    case 'CreateAccountRequested':
    case 'CreateAccountSucceeded':
    case 'CreateAccountFailed':
      return applyCreateAccountStatus(tx, tenantId, event);
    case 'MemberAccountCreated':
      return applyAccountRow(tx, tenantId, event);
    case 'AccountMoved':
      await applyAccountRow(tx, tenantId, event);
      // The account's own effective policies merge from its new ancestors.
      return refreshEffectivePoliciesOfOrganization(tx, tenantId, event.data.organizationId, new Date(event.data.movedAt));
    case 'AccountDepartedOrganization':
    case 'CloseAccountRequested':
    case 'AccountClosed':
      return applyAccountRow(tx, tenantId, event);
    default:
      assertUnreachable(event);
  }
}
