import { OrgsError, type DomainCommand } from '@orgs/shared/kernel';
import { activeAdminKeys, apiKeyNotFound, requireKeyManager, requireTenant, type KeyOwnerFacts } from './api-key-access';
import type { TenantEvent } from './events';
import type { TenantState } from './state';

export type RevokeApiKey = DomainCommand<
  'RevokeApiKey',
  {
    apiKeyId: string;
    actingAccountId: string;
    /** Facts on the account the key acts for, as the read models know it (null: not found there). */
    owner: KeyOwnerFacts | null;
    at: string;
  }
>;

export function decideRevokeApiKey({ data }: RevokeApiKey, state: TenantState): TenantEvent[] {
  requireTenant(state);
  const key = state.apiKeys[data.apiKeyId];
  if (!key) throw apiKeyNotFound(data.apiKeyId);
  // The key's account comes from the stream; the facts only say who else may manage that account.
  const managementAccountId = data.owner?.accountId === key.accountId ? data.owner.managementAccountId : null;
  requireKeyManager(data.actingAccountId, { accountId: key.accountId, managementAccountId });
  // Revoking twice is answered as done: a retried revocation must not fail.
  if (key.revoked) return [];
  if (key.role === 'ADMIN' && activeAdminKeys(state, key.accountId).length === 1) {
    // Nobody could issue the account a key again (a standalone account has no one above it).
    throw new OrgsError('ConflictException', `API key ${data.apiKeyId} is the last active ADMIN key of account ${key.accountId}. Create another first.`);
  }
  return [{ type: 'ApiKeyRevoked', data: { apiKeyId: data.apiKeyId, accountId: key.accountId, revokedAt: data.at } }];
}
