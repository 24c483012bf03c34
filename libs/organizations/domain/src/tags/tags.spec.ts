import { deciderSpecification } from '@orgs/shared/testing';
import { organizationDecider, type OrganizationCommand, type OrganizationEvent } from '../organization';
import { at, decideOn, member, mgmt, organizationCreated, ouCreated, refusalOf, rootId, stateAfter, tagged, withAccount } from '../organizational-units/organizational-units.fixtures';
import type { Tag } from './tag-rules';
import { resourceUntagged } from './tag-events';

const spec = deciderSpecification(organizationDecider);
const ou = 'ou-k3x9-aaaaaaaa';
const tagResource = (resourceId: string, tags: Tag[], actingAccountId = mgmt): OrganizationCommand => ({ type: 'TagResource', data: { resourceId, tags }, actingAccountId, at });
const untagResource = (resourceId: string, tagKeys: string[], actingAccountId = mgmt): OrganizationCommand => ({
  type: 'UntagResource',
  data: { resourceId, tagKeys },
  actingAccountId,
  at,
});
const untagged = (resourceId: string, tagKeys: string[]): OrganizationEvent => resourceUntagged(resourceId, tagKeys);
const many = (n: number, from = 0) => Array.from({ length: n }, (_, i): Tag => ({ key: `k${from + i}`, value: 'v' }));
const withOu = [organizationCreated, ouCreated(ou, 'Prod')];

describe('TagResource', () => {
  it.each([
    ['the root', rootId],
    ['an OU', ou],
    ['the management account', mgmt],
  ])('tags %s', (_, resourceId) => {
    spec.given(withOu).when(tagResource(resourceId, [{ key: 'team', value: 'web' }])).then([tagged(resourceId, [{ key: 'team', value: 'web' }])]);
  });

  it('tags a member account', () => {
    const state = withAccount(stateAfter(withOu), member, ou);
    expect(decideOn(state, tagResource(member, [{ key: 'team', value: 'web' }]))).toEqual([tagged(member, [{ key: 'team', value: 'web' }])]);
  });

  it('replaces the value of a key the resource has, and records only what changes', () => {
    spec.given([...withOu, tagged(ou, [{ key: 'team', value: 'web' }, { key: 'env', value: 'prod' }])])
      .when(tagResource(ou, [{ key: 'team', value: 'data' }, { key: 'env', value: 'prod' }]))
      .then([tagged(ou, [{ key: 'team', value: 'data' }])]);
  });

  it('appends nothing when every tag is already there', () => {
    spec.given([...withOu, tagged(ou, [{ key: 'team', value: 'web' }])]).when(tagResource(ou, [{ key: 'team', value: 'web' }])).then([]);
  });

  it('lets a resource reach 50 tags, counting replaced keys once', () => {
    spec.given([...withOu, tagged(ou, many(49))]).when(tagResource(ou, [...many(1, 49), { key: 'k0', value: 'new' }])).then([tagged(ou, [...many(1, 49), { key: 'k0', value: 'new' }])]);
  });

  it('refuses a 51st tag with MAX_TAG_LIMIT_EXCEEDED', () => {
    spec.given([...withOu, tagged(ou, many(50))]).when(tagResource(ou, many(1, 50))).thenThrows('ConstraintViolationException', 'MAX_TAG_LIMIT_EXCEEDED');
  });

  it('refuses aws: keys with INVALID_SYSTEM_TAGS_PARAMETER', () => {
    spec.given(withOu).when(tagResource(ou, [{ key: 'aws:owner', value: 'x' }])).thenThrows('InvalidInputException', 'INVALID_SYSTEM_TAGS_PARAMETER');
  });

  it('refuses a key given twice with DUPLICATE_TAG_KEY', () => {
    spec.given(withOu).when(tagResource(ou, [{ key: 'a', value: '1' }, { key: 'a', value: '2' }])).thenThrows('InvalidInputException', 'DUPLICATE_TAG_KEY');
  });

  it('refuses a key or value outside the model\'s limits', () => {
    spec.given(withOu).when(tagResource(ou, [{ key: 'k'.repeat(129), value: '' }])).thenThrows('InvalidInputException', 'MAX_LENGTH_EXCEEDED');
  });

  it('refuses a resource that is not in the organization with TargetNotFoundException', () => {
    spec.given(withOu).when(tagResource('ou-k3x9-zzzzzzzz', [{ key: 'a', value: '1' }])).thenThrows('TargetNotFoundException');
    spec.given(withOu).when(tagResource('999988887777', [{ key: 'a', value: '1' }])).thenThrows('TargetNotFoundException');
  });

  it('refuses a policy id until policies can be tagged', () => {
    spec.given(withOu).when(tagResource('p-abcdefgh', [{ key: 'a', value: '1' }])).thenThrows('TargetNotFoundException');
  });

  it('refuses a deleted OU', () => {
    const deleted: OrganizationEvent = { type: 'OrganizationalUnitDeleted', data: { organizationalUnitId: ou, parentId: rootId, deletedAt: at } };
    spec.given([...withOu, deleted]).when(tagResource(ou, [{ key: 'a', value: '1' }])).thenThrows('TargetNotFoundException');
  });

  it('refuses a member account with AccessDeniedException', () => {
    const state = withAccount(stateAfter(withOu), member, rootId);
    expect(refusalOf(() => decideOn(state, tagResource(ou, [{ key: 'a', value: '1' }], member)))).toMatchObject({ code: 'AccessDeniedException' });
  });
});

describe('UntagResource', () => {
  const given = [...withOu, tagged(ou, [{ key: 'team', value: 'web' }, { key: 'env', value: 'prod' }])];

  it('removes the named keys', () => {
    spec.given(given).when(untagResource(ou, ['team'])).then([untagged(ou, ['team'])]);
  });

  it('ignores keys the resource does not have', () => {
    spec.given(given).when(untagResource(ou, ['team', 'missing', 'team'])).then([untagged(ou, ['team'])]);
    spec.given(given).when(untagResource(ou, ['missing'])).then([]);
  });

  it('forgets removed keys, so that they no longer count toward the limit', () => {
    spec.given([...withOu, tagged(ou, many(50)), untagged(ou, ['k0'])]).when(tagResource(ou, many(1, 50))).then([tagged(ou, many(1, 50))]);
  });

  it('refuses aws: keys', () => {
    spec.given(given).when(untagResource(ou, ['aws:x'])).thenThrows('InvalidInputException', 'INVALID_SYSTEM_TAGS_PARAMETER');
  });

  it('refuses a resource that is not in the organization', () => {
    spec.given(given).when(untagResource('ou-k3x9-zzzzzzzz', ['team'])).thenThrows('TargetNotFoundException');
  });

  it('refuses a member account with AccessDeniedException', () => {
    const state = withAccount(stateAfter(given), member, rootId);
    expect(refusalOf(() => decideOn(state, untagResource(ou, ['team'], member)))).toMatchObject({ code: 'AccessDeniedException' });
  });
});
