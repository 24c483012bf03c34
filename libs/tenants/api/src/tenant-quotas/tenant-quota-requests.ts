import { accessDenied, invalidInput } from '@orgs/shared/kernel';
import { auditMetadataOf, isOperator, type Caller } from '@orgs/shared/nest';
import {
  assertValidQuotaOverrides,
  AWS_DEFAULT_TENANT_QUOTAS,
  effectiveQuotas,
  TENANT_QUOTA_NAMES,
  type TenantQuotaOverrides,
} from '@orgs/tenants/domain';
import { tenantRequest } from '../tenant-request';
import type { TenantQuotas, UpdateTenantQuotasInput } from './tenant-quotas.types';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function validTenantId(tenantId: string): string {
  if (!UUID.test(tenantId)) throw invalidInput('INVALID_PATTERN', 'tenantId must be a tenant id (a UUID).');
  return tenantId.toLowerCase();
}

/** The input as the command carries it, refused before anything is read or appended. */
export function validUpdate(input: UpdateTenantQuotasInput): { tenantId: string; overrides: TenantQuotaOverrides } {
  const tenantId = validTenantId(input.tenantId);
  const overrides = { maxAccounts: input.maxAccounts ?? null, maxOrganizationalUnits: input.maxOrganizationalUnits ?? null };
  assertValidQuotaOverrides(overrides);
  return { tenantId, overrides };
}

export const updateTenantQuotasRequest = (tenantId: string, overrides: TenantQuotaOverrides, caller: Caller, at: Date) =>
  tenantRequest(tenantId, () => ({ type: 'UpdateTenantQuotas', data: { ...overrides, at: at.toISOString() } }), auditMetadataOf(caller));

/** The tenant whose quotas are read: the one the operator names, or the key's own. */
export function tenantOfQuotaRead(tenantId: string | null | undefined, caller: Caller): string {
  const named = tenantId === null || tenantId === undefined ? null : validTenantId(tenantId);
  if (isOperator(caller)) {
    if (named === null) throw invalidInput('INPUT_REQUIRED', 'The operator must name the tenant: tenantId is required.');
    return named;
  }
  if (named !== null && named !== caller.tenantId) throw accessDenied('An API key reads the quotas of its own tenant only.');
  return caller.tenantId;
}

export function tenantQuotasView(tenantId: string, overrides: TenantQuotaOverrides): TenantQuotas {
  const effective = effectiveQuotas(overrides);
  const quota = (name: (typeof TENANT_QUOTA_NAMES)[number]) => ({
    value: effective[name],
    awsDefault: AWS_DEFAULT_TENANT_QUOTAS[name],
    overridden: overrides[name] !== null,
  });
  return { tenantId, maxAccounts: quota('maxAccounts'), maxOrganizationalUnits: quota('maxOrganizationalUnits') };
}
