import { OrgsError, type DomainCommand } from '@orgs/shared/kernel';
import { accountNotFound, requireKeyManager, requireTenant, type KeyOwnerFacts } from './api-key-access';
import type { TenantEvent } from './events';
import type { ApiKeyRole, TenantState } from './state';

/**
 * AWS-style access keys (SigV4 credentials for the AWS wire API), managed as API keys are: an
 * account its own, the management account also its members'. The secret is kept encrypted
 * (signature verification needs it); the ciphertext is made by the API, never by the domain.
 */
export type CreateAccessKey = DomainCommand<
  'CreateAccessKey',
  {
    accountId: string;
    role: ApiKeyRole;
    accessKeyId: string;
    secretCiphertext: string;
    actingAccountId: string;
    owner: KeyOwnerFacts | null;
    at: string;
  }
>;

export type DeleteAccessKey = DomainCommand<
  'DeleteAccessKey',
  { accessKeyId: string; actingAccountId: string; owner: KeyOwnerFacts | null; at: string }
>;

export function decideCreateAccessKey({ data }: CreateAccessKey, state: TenantState): TenantEvent[] {
  requireTenant(state);
  if (!data.owner || data.owner.accountId !== data.accountId) throw accountNotFound(data.accountId);
  requireKeyManager(data.actingAccountId, data.owner);
  const { accessKeyId, accountId, role, secretCiphertext, at } = data;
  return [{ type: 'AccessKeyCreated', data: { accessKeyId, accountId, role, secretCiphertext, createdAt: at } }];
}

export function decideDeleteAccessKey({ data }: DeleteAccessKey, state: TenantState): TenantEvent[] {
  requireTenant(state);
  const key = state.accessKeys[data.accessKeyId];
  if (!key) throw accessKeyNotFound(data.accessKeyId);
  const managementAccountId = data.owner?.accountId === key.accountId ? data.owner.managementAccountId : null;
  requireKeyManager(data.actingAccountId, { accountId: key.accountId, managementAccountId });
  // Deleting twice is answered as done: a retried deletion must not fail.
  if (key.deleted) return [];
  return [{ type: 'AccessKeyDeleted', data: { accessKeyId: data.accessKeyId, accountId: key.accountId, deletedAt: data.at } }];
}

export const accessKeyNotFound = (accessKeyId: string) =>
  new OrgsError('AccessKeyNotFoundException', `Access key ${accessKeyId} was not found in this tenant.`);
