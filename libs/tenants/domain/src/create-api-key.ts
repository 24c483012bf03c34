import type { DomainCommand } from '@orgs/shared/kernel';
import { accountNotFound, requireKeyManager, requireTenant, type KeyOwnerFacts } from './api-key-access';
import type { TenantEvent } from './events';
import type { ApiKeyRole, TenantState } from './state';

export type CreateApiKey = DomainCommand<
  'CreateApiKey',
  {
    accountId: string;
    role: ApiKeyRole;
    apiKeyId: string;
    apiKeyHash: string;
    actingAccountId: string;
    /** The account as the read models know it; null when the tenant has no such account. */
    owner: KeyOwnerFacts | null;
    at: string;
  }
>;

export function decideCreateApiKey({ data }: CreateApiKey, state: TenantState): TenantEvent[] {
  requireTenant(state);
  if (!data.owner || data.owner.accountId !== data.accountId) throw accountNotFound(data.accountId);
  requireKeyManager(data.actingAccountId, data.owner);
  const { apiKeyId, accountId, role, apiKeyHash, at } = data;
  return [{ type: 'ApiKeyIssued', data: { apiKeyId, accountId, role, keyHash: apiKeyHash, issuedAt: at } }];
}
