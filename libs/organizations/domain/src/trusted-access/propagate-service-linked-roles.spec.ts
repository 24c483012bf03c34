import { deciderSpecification } from '@orgs/shared/testing';
import { organizationDecider } from '../organization';
import { isServiceLinkedRoleOf } from './service-linked-roles';
import {
  at,
  closeRequested,
  disabled,
  GUARDDUTY,
  GUARDDUTY_ROLE,
  guardDutyEnabled,
  member,
  memberCreated,
  memberWithAccessRole,
  mgmt,
  organizationCreated,
  organizationId,
  other,
  propagate,
  SSO,
  ssoEnabled,
  ssoRolesCreated,
  ssoRolesDeleted,
  ssoRolesFailed,
  withMembers,
} from './trusted-access.fixtures';

const spec = deciderSpecification(organizationDecider);
const everyone = [mgmt, member, other];
const stateAfter = (events: Parameters<typeof spec.given>[0] = []) => events.reduce(organizationDecider.evolve, organizationDecider.initialState());

describe('PropagateServiceLinkedRoles', () => {
  it('creates an enabled service\'s role in every account, the management account included, in one event', () => {
    spec.given([...withMembers, ssoEnabled]).when(propagate()).then([ssoRolesCreated(everyone)]);
  });

  it('creates no more roles than the chunk allows, and the next chunk picks up where it stopped', () => {
    spec.given([...withMembers, ssoEnabled]).when(propagate(2)).then([ssoRolesCreated([mgmt, member])]);
    spec.given([...withMembers, ssoEnabled, ssoRolesCreated([mgmt, member])]).when(propagate(2)).then([ssoRolesCreated([other])]);
  });

  it('decides nothing once every account has its roles: a chunk decided twice creates nothing twice', () => {
    spec.given([...withMembers, ssoEnabled, ssoRolesCreated(everyone)]).when(propagate()).then([]);
  });

  it('gives each enabled service its own event, in the order they were enabled', () => {
    const guardDutyCreated = { type: 'ServiceLinkedRolesCreated' as const, data: { organizationId, servicePrincipal: GUARDDUTY, ...GUARDDUTY_ROLE, accountIds: everyone, createdAt: at } };
    spec.given([...withMembers, ssoEnabled, guardDutyEnabled]).when(propagate()).then([ssoRolesCreated(everyone), guardDutyCreated]);
  });

  it('gives an account that joins later the roles of the services already enabled', () => {
    const joined = memberCreated('123412341234', undefined, undefined, 'car-3');
    spec.given([...withMembers, ssoEnabled, ssoRolesCreated(everyone), joined]).when(propagate()).then([ssoRolesCreated(['123412341234'])]);
  });

  it('fails the role in an account that is closing, saying why, and does not try it again', () => {
    const failure = { accountId: other, reason: 'ACCOUNT_NOT_ACTIVE', message: `Account ${other} is PENDING_CLOSURE: no role can be created in it.` };
    spec.given([...withMembers, closeRequested(other), ssoEnabled]).when(propagate()).then([ssoRolesCreated([mgmt, member]), ssoRolesFailed([failure])]);
    spec.given([...withMembers, closeRequested(other), ssoEnabled, ssoRolesCreated([mgmt, member]), ssoRolesFailed([failure])]).when(propagate()).then([]);
  });

  it('fails the role where the account\'s access role already has its name (IAM names ignore case)', () => {
    const failure = { accountId: member, reason: 'ROLE_NAME_TAKEN', message: `Account ${member} already has a role named AWSServiceRoleForSSO that is not service-linked.` };
    spec.given([organizationCreated(), ...memberWithAccessRole(member, 'awsserviceroleforsso'), ssoEnabled])
      .when(propagate())
      .then([ssoRolesCreated([mgmt]), ssoRolesFailed([failure])]);
  });

  it('tries failed roles again when access is enabled again', () => {
    const failure = { accountId: other, reason: 'ACCOUNT_NOT_ACTIVE', message: 'closing' };
    spec.given([...withMembers, ssoEnabled, ssoRolesCreated([mgmt, member]), ssoRolesFailed([failure]), disabled(SSO), ssoEnabled])
      .when(propagate())
      .then([ssoRolesCreated([other])]);
  });

  it('deletes the roles of a disabled service from every account that has them', () => {
    spec.given([...withMembers, ssoEnabled, ssoRolesCreated(everyone), disabled(SSO)]).when(propagate()).then([ssoRolesDeleted(everyone)]);
  });

  it('deletes in chunks too, and nothing once they are gone', () => {
    spec.given([...withMembers, ssoEnabled, ssoRolesCreated(everyone), disabled(SSO)]).when(propagate(1)).then([ssoRolesDeleted([mgmt])]);
    spec.given([...withMembers, ssoEnabled, ssoRolesCreated(everyone), disabled(SSO), ssoRolesDeleted(everyone)]).when(propagate()).then([]);
  });

  it('stops deleting once access is enabled again: the roles left are wanted', () => {
    spec.given([...withMembers, ssoEnabled, ssoRolesCreated(everyone), disabled(SSO), ssoRolesDeleted([mgmt]), ssoEnabled]).when(propagate()).then([ssoRolesCreated([mgmt])]);
  });

  it('leaves the roles of an account that left the organization alone', () => {
    const left = { type: 'AccountDepartedOrganization' as const, data: { organizationId, accountId: other, departureMethod: 'REMOVED' as const, departedAt: at } };
    spec.given([...withMembers, ssoEnabled, ssoRolesCreated(everyone), left, disabled(SSO)]).when(propagate()).then([ssoRolesDeleted([mgmt, member])]);
  });

  it('decides nothing without an organization', () => {
    spec.given([]).when(propagate()).then([]);
  });
});

describe('isServiceLinkedRoleOf (for the access simulator: SCPs do not apply to these roles)', () => {
  const state = stateAfter([...withMembers, ssoEnabled, ssoRolesCreated([member])]);
  const arn = (accountId: string, path = '/aws-service-role/sso.amazonaws.com/', name = 'AWSServiceRoleForSSO') => `arn:aws:iam::${accountId}:role${path}${name}`;

  it('knows a service-linked role the organization created in the account', () => {
    expect(isServiceLinkedRoleOf(state, member, arn(member))).toBe(true);
  });

  it.each([
    ['another account\'s ARN', member, arn(other)],
    ['an account where it was not created', other, arn(other)],
    ['a role outside /aws-service-role/', member, arn(member, '/')],
    ['a role under another service\'s path', member, arn(member, '/aws-service-role/guardduty.amazonaws.com/')],
    ['something that is not a role ARN', member, 'arn:aws:iam::444455556666:user/alice'],
  ])('says no for %s', (_, accountId, roleArn) => {
    expect(isServiceLinkedRoleOf(state, accountId, roleArn)).toBe(false);
  });

  it('says no once the role is deleted', () => {
    expect(isServiceLinkedRoleOf(stateAfter([...withMembers, ssoEnabled, ssoRolesCreated([member]), disabled(SSO), ssoRolesDeleted([member])]), member, arn(member))).toBe(false);
  });
});
