import { deciderSpecification } from '@orgs/shared/testing';
import { organizationDecider, type OrganizationEvent } from '../organization';
import { resourceTagged } from '../tags/tag-events';
import { attached, command, detached, member, ou, policyCreated, rootId, typeEnabled, withMemberInOu } from './policy-specs.fixtures';

/** tagResource under a tag policy whose `enforced_for` names Organizations' resource types (tag-policy-compliance.md 4, T6). */
const spec = deciderSpecification(organizationDecider);
const enforcedFor = (types: string[], values = ['cc-100', 'cc-200']) =>
  JSON.stringify({ tags: { costcenter: { tag_key: { '@@assign': 'CostCenter' }, tag_value: { '@@assign': values }, enforced_for: { '@@assign': types } } } });
const TRIM = JSON.stringify({ tags: { costcenter: { tag_value: { '@@remove': ['cc-200'] } } } });
const withTagPolicy = (content: string, targetId = rootId, targetType: 'ROOT' | 'ORGANIZATIONAL_UNIT' | 'ACCOUNT' = 'ROOT'): OrganizationEvent[] => [
  ...withMemberInOu(),
  typeEnabled('TAG_POLICY'),
  policyCreated('p-tagsaaaaa', 'cost-centers', 'TAG_POLICY', content),
  attached('p-tagsaaaaa', targetId, targetType, 'TAG_POLICY'),
];
const tag = (resourceId: string, key: string, value: string) => command('TagResource', { resourceId, tags: [{ key, value }] });

describe('TagResource under an enforced tag policy', () => {
  it('tags an account with an allowed value', () => {
    spec.given(withTagPolicy(enforcedFor(['organizations:account']))).when(tag(member, 'CostCenter', 'cc-100')).then([resourceTagged(member, [{ key: 'CostCenter', value: 'cc-100' }])]);
  });

  it('refuses a value the policy does not allow with TAG_POLICY_VIOLATION', () => {
    spec.given(withTagPolicy(enforcedFor(['organizations:account']))).when(tag(member, 'CostCenter', 'cc-999')).thenThrows('ConstraintViolationException', 'TAG_POLICY_VIOLATION');
  });

  it('refuses a key in the wrong capitalization', () => {
    spec.given(withTagPolicy(enforcedFor(['organizations:account']))).when(tag(member, 'costcenter', 'cc-100')).thenThrows('ConstraintViolationException', 'TAG_POLICY_VIOLATION');
  });

  it('lets keys the policy does not govern through', () => {
    spec.given(withTagPolicy(enforcedFor(['organizations:account']))).when(tag(member, 'Project', 'x')).then([resourceTagged(member, [{ key: 'Project', value: 'x' }])]);
  });

  it('does not enforce on types the policy does not list (the tag is only reported)', () => {
    spec.given(withTagPolicy(enforcedFor(['organizations:account']))).when(tag(ou, 'CostCenter', 'cc-999')).then([resourceTagged(ou, [{ key: 'CostCenter', value: 'cc-999' }])]);
  });

  it('enforces on every Organizations type with organizations:ALL_SUPPORTED', () => {
    spec.given(withTagPolicy(enforcedFor(['organizations:ALL_SUPPORTED']))).when(tag(ou, 'CostCenter', 'cc-999')).thenThrows('ConstraintViolationException', 'TAG_POLICY_VIOLATION');
    spec.given(withTagPolicy(enforcedFor(['organizations:ALL_SUPPORTED']))).when(tag(rootId, 'CostCenter', 'cc-999')).thenThrows('ConstraintViolationException', 'TAG_POLICY_VIOLATION');
  });

  it('judges an account by its own effective policy: a value trimmed at the account is refused there only', () => {
    const given = [...withTagPolicy(enforcedFor(['organizations:ALL_SUPPORTED'])), policyCreated('p-trimaaaaa', 'trim', 'TAG_POLICY', TRIM), attached('p-trimaaaaa', member, 'ACCOUNT', 'TAG_POLICY')];
    spec.given(given).when(tag(member, 'CostCenter', 'cc-200')).thenThrows('ConstraintViolationException', 'TAG_POLICY_VIOLATION');
    spec.given(given).when(tag(ou, 'CostCenter', 'cc-200')).then([resourceTagged(ou, [{ key: 'CostCenter', value: 'cc-200' }])]);
  });

  it('enforces nothing once the policy is detached, or when nothing is enforced', () => {
    spec.given([...withTagPolicy(enforcedFor(['organizations:account'])), detached('p-tagsaaaaa', rootId, 'ROOT', 'TAG_POLICY')]).when(tag(member, 'CostCenter', 'cc-999')).then([resourceTagged(member, [{ key: 'CostCenter', value: 'cc-999' }])]);
    const reportOnly = JSON.stringify({ tags: { costcenter: { tag_key: { '@@assign': 'CostCenter' }, tag_value: { '@@assign': ['cc-100'] } } } });
    spec.given(withTagPolicy(reportOnly)).when(tag(member, 'CostCenter', 'cc-999')).then([resourceTagged(member, [{ key: 'CostCenter', value: 'cc-999' }])]);
  });
});
