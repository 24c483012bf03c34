import type { DomainCommand } from '@orgs/shared/kernel';
import { requireTenant } from './api-key-access';
import type { TenantEvent } from './events';
import type { TenantState } from './state';

/**
 * An account outside any organization, with its first ADMIN key (the account could not act
 * otherwise). Its id and email are claimed across the installation when the events are appended.
 */
export type RegisterStandaloneAccount = DomainCommand<
  'RegisterStandaloneAccount',
  { accountId: string; accountName: string; email: string; apiKeyId: string; apiKeyHash: string; at: string }
>;

export function decideRegisterStandaloneAccount({ data }: RegisterStandaloneAccount, state: TenantState): TenantEvent[] {
  requireTenant(state);
  const { accountId, accountName, email, apiKeyId, apiKeyHash, at } = data;
  return [
    { type: 'AccountCreated', data: { accountId, name: accountName, email, createdAt: at } },
    { type: 'ApiKeyIssued', data: { apiKeyId, accountId, role: 'ADMIN', keyHash: apiKeyHash, issuedAt: at } },
  ];
}
