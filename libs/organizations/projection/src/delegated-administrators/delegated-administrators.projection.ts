import { assertUnreachable } from '@orgs/shared/kernel';
import type { ProjectionHandlers } from '@orgs/shared/projector';
import type { ReadModelTransaction } from '@orgs/shared/read-models';
import { DELEGATED_ADMINISTRATOR_EVENTS, type DelegatedAdministratorEvent } from '@orgs/organizations/domain';

/** Delegated administrators (`delegated_administrators`) and the delegation policy (`resource_policies`). */
export const delegatedAdministratorHandlers: ProjectionHandlers = {
  tables: ['delegated_administrators', 'resource_policies'],
  eventTypes: DELEGATED_ADMINISTRATOR_EVENTS,
  apply: (tx, recorded) => applyDelegatedAdministratorEvent(tx, recorded.tenantId, recorded as unknown as DelegatedAdministratorEvent),
};

async function applyDelegatedAdministratorEvent(tx: ReadModelTransaction, tenantId: string, event: DelegatedAdministratorEvent): Promise<void> {
  switch (event.type) {
    case 'DelegatedAdministratorRegistered': {
      const { organizationId, accountId, servicePrincipal, delegationEnabledAt } = event.data;
      await tx.delegatedAdministrator.create({ data: { tenantId, organizationId, accountId, servicePrincipal, delegationEnabledAt } });
      return;
    }
    case 'DelegatedAdministratorDeregistered': {
      const { organizationId, accountId, servicePrincipal } = event.data;
      await tx.delegatedAdministrator.deleteMany({ where: { tenantId, organizationId, accountId, servicePrincipal } });
      return;
    }
    case 'ResourcePolicyPut': {
      const { organizationId, resourcePolicyId: id, arn, content, putAt: updatedAt } = event.data;
      await tx.resourcePolicy.upsert({
        where: { tenantId_organizationId: { tenantId, organizationId } },
        create: { tenantId, organizationId, id, arn, content, updatedAt },
        update: { id, arn, content, updatedAt },
      });
      return;
    }
    case 'ResourcePolicyDeleted':
      await tx.resourcePolicy.deleteMany({ where: { tenantId, organizationId: event.data.organizationId } });
      return;
    default:
      assertUnreachable(event);
  }
}
