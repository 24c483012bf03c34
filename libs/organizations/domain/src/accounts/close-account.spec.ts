import { deciderSpecification } from '@orgs/shared/testing';
import { organizationDecider, type OrganizationEvent } from '../organization';
import { accountNumber, at, command, DAY_MS, later, member, memberCreated, mgmt, organizationCreated, organizationId, rootId } from './accounts.fixtures';

const spec = deciderSpecification(organizationDecider);
const close = (accountId = member, actingAccountId = mgmt, when = at) => command('CloseAccount', { accountId }, actingAccountId, when);
const finish = (accountId = member) => command('CompleteAccountClosure', { accountId });
const closing = (accountId = member, requestedAt = at): OrganizationEvent => ({ type: 'CloseAccountRequested', data: { organizationId, accountId, requestedAt } });
const closed = (accountId = member, closedAt = at): OrganizationEvent => ({ type: 'AccountClosed', data: { organizationId, accountId, closedAt } });
const members = [organizationCreated(), memberCreated()];

/** `count` members created and already closed, at `when`. */
function closedMembers(count: number, when: string): OrganizationEvent[] {
  return Array.from({ length: count }, (_, i) => [memberCreated(accountNumber(i), rootId, at, `car-${i}`), closing(accountNumber(i), when), closed(accountNumber(i), when)]).flat();
}

describe('CloseAccount', () => {
  it('starts closing a member account: PENDING_CLOSURE', () => {
    spec.given(members).when(close()).then([closing()]);
    const state = [...members, closing()].reduce(organizationDecider.evolve, organizationDecider.initialState());
    expect(state.accounts[member].state).toBe('PENDING_CLOSURE');
    expect(state.closures).toEqual([at]);
  });

  it('refuses a member account as caller', () => {
    spec.given(members).when(close(member, member)).thenThrows('AccessDeniedException');
  });

  it('refuses the management account', () => {
    spec.given(members).when(close(mgmt)).thenThrows('ConstraintViolationException', 'CANNOT_CLOSE_MANAGEMENT_ACCOUNT');
  });

  it('refuses in an organization without all features', () => {
    spec.given([organizationCreated('CONSOLIDATED_BILLING'), memberCreated()]).when(close()).thenThrows('ConstraintViolationException', 'ORGANIZATION_NOT_IN_ALL_FEATURES_MODE');
  });

  it('refuses an account that is not in the organization', () => {
    spec.given(members).when(close('999999999999')).thenThrows('AccountNotFoundException');
  });

  it('refuses an account already closed', () => {
    spec.given([...members, closing(), closed()]).when(close()).thenThrows('AccountAlreadyClosedException');
  });

  it('refuses an account whose closure is running', () => {
    spec.given([...members, closing()]).when(close()).thenThrows('ConflictException');
  });

  it('refuses a fourth closure while three are running', () => {
    const running = [1, 2, 3].flatMap((i) => [memberCreated(accountNumber(i), rootId, at, `car-${i}`), closing(accountNumber(i))]);
    spec.given([...members, ...running]).when(close()).thenThrows('ConstraintViolationException', 'CLOSE_ACCOUNT_REQUESTS_LIMIT_EXCEEDED');
  });

  it('refuses a closure beyond 250 in the last 30 days', () => {
    spec.given([...members, ...closedMembers(250, at)]).when(close(member, mgmt, later(at, 29 * DAY_MS))).thenThrows('ConstraintViolationException', 'CLOSE_ACCOUNT_QUOTA_EXCEEDED');
  });

  it('counts only the closures of the last 30 days', () => {
    spec.given([...members, ...closedMembers(250, at)]).when(close(member, mgmt, later(at, 30 * DAY_MS))).then([closing(member, later(at, 30 * DAY_MS))]);
  });
});

describe('CompleteAccountClosure (the closure job)', () => {
  it('suspends the closing account', () => {
    spec.given([...members, closing()]).when(finish()).then([closed()]);
    const state = [...members, closing(), closed()].reduce(organizationDecider.evolve, organizationDecider.initialState());
    expect(state.accounts[member].state).toBe('SUSPENDED');
  });

  it('changes nothing when delivered again', () => {
    spec.given([...members, closing(), closed()]).when(finish()).then([]);
  });

  it('changes nothing for an account that is not closing', () => {
    spec.given(members).when(finish()).then([]);
    spec.given(members).when(finish('999999999999')).then([]);
  });
});
