import type { DomainEvent } from '@orgs/shared/kernel';
import type { ApiKeyRole } from './state';
import type { TenantQuotaOverrides } from './tenant-quotas';

export type TenantCreated = DomainEvent<'TenantCreated', { tenantId: string; name: string; createdAt: string }>;
export type AccountCreated = DomainEvent<'AccountCreated', { accountId: string; name: string; email: string; createdAt: string }>;
export type ApiKeyIssued = DomainEvent<
  'ApiKeyIssued',
  { apiKeyId: string; accountId: string; role: ApiKeyRole; keyHash: string; issuedAt: string }
>;
export type AccessKeyCreated = DomainEvent<
  'AccessKeyCreated',
  { accessKeyId: string; accountId: string; role: ApiKeyRole; secretCiphertext: string; createdAt: string }
>;
export type AccessKeyDeleted = DomainEvent<'AccessKeyDeleted', { accessKeyId: string; accountId: string; deletedAt: string }>;
export type ApiKeyRevoked = DomainEvent<'ApiKeyRevoked', { apiKeyId: string; accountId: string; revokedAt: string }>;

/** The tenant's quotas as the operator set them in full (null: AWS's default). */
export type TenantQuotasUpdated = DomainEvent<'TenantQuotasUpdated', TenantQuotaOverrides & { updatedAt: string }>;

export type TenantEvent = TenantCreated | AccountCreated | ApiKeyIssued | ApiKeyRevoked | TenantQuotasUpdated | AccessKeyCreated | AccessKeyDeleted;
