import { deciderSpecification } from '@orgs/shared/testing';
import { DEFAULT_QUOTAS } from '../quotas';
import { organizationDecider } from '../organization';
import { attached, command, detached, FAA, faa, member, mgmt, organizationCreated, organizationWithScps, ou, ouCreated, policyCreated, RFAA, rootId, typeEnabled, withMemberInOu } from './policy-specs.fixtures';

const spec = deciderSpecification(organizationDecider);
const newOu = 'ou-k3x9-newnewne';

describe('AWS managed policies on new and departing nodes', () => {
  it('gives a new OU FullAWSAccess while SCPs are enabled', () => {
    spec.given(organizationWithScps()).when(command('CreateOrganizationalUnit', { organizationalUnitId: newOu, parentId: rootId, name: 'New', quotas: DEFAULT_QUOTAS })).then([
      { ...ouCreated(newOu), data: { ...(ouCreated(newOu).data as object), name: 'New' } } as never,
      faa(newOu, 'ORGANIZATIONAL_UNIT'),
    ]);
  });

  it('gives a new OU RCPFullAWSAccess too while RCPs are enabled', () => {
    const events = organizationDecider.decide(
      command('CreateOrganizationalUnit', { organizationalUnitId: newOu, parentId: rootId, name: 'New', quotas: DEFAULT_QUOTAS }),
      [...organizationWithScps(), typeEnabled('RESOURCE_CONTROL_POLICY', [], RFAA)].reduce(organizationDecider.evolve, organizationDecider.initialState()),
    );
    expect(events.filter((e) => e.type === 'PolicyAttached').map((e) => (e.data as { policyId: string }).policyId)).toEqual([FAA, RFAA]);
  });

  it('gives a new OU nothing in a billing-only organization', () => {
    const events = organizationDecider.decide(command('CreateOrganizationalUnit', { organizationalUnitId: newOu, parentId: rootId, name: 'New', quotas: DEFAULT_QUOTAS }), [organizationCreated('CONSOLIDATED_BILLING')].reduce(organizationDecider.evolve, organizationDecider.initialState()));
    expect(events.map((e) => e.type)).toEqual(['OrganizationalUnitCreated']);
  });

  it('gives a created account FullAWSAccess as it joins', () => {
    const requested = { type: 'CreateAccountRequested' as const, data: { organizationId: 'o-a1b2c3d4e5', requestId: 'car-1', accountName: 'dev', email: 'dev@example.com', roleName: 'OrganizationAccountAccessRole', iamUserAccessToBilling: 'ALLOW' as const, tags: {}, requestedAt: '2026-11-23T00:00:00.000Z' } };
    const events = organizationDecider.decide(command('CompleteAccountCreation', { requestId: 'car-1', accountId: member, quotas: DEFAULT_QUOTAS }), [...organizationWithScps(), requested].reduce(organizationDecider.evolve, organizationDecider.initialState()));
    expect(events.filter((e) => e.type === 'PolicyAttached')).toEqual([faa(member)]);
  });

  it('detaches a deleted OU\'s policies with it', () => {
    spec.given([...organizationWithScps(), ouCreated(), faa(ou, 'ORGANIZATIONAL_UNIT'), policyCreated('p-noec2aaaa'), attached('p-noec2aaaa', ou, 'ORGANIZATIONAL_UNIT')])
      .when(command('DeleteOrganizationalUnit', { organizationalUnitId: ou }))
      .then([
        { type: 'OrganizationalUnitDeleted', data: { organizationalUnitId: ou, parentId: rootId, deletedAt: '2026-11-23T00:00:00.000Z' } },
        detached(FAA, ou, 'ORGANIZATIONAL_UNIT'),
        detached('p-noec2aaaa', ou, 'ORGANIZATIONAL_UNIT'),
      ]);
  });

  it('detaches a removed account\'s policies with it, so a returning account starts afresh', () => {
    const events = organizationDecider.decide(command('RemoveAccountFromOrganization', { accountId: member, waitPeriodMs: 0 }), withMemberInOu().reduce(organizationDecider.evolve, organizationDecider.initialState()));
    expect(events.filter((e) => e.type === 'PolicyDetached')).toEqual([detached(FAA, member)]);
  });

  it('records every node\'s managed policy in the state', () => {
    const state = withMemberInOu().reduce(organizationDecider.evolve, organizationDecider.initialState());
    expect(state.policyAttachments).toEqual({ [rootId]: [FAA], [mgmt]: [FAA], [ou]: [FAA], [member]: [FAA] });
  });
});

describe('tags on policies', () => {
  it('tags a customer managed policy', () => {
    spec.given([...organizationWithScps(), policyCreated('p-noec2aaaa')]).when(command('TagResource', { resourceId: 'p-noec2aaaa', tags: [{ key: 'team', value: 'sec' }] })).then([
      { type: 'ResourceTagged', data: { resourceId: 'p-noec2aaaa', resourceType: 'POLICY', tags: [{ key: 'team', value: 'sec' }] } },
    ]);
  });

  it('refuses an AWS managed policy or an unknown policy with TargetNotFoundException', () => {
    spec.given(organizationWithScps()).when(command('TagResource', { resourceId: FAA, tags: [{ key: 'team', value: 'sec' }] })).thenThrows('TargetNotFoundException');
  });
});
