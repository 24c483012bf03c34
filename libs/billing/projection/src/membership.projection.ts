import { assertUnreachable } from '@orgs/shared/kernel';
import type { ProjectionHandlers } from '@orgs/shared/projector';
import type { ReadModelTransaction } from '@orgs/shared/read-models';
import { CONSUMED_ORGANIZATION_EVENTS, type ConsumedEvent, type ConsumedOrganizationEvents } from './organization-events';

/**
 * When each account was in which parent of which organization (billing_memberships), and the
 * roots and OUs it may have been in (billing_structure_nodes). Usage is billed to the organization
 * only inside these intervals, and to the parent of the interval it falls in.
 */
export const membershipHandlers: ProjectionHandlers = {
  tables: ['billing_structure_nodes', 'billing_memberships'],
  eventTypes: CONSUMED_ORGANIZATION_EVENTS,
  apply: (tx, recorded) => applyMembershipEvent(tx, recorded.tenantId, recorded as unknown as ConsumedEvent),
};

async function applyMembershipEvent(tx: ReadModelTransaction, tenantId: string, event: ConsumedEvent): Promise<void> {
  switch (event.type) {
    case 'OrganizationCreated': {
      const { organizationId, root, managementAccountId, managementAccountName, createdAt } = event.data;
      await tx.billingStructureNode.create({ data: { tenantId, id: root.id, organizationId, type: 'ROOT', name: root.name, parentId: null } });
      return join(tx, tenantId, organizationId, managementAccountId, managementAccountName, root.id, createdAt);
    }
    case 'OrganizationDeleted':
      await tx.billingMembership.updateMany({ where: { tenantId, organizationId: event.data.organizationId, validTo: null }, data: { validTo: event.data.deletedAt } });
      return;
    case 'OrganizationalUnitCreated': {
      const { organizationId, organizationalUnitId: id, name, parentId } = event.data;
      await tx.billingStructureNode.create({ data: { tenantId, id, organizationId, type: 'ORGANIZATIONAL_UNIT', name, parentId } });
      return;
    }
    case 'OrganizationalUnitUpdated':
      await tx.billingStructureNode.updateMany({ where: { tenantId, id: event.data.organizationalUnitId }, data: { name: event.data.name } });
      return;
    case 'OrganizationalUnitDeleted':
      await tx.billingStructureNode.updateMany({ where: { tenantId, id: event.data.organizationalUnitId }, data: { deleted: true } });
      return;
    case 'MemberAccountCreated': {
      const { organizationId, accountId, name, parentId, joinedAt } = event.data;
      return join(tx, tenantId, organizationId, accountId, name, parentId, joinedAt);
    }
    case 'InvitedAccountJoined': {
      const { id, name, parentId, joinedAt } = event.data.account;
      return join(tx, tenantId, event.data.organizationId, id, name, parentId, joinedAt);
    }
    case 'AccountMoved':
      return move(tx, tenantId, event.data);
    case 'AccountDepartedOrganization':
      await leave(tx, tenantId, event.data.accountId, event.data.departedAt);
      return;
    default:
      assertUnreachable(event);
  }
}

async function join(tx: ReadModelTransaction, tenantId: string, organizationId: string, accountId: string, accountName: string, parentId: string, at: string) {
  await tx.billingMembership.create({ data: { tenantId, organizationId, accountId, accountName, parentId, validFrom: at } });
}

const leave = (tx: ReadModelTransaction, tenantId: string, accountId: string, at: string) =>
  tx.billingMembership.updateMany({ where: { tenantId, accountId, validTo: null }, data: { validTo: at } });

/** A move ends the interval in the old parent and starts one in the new, at the same instant. */
async function move(tx: ReadModelTransaction, tenantId: string, data: ConsumedOrganizationEvents['AccountMoved']) {
  const current = await tx.billingMembership.findFirst({ where: { tenantId, accountId: data.accountId, validTo: null } });
  await leave(tx, tenantId, data.accountId, data.movedAt);
  await join(tx, tenantId, data.organizationId, data.accountId, current?.accountName ?? data.accountId, data.destinationParentId, data.movedAt);
}
