import { accessDenied, OrgsError } from '@orgs/shared/kernel';
import type { TenantState } from './state';

/**
 * What the read models say about the account whose keys are managed, looked up by the API before
 * the command is decided: the organization it belongs to decides who else may manage its keys.
 */
export interface KeyOwnerFacts {
  accountId: string;
  /** The management account of the account's organization; null for a standalone account. */
  managementAccountId: string | null;
}

/** An account manages its own keys; the management account also manages its members' keys. */
export const mayManageKeysOf = (actingAccountId: string, owner: KeyOwnerFacts) =>
  actingAccountId === owner.accountId || actingAccountId === owner.managementAccountId;

export function requireKeyManager(actingAccountId: string, owner: KeyOwnerFacts): void {
  if (!mayManageKeysOf(actingAccountId, owner)) {
    throw accessDenied(`Account ${actingAccountId} may not manage the API keys of account ${owner.accountId}.`);
  }
}

/** The tenant's stream is empty when the operator names a tenant that was never created. */
export function requireTenant(state: TenantState): void {
  if (!state.created) throw new OrgsError('TenantNotFoundException', 'The tenant was not found.');
}

export const accountNotFound = (accountId: string) =>
  new OrgsError('AccountNotFoundException', `Account ${accountId} was not found in this tenant.`);

export const apiKeyNotFound = (apiKeyId: string) =>
  new OrgsError('ApiKeyNotFoundException', `API key ${apiKeyId} was not found in this tenant.`);

/** Keys of an account that still authenticate with the ADMIN role. */
export const activeAdminKeys = (state: TenantState, accountId: string) =>
  Object.entries(state.apiKeys).filter(([, key]) => key.accountId === accountId && key.role === 'ADMIN' && !key.revoked);
