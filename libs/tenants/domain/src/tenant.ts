import { assertUnreachable, OrgsError, type Decider } from '@orgs/shared/kernel';

export type ApiKeyRole = 'ADMIN' | 'READ_ONLY';

export type TenantCommand = {
  type: 'CreateTenant';
  data: {
    tenantId: string;
    name: string;
    accountId: string;
    accountName: string;
    email: string;
    apiKeyId: string;
    apiKeyHash: string;
    at: string;
  };
};

export type TenantEvent =
  | { type: 'TenantCreated'; data: { tenantId: string; name: string; createdAt: string } }
  | { type: 'AccountCreated'; data: { accountId: string; name: string; email: string; createdAt: string } }
  | {
      type: 'ApiKeyIssued';
      data: { apiKeyId: string; accountId: string; role: ApiKeyRole; keyHash: string; issuedAt: string };
    };

export interface TenantState {
  created: boolean;
  accountIds: string[];
}

/** A tenant is one platform team's installation: its accounts and the keys that act for them. */
export const tenantDecider: Decider<TenantState, TenantCommand, TenantEvent> = {
  stateVersion: 1,
  initialState: () => ({ created: false, accountIds: [] }),

  decide(command, state) {
    switch (command.type) {
      case 'CreateTenant': {
        if (state.created) throw new OrgsError('ConflictException', `Tenant ${command.data.tenantId} already exists.`);
        const { tenantId, name, accountId, accountName, email, apiKeyId, apiKeyHash, at } = command.data;
        return [
          { type: 'TenantCreated', data: { tenantId, name, createdAt: at } },
          { type: 'AccountCreated', data: { accountId, name: accountName, email, createdAt: at } },
          { type: 'ApiKeyIssued', data: { apiKeyId, accountId, role: 'ADMIN', keyHash: apiKeyHash, issuedAt: at } },
        ];
      }
      default:
        return assertUnreachable(command.type);
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'TenantCreated':
        return { ...state, created: true };
      case 'AccountCreated':
        return { ...state, accountIds: [...state.accountIds, event.data.accountId] };
      case 'ApiKeyIssued':
        return state;
      default:
        return assertUnreachable(event);
    }
  },
};

export const TENANT_STREAM = 'tenant';
export const ACCOUNT_ID_NAMESPACE = 'account-id';
export const ACCOUNT_EMAIL_NAMESPACE = 'account-email';
