import { NO_QUOTA_OVERRIDES, type TenantQuotaOverrides } from './tenant-quotas';

export type ApiKeyRole = 'ADMIN' | 'READ_ONLY';

export interface ApiKeyState {
  accountId: string;
  role: ApiKeyRole;
  revoked: boolean;
}

export interface AccessKeyState {
  accountId: string;
  role: ApiKeyRole;
  deleted: boolean;
}

/** What the tenant's stream decides on: whether it exists, its standalone accounts and every key. */
export interface TenantState {
  created: boolean;
  /** Accounts registered on the tenant's stream (its first account and later standalone ones). */
  accountIds: string[];
  /** Every key issued in the tenant, for any account (standalone or in an organization), by id. */
  apiKeys: Record<string, ApiKeyState>;
  /** Every access key (SigV4 credentials) issued in the tenant, by access key id. */
  accessKeys: Record<string, AccessKeyState>;
  /** The operator's overrides of AWS's default quotas (null: the default). */
  quotas: TenantQuotaOverrides;
}

export const initialTenantState = (): TenantState => ({ created: false, accountIds: [], apiKeys: {}, accessKeys: {}, quotas: { ...NO_QUOTA_OVERRIDES } });
