import { assertUnreachable } from '@orgs/shared/kernel';
import type { ProjectionHandlers } from '@orgs/shared/projector';
import type { ReadModelTransaction } from '@orgs/shared/read-models';
import { TRUSTED_ACCESS_EVENTS, type AccountEvent, type AWSServiceAccessEnabledData, type MemberAccountCreatedData, type TrustedAccessEvent } from '@orgs/organizations/domain';
import { accessRoleStatement, dropUnmade, markCreated, markDeleted, markFailed, markPending } from './iam-role-rows';

/** Services with trusted access (`service_access`) and their roles in each account (`iam_roles`). */
export const trustedAccessHandlers: ProjectionHandlers = {
  tables: ['service_access', 'iam_roles'],
  eventTypes: TRUSTED_ACCESS_EVENTS,
  apply: (tx, recorded) => applyTrustedAccessEvent(tx, recorded.tenantId, recorded as unknown as TrustedAccessEvent),
};

/** The IAM roles read model lists the access role CreateAccount made in the new account. */
export const accessRoleHandlers: ProjectionHandlers = {
  eventTypes: new Set(['MemberAccountCreated'] satisfies AccountEvent['type'][]),
  tables: ['iam_roles'],
  write: (batch, recorded) => batch.add(accessRoleStatement(recorded.tenantId, recorded.data as MemberAccountCreatedData)),
};

async function applyTrustedAccessEvent(tx: ReadModelTransaction, tenantId: string, event: TrustedAccessEvent): Promise<void> {
  switch (event.type) {
    case 'AWSServiceAccessEnabled':
      return accessEnabled(tx, tenantId, event.data);
    case 'AWSServiceAccessDisabled': {
      const { organizationId, servicePrincipal, disabledAt } = event.data;
      await tx.serviceAccess.updateMany({ where: { tenantId, organizationId, servicePrincipal }, data: { status: 'DISABLED', disabledAt } });
      return dropUnmade(tx, tenantId, organizationId, servicePrincipal, disabledAt);
    }
    case 'ServiceLinkedRolesCreated':
      return markCreated(tx, tenantId, event.data, event.data.accountIds, event.data.createdAt);
    case 'ServiceLinkedRolesFailed':
      return markFailed(tx, tenantId, event.data, event.data.failures, event.data.failedAt);
    case 'ServiceLinkedRolesDeleted':
      return markDeleted(tx, tenantId, event.data, event.data.accountIds, event.data.deletedAt);
    default:
      assertUnreachable(event);
  }
}

async function accessEnabled(tx: ReadModelTransaction, tenantId: string, data: AWSServiceAccessEnabledData): Promise<void> {
  const { organizationId, servicePrincipal, enabledAt } = data;
  await tx.serviceAccess.upsert({
    where: { tenantId_organizationId_servicePrincipal: { tenantId, organizationId, servicePrincipal } },
    create: { tenantId, organizationId, servicePrincipal, status: 'ENABLED', enabledAt },
    update: { status: 'ENABLED', enabledAt, disabledAt: null },
  });
  for (const role of data.serviceLinkedRoles) await markPending(tx, tenantId, { organizationId, servicePrincipal, ...role }, enabledAt);
}
