import { deciderSpecification } from '@orgs/shared/testing';
import { organizationDecider } from '../organization';
import { at, createOu, decideOn, member, organizationCreated, organizationId, ouArn, ouCreated, refusalOf, rootId, stateAfter, tagged, withAccount } from './organizational-units.fixtures';

const spec = deciderSpecification(organizationDecider);
const [a, b, c, d, e, f] = ['ou-k3x9-aaaaaaaa', 'ou-k3x9-bbbbbbbb', 'ou-k3x9-cccccccc', 'ou-k3x9-dddddddd', 'ou-k3x9-eeeeeeee', 'ou-k3x9-ffffffff'];
const fiveDeep = [organizationCreated, ouCreated(a, 'L1'), ouCreated(b, 'L2', [a]), ouCreated(c, 'L3', [a, b]), ouCreated(d, 'L4', [a, b, c]), ouCreated(e, 'L5', [a, b, c, d])];

describe('CreateOrganizationalUnit', () => {
  it('creates an OU under the root, with its ARN and path', () => {
    spec.given([organizationCreated]).when(createOu({ organizationalUnitId: a, parentId: rootId, name: 'Prod' })).then([
      {
        type: 'OrganizationalUnitCreated',
        data: { organizationId, organizationalUnitId: a, arn: ouArn(a), name: 'Prod', parentId: rootId, path: `${organizationId}/${rootId}/${a}/`, depth: 1, createdAt: at },
      },
    ]);
  });

  it('creates an OU inside another, its path running through every ancestor', () => {
    spec.given([organizationCreated, ouCreated(a, 'Prod'), ouCreated(b, 'Web', [a])])
      .when(createOu({ organizationalUnitId: c, parentId: b, name: 'Frontend' }))
      .then([ouCreated(c, 'Frontend', [a, b])]);
  });

  it('tags the new OU in the same decision when tags are given', () => {
    const tags = [{ key: 'team', value: 'web' }, { key: 'cost-center', value: '' }];
    spec.given([organizationCreated]).when(createOu({ organizationalUnitId: a, parentId: rootId, name: 'Prod', tags })).then([ouCreated(a, 'Prod'), tagged(a, tags)]);
  });

  it('lets two parents each have an OU of the same name', () => {
    spec.given([organizationCreated, ouCreated(a, 'Prod'), ouCreated(b, 'Web', [a])])
      .when(createOu({ organizationalUnitId: c, parentId: a, name: 'Prod' }))
      .then([ouCreated(c, 'Prod', [a])]);
  });

  it('allows the fifth level below the root', () => {
    spec.given(fiveDeep.slice(0, 5)).when(createOu({ organizationalUnitId: e, parentId: d, name: 'L5' })).then([fiveDeep[5]]);
  });

  it('refuses a sixth level with OU_DEPTH_LIMIT_EXCEEDED', () => {
    spec.given(fiveDeep).when(createOu({ organizationalUnitId: f, parentId: e, name: 'L6' })).thenThrows('ConstraintViolationException', 'OU_DEPTH_LIMIT_EXCEEDED');
  });

  it('refuses a name a sibling already has', () => {
    spec.given([organizationCreated, ouCreated(a, 'Prod')])
      .when(createOu({ organizationalUnitId: b, parentId: rootId, name: 'Prod' }))
      .thenThrows('DuplicateOrganizationalUnitException');
  });

  it('refuses a root that is not the organization\'s', () => {
    spec.given([organizationCreated]).when(createOu({ organizationalUnitId: a, parentId: 'r-zzzz', name: 'Prod' })).thenThrows('ParentNotFoundException');
  });

  it('refuses a parent OU that does not exist', () => {
    spec.given([organizationCreated]).when(createOu({ organizationalUnitId: a, parentId: b, name: 'Prod' })).thenThrows('ParentNotFoundException');
  });

  it('refuses an OU beyond the organization\'s OU quota with OU_NUMBER_LIMIT_EXCEEDED', () => {
    spec.given([organizationCreated, ouCreated(a, 'Prod')])
      .when(createOu({ organizationalUnitId: b, parentId: rootId, name: 'Dev', quotas: { maxAccounts: 10, maxOrganizationalUnits: 1 } }))
      .thenThrows('ConstraintViolationException', 'OU_NUMBER_LIMIT_EXCEEDED');
  });

  const withTags = (tags: { key: string; value: string }[]) => createOu({ organizationalUnitId: a, parentId: rootId, name: 'Prod', tags });
  it.each([
    ['an aws: key', [{ key: 'ok', value: '1' }, { key: 'aws:x', value: '1' }], 'InvalidInputException', 'INVALID_SYSTEM_TAGS_PARAMETER'],
    ['a key given twice', [{ key: 'k', value: '1' }, { key: 'k', value: '2' }], 'InvalidInputException', 'DUPLICATE_TAG_KEY'],
    ['a key outside the model pattern', [{ key: 'bad<key>', value: '1' }], 'InvalidInputException', 'INVALID_PATTERN'],
    ['51 tags', Array.from({ length: 51 }, (_, i) => ({ key: `k${i}`, value: 'v' })), 'ConstraintViolationException', 'MAX_TAG_LIMIT_EXCEEDED'],
  ])('refuses the whole request when the tags hold %s', (_, tags, code, reason) => {
    spec.given([organizationCreated]).when(withTags(tags)).thenThrows(code, reason);
  });

  it('refuses a member account with AccessDeniedException', () => {
    const state = withAccount(stateAfter([organizationCreated]), member, rootId);
    expect(refusalOf(() => decideOn(state, createOu({ organizationalUnitId: a, parentId: rootId, name: 'Prod' }, member)))).toMatchObject({ code: 'AccessDeniedException' });
  });

  it('refuses an account outside the organization', () => {
    spec.given([organizationCreated]).when(createOu({ organizationalUnitId: a, parentId: rootId, name: 'Prod' }, member)).thenThrows('AWSOrganizationsNotInUseException');
  });

  it('refuses when there is no organization', () => {
    spec.given([]).when(createOu({ organizationalUnitId: a, parentId: rootId, name: 'Prod' })).thenThrows('AWSOrganizationsNotInUseException');
  });

  it('lets a deleted OU\'s name be used again', () => {
    const deleted = { type: 'OrganizationalUnitDeleted' as const, data: { organizationalUnitId: a, parentId: rootId, deletedAt: at } };
    spec.given([organizationCreated, ouCreated(a, 'Prod'), deleted]).when(createOu({ organizationalUnitId: b, parentId: rootId, name: 'Prod' })).then([ouCreated(b, 'Prod')]);
  });
});
