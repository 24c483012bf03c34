import { assertUnreachable } from '@orgs/shared/kernel';
import type { ProjectionHandlers } from '@orgs/shared/projector';
import type { ReadModelTransaction } from '@orgs/shared/read-models';
import type { OrganizationalUnitEvent } from '@orgs/organizations/domain';

/** One row per OU, with what DescribeOrganizationalUnit returns and its place in the tree. */
export const organizationalUnitHandlers: ProjectionHandlers = {
  eventTypes: new Set<OrganizationalUnitEvent['type']>(['OrganizationalUnitCreated', 'OrganizationalUnitUpdated', 'OrganizationalUnitDeleted']),
  apply: (tx, recorded) => applyOrganizationalUnitEvent(tx, recorded.tenantId, recorded as unknown as OrganizationalUnitEvent),
};

async function applyOrganizationalUnitEvent(tx: ReadModelTransaction, tenantId: string, event: OrganizationalUnitEvent): Promise<void> {
  switch (event.type) {
    case 'OrganizationalUnitCreated': {
      const { organizationalUnitId: id, organizationId, parentId, name, arn, path, depth } = event.data;
      // A plain insert: the id is claimed installation-wide, so a clash is a bug to surface, never a row to overwrite.
      await tx.organizationalUnit.create({ data: { id, tenantId, organizationId, parentId, name, arn, path, depth } });
      return;
    }
    case 'OrganizationalUnitUpdated':
      await tx.organizationalUnit.updateMany({ where: { tenantId, id: event.data.organizationalUnitId }, data: { name: event.data.name } });
      return;
    case 'OrganizationalUnitDeleted':
      await tx.organizationalUnit.deleteMany({ where: { tenantId, id: event.data.organizationalUnitId } });
      return;
    default:
      assertUnreachable(event);
  }
}
