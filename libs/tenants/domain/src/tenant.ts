import { assertUnreachable, type Decider } from '@orgs/shared/kernel';
import { decideCreateAccessKey, decideDeleteAccessKey, type CreateAccessKey, type DeleteAccessKey } from './access-keys';
import { decideCreateApiKey, type CreateApiKey } from './create-api-key';
import { decideCreateTenant, type CreateTenant } from './create-tenant';
import type { TenantEvent } from './events';
import { decideRegisterStandaloneAccount, type RegisterStandaloneAccount } from './register-standalone-account';
import { decideRevokeApiKey, type RevokeApiKey } from './revoke-api-key';
import { initialTenantState, type TenantState } from './state';
import { decideUpdateTenantQuotas, type UpdateTenantQuotas } from './update-tenant-quotas';

export type TenantCommand = CreateTenant | RegisterStandaloneAccount | CreateApiKey | RevokeApiKey | UpdateTenantQuotas | CreateAccessKey | DeleteAccessKey;

/** A tenant is one platform team's installation: its accounts and the keys that act for them. */
export const tenantDecider: Decider<TenantState, TenantCommand, TenantEvent> = {
  // 2: the state tracks every API key (for revocation and the last-ADMIN-key rule). 3: and the quotas. 4: and the access keys.
  stateVersion: 4,
  initialState: initialTenantState,

  decide(command, state) {
    switch (command.type) {
      case 'CreateTenant':
        return decideCreateTenant(command, state);
      case 'RegisterStandaloneAccount':
        return decideRegisterStandaloneAccount(command, state);
      case 'CreateApiKey':
        return decideCreateApiKey(command, state);
      case 'RevokeApiKey':
        return decideRevokeApiKey(command, state);
      case 'UpdateTenantQuotas':
        return decideUpdateTenantQuotas(command, state);
      case 'CreateAccessKey':
        return decideCreateAccessKey(command, state);
      case 'DeleteAccessKey':
        return decideDeleteAccessKey(command, state);
      default:
        return assertUnreachable(command);
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'TenantCreated':
        return { ...state, created: true };
      case 'AccountCreated':
        return { ...state, accountIds: [...state.accountIds, event.data.accountId] };
      case 'ApiKeyIssued': {
        const { apiKeyId, accountId, role } = event.data;
        return { ...state, apiKeys: { ...state.apiKeys, [apiKeyId]: { accountId, role, revoked: false } } };
      }
      case 'ApiKeyRevoked': {
        const key = state.apiKeys[event.data.apiKeyId];
        return key ? { ...state, apiKeys: { ...state.apiKeys, [event.data.apiKeyId]: { ...key, revoked: true } } } : state;
      }
      case 'TenantQuotasUpdated': {
        const { maxAccounts, maxOrganizationalUnits } = event.data;
        return { ...state, quotas: { maxAccounts, maxOrganizationalUnits } };
      }
      case 'AccessKeyCreated': {
        const { accessKeyId, accountId, role } = event.data;
        return { ...state, accessKeys: { ...state.accessKeys, [accessKeyId]: { accountId, role, deleted: false } } };
      }
      case 'AccessKeyDeleted': {
        const key = state.accessKeys[event.data.accessKeyId];
        return key ? { ...state, accessKeys: { ...state.accessKeys, [event.data.accessKeyId]: { ...key, deleted: true } } } : state;
      }
      default:
        return assertUnreachable(event);
    }
  },
};

export const TENANT_STREAM = 'tenant';
export { ACCOUNT_EMAIL_NAMESPACE, ACCOUNT_ID_NAMESPACE } from '@orgs/shared/kernel';
