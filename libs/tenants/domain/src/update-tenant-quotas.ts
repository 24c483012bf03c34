import type { DomainCommand } from '@orgs/shared/kernel';
import { requireTenant } from './api-key-access';
import type { TenantEvent } from './events';
import type { TenantState } from './state';
import { assertValidQuotaOverrides, TENANT_QUOTA_NAMES, type TenantQuotaOverrides } from './tenant-quotas';

/**
 * The operator sets the tenant's quotas in full: a quota given as null goes back to AWS's default.
 * Deciding on the tenant's stream orders it with everything else the tenant does.
 */
export type UpdateTenantQuotas = DomainCommand<'UpdateTenantQuotas', TenantQuotaOverrides & { at: string }>;

export function decideUpdateTenantQuotas({ data }: UpdateTenantQuotas, state: TenantState): TenantEvent[] {
  const { at, ...overrides } = data;
  assertValidQuotaOverrides(overrides);
  requireTenant(state);
  // Setting the values already in force records nothing: a retried update must not fail nor repeat.
  if (TENANT_QUOTA_NAMES.every((name) => state.quotas[name] === overrides[name])) return [];
  return [{ type: 'TenantQuotasUpdated', data: { ...overrides, updatedAt: at } }];
}
