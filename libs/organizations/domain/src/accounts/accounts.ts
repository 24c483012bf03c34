import { assertUnreachable } from '@orgs/shared/kernel';
import type { OrganizationState } from '../state';
import type { PolicyEvent } from '../policies/policies';
import type { TagEvent } from '../tags/tags';
import { closeAccount, completeAccountClosure, type AccountClosureEvent, type CloseAccountCommand, type CompleteAccountClosureCommand } from './close-account';
import {
  completeAccountCreation,
  failAccountCreation,
  type AccountCreationEvent,
  type CompleteAccountCreationCommand,
  type FailAccountCreationCommand,
} from './complete-account-creation';
import { createAccount, type CreateAccountCommand, type CreateAccountRequestedEvent } from './create-account';
import {
  leaveOrganization,
  removeAccountFromOrganization,
  type AccountDepartedOrganizationEvent,
  type LeaveOrganizationCommand,
  type RemoveAccountFromOrganizationCommand,
} from './depart-organization';
import { moveAccount, type AccountMovedEvent, type MoveAccountCommand } from './move-account';

export * from './account-claims';
export * from './account-rules';
export * from './close-account';
export * from './complete-account-creation';
export * from './create-account';
export * from './create-account-input';
export * from './depart-organization';
export * from './move-account';
export { evolveAccounts } from './evolve-accounts';

/** Member accounts: creation (asynchronous, finished by a job), moves, departures and closure. */
export type AccountCommand =
  | CreateAccountCommand
  | CompleteAccountCreationCommand
  | FailAccountCreationCommand
  | MoveAccountCommand
  | RemoveAccountFromOrganizationCommand
  | LeaveOrganizationCommand
  | CloseAccountCommand
  | CompleteAccountClosureCommand;

export type AccountEvent =
  | CreateAccountRequestedEvent
  | AccountCreationEvent
  | AccountMovedEvent
  | AccountDepartedOrganizationEvent
  | AccountClosureEvent;

export const ACCOUNT_COMMANDS = new Set<string>([
  'CreateAccount',
  'CompleteAccountCreation',
  'FailAccountCreation',
  'MoveAccount',
  'RemoveAccountFromOrganization',
  'LeaveOrganization',
  'CloseAccount',
  'CompleteAccountClosure',
] satisfies AccountCommand['type'][]);

export const ACCOUNT_EVENTS = new Set<string>([
  'CreateAccountRequested',
  'MemberAccountCreated',
  'CreateAccountSucceeded',
  'CreateAccountFailed',
  'AccountMoved',
  'AccountDepartedOrganization',
  'CloseAccountRequested',
  'AccountClosed',
] satisfies AccountEvent['type'][]);

/** Creating and letting go of an account also tags and untags it: those events belong to the tags capability. */
export function decideAccounts(command: AccountCommand, state: OrganizationState): (AccountEvent | TagEvent | PolicyEvent)[] {
  switch (command.type) {
    case 'CreateAccount':
      return createAccount(command, state);
    case 'CompleteAccountCreation':
      return completeAccountCreation(command, state);
    case 'FailAccountCreation':
      return failAccountCreation(command, state);
    case 'MoveAccount':
      return moveAccount(command, state);
    case 'RemoveAccountFromOrganization':
      return removeAccountFromOrganization(command, state);
    case 'LeaveOrganization':
      return leaveOrganization(command, state);
    case 'CloseAccount':
      return closeAccount(command, state);
    case 'CompleteAccountClosure':
      return completeAccountClosure(command, state);
    default:
      return assertUnreachable(command);
  }
}
