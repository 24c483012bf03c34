import { deciderSpecification } from '@orgs/shared/testing';
import { organizationDecider } from '../organization';
import { serviceCatalogue } from '../trusted-access/service-catalogue';
import {
  closeRequested,
  deregister,
  deregistered,
  enabledWithoutRoles,
  GUARDDUTY,
  guardDutyEnabled,
  member,
  memberCreated,
  mgmt,
  organizationCreated,
  other,
  register,
  registered,
  SSO,
  ssoEnabled,
  withMembers,
} from './delegated-administrators.fixtures';

const spec = deciderSpecification(organizationDecider);
const STACKSETS = 'member.org.stacksets.cloudformation.amazonaws.com';
const accounts = (n: number) => Array.from({ length: n }, (_, i) => memberCreated(String(900000000000 + i), undefined, undefined, `car-x${i}`));

describe('RegisterDelegatedAdministrator', () => {
  it('makes a member account the service\'s delegated administrator, from now', () => {
    spec.given([...withMembers, ssoEnabled]).when(register(member, SSO)).then([registered(member, SSO)]);
  });

  it('lets one account administer several services', () => {
    spec.given([...withMembers, ssoEnabled, guardDutyEnabled, registered(member, SSO)]).when(register(member, GUARDDUTY)).then([registered(member, GUARDDUTY)]);
  });

  it('takes as many administrators as the service allows (StackSets: 5)', () => {
    const five = accounts(5);
    const four = five.slice(0, 4).map((e) => registered((e.data as { accountId: string }).accountId, STACKSETS));
    spec.given([organizationCreated(), ...five, enabledWithoutRoles(STACKSETS), ...four]).when(register('900000000004', STACKSETS)).then([registered('900000000004', STACKSETS)]);
  });

  it('refuses a sixth StackSets administrator with MAX_DELEGATED_ADMINISTRATORS_FOR_SERVICE_LIMIT_EXCEEDED', () => {
    const six = accounts(6);
    const five = six.slice(0, 5).map((e) => registered((e.data as { accountId: string }).accountId, STACKSETS));
    spec.given([organizationCreated(), ...six, enabledWithoutRoles(STACKSETS), ...five])
      .when(register('900000000005', STACKSETS))
      .thenThrows('ConstraintViolationException', 'MAX_DELEGATED_ADMINISTRATORS_FOR_SERVICE_LIMIT_EXCEEDED');
  });

  it('refuses a second administrator of a one-administrator service with DELEGATED_ADMINISTRATOR_EXISTS_FOR_THIS_SERVICE', () => {
    spec.given([...withMembers, ssoEnabled, registered(member, SSO)]).when(register(other, SSO)).thenThrows('ConstraintViolationException', 'DELEGATED_ADMINISTRATOR_EXISTS_FOR_THIS_SERVICE');
  });

  it('takes a new administrator once the last one is deregistered', () => {
    spec.given([...withMembers, ssoEnabled, registered(member, SSO), deregistered(member, SSO)]).when(register(other, SSO)).then([registered(other, SSO)]);
  });

  it('refuses an account registered already with AccountAlreadyRegisteredException', () => {
    spec.given([...withMembers, ssoEnabled, registered(member, SSO)]).when(register(member, SSO)).thenThrows('AccountAlreadyRegisteredException');
  });

  it('refuses a service without trusted access with SERVICE_ACCESS_NOT_ENABLED', () => {
    spec.given(withMembers).when(register(member, SSO)).thenThrows('ConstraintViolationException', 'SERVICE_ACCESS_NOT_ENABLED');
  });

  it('refuses the management account with CANNOT_REGISTER_MASTER_AS_DELEGATED_ADMINISTRATOR', () => {
    spec.given([...withMembers, ssoEnabled]).when(register(mgmt, SSO)).thenThrows('ConstraintViolationException', 'CANNOT_REGISTER_MASTER_AS_DELEGATED_ADMINISTRATOR');
  });

  it('refuses a closing account with CANNOT_REGISTER_SUSPENDED_ACCOUNT_AS_DELEGATED_ADMINISTRATOR', () => {
    spec.given([...withMembers, ssoEnabled, closeRequested(member)])
      .when(register(member, SSO))
      .thenThrows('ConstraintViolationException', 'CANNOT_REGISTER_SUSPENDED_ACCOUNT_AS_DELEGATED_ADMINISTRATOR');
  });

  it('refuses an account outside the organization with AccountNotFoundException', () => {
    spec.given([...withMembers, ssoEnabled]).when(register('123456789012', SSO)).thenThrows('AccountNotFoundException');
  });

  it('refuses a service that takes no delegated administrator with UNRECOGNIZED_SERVICE_PRINCIPAL', () => {
    spec.given([...withMembers, enabledWithoutRoles('ram.amazonaws.com')]).when(register(member, 'ram.amazonaws.com')).thenThrows('InvalidInputException', 'UNRECOGNIZED_SERVICE_PRINCIPAL');
  });

  it('refuses an unknown principal with UNRECOGNIZED_SERVICE_PRINCIPAL', () => {
    spec.given(withMembers).when(register(member, 'nosuch.amazonaws.com')).thenThrows('InvalidInputException', 'UNRECOGNIZED_SERVICE_PRINCIPAL');
  });

  it('follows the configured catalogue\'s limit', () => {
    const catalogue = serviceCatalogue([{ servicePrincipal: SSO, maxDelegatedAdministrators: 2 }]);
    spec.given([...withMembers, ssoEnabled, registered(member, SSO)]).when(register(other, SSO, mgmt, catalogue)).then([registered(other, SSO)]);
  });

  it('refuses a consolidated-billing organization with ORGANIZATION_NOT_IN_ALL_FEATURES_MODE', () => {
    spec.given([organizationCreated('CONSOLIDATED_BILLING'), memberCreated(member)]).when(register(member, SSO)).thenThrows('ConstraintViolationException', 'ORGANIZATION_NOT_IN_ALL_FEATURES_MODE');
  });

  it('refuses a member account with AccessDeniedException, even a delegated administrator', () => {
    spec.given([...withMembers, ssoEnabled, guardDutyEnabled, registered(member, SSO)]).when(register(other, GUARDDUTY, member)).thenThrows('AccessDeniedException');
  });
});

describe('DeregisterDelegatedAdministrator', () => {
  it('removes the delegation for that service', () => {
    spec.given([...withMembers, ssoEnabled, registered(member, SSO)]).when(deregister(member, SSO)).then([deregistered(member, SSO)]);
  });

  it('refuses an account not registered for the service with AccountNotRegisteredException', () => {
    spec.given([...withMembers, ssoEnabled, guardDutyEnabled, registered(member, GUARDDUTY)]).when(deregister(member, SSO)).thenThrows('AccountNotRegisteredException');
  });

  it('refuses an account outside the organization with AccountNotFoundException', () => {
    spec.given([...withMembers, ssoEnabled, registered(member, SSO)]).when(deregister('123456789012', SSO)).thenThrows('AccountNotFoundException');
  });

  it('refuses an unknown principal with UNRECOGNIZED_SERVICE_PRINCIPAL', () => {
    spec.given(withMembers).when(deregister(member, 'nosuch.amazonaws.com')).thenThrows('InvalidInputException', 'UNRECOGNIZED_SERVICE_PRINCIPAL');
  });

  it('refuses a member account with AccessDeniedException, even the administrator itself', () => {
    spec.given([...withMembers, ssoEnabled, registered(member, SSO)]).when(deregister(member, SSO, member)).thenThrows('AccessDeniedException');
  });
});

describe('a delegated administrator\'s membership', () => {
  const removal = (accountId: string) => ({ type: 'RemoveAccountFromOrganization', data: { accountId, waitPeriodMs: 0 }, actingAccountId: mgmt, at: '2030-01-01T00:00:00.000Z' }) as never;
  const leaving = (accountId: string) => ({ type: 'LeaveOrganization', data: { waitPeriodMs: 0 }, actingAccountId: accountId, at: '2030-01-01T00:00:00.000Z' }) as never;

  it('refuses its removal with CANNOT_REMOVE_DELEGATED_ADMINISTRATOR_FROM_ORG', () => {
    spec.given([...withMembers, ssoEnabled, registered(member, SSO)]).when(removal(member)).thenThrows('ConstraintViolationException', 'CANNOT_REMOVE_DELEGATED_ADMINISTRATOR_FROM_ORG');
  });

  it('refuses its leaving with CANNOT_REMOVE_DELEGATED_ADMINISTRATOR_FROM_ORG', () => {
    spec.given([...withMembers, ssoEnabled, registered(member, SSO)]).when(leaving(member)).thenThrows('ConstraintViolationException', 'CANNOT_REMOVE_DELEGATED_ADMINISTRATOR_FROM_ORG');
  });

  it('lets it go once deregistered for every service', () => {
    const events = organizationDecider.decide(removal(member), [...withMembers, ssoEnabled, registered(member, SSO), deregistered(member, SSO)].reduce(organizationDecider.evolve, organizationDecider.initialState()));
    expect(events.map((e) => e.type)).toContain('AccountDepartedOrganization');
  });
});
