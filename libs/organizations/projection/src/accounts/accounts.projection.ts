import { assertUnreachable } from '@orgs/shared/kernel';
import type { ProjectionHandlers, SqlText } from '@orgs/shared/projector';
import { ACCOUNT_EVENTS, type AccountEvent } from '@orgs/organizations/domain';
import { accountRowStatement } from './account-rows';
import { createAccountStatusStatement } from './create-account-statuses';

/** Member accounts (`accounts` rows) and CreateAccount requests (`create_account_statuses`). */
export const accountHandlers: ProjectionHandlers = {
  tables: ['accounts', 'create_account_statuses'],
  eventTypes: ACCOUNT_EVENTS,
  write: (batch, recorded) => batch.add(accountStatement(recorded.tenantId, recorded as unknown as AccountEvent)),
};

function accountStatement(tenantId: string, event: AccountEvent): SqlText {
  switch (event.type) {
    case 'CreateAccountRequested':
    case 'CreateAccountSucceeded':
    case 'CreateAccountFailed':
      return createAccountStatusStatement(tenantId, event);
    case 'MemberAccountCreated':
    case 'AccountMoved':
    case 'AccountDepartedOrganization':
    case 'CloseAccountRequested':
    case 'AccountClosed':
      return accountRowStatement(tenantId, event);
    default:
      return assertUnreachable(event);
  }
}
