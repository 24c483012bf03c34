import { deciderSpecification } from '@orgs/shared/testing';
import { organizationDecider, type OrganizationEvent } from '../organization';
import { accountReleases } from './account-claims';
import { at, command, FOUR_DAYS_MS, later, member, memberCreated, mgmt, organizationCreated, organizationId } from './accounts.fixtures';

const spec = deciderSpecification(organizationDecider);
const afterWait = later(at, FOUR_DAYS_MS);
const remove = (accountId = member, actingAccountId = mgmt, when = afterWait, waitPeriodMs = FOUR_DAYS_MS) =>
  command('RemoveAccountFromOrganization', { accountId, waitPeriodMs }, actingAccountId, when);
const leave = (actingAccountId = member, when = afterWait, waitPeriodMs = FOUR_DAYS_MS) => command('LeaveOrganization', { waitPeriodMs }, actingAccountId, when);
const departed = (departureMethod: 'REMOVED' | 'LEFT', when = afterWait): OrganizationEvent => ({
  type: 'AccountDepartedOrganization',
  data: { organizationId, accountId: member, departureMethod, departedAt: when },
});
const closing: OrganizationEvent = { type: 'CloseAccountRequested', data: { organizationId, accountId: member, requestedAt: at } };
const tagged: OrganizationEvent = { type: 'ResourceTagged', data: { resourceId: member, resourceType: 'ACCOUNT', tags: [{ key: 'team', value: 'a' }] } };
const members = [organizationCreated(), memberCreated()];

describe('RemoveAccountFromOrganization', () => {
  it('removes a created account once its wait period is over', () => {
    spec.given(members).when(remove()).then([departed('REMOVED')]);
  });

  it('takes the account\'s tags away with it', () => {
    spec.given([...members, tagged]).when(remove()).then([departed('REMOVED'), { type: 'ResourceUntagged', data: { resourceId: member, resourceType: 'ACCOUNT', tagKeys: ['team'] } }]);
  });

  it('releases the account\'s membership claim', () => {
    expect(accountReleases([departed('REMOVED')])).toEqual([{ namespace: 'organization-membership', value: member }]);
  });

  it('refuses a created account inside its wait period', () => {
    spec.given(members).when(remove(member, mgmt, later(at, FOUR_DAYS_MS - 1))).thenThrows('ConstraintViolationException', 'WAIT_PERIOD_ACTIVE');
  });

  it('takes the wait period from the command', () => {
    spec.given(members).when(remove(member, mgmt, later(at, 1000), 1000)).then([departed('REMOVED', later(at, 1000))]);
  });

  it('refuses the management account', () => {
    spec.given(members).when(remove(mgmt)).thenThrows('MasterCannotLeaveOrganizationException');
  });

  it('refuses a member account as caller', () => {
    spec.given(members).when(remove(member, member)).thenThrows('AccessDeniedException');
  });

  it('refuses an account that is not in the organization', () => {
    spec.given(members).when(remove('999999999999')).thenThrows('AccountNotFoundException');
  });

  it('refuses an account that is being closed', () => {
    spec.given([...members, closing]).when(remove()).thenThrows('ConstraintViolationException', 'ACCOUNT_CANNOT_LEAVE_ORGANIZATION');
  });

  it('forgets the account: it is no longer a member', () => {
    const state = [...members, departed('REMOVED')].reduce(organizationDecider.evolve, organizationDecider.initialState());
    expect(state.accounts[member]).toBeUndefined();
  });
});

describe('LeaveOrganization', () => {
  it('lets a member account leave by itself', () => {
    spec.given(members).when(leave()).then([departed('LEFT')]);
  });

  it('refuses the management account', () => {
    spec.given(members).when(leave(mgmt)).thenThrows('MasterCannotLeaveOrganizationException');
  });

  it('refuses a created account inside its wait period', () => {
    spec.given(members).when(leave(member, at)).thenThrows('ConstraintViolationException', 'WAIT_PERIOD_ACTIVE');
  });

  it('refuses an account that is not in the organization', () => {
    spec.given(members).when(leave('999999999999')).thenThrows('AWSOrganizationsNotInUseException');
  });

  it('refuses an account that has already left', () => {
    spec.given([...members, departed('LEFT')]).when(leave()).thenThrows('AWSOrganizationsNotInUseException');
  });
});
