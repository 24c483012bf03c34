import { deciderSpecification } from '@orgs/shared/testing';
import { DEFAULT_QUOTAS } from '../quotas';
import { organizationDecider, type OrganizationEvent } from '../organization';
import { accountClaims } from './account-claims';
import { accountNumber, accountRequested, at, command, member, memberCreated, organizationCreated, organizationId, requestId, rootId } from './accounts.fixtures';

const spec = deciderSpecification(organizationDecider);
const complete = (quotas = DEFAULT_QUOTAS) => command('CompleteAccountCreation', { requestId, accountId: member, quotas });
const fail = (failureReason: string) => command('FailAccountCreation', { requestId, failureReason });

const created = (): OrganizationEvent => ({ ...memberCreated(), data: { ...memberCreated().data, email: 'dev@example.com' } } as OrganizationEvent);
const succeeded: OrganizationEvent = { type: 'CreateAccountSucceeded', data: { organizationId, requestId, accountId: member, completedAt: at } };
const failed = (failureReason: string): OrganizationEvent =>
  ({ type: 'CreateAccountFailed', data: { organizationId, requestId, failureReason, completedAt: at } }) as OrganizationEvent;

describe('CompleteAccountCreation (the creation job)', () => {
  it('makes the account under the root, JoinedMethod CREATED, with the access role trusted by the management account', () => {
    spec.given([organizationCreated(), accountRequested()]).when(complete()).then([created(), succeeded]);
  });

  it('gives the new account the requested tags', () => {
    spec
      .given([organizationCreated(), accountRequested(requestId, { tags: { team: 'payments' } })])
      .when(complete())
      .then([created(), succeeded, { type: 'ResourceTagged', data: { resourceId: member, resourceType: 'ACCOUNT', tags: [{ key: 'team', value: 'payments' }] } }]);
  });

  it('names the role as requested, in its ARN too', () => {
    const events = organizationDecider.decide(complete(), [organizationCreated(), accountRequested(requestId, { roleName: 'Admin' })].reduce(organizationDecider.evolve, organizationDecider.initialState()));
    expect(events[0].data).toMatchObject({ accessRole: { roleName: 'Admin', arn: `arn:aws:iam::${member}:role/Admin` }, path: `${organizationId}/${rootId}/${member}/` });
  });

  it('claims the account id, the lower-cased email and the membership in the same append', () => {
    const events = [{ ...created(), data: { ...created().data, email: 'Dev@Example.com' } }];
    expect(accountClaims(events)).toEqual([
      { namespace: 'account-id', value: member },
      { namespace: 'account-email', value: 'dev@example.com' },
      { namespace: 'organization-membership', value: member },
    ]);
  });

  it('changes nothing when delivered again after success', () => {
    spec.given([organizationCreated(), accountRequested(), created(), succeeded]).when(complete()).then([]);
  });

  it('changes nothing for an unknown request', () => {
    spec.given([organizationCreated()]).when(complete()).then([]);
  });

  it('fails the request with ACCOUNT_LIMIT_EXCEEDED when the quota filled up meanwhile', () => {
    spec
      .given([organizationCreated(), accountRequested(), memberCreated(accountNumber(1), rootId, at, 'car-other000')])
      .when(complete({ maxAccounts: 2, maxOrganizationalUnits: 10 }))
      .then([failed('ACCOUNT_LIMIT_EXCEEDED')]);
  });

  it('does not count the request itself against the quota', () => {
    spec.given([organizationCreated(), accountRequested()]).when(complete({ maxAccounts: 2, maxOrganizationalUnits: 10 })).then([created(), succeeded]);
  });
});

describe('FailAccountCreation (the creation job, when the email is taken)', () => {
  it('ends the request FAILED with the reason', () => {
    spec.given([organizationCreated(), accountRequested()]).when(fail('EMAIL_ALREADY_EXISTS')).then([failed('EMAIL_ALREADY_EXISTS')]);
  });

  it('changes nothing once the request has ended', () => {
    spec.given([organizationCreated(), accountRequested(), failed('EMAIL_ALREADY_EXISTS')]).when(fail('EMAIL_ALREADY_EXISTS')).then([]);
    spec.given([organizationCreated(), accountRequested(), created(), succeeded]).when(fail('EMAIL_ALREADY_EXISTS')).then([]);
  });

  it('frees the request slot: a FAILED request no longer counts as in progress', () => {
    const state = [organizationCreated(), accountRequested(), failed('EMAIL_ALREADY_EXISTS')].reduce(organizationDecider.evolve, organizationDecider.initialState());
    expect(state.createAccountRequests[requestId]).toMatchObject({ state: 'FAILED', failureReason: 'EMAIL_ALREADY_EXISTS', completedAt: at });
  });
});
