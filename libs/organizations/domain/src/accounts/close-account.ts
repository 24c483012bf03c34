import { constraintViolation, OrgsError } from '@orgs/shared/kernel';
import { requireManagementAccount, type OrganizationCommandOf } from '../command';
import { CLOSURES_IN_PROGRESS } from '../quotas';
import type { OrganizationState } from '../state';
import { requireAccount } from './account-rules';

export type CloseAccountCommand = OrganizationCommandOf<'CloseAccount', { accountId: string }>;
/** Decided by the closure job when the closure has run its course. */
export type CompleteAccountClosureCommand = OrganizationCommandOf<'CompleteAccountClosure', { accountId: string }>;

export type AccountClosureEvent =
  | { type: 'CloseAccountRequested'; data: { organizationId: string; accountId: string; requestedAt: string } }
  | { type: 'AccountClosed'; data: { organizationId: string; accountId: string; closedAt: string } };

export const CLOSURE_WINDOW_MS = 30 * 24 * 3600 * 1000;

/** Closures per rolling 30 days: max(250, 20% of member accounts), never above 1,000 (quotas.md). */
export function closureQuota(state: OrganizationState): number {
  const members = Object.keys(state.accounts).filter((id) => id !== state.managementAccountId).length;
  return Math.min(1_000, Math.max(250, Math.floor(members * 0.2)));
}

export const closuresInWindow = (closures: string[], at: string) =>
  closures.filter((closedAt) => Date.parse(at) - Date.parse(closedAt) < CLOSURE_WINDOW_MS);

export function closeAccount(command: CloseAccountCommand, state: OrganizationState): AccountClosureEvent[] {
  requireManagementAccount(state, command.actingAccountId);
  const { accountId } = command.data;
  if (state.featureSet !== 'ALL') {
    throw constraintViolation('ORGANIZATION_NOT_IN_ALL_FEATURES_MODE', 'CloseAccount needs an organization with all features enabled.');
  }
  const account = requireAccount(state, accountId);
  if (accountId === state.managementAccountId) {
    throw constraintViolation('CANNOT_CLOSE_MANAGEMENT_ACCOUNT', 'The management account cannot be closed with CloseAccount.');
  }
  if (account.state === 'SUSPENDED' || account.state === 'CLOSED') throw new OrgsError('AccountAlreadyClosedException', `Account ${accountId} is already closed.`);
  if (account.state === 'PENDING_CLOSURE') throw new OrgsError('ConflictException', `Account ${accountId} is already being closed.`);
  const running = Object.values(state.accounts).filter((a) => a.state === 'PENDING_CLOSURE').length;
  if (running >= CLOSURES_IN_PROGRESS) {
    throw constraintViolation('CLOSE_ACCOUNT_REQUESTS_LIMIT_EXCEEDED', `At most ${CLOSURES_IN_PROGRESS} account closures can run at once.`);
  }
  if (closuresInWindow(state.closures, command.at).length >= closureQuota(state)) {
    throw constraintViolation('CLOSE_ACCOUNT_QUOTA_EXCEEDED', 'The organization has closed as many accounts as it may in 30 days.');
  }
  return [{ type: 'CloseAccountRequested', data: { organizationId: state.organizationId as string, accountId, requestedAt: command.at } }];
}

/** Only an account still closing changes: a job delivered twice decides nothing the second time. */
export function completeAccountClosure(command: CompleteAccountClosureCommand, state: OrganizationState): AccountClosureEvent[] {
  const { accountId } = command.data;
  const account = Object.hasOwn(state.accounts, accountId) ? state.accounts[accountId] : undefined;
  if (state.status !== 'ACTIVE' || account?.state !== 'PENDING_CLOSURE') return [];
  return [{ type: 'AccountClosed', data: { organizationId: state.organizationId as string, accountId, closedAt: command.at } }];
}
