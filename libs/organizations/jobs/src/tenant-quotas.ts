import type { Pool } from 'pg';
import { DEFAULT_QUOTAS, type OrganizationQuotas } from '@orgs/organizations/domain';

/** AWS's default quotas, with the tenant's own values where its tenant_quotas row sets one. */
export async function readTenantQuotas(pool: Pool, tenantId: string): Promise<OrganizationQuotas> {
  const { rows } = await pool.query<{ max_accounts: number | null; max_organizational_units: number | null }>(
    'SELECT max_accounts, max_organizational_units FROM tenant_quotas WHERE tenant_id = $1',
    [tenantId],
  );
  return {
    maxAccounts: rows[0]?.max_accounts ?? DEFAULT_QUOTAS.maxAccounts,
    maxOrganizationalUnits: rows[0]?.max_organizational_units ?? DEFAULT_QUOTAS.maxOrganizationalUnits,
  };
}
