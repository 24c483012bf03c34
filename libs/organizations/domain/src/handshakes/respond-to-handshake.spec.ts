import { deciderSpecification } from '@orgs/shared/testing';
import { organizationDecider } from '../organization';
import {
  accepted,
  cancel,
  canceled,
  decline,
  declined,
  emailTarget,
  expire,
  expired,
  in15Days,
  invited,
  invitee,
  inviteeCaller,
  joined,
  mgmt,
  organizationCreated,
  otherHandshakeId,
  stranger,
  strangerCaller,
} from './handshakes.fixtures';

const spec = deciderSpecification(organizationDecider);

describe('DeclineHandshake', () => {
  it('lets the invited account decline', () => {
    spec.given([organizationCreated(), invited()]).when(decline()).then([declined()]);
  });

  it('lets the account whose email was invited decline', () => {
    spec.given([organizationCreated(), invited({ target: emailTarget() })]).when(decline(stranger, { name: 'x', email: 'dev@example.com' })).then([declined(stranger)]);
  });

  it('refuses the management account (AccessDeniedException)', () => {
    spec.given([organizationCreated(), invited()]).when(decline(mgmt, null)).thenThrows('AccessDeniedException');
  });

  it('hides the handshake from a stranger', () => {
    spec.given([organizationCreated(), invited()]).when(decline(stranger, strangerCaller)).thenThrows('HandshakeNotFoundException');
  });

  it('refuses declining twice', () => {
    spec.given([organizationCreated(), invited(), declined()]).when(decline()).thenThrows('HandshakeAlreadyInStateException');
  });

  it('refuses declining an accepted invitation', () => {
    spec.given([organizationCreated(), invited(), accepted(), joined()]).when(decline()).thenThrows('InvalidHandshakeTransitionException');
  });
});

describe('CancelHandshake', () => {
  it('lets the management account cancel its invitation', () => {
    spec.given([organizationCreated(), invited()]).when(cancel()).then([canceled()]);
  });

  it('refuses the invited account (AccessDeniedException): it must decline', () => {
    spec.given([organizationCreated(), invited()]).when(cancel(invitee, inviteeCaller)).thenThrows('AccessDeniedException');
  });

  it('hides the handshake from a stranger', () => {
    spec.given([organizationCreated(), invited()]).when(cancel(stranger, strangerCaller)).thenThrows('HandshakeNotFoundException');
  });

  it('refuses an unknown handshake id', () => {
    spec.given([organizationCreated(), invited()]).when(cancel(mgmt, null, otherHandshakeId)).thenThrows('HandshakeNotFoundException');
  });

  it('refuses canceling twice', () => {
    spec.given([organizationCreated(), invited(), canceled()]).when(cancel()).thenThrows('HandshakeAlreadyInStateException');
  });

  it.each([
    ['accepted', [accepted(), joined()]],
    ['declined', [declined()]],
    ['expired', [expired()]],
  ])('refuses canceling an %s invitation', (_, closed) => {
    spec.given([organizationCreated(), invited(), ...closed]).when(cancel()).thenThrows('InvalidHandshakeTransitionException');
  });
});

describe('ExpireHandshake', () => {
  it('expires an open invitation at its expiration time', () => {
    spec.given([organizationCreated(), invited()]).when(expire()).then([expired()]);
  });

  it('does nothing before the expiration time (a job that fired early)', () => {
    spec.given([organizationCreated(), invited()]).when(expire(undefined, '2026-03-16T09:59:59.999Z')).then([]);
  });

  it.each([
    ['accepted', [accepted(), joined()]],
    ['declined', [declined()]],
    ['canceled', [canceled()]],
    ['expired', [expired()]],
  ])('does nothing to an %s handshake (idempotent)', (_, closed) => {
    spec.given([organizationCreated(), invited(), ...closed]).when(expire()).then([]);
  });

  it('does nothing for an unknown handshake', () => {
    spec.given([organizationCreated()]).when(expire(otherHandshakeId, in15Days)).then([]);
  });
});
