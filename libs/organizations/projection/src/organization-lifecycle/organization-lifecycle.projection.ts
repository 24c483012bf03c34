import { assertUnreachable } from '@orgs/shared/kernel';
import type { ProjectionHandlers } from '@orgs/shared/projector';
import type { ReadModelTransaction } from '@orgs/shared/read-models';
import type { OrganizationCreatedData, OrganizationLifecycleEvent } from '@orgs/organizations/domain';

/** Organizations, their roots, and the management account's membership. */
export const organizationLifecycleHandlers: ProjectionHandlers = {
  eventTypes: new Set<OrganizationLifecycleEvent['type']>(['OrganizationCreated', 'OrganizationDeleted']),
  apply: (tx, recorded) => applyOrganizationEvent(tx, recorded.tenantId, recorded as unknown as OrganizationLifecycleEvent),
};

async function applyOrganizationEvent(tx: ReadModelTransaction, tenantId: string, event: OrganizationLifecycleEvent) {
  switch (event.type) {
    case 'OrganizationCreated':
      return organizationCreated(tx, tenantId, event.data);
    case 'OrganizationDeleted': {
      const { organizationId, managementAccountId } = event.data;
      // The organization takes its root, its OUs and their tags (and the management account's) with it.
      const roots = await tx.root.findMany({ where: { tenantId, organizationId }, select: { id: true } });
      const ous = await tx.organizationalUnit.findMany({ where: { tenantId, organizationId }, select: { id: true } });
      const resources = [...roots, ...ous].map((r) => r.id).concat(managementAccountId);
      await tx.resourceTag.deleteMany({ where: { tenantId, resourceId: { in: resources } } });
      await tx.organizationalUnit.deleteMany({ where: { tenantId, organizationId } });
      await tx.root.deleteMany({ where: { tenantId, organizationId } });
      await tx.organization.delete({ where: { id: organizationId } });
      await tx.account.update({
        where: { id: managementAccountId },
        data: { organizationId: null, parentId: null, arn: null, path: null, joinedMethod: null, joinedTimestamp: null },
      });
      return;
    }
    default:
      assertUnreachable(event);
  }
}

async function organizationCreated(tx: ReadModelTransaction, tenantId: string, data: OrganizationCreatedData) {
  const { organizationId, root } = data;
  await tx.organization.create({
    data: {
      id: organizationId,
      tenantId,
      arn: data.arn,
      featureSet: data.featureSet,
      masterAccountId: data.managementAccountId,
      masterAccountArn: data.managementAccountArn,
      masterAccountEmail: data.managementAccountEmail,
      createdAt: data.createdAt,
    },
  });
  await tx.root.create({
    data: { id: root.id, tenantId, organizationId, arn: root.arn, name: root.name, policyTypes: root.policyTypes as object[] },
  });
  // AWS reports the management account as having joined by invitation.
  await tx.account.update({
    where: { id: data.managementAccountId },
    data: {
      organizationId,
      parentId: root.id,
      arn: data.managementAccountArn,
      path: `${organizationId}/${root.id}/${data.managementAccountId}/`,
      joinedMethod: 'INVITED',
      joinedTimestamp: data.createdAt,
    },
  });
}
