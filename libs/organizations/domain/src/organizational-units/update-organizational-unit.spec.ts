import { deciderSpecification } from '@orgs/shared/testing';
import { organizationDecider, type OrganizationCommand } from '../organization';
import { at, decideOn, member, mgmt, organizationCreated, ouCreated, refusalOf, rootId, stateAfter, withAccount } from './organizational-units.fixtures';

const spec = deciderSpecification(organizationDecider);
const [a, b, c] = ['ou-k3x9-aaaaaaaa', 'ou-k3x9-bbbbbbbb', 'ou-k3x9-cccccccc'];
const update = (organizationalUnitId: string, name?: string, actingAccountId = mgmt): OrganizationCommand => ({
  type: 'UpdateOrganizationalUnit',
  data: { organizationalUnitId, name },
  actingAccountId,
  at,
});

describe('UpdateOrganizationalUnit', () => {
  it('renames an OU', () => {
    spec.given([organizationCreated, ouCreated(a, 'Prod')]).when(update(a, 'Production')).then([
      { type: 'OrganizationalUnitUpdated', data: { organizationalUnitId: a, name: 'Production', previousName: 'Prod', updatedAt: at } },
    ]);
  });

  it('changes nothing when no name is given', () => {
    spec.given([organizationCreated, ouCreated(a, 'Prod')]).when(update(a)).then([]);
  });

  it('changes nothing when the name is the same', () => {
    spec.given([organizationCreated, ouCreated(a, 'Prod')]).when(update(a, 'Prod')).then([]);
  });

  it('refuses a name a sibling already has', () => {
    spec.given([organizationCreated, ouCreated(a, 'Prod'), ouCreated(b, 'Dev')]).when(update(b, 'Prod')).thenThrows('DuplicateOrganizationalUnitException');
  });

  it('accepts a name used under another parent', () => {
    spec.given([organizationCreated, ouCreated(a, 'Prod'), ouCreated(b, 'Web', [a]), ouCreated(c, 'Dev')])
      .when(update(b, 'Dev'))
      .then([{ type: 'OrganizationalUnitUpdated', data: { organizationalUnitId: b, name: 'Dev', previousName: 'Web', updatedAt: at } }]);
  });

  it('makes the new name the one siblings are checked against', () => {
    const renamed = { type: 'OrganizationalUnitUpdated' as const, data: { organizationalUnitId: a, name: 'Production', previousName: 'Prod', updatedAt: at } };
    spec.given([organizationCreated, ouCreated(a, 'Prod'), renamed, ouCreated(b, 'Dev')]).when(update(b, 'Prod')).then([
      { type: 'OrganizationalUnitUpdated', data: { organizationalUnitId: b, name: 'Prod', previousName: 'Dev', updatedAt: at } },
    ]);
    spec.given([organizationCreated, ouCreated(a, 'Prod'), renamed, ouCreated(b, 'Dev')]).when(update(b, 'Production')).thenThrows('DuplicateOrganizationalUnitException');
  });

  it('refuses an OU that is not in the organization', () => {
    spec.given([organizationCreated]).when(update(a, 'Prod')).thenThrows('OrganizationalUnitNotFoundException');
  });

  it('refuses a member account with AccessDeniedException', () => {
    const state = withAccount(stateAfter([organizationCreated, ouCreated(a, 'Prod')]), member, rootId);
    expect(refusalOf(() => decideOn(state, update(a, 'Production', member)))).toMatchObject({ code: 'AccessDeniedException' });
  });
});
