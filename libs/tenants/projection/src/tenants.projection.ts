import { assertUnreachable } from '@orgs/shared/kernel';
import type { ProjectionHandlers } from '@orgs/shared/projector';
import type { ReadModelTransaction } from '@orgs/shared/read-models';
import type { TenantEvent } from '@orgs/tenants/domain';

/** Tenants, their standalone accounts, API keys (hashes only) and quota overrides. */
export const tenantsHandlers: ProjectionHandlers = {
  eventTypes: new Set<TenantEvent['type']>(['TenantCreated', 'AccountCreated', 'ApiKeyIssued', 'ApiKeyRevoked', 'TenantQuotasUpdated']),
  apply: (tx, recorded) => applyTenantEvent(tx, recorded.tenantId, recorded as unknown as TenantEvent),
  invalidates: (recorded) => cachedFactsChangedBy(recorded.tenantId, recorded as unknown as TenantEvent),
};

/** What the API keeps in memory (see READ_MODELS_CHANGED_CHANNEL): who a key is, a tenant's quotas. */
function cachedFactsChangedBy(tenantId: string, event: TenantEvent): string[] {
  if (event.type === 'ApiKeyRevoked') return [`api-key:${event.data.apiKeyId}`];
  if (event.type === 'TenantQuotasUpdated') return [`tenant-quotas:${tenantId}`];
  return [];
}

async function applyTenantEvent(tx: ReadModelTransaction, tenantId: string, event: TenantEvent): Promise<void> {
  switch (event.type) {
    case 'TenantCreated':
      await tx.tenant.create({ data: { id: tenantId, name: event.data.name, createdAt: event.data.createdAt } });
      return;
    case 'AccountCreated': {
      const { accountId, name, email, createdAt } = event.data;
      await tx.account.create({ data: { id: accountId, tenantId, name, email, status: 'ACTIVE', createdAt } });
      return;
    }
    case 'ApiKeyIssued': {
      const { apiKeyId, accountId, role, keyHash, issuedAt } = event.data;
      await tx.apiKey.create({ data: { id: apiKeyId, tenantId, accountId, role, keyHash, createdAt: issuedAt } });
      return;
    }
    case 'ApiKeyRevoked':
      // From this commit on, orgs_find_api_key no longer finds the key: it stops authenticating.
      await tx.apiKey.updateMany({ where: { id: event.data.apiKeyId, tenantId }, data: { revokedAt: event.data.revokedAt } });
      return;
    case 'TenantQuotasUpdated': {
      // The event holds both values in full, so a replay writes the same row (null: AWS's default).
      const { maxAccounts, maxOrganizationalUnits } = event.data;
      await tx.tenantQuota.upsert({ where: { tenantId }, create: { tenantId, maxAccounts, maxOrganizationalUnits }, update: { maxAccounts, maxOrganizationalUnits } });
      return;
    }
    default:
      assertUnreachable(event);
  }
}
