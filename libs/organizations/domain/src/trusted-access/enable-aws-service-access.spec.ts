import { deciderSpecification } from '@orgs/shared/testing';
import { organizationDecider } from '../organization';
import { serviceCatalogue } from './service-catalogue';
import {
  at,
  disable,
  disabled,
  enable,
  enabledWithoutRoles,
  GUARDDUTY,
  member,
  mgmt,
  organizationCreated,
  organizationCreatedWithPolicyType,
  organizationId,
  SSO,
  SSO_ROLE,
  ssoEnabled,
  withMembers,
} from './trusted-access.fixtures';

const spec = deciderSpecification(organizationDecider);

describe('EnableAWSServiceAccess', () => {
  it('records the service, its date and the service-linked roles it needs in every account', () => {
    spec.given([organizationCreated()]).when(enable(SSO)).then([
      { type: 'AWSServiceAccessEnabled', data: { organizationId, servicePrincipal: SSO, enabledAt: at, serviceLinkedRoles: [SSO_ROLE] } },
    ]);
  });

  it('changes nothing for a service enabled already, keeping its first date', () => {
    spec.given([organizationCreated(), ssoEnabled]).when(enable(SSO)).then([]);
  });

  it('enables a service again after it was disabled', () => {
    spec.given([organizationCreated(), ssoEnabled, disabled(SSO)]).when(enable(SSO)).then([ssoEnabled]);
  });

  it('enables a service that needs no role, with no roles to propagate', () => {
    spec.given([organizationCreated()]).when(enable('account.amazonaws.com')).then([
      { type: 'AWSServiceAccessEnabled', data: { organizationId, servicePrincipal: 'account.amazonaws.com', enabledAt: at, serviceLinkedRoles: [] } },
    ]);
  });

  it('knows a service the installation configured, with its role under its own principal', () => {
    const catalogue = serviceCatalogue([{ servicePrincipal: 'example.internal.amazonaws.com', serviceLinkedRoles: [{ roleName: 'AWSServiceRoleForExample' }] }]);
    spec.given([organizationCreated()]).when(enable('example.internal.amazonaws.com', mgmt, catalogue)).then([
      {
        type: 'AWSServiceAccessEnabled',
        data: {
          organizationId,
          servicePrincipal: 'example.internal.amazonaws.com',
          enabledAt: at,
          serviceLinkedRoles: [{ roleName: 'AWSServiceRoleForExample', rolePrincipal: 'example.internal.amazonaws.com', path: '/aws-service-role/example.internal.amazonaws.com/' }],
        },
      },
    ]);
  });

  it('refuses a principal the catalogue does not know with UNRECOGNIZED_SERVICE_PRINCIPAL', () => {
    spec.given([organizationCreated()]).when(enable('nosuch.amazonaws.com')).thenThrows('InvalidInputException', 'UNRECOGNIZED_SERVICE_PRINCIPAL');
  });

  it('refuses a consolidated-billing organization with ORGANIZATION_NOT_IN_ALL_FEATURES_MODE', () => {
    spec.given([organizationCreated('CONSOLIDATED_BILLING')]).when(enable(SSO)).thenThrows('ConstraintViolationException', 'ORGANIZATION_NOT_IN_ALL_FEATURES_MODE');
  });

  it('refuses a member account with AccessDeniedException', () => {
    spec.given(withMembers).when(enable(SSO, member)).thenThrows('AccessDeniedException');
  });

  it('refuses an account outside any organization', () => {
    spec.given([]).when(enable(SSO)).thenThrows('AWSOrganizationsNotInUseException');
  });
});

describe('DisableAWSServiceAccess', () => {
  it('records that the service lost access', () => {
    spec.given([organizationCreated(), ssoEnabled]).when(disable(SSO)).then([disabled(SSO)]);
  });

  it('changes nothing for a known service that is not enabled', () => {
    spec.given([organizationCreated()]).when(disable(GUARDDUTY)).then([]);
  });

  it('disables a service enabled under a catalogue entry the installation has since removed', () => {
    spec.given([organizationCreated(), enabledWithoutRoles('gone.amazonaws.com')]).when(disable('gone.amazonaws.com')).then([disabled('gone.amazonaws.com')]);
  });

  it('refuses a principal it has never heard of with UNRECOGNIZED_SERVICE_PRINCIPAL', () => {
    spec.given([organizationCreated()]).when(disable('nosuch.amazonaws.com')).thenThrows('InvalidInputException', 'UNRECOGNIZED_SERVICE_PRINCIPAL');
  });

  it('refuses while a policy type the service owns is enabled with POLICY_TYPE_ENABLED_FOR_THIS_SERVICE', () => {
    spec.given([organizationCreatedWithPolicyType('SECURITYHUB_POLICY'), enabledWithoutRoles('securityhub.amazonaws.com')])
      .when(disable('securityhub.amazonaws.com'))
      .thenThrows('ConstraintViolationException', 'POLICY_TYPE_ENABLED_FOR_THIS_SERVICE');
  });

  it('disables a service while another service\'s policy type is enabled', () => {
    spec.given([organizationCreatedWithPolicyType('INSPECTOR_POLICY'), enabledWithoutRoles('securityhub.amazonaws.com')])
      .when(disable('securityhub.amazonaws.com'))
      .then([disabled('securityhub.amazonaws.com')]);
  });

  it('refuses a member account with AccessDeniedException', () => {
    spec.given([...withMembers, ssoEnabled]).when(disable(SSO, member)).thenThrows('AccessDeniedException');
  });
});

describe('the service catalogue', () => {
  it('refuses a configured service whose principal is not one', () => {
    expect(() => serviceCatalogue([{ servicePrincipal: 'has spaces' }])).toThrow(/servicePrincipal/);
  });

  it('refuses a configured role name IAM would not take', () => {
    expect(() => serviceCatalogue([{ servicePrincipal: 'x.amazonaws.com', serviceLinkedRoles: [{ roleName: 'no/slashes' }] }])).toThrow(/serviceLinkedRoles/);
  });

  it('refuses a negative number of delegated administrators', () => {
    expect(() => serviceCatalogue([{ servicePrincipal: 'x.amazonaws.com', maxDelegatedAdministrators: -1 }])).toThrow(/maxDelegatedAdministrators/);
  });

  it('lets a configured service replace a built-in one', () => {
    expect(serviceCatalogue([{ servicePrincipal: SSO, maxDelegatedAdministrators: 2 }])[SSO]).toMatchObject({ maxDelegatedAdministrators: 2, serviceLinkedRoles: [] });
  });
});
