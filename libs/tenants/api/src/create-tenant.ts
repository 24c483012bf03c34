import { randomUUID } from 'node:crypto';
import { assertValidInput, invalidInput, newAccountId, OrgsError } from '@orgs/shared/kernel';
import type { CommandRequest } from '@orgs/shared/command-handling';
import { issueApiKey } from '@orgs/shared/nest';
import {
  ACCOUNT_EMAIL_NAMESPACE,
  ACCOUNT_ID_NAMESPACE,
  TENANT_STREAM,
  tenantDecider,
  type TenantCommand,
  type TenantEvent,
  type TenantState,
} from '@orgs/tenants/domain';
import type { CreateTenantInput } from './tenant.types';

export function validateCreateTenant(input: CreateTenantInput): void {
  if (!input.name || input.name.length > 128) throw invalidInput('MAX_LENGTH_EXCEEDED', 'name must be 1-128 characters long.');
  if (input.accountName !== undefined && input.accountName !== null) assertValidInput('CreateAccountName', 'accountName', input.accountName);
  if (input.email !== undefined && input.email !== null) assertValidInput('Email', 'email', input.email);
}

/** The command for a new tenant, with everything generated up front: ids, the key and its hash. */
export function createTenantRequest(input: CreateTenantInput, at: Date) {
  const tenantId = randomUUID();
  const key = issueApiKey();
  const email = input.email ?? `admin@${slug(input.name)}-${tenantId.slice(0, 8)}.example.com`;
  const request: CommandRequest<TenantState, TenantCommand, TenantEvent> = {
    tenantId,
    streamId: TENANT_STREAM,
    decider: tenantDecider,
    command: () => ({
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
    reservations: (events) => accountReservations(events),
    reservationConflict: (namespace) =>
      namespace === ACCOUNT_EMAIL_NAMESPACE
        ? new OrgsError('DuplicateAccountException', `An account with the email ${email} already exists.`)
        : undefined,
  };
  return { request, secret: key.secret };
}

function accountReservations(events: TenantEvent[]) {
  return events.flatMap((event) =>
    event.type === 'AccountCreated'
      ? [
          { namespace: ACCOUNT_ID_NAMESPACE, value: event.data.accountId },
          { namespace: ACCOUNT_EMAIL_NAMESPACE, value: event.data.email.toLowerCase() },
        ]
      : [],
  );
}

const slug = (name: string) => name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 30) || 'tenant';
