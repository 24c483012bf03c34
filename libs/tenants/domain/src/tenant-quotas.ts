import { AWS_DEFAULT_QUOTAS, invalidInput, type OrganizationQuotas } from '@orgs/shared/kernel';

/** The quotas an operator may set per tenant; every organization of the tenant is held to them. */
export type TenantQuotaValues = OrganizationQuotas;

/** What the tenant's stream records: null means "AWS's default" rather than a number of our own. */
export type TenantQuotaOverrides = { [Name in keyof TenantQuotaValues]: number | null };

export const TENANT_QUOTA_NAMES = ['maxAccounts', 'maxOrganizationalUnits'] as const satisfies readonly (keyof TenantQuotaValues)[];

/** AWS's defaults (quotas.md section 1), shared with the organizations capability through the kernel. */
export const AWS_DEFAULT_TENANT_QUOTAS: TenantQuotaValues = AWS_DEFAULT_QUOTAS;

/**
 * The highest values an operator may set: AWS grants up to 50,000 accounts (quotas.md section 1);
 * it publishes no ceiling for OUs, so 10,000 (five times its default) keeps one organization's
 * tree within what a single stream decides quickly.
 */
export const TENANT_QUOTA_LIMITS: TenantQuotaValues = { maxAccounts: 50_000, maxOrganizationalUnits: 10_000 };

export const NO_QUOTA_OVERRIDES: TenantQuotaOverrides = { maxAccounts: null, maxOrganizationalUnits: null };

/** Each override is null (AWS's default) or a whole number from 1 to its limit. */
export function assertValidQuotaOverrides(overrides: TenantQuotaOverrides): void {
  for (const name of TENANT_QUOTA_NAMES) {
    const value = overrides[name];
    if (value === null) continue;
    if (!Number.isInteger(value)) throw invalidInput('INVALID_PATTERN', `${name} must be a whole number.`);
    if (value < 1) throw invalidInput('MIN_VALUE_EXCEEDED', `${name} must be at least 1.`);
    if (value > TENANT_QUOTA_LIMITS[name]) throw invalidInput('MAX_VALUE_EXCEEDED', `${name} must be at most ${TENANT_QUOTA_LIMITS[name]}.`);
  }
}

/** The values in force: the tenant's own where it has one, AWS's default elsewhere. */
export const effectiveQuotas = (overrides: TenantQuotaOverrides): TenantQuotaValues => ({
  maxAccounts: overrides.maxAccounts ?? AWS_DEFAULT_TENANT_QUOTAS.maxAccounts,
  maxOrganizationalUnits: overrides.maxOrganizationalUnits ?? AWS_DEFAULT_TENANT_QUOTAS.maxOrganizationalUnits,
});
