import { assertUnreachable } from '@orgs/shared/kernel';
import { sql, type ProjectionHandlers, type SqlText } from '@orgs/shared/projector';
import { CONSUMED_ORGANIZATION_EVENTS, type ConsumedEvent, type ConsumedOrganizationEvents } from './organization-events';

/**
 * When each account was in which parent of which organization (billing_memberships), and the
 * roots and OUs it may have been in (billing_structure_nodes). Usage is billed to the organization
 * only inside these intervals, and to the parent of the interval it falls in.
 *
 * Written as SQL into the batch, not applied through Prisma: every OU created or renamed passes
 * here, and a Prisma call per event made the billing projection the worker's dearest.
 */
export const membershipHandlers: ProjectionHandlers = {
  tables: ['billing_structure_nodes', 'billing_memberships'],
  eventTypes: CONSUMED_ORGANIZATION_EVENTS,
  write: (batch, recorded) => membershipStatements(recorded.tenantId, recorded as unknown as ConsumedEvent).forEach((s) => batch.add(s)),
};

function membershipStatements(tenantId: string, event: ConsumedEvent): SqlText[] {
  switch (event.type) {
    case 'OrganizationCreated': {
      const { organizationId, root, managementAccountId, managementAccountName, createdAt } = event.data;
      return [
        sql`INSERT INTO billing_structure_nodes (tenant_id, id, organization_id, type, name, parent_id)
          VALUES (${tenantId}::uuid, ${root.id}, ${organizationId}, 'ROOT', ${root.name}, NULL)`,
        join(tenantId, organizationId, managementAccountId, managementAccountName, root.id, createdAt),
      ];
    }
    case 'OrganizationDeleted':
      return [
        sql`UPDATE billing_memberships SET valid_to = ${event.data.deletedAt}::timestamptz
          WHERE tenant_id = ${tenantId}::uuid AND organization_id = ${event.data.organizationId} AND valid_to IS NULL`,
      ];
    case 'OrganizationalUnitCreated': {
      const { organizationId, organizationalUnitId: id, name, parentId } = event.data;
      return [
        sql`INSERT INTO billing_structure_nodes (tenant_id, id, organization_id, type, name, parent_id)
          VALUES (${tenantId}::uuid, ${id}, ${organizationId}, 'ORGANIZATIONAL_UNIT', ${name}, ${parentId})`,
      ];
    }
    case 'OrganizationalUnitUpdated':
      return [
        sql`UPDATE billing_structure_nodes SET name = ${event.data.name}
          WHERE tenant_id = ${tenantId}::uuid AND id = ${event.data.organizationalUnitId}`,
      ];
    case 'OrganizationalUnitDeleted':
      return [
        sql`UPDATE billing_structure_nodes SET deleted = TRUE
          WHERE tenant_id = ${tenantId}::uuid AND id = ${event.data.organizationalUnitId}`,
      ];
    case 'MemberAccountCreated': {
      const { organizationId, accountId, name, parentId, joinedAt } = event.data;
      return [join(tenantId, organizationId, accountId, name, parentId, joinedAt)];
    }
    case 'InvitedAccountJoined': {
      const { id, name, parentId, joinedAt } = event.data.account;
      return [join(tenantId, event.data.organizationId, id, name, parentId, joinedAt)];
    }
    case 'AccountMoved':
      return [move(tenantId, event.data)];
    case 'AccountDepartedOrganization':
      return [leave(tenantId, event.data.accountId, event.data.departedAt)];
    default:
      return assertUnreachable(event);
  }
}

const join = (tenantId: string, organizationId: string, accountId: string, accountName: string, parentId: string, at: string) =>
  sql`INSERT INTO billing_memberships (tenant_id, organization_id, account_id, account_name, parent_id, valid_from)
    VALUES (${tenantId}::uuid, ${organizationId}, ${accountId}, ${accountName}, ${parentId}, ${at}::timestamptz)`;

const leave = (tenantId: string, accountId: string, at: string) =>
  sql`UPDATE billing_memberships SET valid_to = ${at}::timestamptz
    WHERE tenant_id = ${tenantId}::uuid AND account_id = ${accountId} AND valid_to IS NULL`;

/** A move ends the interval in the old parent and starts one in the new, at the same instant, under the name it had. */
const move = (tenantId: string, data: ConsumedOrganizationEvents['AccountMoved']) =>
  sql`WITH ended AS (
      UPDATE billing_memberships SET valid_to = ${data.movedAt}::timestamptz
      WHERE tenant_id = ${tenantId}::uuid AND account_id = ${data.accountId} AND valid_to IS NULL
      RETURNING account_name)
    INSERT INTO billing_memberships (tenant_id, organization_id, account_id, account_name, parent_id, valid_from)
    SELECT ${tenantId}::uuid, ${data.organizationId}, ${data.accountId},
      COALESCE((SELECT account_name FROM ended LIMIT 1), ${data.accountId}), ${data.destinationParentId}, ${data.movedAt}::timestamptz`;
