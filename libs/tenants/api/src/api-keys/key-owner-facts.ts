import type { TenantReadModels } from '@orgs/shared/read-models';
import type { KeyOwnerFacts } from '@orgs/tenants/domain';

/**
 * Who may manage an account's keys depends on the organization it is in: read from the read
 * models (`accounts.organization_id`, `organizations.master_account_id`), the tenant in every WHERE.
 * Null when the tenant has no such account.
 */
export async function keyOwnerFacts(db: TenantReadModels, tenantId: string, accountId: string): Promise<KeyOwnerFacts | null> {
  const account = await db.account.findFirst({ where: { id: accountId, tenantId }, select: { organizationId: true } });
  if (!account) return null;
  if (!account.organizationId) return { accountId, managementAccountId: null };
  const organization = await db.organization.findFirst({
    where: { id: account.organizationId, tenantId },
    select: { masterAccountId: true },
  });
  return { accountId, managementAccountId: organization?.masterAccountId ?? null };
}
