import { randomUUID } from 'node:crypto';
import { assertValidInput, invalidInput, newAccountId } from '@orgs/shared/kernel';
import { auditMetadataOf, issueApiKey, type Caller } from '@orgs/shared/nest';
import type { CreateTenantInput } from './tenant.types';
import { accountClaims, tenantRequest } from './tenant-request';

export function validateCreateTenant(input: CreateTenantInput): void {
  if (!input.name || input.name.length > 128) throw invalidInput('MAX_LENGTH_EXCEEDED', 'name must be 1-128 characters long.');
  if (input.accountName !== undefined && input.accountName !== null) assertValidInput('CreateAccountName', 'accountName', input.accountName);
  if (input.email !== undefined && input.email !== null) assertValidInput('Email', 'email', input.email);
}

/** The command for a new tenant, with everything generated up front: ids, the key and its hash. */
export function createTenantRequest(input: CreateTenantInput, at: Date, caller: Caller) {
  const tenantId = randomUUID();
  const key = issueApiKey();
  const email = input.email ?? `admin@${slug(input.name)}-${tenantId.slice(0, 8)}.example.com`;
  const request = tenantRequest(
    tenantId,
    () => ({
      type: 'CreateTenant',
      data: {
        tenantId,
        name: input.name,
        accountId: newAccountId(),
        accountName: input.accountName ?? 'Management',
        email,
        apiKeyId: key.apiKeyId,
        apiKeyHash: key.hash,
        at: at.toISOString(),
      },
    }),
    auditMetadataOf(caller),
    accountClaims(email),
  );
  return { request, secret: key.secret };
}

const slug = (name: string) => name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 30) || 'tenant';
