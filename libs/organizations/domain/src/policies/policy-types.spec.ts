import { deciderSpecification } from '@orgs/shared/testing';
import { organizationDecider } from '../organization';
import { attached, command, FAA, member, mgmt, ou, organizationCreated, organizationWithScps, policyCreated, RFAA, rootId, typeEnabled, withMemberInOu } from './policy-specs.fixtures';

const spec = deciderSpecification(organizationDecider);
const enable = (policyType: string, root = rootId, actor = mgmt) => command('EnablePolicyType', { rootId: root, policyType }, actor);
const disable = (policyType: string, root = rootId, actor = mgmt) => command('DisablePolicyType', { rootId: root, policyType }, actor);
const everyNode = [
  { targetId: rootId, targetType: 'ROOT' as const },
  { targetId: ou, targetType: 'ORGANIZATIONAL_UNIT' as const },
  { targetId: mgmt, targetType: 'ACCOUNT' as const },
  { targetId: member, targetType: 'ACCOUNT' as const },
];

describe('EnablePolicyType', () => {
  it('enables RCPs with RCPFullAWSAccess on the root, every OU and every account', () => {
    spec.given(withMemberInOu()).when(enable('RESOURCE_CONTROL_POLICY')).then([typeEnabled('RESOURCE_CONTROL_POLICY', everyNode, RFAA)]);
  });

  it('enables a management type without attaching anything', () => {
    spec.given(withMemberInOu()).when(enable('TAG_POLICY')).then([typeEnabled('TAG_POLICY')]);
  });

  it('refuses a type already enabled', () => {
    spec.given(organizationWithScps()).when(enable('SERVICE_CONTROL_POLICY')).thenThrows('PolicyTypeAlreadyEnabledException');
  });

  it('refuses a root that is not the organization\'s', () => {
    spec.given(organizationWithScps()).when(enable('TAG_POLICY', 'r-zzzz')).thenThrows('RootNotFoundException');
  });

  it('refuses a billing-only organization', () => {
    spec.given([organizationCreated('CONSOLIDATED_BILLING')]).when(enable('TAG_POLICY')).thenThrows('PolicyTypeNotAvailableForOrganizationException');
  });

  it('refuses a member account', () => {
    spec.given(withMemberInOu()).when(enable('TAG_POLICY', rootId, member)).thenThrows('AccessDeniedException');
  });

  it('refuses when there is no organization', () => {
    spec.given([]).when(enable('TAG_POLICY')).thenThrows('AWSOrganizationsNotInUseException');
  });
});

describe('DisablePolicyType', () => {
  it('disables a type', () => {
    spec.given(withMemberInOu()).when(disable('SERVICE_CONTROL_POLICY')).then([{ type: 'PolicyTypeDisabled', data: { organizationId: 'o-a1b2c3d4e5', rootId, policyType: 'SERVICE_CONTROL_POLICY', disabledAt: '2026-11-23T00:00:00.000Z' } }]);
  });

  it('detaches every policy of the type everywhere, keeps the policies, and re-enabling brings back only the managed policy', () => {
    const history = [...withMemberInOu(), policyCreated('p-noec2aaaa'), attached('p-noec2aaaa', member), typeEnabled('TAG_POLICY'), policyCreated('p-tagsaaaaa', 'tags', 'TAG_POLICY'), attached('p-tagsaaaaa', ou, 'ORGANIZATIONAL_UNIT', 'TAG_POLICY')];
    const disabled = organizationDecider.decide(disable('SERVICE_CONTROL_POLICY'), history.reduce(organizationDecider.evolve, organizationDecider.initialState()));
    const state = [...history, ...disabled].reduce(organizationDecider.evolve, organizationDecider.initialState());
    expect(state.policyAttachments).toEqual({ [ou]: ['p-tagsaaaaa'] });
    expect(Object.keys(state.policies).sort()).toEqual(['p-noec2aaaa', 'p-tagsaaaaa']);
    expect(state.root?.policyTypes).toEqual([{ type: 'TAG_POLICY', status: 'ENABLED' }]);
    const reenabled = organizationDecider.decide(enable('SERVICE_CONTROL_POLICY'), state);
    const after = reenabled.reduce(organizationDecider.evolve, state);
    expect(after.policyAttachments).toEqual({ [rootId]: [FAA], [ou]: ['p-tagsaaaaa', FAA], [mgmt]: [FAA], [member]: [FAA] });
  });

  it('refuses a type that is not enabled', () => {
    spec.given(organizationWithScps()).when(disable('TAG_POLICY')).thenThrows('PolicyTypeNotEnabledException');
  });

  it('refuses a root that is not the organization\'s', () => {
    spec.given(organizationWithScps()).when(disable('SERVICE_CONTROL_POLICY', 'r-zzzz')).thenThrows('RootNotFoundException');
  });

  it('refuses a member account', () => {
    spec.given(withMemberInOu()).when(disable('SERVICE_CONTROL_POLICY', rootId, member)).thenThrows('AccessDeniedException');
  });
});
