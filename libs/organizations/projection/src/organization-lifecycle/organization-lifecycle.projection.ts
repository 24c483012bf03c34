import { assertUnreachable } from '@orgs/shared/kernel';
import { json, sql, type ProjectionHandlers, type SqlText } from '@orgs/shared/projector';
import type { OrganizationCreatedData, OrganizationLifecycleEvent } from '@orgs/organizations/domain';

type OrganizationDeletedData = Extract<OrganizationLifecycleEvent, { type: 'OrganizationDeleted' }>['data'];
import { becameStandalone } from '../accounts/account-rows';

/** Organizations, their roots, and the management account's membership. */
export const organizationLifecycleHandlers: ProjectionHandlers = {
  tables: ['organizations', 'roots', 'accounts', 'organizational_units', 'resource_tags'],
  eventTypes: new Set<OrganizationLifecycleEvent['type']>(['OrganizationCreated', 'OrganizationDeleted']),
  write: (batch, recorded) => organizationStatements(recorded.tenantId, recorded as unknown as OrganizationLifecycleEvent).forEach((s) => batch.add(s)),
};

function organizationStatements(tenantId: string, event: OrganizationLifecycleEvent): SqlText[] {
  switch (event.type) {
    case 'OrganizationCreated':
      return organizationCreated(tenantId, event.data);
    case 'OrganizationDeleted':
      return organizationDeleted(tenantId, event.data);
    default:
      return assertUnreachable(event);
  }
}

function organizationCreated(tenantId: string, data: OrganizationCreatedData): SqlText[] {
  const { organizationId, root, managementAccountId, createdAt } = data;
  return [
    sql`INSERT INTO organizations (id, tenant_id, arn, feature_set, master_account_id, master_account_arn, master_account_email, created_at)
      VALUES (${organizationId}, ${tenantId}, ${data.arn}, ${data.featureSet}, ${managementAccountId}, ${data.managementAccountArn},
        ${data.managementAccountEmail}, ${createdAt})`,
    sql`INSERT INTO roots (id, tenant_id, organization_id, arn, name, policy_types)
      VALUES (${root.id}, ${tenantId}, ${organizationId}, ${root.arn}, ${root.name}, ${json(root.policyTypes)})`,
    // AWS reports the management account as having joined by invitation.
    sql`UPDATE accounts SET organization_id = ${organizationId}, parent_id = ${root.id}, arn = ${data.managementAccountArn},
        path = ${`${organizationId}/${root.id}/${managementAccountId}/`}, joined_method = 'INVITED', joined_timestamp = ${createdAt}
      WHERE tenant_id = ${tenantId} AND id = ${managementAccountId}`,
  ];
}

/** The organization takes its root, its OUs and their tags (and the management account's) with it. */
function organizationDeleted(tenantId: string, data: OrganizationDeletedData): SqlText[] {
  const { organizationId, managementAccountId } = data;
  return [
    sql`DELETE FROM resource_tags WHERE tenant_id = ${tenantId} AND (resource_id = ${managementAccountId}
      OR resource_id IN (SELECT id FROM roots WHERE tenant_id = ${tenantId} AND organization_id = ${organizationId})
      OR resource_id IN (SELECT id FROM organizational_units WHERE tenant_id = ${tenantId} AND organization_id = ${organizationId}))`,
    sql`DELETE FROM organizational_units WHERE tenant_id = ${tenantId} AND organization_id = ${organizationId}`,
    sql`DELETE FROM roots WHERE tenant_id = ${tenantId} AND organization_id = ${organizationId}`,
    sql`DELETE FROM organizations WHERE tenant_id = ${tenantId} AND id = ${organizationId}`,
    becameStandalone(tenantId, managementAccountId),
  ];
}
