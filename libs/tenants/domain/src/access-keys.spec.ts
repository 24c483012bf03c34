import { deciderSpecification } from '@orgs/shared/testing';
import type { KeyOwnerFacts } from './api-key-access';
import type { TenantEvent } from './events';
import { tenantDecider, type TenantCommand } from './tenant';

const spec = deciderSpecification(tenantDecider);
const at = '2026-11-23T00:00:00.000Z';
const later = '2026-11-24T00:00:00.000Z';
const management = '111122223333';
const member = '444455556666';
const outsider = '777788889999';

const tenant: TenantEvent[] = [
  { type: 'TenantCreated', data: { tenantId: '8d7c2f4e-1b2a-4c3d-9e8f-0a1b2c3d4e5f', name: 'Platform', createdAt: at } },
  { type: 'AccountCreated', data: { accountId: management, name: 'Management', email: 'admin@platform.example.com', createdAt: at } },
  { type: 'AccountCreated', data: { accountId: outsider, name: 'Outsider', email: 'outsider@platform.example.com', createdAt: at } },
];
const memberFacts: KeyOwnerFacts = { accountId: member, managementAccountId: management };
const created = (accessKeyId: string, accountId: string): TenantEvent => ({
  type: 'AccessKeyCreated',
  data: { accessKeyId, accountId, role: 'ADMIN', secretCiphertext: 'cipher', createdAt: at },
});
const createKey = (actingAccountId: string, accountId: string, owner: KeyOwnerFacts | null): TenantCommand => ({
  type: 'CreateAccessKey',
  data: { accountId, role: 'ADMIN', accessKeyId: 'AKIAAAAAAAAAAAAAAAAA', secretCiphertext: 'cipher', actingAccountId, owner, at },
});
const deleteKey = (actingAccountId: string, accessKeyId: string, owner: KeyOwnerFacts | null): TenantCommand => ({
  type: 'DeleteAccessKey',
  data: { accessKeyId, actingAccountId, owner, at: later },
});

describe('CreateAccessKey', () => {
  it('issues a key to the management account for a member', () => {
    spec.given(tenant).when(createKey(management, member, memberFacts)).then([created('AKIAAAAAAAAAAAAAAAAA', member)]);
  });

  it('refuses another organization\'s account with AccessDeniedException', () => {
    spec.given(tenant).when(createKey(outsider, member, memberFacts)).thenThrows('AccessDeniedException');
  });

  it('refuses an account the tenant does not have with AccountNotFoundException', () => {
    spec.given(tenant).when(createKey(management, member, null)).thenThrows('AccountNotFoundException');
  });
});

describe('DeleteAccessKey', () => {
  it('deletes a member\'s key for the management account', () => {
    spec
      .given([...tenant, created('AKIAAAAAAAAAAAAAAAAB', member)])
      .when(deleteKey(management, 'AKIAAAAAAAAAAAAAAAAB', memberFacts))
      .then([{ type: 'AccessKeyDeleted', data: { accessKeyId: 'AKIAAAAAAAAAAAAAAAAB', accountId: member, deletedAt: later } }]);
  });

  it('answers a second deletion as done, with no event', () => {
    spec
      .given([...tenant, created('AKIAAAAAAAAAAAAAAAAB', member), { type: 'AccessKeyDeleted', data: { accessKeyId: 'AKIAAAAAAAAAAAAAAAAB', accountId: member, deletedAt: later } }])
      .when(deleteKey(member, 'AKIAAAAAAAAAAAAAAAAB', memberFacts))
      .then([]);
  });

  it('refuses an outsider with AccessDeniedException', () => {
    spec
      .given([...tenant, created('AKIAAAAAAAAAAAAAAAAB', member)])
      .when(deleteKey(outsider, 'AKIAAAAAAAAAAAAAAAAB', { accountId: outsider, managementAccountId: null }))
      .thenThrows('AccessDeniedException');
  });

  it('refuses an unknown key with AccessKeyNotFoundException', () => {
    spec.given(tenant).when(deleteKey(management, 'AKIAAAAAAAAAAAAAAAAZ', null)).thenThrows('AccessKeyNotFoundException');
  });
});
