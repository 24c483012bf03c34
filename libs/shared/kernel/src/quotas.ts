/**
 * AWS's default per-organization quotas (quotas.md section 1). A tenant may override them; the
 * tenants capability stores the overrides and the organizations capability enforces them.
 */
export interface OrganizationQuotas {
  maxAccounts: number;
  maxOrganizationalUnits: number;
}

export const AWS_DEFAULT_QUOTAS: OrganizationQuotas = { maxAccounts: 10, maxOrganizationalUnits: 2_000 };
