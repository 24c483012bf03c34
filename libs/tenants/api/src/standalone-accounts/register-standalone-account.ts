import { accessDenied, assertValidInput, invalidInput, newAccountId } from '@orgs/shared/kernel';
import { auditMetadataOf, issueApiKey, isOperator, type Caller } from '@orgs/shared/nest';
import { accountClaims, tenantRequest } from '../tenant-request';
import type { RegisterStandaloneAccountInput } from './standalone-account.types';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The tenant the account is registered in: the one the operator names, or the key's own. */
export function tenantOfRegistration(input: RegisterStandaloneAccountInput, caller: Caller): string {
  assertValidInput('CreateAccountName', 'accountName', input.accountName);
  assertValidInput('Email', 'email', input.email);
  const named = input.tenantId ?? null;
  if (named !== null && !UUID.test(named)) throw invalidInput('INVALID_PATTERN', 'tenantId must be a tenant id (a UUID).');
  if (isOperator(caller)) {
    if (named === null) throw invalidInput('INPUT_REQUIRED', 'The operator must name the tenant: tenantId is required.');
    return named.toLowerCase();
  }
  if (named !== null && named.toLowerCase() !== caller.tenantId) throw accessDenied('An API key registers accounts in its own tenant only.');
  return caller.tenantId;
}

export function registerStandaloneAccountRequest(tenantId: string, input: RegisterStandaloneAccountInput, caller: Caller, at: Date) {
  const key = issueApiKey();
  const request = tenantRequest(
    tenantId,
    () => ({
      type: 'RegisterStandaloneAccount',
      data: {
        accountId: newAccountId(),
        accountName: input.accountName,
        email: input.email,
        apiKeyId: key.apiKeyId,
        apiKeyHash: key.hash,
        at: at.toISOString(),
      },
    }),
    auditMetadataOf(caller),
    accountClaims(input.email),
  );
  return { request, secret: key.secret };
}
