import type { TenantReadModels } from '@orgs/shared/read-models';
import { DEFAULT_QUOTAS, type OrganizationQuotas } from '@orgs/organizations/domain';

/** AWS's default quotas, with the tenant's own values where its tenant_quotas row sets one. */
export async function tenantQuotas(db: TenantReadModels, tenantId: string): Promise<OrganizationQuotas> {
  const row = await db.tenantQuota.findUnique({ where: { tenantId } });
  return {
    maxAccounts: row?.maxAccounts ?? DEFAULT_QUOTAS.maxAccounts,
    maxOrganizationalUnits: row?.maxOrganizationalUnits ?? DEFAULT_QUOTAS.maxOrganizationalUnits,
  };
}
