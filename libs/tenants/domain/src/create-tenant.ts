import { OrgsError, type DomainCommand } from '@orgs/shared/kernel';
import type { TenantEvent } from './events';
import type { TenantState } from './state';

export type CreateTenant = DomainCommand<
  'CreateTenant',
  {
    tenantId: string;
    name: string;
    accountId: string;
    accountName: string;
    email: string;
    apiKeyId: string;
    apiKeyHash: string;
    at: string;
  }
>;

/** A tenant starts with one standalone account and an ADMIN key acting for it. */
export function decideCreateTenant({ data }: CreateTenant, state: TenantState): TenantEvent[] {
  if (state.created) throw new OrgsError('ConflictException', `Tenant ${data.tenantId} already exists.`);
  const { tenantId, name, accountId, accountName, email, apiKeyId, apiKeyHash, at } = data;
  return [
    { type: 'TenantCreated', data: { tenantId, name, createdAt: at } },
    { type: 'AccountCreated', data: { accountId, name: accountName, email, createdAt: at } },
    { type: 'ApiKeyIssued', data: { apiKeyId, accountId, role: 'ADMIN', keyHash: apiKeyHash, issuedAt: at } },
  ];
}
