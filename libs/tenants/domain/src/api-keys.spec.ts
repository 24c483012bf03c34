import { deciderSpecification } from '@orgs/shared/testing';
import type { KeyOwnerFacts } from './api-key-access';
import type { TenantEvent } from './events';
import type { ApiKeyRole } from './state';
import { tenantDecider, type TenantCommand } from './tenant';

const spec = deciderSpecification(tenantDecider);
const at = '2026-11-23T00:00:00.000Z';
const later = '2026-11-24T00:00:00.000Z';
const management = '111122223333';
const member = '444455556666';
const outsider = '777788889999';

const issued = (apiKeyId: string, accountId: string, role: ApiKeyRole = 'ADMIN'): TenantEvent => ({
  type: 'ApiKeyIssued',
  data: { apiKeyId, accountId, role, keyHash: `hash-${apiKeyId}`, issuedAt: at },
});
const revoked = (apiKeyId: string, accountId: string): TenantEvent => ({ type: 'ApiKeyRevoked', data: { apiKeyId, accountId, revokedAt: later } });

/** A tenant whose first account manages an organization that `member` belongs to; `outsider` is standalone. */
const tenant: TenantEvent[] = [
  { type: 'TenantCreated', data: { tenantId: '8d7c2f4e-1b2a-4c3d-9e8f-0a1b2c3d4e5f', name: 'Platform', createdAt: at } },
  { type: 'AccountCreated', data: { accountId: management, name: 'Management', email: 'admin@platform.example.com', createdAt: at } },
  issued('key-m1', management),
  { type: 'AccountCreated', data: { accountId: outsider, name: 'Outsider', email: 'outsider@platform.example.com', createdAt: at } },
  issued('key-o1', outsider),
];
const memberFacts: KeyOwnerFacts = { accountId: member, managementAccountId: management };
const outsiderFacts: KeyOwnerFacts = { accountId: outsider, managementAccountId: null };

const createKey = (actingAccountId: string, accountId: string, owner: KeyOwnerFacts | null, role: ApiKeyRole = 'READ_ONLY'): TenantCommand => ({
  type: 'CreateApiKey',
  data: { accountId, role, apiKeyId: 'key-new', apiKeyHash: 'hash-key-new', actingAccountId, owner, at },
});
const revokeKey = (actingAccountId: string, apiKeyId: string, owner: KeyOwnerFacts | null): TenantCommand => ({
  type: 'RevokeApiKey',
  data: { apiKeyId, actingAccountId, owner, at: later },
});

describe('CreateApiKey', () => {
  it('issues a key for the caller\'s own account, in the role asked for', () => {
    spec.given(tenant).when(createKey(outsider, outsider, outsiderFacts, 'READ_ONLY')).then([issued('key-new', outsider, 'READ_ONLY')]);
  });

  it('lets the management account issue a key for a member of its organization', () => {
    spec.given(tenant).when(createKey(management, member, memberFacts, 'ADMIN')).then([issued('key-new', member, 'ADMIN')]);
  });

  it('refuses a member issuing a key for its management account with AccessDeniedException', () => {
    spec.given(tenant).when(createKey(member, management, { accountId: management, managementAccountId: management })).thenThrows('AccessDeniedException');
  });

  it('refuses an account outside the organization issuing a key for a member with AccessDeniedException', () => {
    spec.given(tenant).when(createKey(outsider, member, memberFacts)).thenThrows('AccessDeniedException');
  });

  it('refuses a standalone account issuing a key for another standalone account with AccessDeniedException', () => {
    spec.given(tenant).when(createKey(management, outsider, outsiderFacts)).thenThrows('AccessDeniedException');
  });

  it('refuses an account the tenant does not have with AccountNotFoundException', () => {
    spec.given(tenant).when(createKey(management, '000000000000', null)).thenThrows('AccountNotFoundException');
  });

  it('refuses facts about another account than the one asked for with AccountNotFoundException', () => {
    spec.given(tenant).when(createKey(management, member, outsiderFacts)).thenThrows('AccountNotFoundException');
  });

  it('refuses a tenant that was never created with TenantNotFoundException', () => {
    spec.given([]).when(createKey(outsider, outsider, outsiderFacts)).thenThrows('TenantNotFoundException');
  });
});

describe('RevokeApiKey', () => {
  const withSecondKey = [...tenant, issued('key-o2', outsider)];

  it('revokes one of the caller\'s own keys', () => {
    spec.given(withSecondKey).when(revokeKey(outsider, 'key-o2', outsiderFacts)).then([revoked('key-o2', outsider)]);
  });

  it('lets a key revoke itself while the account keeps another ADMIN key', () => {
    spec.given(withSecondKey).when(revokeKey(outsider, 'key-o1', outsiderFacts)).then([revoked('key-o1', outsider)]);
  });

  it('lets the management account revoke a member\'s key', () => {
    spec.given([...tenant, issued('key-x1', member), issued('key-x2', member, 'READ_ONLY')])
      .when(revokeKey(management, 'key-x2', memberFacts))
      .then([revoked('key-x2', member)]);
  });

  it('revokes the last READ_ONLY key of an account', () => {
    spec.given([...tenant, issued('key-r', outsider, 'READ_ONLY')]).when(revokeKey(outsider, 'key-r', outsiderFacts)).then([revoked('key-r', outsider)]);
  });

  it('answers a second revocation of the same key with nothing new', () => {
    spec.given([...withSecondKey, revoked('key-o2', outsider)]).when(revokeKey(outsider, 'key-o2', outsiderFacts)).then([]);
  });

  it('refuses revoking the account\'s last active ADMIN key with ConflictException', () => {
    spec.given([...withSecondKey, revoked('key-o2', outsider)]).when(revokeKey(outsider, 'key-o1', outsiderFacts)).thenThrows('ConflictException');
  });

  it('refuses a key the tenant does not have with ApiKeyNotFoundException', () => {
    spec.given(tenant).when(revokeKey(outsider, 'key-unknown', outsiderFacts)).thenThrows('ApiKeyNotFoundException');
  });

  it('refuses another standalone account\'s key with AccessDeniedException', () => {
    spec.given(withSecondKey).when(revokeKey(management, 'key-o2', outsiderFacts)).thenThrows('AccessDeniedException');
  });

  it('refuses a member revoking its management account\'s key with AccessDeniedException', () => {
    spec.given([...tenant, issued('key-m2', management)])
      .when(revokeKey(member, 'key-m2', { accountId: management, managementAccountId: management }))
      .thenThrows('AccessDeniedException');
  });

  it('does not let facts about another account grant access to a key', () => {
    // The key belongs to `outsider`; facts read for `member` must not make `management` its manager.
    spec.given(withSecondKey).when(revokeKey(management, 'key-o2', memberFacts)).thenThrows('AccessDeniedException');
  });
});

