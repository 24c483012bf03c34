import { deciderSpecification } from '@orgs/shared/testing';
import { organizationDecider, type OrganizationEvent } from '../organization';
import { at, command, member, memberCreated, mgmt, organizationCreated, organizationId, ouA, ouB, ouCreated, rootId } from './accounts.fixtures';

const spec = deciderSpecification(organizationDecider);
const move = (sourceParentId: string, destinationParentId: string, accountId = member, actingAccountId = mgmt) =>
  command('MoveAccount', { accountId, sourceParentId, destinationParentId }, actingAccountId);
const moved = (sourceParentId: string, destinationParentId: string, path: string): OrganizationEvent => ({
  type: 'AccountMoved',
  data: { organizationId, accountId: member, sourceParentId, destinationParentId, path, movedAt: at },
});
const tree = [organizationCreated(), ouCreated(ouA), ouCreated(ouB, ouA), memberCreated()];

describe('MoveAccount', () => {
  it('moves an account from the root into an OU, with its new path', () => {
    spec.given(tree).when(move(rootId, ouA)).then([moved(rootId, ouA, `${organizationId}/${rootId}/${ouA}/${member}/`)]);
  });

  it('moves an account into a nested OU, the path naming every OU from the root down', () => {
    spec.given(tree).when(move(rootId, ouB)).then([moved(rootId, ouB, `${organizationId}/${rootId}/${ouA}/${ouB}/${member}/`)]);
  });

  it('moves an account back to the root', () => {
    spec.given([...tree, moved(rootId, ouA, '')]).when(move(ouA, rootId)).then([moved(ouA, rootId, `${organizationId}/${rootId}/${member}/`)]);
  });

  it('moves the management account too', () => {
    const event = organizationDecider.decide(move(rootId, ouA, mgmt), tree.reduce(organizationDecider.evolve, organizationDecider.initialState()));
    expect(event[0]).toMatchObject({ type: 'AccountMoved', data: { accountId: mgmt, destinationParentId: ouA } });
  });

  it('refuses a member account', () => {
    spec.given(tree).when(move(rootId, ouA, member, member)).thenThrows('AccessDeniedException');
  });

  it('refuses an account that is not in the organization', () => {
    spec.given(tree).when(move(rootId, ouA, '999999999999')).thenThrows('AccountNotFoundException');
  });

  it('refuses an unknown source parent', () => {
    spec.given(tree).when(move('ou-k3x9-unknown1', ouA)).thenThrows('SourceParentNotFoundException');
  });

  it('refuses an unknown destination parent', () => {
    spec.given(tree).when(move(rootId, 'ou-k3x9-unknown1')).thenThrows('DestinationParentNotFoundException');
  });

  it('refuses a source that is not the account\'s current parent', () => {
    spec.given(tree).when(move(ouA, ouB)).thenThrows('SourceParentNotFoundException');
  });

  it('refuses a move to where the account already is', () => {
    spec.given(tree).when(move(rootId, rootId)).thenThrows('DuplicateAccountException');
  });

  it('keeps the account\'s new parent in the state', () => {
    const state = [...tree, moved(rootId, ouB, '')].reduce(organizationDecider.evolve, organizationDecider.initialState());
    expect(state.accounts[member].parentId).toBe(ouB);
  });
});
