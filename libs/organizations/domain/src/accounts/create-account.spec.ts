import { deciderSpecification } from '@orgs/shared/testing';
import { organizationDecider, type OrganizationEvent } from '../organization';
import { accountNumber, accountRequested, createAccount, member, memberCreated, organizationCreated, requestId } from './accounts.fixtures';

const spec = deciderSpecification(organizationDecider);
const inProgress = (n: number) => Array.from({ length: n }, (_, i) => accountRequested(`car-${String(i).padStart(8, '0')}`));

describe('CreateAccount', () => {
  it('records the request IN_PROGRESS with the default role and billing access', () => {
    spec.given([organizationCreated()]).when(createAccount()).then([accountRequested()]);
  });

  it('records the role name, billing access and tags asked for', () => {
    const tags = [{ key: 'team', value: 'payments' }, { key: 'env', value: '' }];
    spec
      .given([organizationCreated()])
      .when(createAccount({ roleName: 'Admin', iamUserAccessToBilling: 'DENY', tags }))
      .then([accountRequested(requestId, { roleName: 'Admin', iamUserAccessToBilling: 'DENY', tags: { team: 'payments', env: '' } })]);
  });

  it('refuses a member account: only the management account creates accounts', () => {
    spec.given([organizationCreated(), memberCreated()]).when(createAccount({}, undefined, member)).thenThrows('AccessDeniedException');
  });

  it('refuses a caller outside any organization', () => {
    spec.given([]).when(createAccount()).thenThrows('AWSOrganizationsNotInUseException');
  });

  it.each([
    ['an email of the wrong shape', { email: 'not-an-email' }, 'INVALID_PATTERN'],
    ['an account name longer than 50', { accountName: 'x'.repeat(51) }, 'MAX_LENGTH_EXCEEDED'],
    ['an account name outside printable ASCII', { accountName: 'Dév' }, 'INVALID_PATTERN'],
    ['a role name of the wrong shape', { roleName: 'has space' }, 'INVALID_PATTERN'],
    ['a service-linked role name', { roleName: 'AWSServiceRoleForOrganizations' }, 'INVALID_ROLE_NAME'],
    ['an unknown billing access', { iamUserAccessToBilling: 'MAYBE' }, 'INVALID_ENUM'],
    ['an aws: tag key', { tags: [{ key: 'aws:owner', value: 'x' }] }, 'INVALID_SYSTEM_TAGS_PARAMETER'],
    ['a tag key given twice', { tags: [{ key: 'a', value: '1' }, { key: 'a', value: '2' }] }, 'DUPLICATE_TAG_KEY'],
    ['a tag value that is too long', { tags: [{ key: 'a', value: 'v'.repeat(257) }] }, 'MAX_LENGTH_EXCEEDED'],
  ])('refuses %s with InvalidInputException', (_, data, reason) => {
    spec.given([organizationCreated()]).when(createAccount(data)).thenThrows('InvalidInputException', reason);
  });

  it('refuses more than 50 tags', () => {
    const tags = Array.from({ length: 51 }, (_, i) => ({ key: `k${i}`, value: 'v' }));
    spec.given([organizationCreated()]).when(createAccount({ tags })).thenThrows('ConstraintViolationException', 'MAX_TAG_LIMIT_EXCEEDED');
  });

  it('refuses a sixth request while five are in progress', () => {
    spec
      .given([organizationCreated(), ...inProgress(5)])
      .when(createAccount())
      .thenThrows('ConstraintViolationException', 'ACCOUNT_CREATION_RATE_LIMIT_EXCEEDED');
  });

  it('counts requests in progress against the account quota', () => {
    spec
      .given([organizationCreated(), ...inProgress(2)])
      .when(createAccount({}, { maxAccounts: 3, maxOrganizationalUnits: 10 }))
      .thenThrows('ConstraintViolationException', 'ACCOUNT_NUMBER_LIMIT_EXCEEDED');
  });

  it('counts the management account and the members against the account quota', () => {
    const members: OrganizationEvent[] = [memberCreated(accountNumber(1)), memberCreated(accountNumber(2))];
    spec
      .given([organizationCreated(), ...members])
      .when(createAccount({}, { maxAccounts: 3, maxOrganizationalUnits: 10 }))
      .thenThrows('ConstraintViolationException', 'ACCOUNT_NUMBER_LIMIT_EXCEEDED');
  });

  it('accepts a request while the quota still has room', () => {
    spec
      .given([organizationCreated(), memberCreated(accountNumber(1))])
      .when(createAccount({}, { maxAccounts: 3, maxOrganizationalUnits: 10 }))
      .then([accountRequested()]);
  });
});
