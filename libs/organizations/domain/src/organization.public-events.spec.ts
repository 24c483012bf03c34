import { publicEventsOf } from '@orgs/shared/kernel';
import { ORGANIZATION_PUBLIC_EVENTS } from './organization.public-events';

describe('the organization\'s public events', () => {
  it.each(ORGANIZATION_PUBLIC_EVENTS.types.map((t) => [t.type, t] as const))('%s: the example has exactly the schema\'s fields', (_type, t) => {
    expect(Object.keys(t.example).sort()).toEqual([...(t.schema.required as string[])].sort());
  });

  it('every public type is made from some internal event', () => {
    const mapped = new Set(ORGANIZATION_PUBLIC_EVENTS.mappings.map((m) => m.publicType));
    expect(ORGANIZATION_PUBLIC_EVENTS.types.filter((t) => !mapped.has(t.type))).toEqual([]);
  });

  it('an account\'s creation is published without internal fields (request, access role, billing access)', () => {
    const [published] = publicEventsOf(ORGANIZATION_PUBLIC_EVENTS, {
      type: 'MemberAccountCreated',
      streamId: 'organization-o-1',
      data: {
        organizationId: 'o-1',
        requestId: 'car-1',
        accountId: '222222222222',
        arn: 'arn',
        name: 'n',
        email: 'e@example.com',
        parentId: 'r-1',
        path: 'o-1/r-1/222222222222/',
        joinedMethod: 'CREATED',
        joinedAt: '2026-01-01T00:00:00.000Z',
        iamUserAccessToBilling: 'ALLOW',
        accessRole: { roleName: 'r', arn: 'a', trustedPrincipal: 'p' },
      },
    });
    expect(published).toEqual({
      type: 'organizations.account.created',
      organizationId: 'o-1',
      accountIds: ['222222222222'],
      data: { organizationId: 'o-1', accountId: '222222222222', arn: 'arn', name: 'n', email: 'e@example.com', parentId: 'r-1', createdAt: '2026-01-01T00:00:00.000Z' },
    });
  });

  it('a role propagation chunk is published per account, and OU events find their organization in the stream', () => {
    const roles = publicEventsOf(ORGANIZATION_PUBLIC_EVENTS, {
      type: 'ServiceLinkedRolesCreated',
      streamId: 'organization-o-1',
      data: { organizationId: 'o-1', servicePrincipal: 'sso.amazonaws.com', roleName: 'AWSServiceRoleForSSO', rolePrincipal: 'x', accountIds: ['1', '2'], createdAt: 't' },
    });
    expect(roles.map((r) => [r.type, r.accountIds, r.data.accountId])).toEqual([
      ['organizations.trusted_access.role_created', ['1'], '1'],
      ['organizations.trusted_access.role_created', ['2'], '2'],
    ]);
    const [deleted] = publicEventsOf(ORGANIZATION_PUBLIC_EVENTS, { type: 'OrganizationalUnitDeleted', streamId: 'organization-o-9', data: { organizationalUnitId: 'ou-1', parentId: 'r-1', deletedAt: 't' } });
    expect(deleted).toMatchObject({ organizationId: 'o-9', data: { organizationId: 'o-9', organizationalUnitId: 'ou-1' } });
  });

  it('events that are not published map to nothing', () => {
    expect(publicEventsOf(ORGANIZATION_PUBLIC_EVENTS, { type: 'HandshakeCreated', streamId: 'organization-o-1', data: {} })).toEqual([]);
  });
});
