import type { CommandRequest } from '@orgs/shared/command-handling';
import type { EventMetadata } from '@orgs/shared/event-store';
import { OrgsError } from '@orgs/shared/kernel';
import {
  ACCOUNT_EMAIL_NAMESPACE,
  ACCOUNT_ID_NAMESPACE,
  TENANT_STREAM,
  tenantDecider,
  type TenantCommand,
  type TenantEvent,
  type TenantState,
} from '@orgs/tenants/domain';

export type TenantRequest = CommandRequest<TenantState, TenantCommand, TenantEvent>;

/** A command on the tenant's stream, with the audit metadata of whoever caused it. */
export function tenantRequest(
  tenantId: string,
  command: () => TenantCommand,
  metadata: EventMetadata,
  claims: Pick<TenantRequest, 'reservations' | 'reservationConflict'> = {},
): TenantRequest {
  return { tenantId, streamId: TENANT_STREAM, decider: tenantDecider, command, metadata, ...claims };
}

/**
 * A new account claims its id and its email across the installation. A taken id is retried with
 * a new one (the command builds a new id each time); a taken email is the caller's to change.
 */
export function accountClaims(email: string): Pick<TenantRequest, 'reservations' | 'reservationConflict'> {
  return {
    reservations: (events) =>
      events.flatMap((event) =>
        event.type === 'AccountCreated'
          ? [
              { namespace: ACCOUNT_ID_NAMESPACE, value: event.data.accountId },
              { namespace: ACCOUNT_EMAIL_NAMESPACE, value: event.data.email.toLowerCase() },
            ]
          : [],
      ),
    reservationConflict: (namespace) =>
      namespace === ACCOUNT_EMAIL_NAMESPACE ? new OrgsError('DuplicateAccountException', `An account with the email ${email} already exists.`) : undefined,
  };
}

/** A new key must authenticate at once, so mutations that issue one wait (bounded) for their projection. */
export const KEY_VISIBLE_WAIT_MS = 10_000;
