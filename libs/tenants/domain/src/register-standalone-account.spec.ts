import { deciderSpecification } from '@orgs/shared/testing';
import type { TenantEvent } from './events';
import type { TenantCommand } from './tenant';
import { tenantDecider } from './tenant';

const spec = deciderSpecification(tenantDecider);
const at = '2026-11-23T00:00:00.000Z';
const tenantCreated: TenantEvent[] = [
  { type: 'TenantCreated', data: { tenantId: '8d7c2f4e-1b2a-4c3d-9e8f-0a1b2c3d4e5f', name: 'Platform', createdAt: at } },
  { type: 'AccountCreated', data: { accountId: '111122223333', name: 'Management', email: 'admin@platform.example.com', createdAt: at } },
  { type: 'ApiKeyIssued', data: { apiKeyId: 'key-1', accountId: '111122223333', role: 'ADMIN', keyHash: 'hash-1', issuedAt: at } },
];
const register: TenantCommand = {
  type: 'RegisterStandaloneAccount',
  data: { accountId: '444455556666', accountName: 'Sandbox', email: 'sandbox@platform.example.com', apiKeyId: 'key-2', apiKeyHash: 'hash-2', at },
};

describe('RegisterStandaloneAccount', () => {
  it('creates the account outside any organization with its first ADMIN key', () => {
    spec.given(tenantCreated).when(register).then([
      { type: 'AccountCreated', data: { accountId: '444455556666', name: 'Sandbox', email: 'sandbox@platform.example.com', createdAt: at } },
      { type: 'ApiKeyIssued', data: { apiKeyId: 'key-2', accountId: '444455556666', role: 'ADMIN', keyHash: 'hash-2', issuedAt: at } },
    ]);
  });

  it('refuses a tenant that was never created with TenantNotFoundException', () => {
    spec.given([]).when(register).thenThrows('TenantNotFoundException');
  });
});
