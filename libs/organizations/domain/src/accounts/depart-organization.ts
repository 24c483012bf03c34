import { constraintViolation, OrgsError } from '@orgs/shared/kernel';
import { requireManagementAccount, requireMember, type OrganizationCommandOf } from '../command';
import type { MemberAccountState, OrganizationState } from '../state';
import { policiesDetachedWith, type PolicyEvent } from '../policies/policies';
import { tagsDroppedWith, type TagEvent } from '../tags/tags';
import { assertNotDelegatedAdministrator } from '../delegated-administrators/delegated-access';
import { requireAccount } from './account-rules';

/** How long a created account must stay before it may leave: AWS says 4 days; a parameter so tests and installations can set it. */
interface WaitPeriod {
  waitPeriodMs: number;
}

export type RemoveAccountFromOrganizationCommand = OrganizationCommandOf<'RemoveAccountFromOrganization', { accountId: string } & WaitPeriod>;
export type LeaveOrganizationCommand = OrganizationCommandOf<'LeaveOrganization', WaitPeriod>;

export interface AccountDepartedOrganizationData {
  organizationId: string;
  accountId: string;
  /** As in CloudTrail's AccountDepartedOrganization. */
  departureMethod: 'REMOVED' | 'LEFT';
  departedAt: string;
}

export type AccountDepartedOrganizationEvent = { type: 'AccountDepartedOrganization'; data: AccountDepartedOrganizationData };

const masterCannotLeave = () =>
  new OrgsError('MasterCannotLeaveOrganizationException', 'The management account cannot leave its organization: delete the organization instead.');

/** The account becomes standalone again; its organization tags go (accounts-and-handshakes.md 7.2). */
export function removeAccountFromOrganization(command: RemoveAccountFromOrganizationCommand, state: OrganizationState): (AccountDepartedOrganizationEvent | TagEvent | PolicyEvent)[] {
  requireManagementAccount(state, command.actingAccountId);
  const account = requireAccount(state, command.data.accountId);
  if (account.id === state.managementAccountId) throw masterCannotLeave();
  assertMayDepart(state, account, command.at, command.data.waitPeriodMs);
  return [departed(state, account.id, 'REMOVED', command.at), ...tagsDroppedWith(state, account.id), ...policiesDetachedWith(state, account.id, 'ACCOUNT', command.at)];
}

/** Called by the member account itself: the acting account is the one that leaves. */
export function leaveOrganization(command: LeaveOrganizationCommand, state: OrganizationState): (AccountDepartedOrganizationEvent | TagEvent | PolicyEvent)[] {
  requireMember(state, command.actingAccountId);
  if (command.actingAccountId === state.managementAccountId) throw masterCannotLeave();
  const account = requireAccount(state, command.actingAccountId);
  assertMayDepart(state, account, command.at, command.data.waitPeriodMs);
  return [departed(state, account.id, 'LEFT', command.at), ...tagsDroppedWith(state, account.id), ...policiesDetachedWith(state, account.id, 'ACCOUNT', command.at)];
}

function assertMayDepart(state: OrganizationState, account: MemberAccountState, at: string, waitPeriodMs: number): void {
  assertNotDelegatedAdministrator(state, account.id);
  // A closed account stays in the organization until it is permanently closed (accounts-and-handshakes.md 7.2).
  if (account.state !== 'ACTIVE') {
    throw constraintViolation('ACCOUNT_CANNOT_LEAVE_ORGANIZATION', `Account ${account.id} is ${account.state} and cannot leave the organization.`);
  }
  // Invited accounts are exempt from the wait.
  const age = Date.parse(at) - Date.parse(account.joinedAt);
  if (account.joinedMethod === 'CREATED' && age < waitPeriodMs) {
    throw constraintViolation('WAIT_PERIOD_ACTIVE', `Account ${account.id} was created too recently to leave the organization.`);
  }
}

function departed(state: OrganizationState, accountId: string, departureMethod: 'REMOVED' | 'LEFT', at: string): AccountDepartedOrganizationEvent {
  return { type: 'AccountDepartedOrganization', data: { organizationId: state.organizationId as string, accountId, departureMethod, departedAt: at } };
}
