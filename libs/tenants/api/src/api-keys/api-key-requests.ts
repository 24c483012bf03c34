import { assertValidInput, invalidInput } from '@orgs/shared/kernel';
import { auditMetadataOf, issueApiKey, type Principal } from '@orgs/shared/nest';
import type { ApiKeyRole, KeyOwnerFacts } from '@orgs/tenants/domain';
import { tenantRequest } from '../tenant-request';
import type { ApiKey } from './api-key.types';

const API_KEY_ID = /^key-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function validateApiKeyId(apiKeyId: string): void {
  if (!API_KEY_ID.test(apiKeyId)) throw invalidInput('INVALID_PATTERN', 'apiKeyId is not an API key id (key-<uuid>).');
}

export const validateAccountId = (accountId: string) => assertValidInput('AccountId', 'accountId', accountId);

export function createApiKeyRequest(principal: Principal, accountId: string, role: ApiKeyRole, owner: KeyOwnerFacts | null, at: Date) {
  const key = issueApiKey();
  const request = tenantRequest(
    principal.tenantId,
    () => ({
      type: 'CreateApiKey',
      data: { accountId, role, apiKeyId: key.apiKeyId, apiKeyHash: key.hash, actingAccountId: principal.accountId, owner, at: at.toISOString() },
    }),
    auditMetadataOf(principal),
  );
  return { request, secret: key.secret };
}

export function revokeApiKeyRequest(principal: Principal, apiKeyId: string, owner: KeyOwnerFacts | null, at: Date) {
  return tenantRequest(
    principal.tenantId,
    () => ({ type: 'RevokeApiKey', data: { apiKeyId, actingAccountId: principal.accountId, owner, at: at.toISOString() } }),
    auditMetadataOf(principal),
  );
}

interface ApiKeyRow {
  id: string;
  accountId: string;
  role: string;
  createdAt: Date;
  revokedAt: Date | null;
}

/** A key row as listed: the hash stays in the database. */
export const apiKeyView = (row: ApiKeyRow): ApiKey => ({
  id: row.id,
  accountId: row.accountId,
  role: row.role as ApiKeyRole,
  createdAt: row.createdAt.toISOString(),
  revokedAt: row.revokedAt?.toISOString() ?? null,
});
