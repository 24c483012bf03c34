import { assertUnreachable } from '@orgs/shared/kernel';
import { sql, type ProjectionHandlers, type SqlText } from '@orgs/shared/projector';
import type { OrganizationalUnitEvent } from '@orgs/organizations/domain';

/** One row per OU, with what DescribeOrganizationalUnit returns and its place in the tree. */
export const organizationalUnitHandlers: ProjectionHandlers = {
  tables: ['organizational_units'],
  eventTypes: new Set<OrganizationalUnitEvent['type']>(['OrganizationalUnitCreated', 'OrganizationalUnitUpdated', 'OrganizationalUnitDeleted']),
  write: (batch, recorded) => batch.add(organizationalUnitStatement(recorded.tenantId, recorded as unknown as OrganizationalUnitEvent)),
};

function organizationalUnitStatement(tenantId: string, event: OrganizationalUnitEvent): SqlText {
  switch (event.type) {
    case 'OrganizationalUnitCreated': {
      const { organizationalUnitId: id, organizationId, parentId, name, arn, path, depth } = event.data;
      // A plain insert: the id is claimed installation-wide, so a clash is a bug to surface, never a row to overwrite.
      return sql`INSERT INTO organizational_units (id, tenant_id, organization_id, parent_id, name, arn, path, depth)
        VALUES (${id}, ${tenantId}, ${organizationId}, ${parentId}, ${name}, ${arn}, ${path}, ${depth})`;
    }
    case 'OrganizationalUnitUpdated':
      return sql`UPDATE organizational_units SET name = ${event.data.name}
        WHERE tenant_id = ${tenantId} AND id = ${event.data.organizationalUnitId}`;
    case 'OrganizationalUnitDeleted':
      return sql`DELETE FROM organizational_units WHERE tenant_id = ${tenantId} AND id = ${event.data.organizationalUnitId}`;
    default:
      return assertUnreachable(event);
  }
}
