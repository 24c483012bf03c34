import { deciderSpecification } from '@orgs/shared/testing';
import { tenantDecider, type TenantCommand } from './tenant';
import type { TenantEvent } from './events';

const spec = deciderSpecification(tenantDecider);
const at = '2026-11-23T00:00:00.000Z';
const createTenant: TenantCommand = {
  type: 'CreateTenant',
  data: {
    tenantId: '8d7c2f4e-1b2a-4c3d-9e8f-0a1b2c3d4e5f',
    name: 'Platform',
    accountId: '111122223333',
    accountName: 'Management',
    email: 'admin@platform.example.com',
    apiKeyId: 'key-1',
    apiKeyHash: 'hash',
    at,
  },
};
const created: TenantEvent[] = [
  { type: 'TenantCreated', data: { tenantId: createTenant.data.tenantId, name: 'Platform', createdAt: at } },
  { type: 'AccountCreated', data: { accountId: '111122223333', name: 'Management', email: 'admin@platform.example.com', createdAt: at } },
  { type: 'ApiKeyIssued', data: { apiKeyId: 'key-1', accountId: '111122223333', role: 'ADMIN', keyHash: 'hash', issuedAt: at } },
];

describe('CreateTenant', () => {
  it('creates the tenant, its first standalone account and an admin key for it', () => {
    spec.given([]).when(createTenant).then(created);
  });

  it('refuses a tenant that exists already', () => {
    spec.given(created).when(createTenant).thenThrows('ConflictException');
  });
});
