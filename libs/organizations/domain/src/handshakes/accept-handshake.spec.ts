import { deciderSpecification } from '@orgs/shared/testing';
import { organizationDecider } from '../organization';
import {
  accept,
  accepted,
  accountTarget,
  canceled,
  declined,
  emailTarget,
  expired,
  handshakeId,
  in15Days,
  invited,
  invitee,
  inviteeCaller,
  inviteeEmail,
  joined,
  member,
  mgmt,
  organizationCreated,
  otherHandshakeId,
  stranger,
  strangerCaller,
} from './handshakes.fixtures';
import { fullAccessAttached } from '../policies/policies.fixtures';

const spec = deciderSpecification(organizationDecider);
/** The organization has SCPs on: the new member comes with FullAWSAccess. */
const withFullAccess = (account = invitee) => fullAccessAttached('o-a1b2c3d4e5', account, 'ACCOUNT', '2026-03-02T10:00:00.000Z');
const deleted = { type: 'OrganizationDeleted' as const, data: { organizationId: 'o-a1b2c3d4e5', managementAccountId: mgmt, deletedAt: '2026-03-01T12:00:00.000Z' } };

describe('AcceptHandshake (invitation)', () => {
  it('makes the invited account a member under the root, joined by invitation', () => {
    spec.given([organizationCreated(), invited()]).when(accept()).then([accepted(), joined(), withFullAccess()]);
  });

  it('lets the account whose email was invited accept, whatever the case of the email', () => {
    const caller = { name: 'Dev', email: 'Dev@EXAMPLE.com' };
    spec.given([organizationCreated(), invited({ target: emailTarget() })]).when(accept(invitee, caller)).then([accepted(), { ...joined(invitee, 'Dev@EXAMPLE.com') }, withFullAccess()]);
  });

  it('attaches the invitation\'s tags to the account', () => {
    const tags = { team: 'payments' };
    spec.given([organizationCreated(), invited({ tags })]).when(accept()).then([accepted(), joined(invitee, inviteeEmail, handshakeId, '2026-03-02T10:00:00.000Z', tags), withFullAccess()]);
  });

  it('adds the account to the organization\'s state with its tags', () => {
    const state = [organizationCreated(), invited({ tags: { team: 'payments' } }), accepted(), joined(invitee, inviteeEmail, handshakeId, '2026-03-02T10:00:00.000Z', { team: 'payments' })].reduce(
      organizationDecider.evolve,
      organizationDecider.initialState(),
    );
    expect(state.accounts[invitee]).toEqual({
      id: invitee,
      name: 'Dev',
      email: inviteeEmail,
      parentId: 'r-k3x9',
      state: 'ACTIVE',
      joinedMethod: 'INVITED',
      joinedAt: '2026-03-02T10:00:00.000Z',
    });
    expect(state.tags[invitee]).toEqual({ team: 'payments' });
    expect(state.handshakes[handshakeId].state).toBe('ACCEPTED');
  });

  it('hides the handshake from an account that is not a party (HandshakeNotFoundException)', () => {
    spec.given([organizationCreated(), invited()]).when(accept(stranger, strangerCaller)).thenThrows('HandshakeNotFoundException');
  });

  it('hides an email invitation from an account with another email', () => {
    spec.given([organizationCreated(), invited({ target: emailTarget() })]).when(accept(stranger, strangerCaller)).thenThrows('HandshakeNotFoundException');
  });

  it('refuses the management account, which sent it (AccessDeniedException)', () => {
    spec.given([organizationCreated(), invited()]).when(accept(mgmt, null)).thenThrows('AccessDeniedException');
  });

  it('refuses an unknown handshake id', () => {
    spec.given([organizationCreated(), invited()]).when(accept(invitee, inviteeCaller, otherHandshakeId)).thenThrows('HandshakeNotFoundException');
  });

  it('refuses accepting twice with HandshakeAlreadyInStateException', () => {
    spec.given([organizationCreated(), invited(), accepted(), joined()]).when(accept()).thenThrows('HandshakeAlreadyInStateException');
  });

  it.each([
    ['declined', declined()],
    ['canceled', canceled()],
    ['expired', expired()],
  ])('refuses a %s invitation with InvalidHandshakeTransitionException', (_, closed) => {
    spec.given([organizationCreated(), invited(), closed]).when(accept()).thenThrows('InvalidHandshakeTransitionException');
  });

  it('refuses an invitation past its expiration that the expiry job has not reached yet', () => {
    spec.given([organizationCreated(), invited()]).when(accept(invitee, inviteeCaller, handshakeId, in15Days)).thenThrows('InvalidHandshakeTransitionException');
  });

  it('refuses an account that is already a member of this organization', () => {
    const given = [organizationCreated(), ...member(invitee, otherHandshakeId), invited({ target: emailTarget() })];
    spec.given(given).when(accept(invitee, inviteeCaller)).thenThrows('HandshakeConstraintViolationException', 'ALREADY_IN_AN_ORGANIZATION');
  });

  it('refuses once the organization is gone', () => {
    spec.given([organizationCreated(), invited({ target: accountTarget() }), deleted]).when(accept()).thenThrows('InvalidHandshakeTransitionException');
  });
});
