import { deciderSpecification } from '@orgs/shared/testing';
import { organizationDecider, type OrganizationCommand, type OrganizationEvent } from '../organization';
import { at, decideOn, member, mgmt, organizationCreated, ouCreated, refusalOf, rootId, stateAfter, tagged, withAccount } from './organizational-units.fixtures';

const spec = deciderSpecification(organizationDecider);
const [a, b] = ['ou-k3x9-aaaaaaaa', 'ou-k3x9-bbbbbbbb'];
const remove = (organizationalUnitId: string, actingAccountId = mgmt): OrganizationCommand => ({
  type: 'DeleteOrganizationalUnit',
  data: { organizationalUnitId },
  actingAccountId,
  at,
});
const deleted = (id: string, parentId: string): OrganizationEvent => ({ type: 'OrganizationalUnitDeleted', data: { organizationalUnitId: id, parentId, deletedAt: at } });

describe('DeleteOrganizationalUnit', () => {
  it('deletes an empty OU', () => {
    spec.given([organizationCreated, ouCreated(a, 'Prod')]).when(remove(a)).then([deleted(a, rootId)]);
  });

  it('removes the OU\'s tags with it', () => {
    spec.given([organizationCreated, ouCreated(a, 'Prod'), tagged(a, [{ key: 'team', value: 'web' }])])
      .when(remove(a))
      .then([deleted(a, rootId), { type: 'ResourceUntagged', data: { resourceId: a, resourceType: 'ORGANIZATIONAL_UNIT', tagKeys: ['team'] } }]);
  });

  it('refuses an OU that has a child OU', () => {
    spec.given([organizationCreated, ouCreated(a, 'Prod'), ouCreated(b, 'Web', [a])]).when(remove(a)).thenThrows('OrganizationalUnitNotEmptyException');
  });

  it('refuses an OU that holds an account', () => {
    const state = withAccount(stateAfter([organizationCreated, ouCreated(a, 'Prod')]), member, a);
    expect(refusalOf(() => decideOn(state, remove(a)))).toMatchObject({ code: 'OrganizationalUnitNotEmptyException' });
  });

  it('deletes the parent once its last child OU is gone', () => {
    spec.given([organizationCreated, ouCreated(a, 'Prod'), ouCreated(b, 'Web', [a]), deleted(b, a)]).when(remove(a)).then([deleted(a, rootId)]);
  });

  it('refuses an unknown OU', () => {
    spec.given([organizationCreated]).when(remove(a)).thenThrows('OrganizationalUnitNotFoundException');
  });

  it('refuses an OU already deleted', () => {
    spec.given([organizationCreated, ouCreated(a, 'Prod'), deleted(a, rootId)]).when(remove(a)).thenThrows('OrganizationalUnitNotFoundException');
  });

  it('refuses a member account with AccessDeniedException', () => {
    const state = withAccount(stateAfter([organizationCreated, ouCreated(a, 'Prod')]), member, rootId);
    expect(refusalOf(() => decideOn(state, remove(a, member)))).toMatchObject({ code: 'AccessDeniedException' });
  });
});
