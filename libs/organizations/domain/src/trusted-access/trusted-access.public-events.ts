import { mapPublic, publicEventType, schemaString, type PublicEventCatalogue } from '@orgs/shared/kernel';
import { EXAMPLE_AT, EXAMPLE_ORGANIZATION, F } from '../public-event-fields';
import type { AWSServiceAccessEnabledData } from './enable-aws-service-access';
import type { ServiceLinkedRolesCreated, ServiceLinkedRolesDeleted } from './propagate-service-linked-roles';

const SSO = 'sso.amazonaws.com';
const enabled = publicEventType(
  'organizations.trusted_access.enabled',
  1,
  'Trusted access was enabled for an AWS service: its service-linked roles are being created in every account.',
  { organizationId: F.organizationId, servicePrincipal: F.servicePrincipal, enabledAt: F.at },
  { organizationId: EXAMPLE_ORGANIZATION, servicePrincipal: SSO, enabledAt: EXAMPLE_AT },
);
const disabled = publicEventType(
  'organizations.trusted_access.disabled',
  1,
  'Trusted access was disabled for an AWS service.',
  { organizationId: F.organizationId, servicePrincipal: F.servicePrincipal, disabledAt: F.at },
  { organizationId: EXAMPLE_ORGANIZATION, servicePrincipal: SSO, disabledAt: EXAMPLE_AT },
);
const role = { organizationId: F.organizationId, accountId: F.accountId, servicePrincipal: F.servicePrincipal, roleName: schemaString('The service-linked role\'s name.') };
const roleExample = { organizationId: EXAMPLE_ORGANIZATION, accountId: '444455556666', servicePrincipal: SSO, roleName: 'AWSServiceRoleForSSO' };
const roleCreated = publicEventType(
  'organizations.trusted_access.role_created',
  1,
  'A trusted service\'s service-linked role was created in an account (one event per account).',
  { ...role, createdAt: F.at },
  { ...roleExample, createdAt: EXAMPLE_AT },
);
const roleDeleted = publicEventType(
  'organizations.trusted_access.role_deleted',
  1,
  'A service-linked role was deleted from an account after its service\'s trusted access was disabled.',
  { ...role, deletedAt: F.at },
  { ...roleExample, deletedAt: EXAMPLE_AT },
);

type Disabled = { organizationId: string; servicePrincipal: string; disabledAt: string };

export const trustedAccessPublicEvents: PublicEventCatalogue = {
  types: [enabled, disabled, roleCreated, roleDeleted],
  mappings: [
    mapPublic<AWSServiceAccessEnabledData>('AWSServiceAccessEnabled', enabled, (d) => [{ organizationId: d.organizationId, accountIds: [], data: d }]),
    mapPublic<Disabled>('AWSServiceAccessDisabled', disabled, (d) => [{ organizationId: d.organizationId, accountIds: [], data: d }]),
    mapPublic<ServiceLinkedRolesCreated['data']>('ServiceLinkedRolesCreated', roleCreated, (d) =>
      d.accountIds.map((accountId) => ({ organizationId: d.organizationId, accountIds: [accountId], data: { ...d, accountId } })),
    ),
    mapPublic<ServiceLinkedRolesDeleted['data']>('ServiceLinkedRolesDeleted', roleDeleted, (d) =>
      d.accountIds.map((accountId) => ({ organizationId: d.organizationId, accountIds: [accountId], data: { ...d, accountId } })),
    ),
  ],
};
