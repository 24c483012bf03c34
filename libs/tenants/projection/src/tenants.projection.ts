import { assertUnreachable } from '@orgs/shared/kernel';
import { sql, type ProjectionHandlers, type SqlText } from '@orgs/shared/projector';
import type { TenantEvent } from '@orgs/tenants/domain';

/** Tenants, their standalone accounts, API keys (hashes only) and quota overrides. */
export const tenantsHandlers: ProjectionHandlers = {
  tables: ['tenants', 'accounts', 'api_keys', 'tenant_quotas', 'access_keys'],
  eventTypes: new Set<TenantEvent['type']>(['TenantCreated', 'AccountCreated', 'ApiKeyIssued', 'ApiKeyRevoked', 'TenantQuotasUpdated', 'AccessKeyCreated', 'AccessKeyDeleted']),
  write: (batch, recorded) => batch.add(tenantStatement(recorded.tenantId, recorded as unknown as TenantEvent)),
  invalidates: (recorded) => cachedFactsChangedBy(recorded.tenantId, recorded as unknown as TenantEvent),
};

/** What the API keeps in memory (see READ_MODELS_CHANGED_CHANNEL): who a key is, a tenant's quotas. */
function cachedFactsChangedBy(tenantId: string, event: TenantEvent): string[] {
  if (event.type === 'ApiKeyRevoked') return [`api-key:${event.data.apiKeyId}`];
  if (event.type === 'AccessKeyDeleted') return [`access-key:${event.data.accessKeyId}`];
  if (event.type === 'TenantQuotasUpdated') return [`tenant-quotas:${tenantId}`];
  return [];
}

function tenantStatement(tenantId: string, event: TenantEvent): SqlText {
  switch (event.type) {
    case 'TenantCreated':
      return sql`INSERT INTO tenants (id, name, created_at) VALUES (${tenantId}, ${event.data.name}, ${event.data.createdAt})`;
    case 'AccountCreated': {
      const { accountId, name, email, createdAt } = event.data;
      return sql`INSERT INTO accounts (id, tenant_id, name, email, status, created_at) VALUES (${accountId}, ${tenantId}, ${name}, ${email}, 'ACTIVE', ${createdAt})`;
    }
    case 'ApiKeyIssued': {
      const { apiKeyId, accountId, role, keyHash, issuedAt } = event.data;
      return sql`INSERT INTO api_keys (id, tenant_id, account_id, role, key_hash, created_at) VALUES (${apiKeyId}, ${tenantId}, ${accountId}, ${role}, ${keyHash}, ${issuedAt})`;
    }
    case 'ApiKeyRevoked':
      // From this commit on, orgs_find_api_key no longer finds the key: it stops authenticating.
      return sql`UPDATE api_keys SET revoked_at = ${event.data.revokedAt} WHERE tenant_id = ${tenantId} AND id = ${event.data.apiKeyId}`;
    case 'TenantQuotasUpdated': {
      // The event holds both values in full, so a replay writes the same row (null: AWS's default).
      const { maxAccounts, maxOrganizationalUnits } = event.data;
      return sql`INSERT INTO tenant_quotas (tenant_id, max_accounts, max_organizational_units) VALUES (${tenantId}, ${maxAccounts}, ${maxOrganizationalUnits})
        ON CONFLICT (tenant_id) DO UPDATE SET max_accounts = EXCLUDED.max_accounts, max_organizational_units = EXCLUDED.max_organizational_units`;
    }
    case 'AccessKeyCreated': {
      const { accessKeyId, accountId, role, secretCiphertext, createdAt } = event.data;
      return sql`INSERT INTO access_keys (id, tenant_id, account_id, role, secret_ciphertext, created_at) VALUES (${accessKeyId}, ${tenantId}, ${accountId}, ${role}, ${secretCiphertext}, ${createdAt})`;
    }
    case 'AccessKeyDeleted':
      // From this commit on, orgs_find_access_key no longer finds the key.
      return sql`UPDATE access_keys SET deleted_at = ${event.data.deletedAt} WHERE tenant_id = ${tenantId} AND id = ${event.data.accessKeyId}`;
    default:
      return assertUnreachable(event);
  }
}
