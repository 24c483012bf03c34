import { mapPublic, publicEventType, type PublicEventCatalogue } from '@orgs/shared/kernel';
import { EXAMPLE_ACCOUNT, EXAMPLE_AT, EXAMPLE_ORGANIZATION, EXAMPLE_OU, EXAMPLE_ROOT, F, organizationOfStream } from '../public-event-fields';
import type { OrganizationalUnitCreatedData } from './create-organizational-unit';

const created = publicEventType(
  'organizations.organizational_unit.created',
  1,
  'An organizational unit was created under a root or another OU.',
  { organizationId: F.organizationId, organizationalUnitId: F.organizationalUnitId, arn: F.arn, name: F.name, parentId: F.parentId, createdAt: F.at },
  {
    organizationId: EXAMPLE_ORGANIZATION,
    organizationalUnitId: EXAMPLE_OU,
    arn: `arn:aws:organizations::${EXAMPLE_ACCOUNT}:ou/${EXAMPLE_ORGANIZATION}/${EXAMPLE_OU}`,
    name: 'Workloads',
    parentId: EXAMPLE_ROOT,
    createdAt: EXAMPLE_AT,
  },
);
const renamed = publicEventType(
  'organizations.organizational_unit.renamed',
  1,
  'An organizational unit was renamed.',
  { organizationId: F.organizationId, organizationalUnitId: F.organizationalUnitId, name: F.name, previousName: F.name, updatedAt: F.at },
  { organizationId: EXAMPLE_ORGANIZATION, organizationalUnitId: EXAMPLE_OU, name: 'Production', previousName: 'Workloads', updatedAt: EXAMPLE_AT },
);
const deleted = publicEventType(
  'organizations.organizational_unit.deleted',
  1,
  'An (empty) organizational unit was deleted.',
  { organizationId: F.organizationId, organizationalUnitId: F.organizationalUnitId, parentId: F.parentId, deletedAt: F.at },
  { organizationId: EXAMPLE_ORGANIZATION, organizationalUnitId: EXAMPLE_OU, parentId: EXAMPLE_ROOT, deletedAt: EXAMPLE_AT },
);

type Updated = { organizationalUnitId: string; name: string; previousName: string; updatedAt: string };
type Deleted = { organizationalUnitId: string; parentId: string; deletedAt: string };

export const organizationalUnitPublicEvents: PublicEventCatalogue = {
  types: [created, renamed, deleted],
  mappings: [
    mapPublic<OrganizationalUnitCreatedData>('OrganizationalUnitCreated', created, (d) => [{ organizationId: d.organizationId, accountIds: [], data: { ...d } }]),
    mapPublic<Updated>('OrganizationalUnitUpdated', renamed, (d, stream) => {
      const organizationId = organizationOfStream(stream);
      return [{ organizationId, accountIds: [], data: { ...d, organizationId } }];
    }),
    mapPublic<Deleted>('OrganizationalUnitDeleted', deleted, (d, stream) => {
      const organizationId = organizationOfStream(stream);
      return [{ organizationId, accountIds: [], data: { ...d, organizationId } }];
    }),
  ],
};
