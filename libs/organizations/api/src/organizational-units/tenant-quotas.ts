import { InvalidatedCache, type ReadModelChanges } from '@orgs/shared/projector';
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

/** Each tenant's quotas in memory until the projector announces a change (every create reads them). */
export const tenantQuotasCache = (changes: ReadModelChanges) =>
  new InvalidatedCache<OrganizationQuotas>(changes, { kind: 'tenant-quotas', max: 10_000, ttlMs: 10 * 60_000 });
