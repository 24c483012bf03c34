import { AWS_DEFAULT_QUOTAS, type OrganizationQuotas } from '@orgs/shared/kernel';

/**
 * Per-organization quotas, AWS's defaults unless the tenant overrides them (quotas.md). They reach
 * the domain as command data, so the rules stay pure.
 */
export type { OrganizationQuotas };
export const DEFAULT_QUOTAS: OrganizationQuotas = AWS_DEFAULT_QUOTAS;

/** Hard limits AWS does not let anyone raise. */
export const OU_MAX_DEPTH = 5;
export const MAX_TAGS_PER_RESOURCE = 50;
export const CREATE_ACCOUNT_REQUESTS_IN_PROGRESS = 5;
export const CLOSURES_IN_PROGRESS = 3;
export const INVITATION_LIFETIME_DAYS = 15;
export const ENABLE_ALL_FEATURES_LIFETIME_DAYS = 90;
/** A created account may not be removed or leave during its first days. */
export const CREATED_ACCOUNT_WAIT_DAYS = 4;
