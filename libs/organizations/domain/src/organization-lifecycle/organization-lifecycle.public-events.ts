import { mapPublic, publicEventType, type PublicEventCatalogue } from '@orgs/shared/kernel';
import { EXAMPLE_ACCOUNT, EXAMPLE_AT, EXAMPLE_ORGANIZATION, EXAMPLE_ROOT, F } from '../public-event-fields';
import type { OrganizationCreatedData } from './organization-lifecycle';

const created = publicEventType(
  'organizations.organization.created',
  1,
  'An organization was created; its management account is the account that created it.',
  { organizationId: F.organizationId, arn: F.arn, featureSet: F.kind, managementAccountId: F.accountId, rootId: F.parentId, createdAt: F.at },
  { organizationId: EXAMPLE_ORGANIZATION, arn: `arn:aws:organizations::${EXAMPLE_ACCOUNT}:organization/${EXAMPLE_ORGANIZATION}`, featureSet: 'ALL', managementAccountId: EXAMPLE_ACCOUNT, rootId: EXAMPLE_ROOT, createdAt: EXAMPLE_AT },
);
const deleted = publicEventType(
  'organizations.organization.deleted',
  1,
  'The organization was deleted; its management account is standalone again.',
  { organizationId: F.organizationId, managementAccountId: F.accountId, deletedAt: F.at },
  { organizationId: EXAMPLE_ORGANIZATION, managementAccountId: EXAMPLE_ACCOUNT, deletedAt: EXAMPLE_AT },
);

export const organizationLifecyclePublicEvents: PublicEventCatalogue = {
  types: [created, deleted],
  mappings: [
    mapPublic<OrganizationCreatedData>('OrganizationCreated', created, (d) => [
      { organizationId: d.organizationId, accountIds: [d.managementAccountId], data: { ...d, rootId: d.root.id } },
    ]),
    mapPublic<{ organizationId: string; managementAccountId: string; deletedAt: string }>('OrganizationDeleted', deleted, (d) => [
      { organizationId: d.organizationId, accountIds: [d.managementAccountId], data: d },
    ]),
  ],
};
