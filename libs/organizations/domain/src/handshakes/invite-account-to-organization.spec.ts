import { deciderSpecification } from '@orgs/shared/testing';
import { organizationDecider, type OrganizationEvent } from '../organization';
import {
  accepted,
  accountTarget,
  at,
  canceled,
  emails,
  emailTarget,
  expired,
  handshakeIds,
  invite,
  invited,
  invitee,
  inviteeEmail,
  member,
  organizationCreated,
  otherHandshakeId,
  stranger,
} from './handshakes.fixtures';

const spec = deciderSpecification(organizationDecider);

/** `count` open invitations to distinct emails, sent at `when`. */
const invitations = (count: number, when = at, offset = 0): OrganizationEvent[] =>
  emails(count, `u${offset}-`).map((email, i) => invited({ id: handshakeIds(count, offset)[i], target: emailTarget(email), requestedAt: when }));

describe('InviteAccountToOrganization', () => {
  it('sends an OPEN invitation to an account id, expiring after 15 days, shaped like the reference example', () => {
    spec.given([organizationCreated()]).when(invite(accountTarget())).then([invited()]);
  });

  it('sends an invitation to an email, with notes and tags kept for acceptance', () => {
    const command = invite(emailTarget(), { notes: 'Please join.', tags: [{ key: 'team', value: 'payments' }], targetAccount: null });
    spec.given([organizationCreated()]).when(command).then([invited({ target: emailTarget(), notes: 'Please join.', tags: { team: 'payments' } })]);
  });

  it('shows the feature set of a billing-only organization in the invitation', () => {
    spec.given([organizationCreated('CONSOLIDATED_BILLING')]).when(invite(accountTarget())).then([invited({ featureSet: 'CONSOLIDATED_BILLING' })]);
  });

  it('refuses a caller that is not the management account', () => {
    spec.given([organizationCreated(), ...member(invitee, otherHandshakeId)]).when(invite(accountTarget(stranger), { actingAccountId: invitee })).thenThrows('AccessDeniedException');
  });

  it('refuses a caller with no organization', () => {
    spec.given([]).when(invite(accountTarget())).thenThrows('AWSOrganizationsNotInUseException');
  });

  it('refuses an ORGANIZATION target', () => {
    spec.given([organizationCreated()]).when(invite({ id: 'o-zzzzzzzzzz', type: 'ORGANIZATION' })).thenThrows('InvalidInputException', 'INVALID_PARTY_TYPE_TARGET');
  });

  it('refuses an ACCOUNT target that is not an account id', () => {
    spec.given([organizationCreated()]).when(invite({ id: inviteeEmail, type: 'ACCOUNT' })).thenThrows('InvalidInputException', 'INVALID_PARTY_TYPE_TARGET');
  });

  it('refuses an EMAIL target that is not an email address', () => {
    spec.given([organizationCreated()]).when(invite(emailTarget('not-an-email'), { targetAccount: null })).thenThrows('InvalidInputException', 'INVALID_EMAIL_ADDRESS_TARGET');
  });

  it('refuses invalid tags before sending anything', () => {
    const command = invite(accountTarget(), { tags: [{ key: 'aws:owner', value: 'x' }] });
    spec.given([organizationCreated()]).when(command).thenThrows('InvalidInputException', 'INVALID_SYSTEM_TAGS_PARAMETER');
  });

  it('refuses an account id that no account of the tenant has', () => {
    spec.given([organizationCreated()]).when(invite(accountTarget(), { targetAccount: null })).thenThrows('AccountNotFoundException');
  });

  it('refuses to invite an account that is already a member, by id', () => {
    spec.given([organizationCreated(), ...member(invitee, otherHandshakeId)]).when(invite(accountTarget())).thenThrows('HandshakeConstraintViolationException', 'ALREADY_IN_AN_ORGANIZATION');
  });

  it('refuses to invite a member by its email', () => {
    const command = invite(emailTarget(`${invitee}@example.com`), { targetAccount: { id: invitee, email: `${invitee}@example.com` } });
    spec.given([organizationCreated(), ...member(invitee, otherHandshakeId)]).when(command).thenThrows('HandshakeConstraintViolationException', 'ALREADY_IN_AN_ORGANIZATION');
  });

  it('refuses to invite the management account itself', () => {
    spec.given([organizationCreated()]).when(invite(accountTarget('111122223333'))).thenThrows('HandshakeConstraintViolationException', 'ALREADY_IN_AN_ORGANIZATION');
  });

  it('refuses a second open invitation to the same account', () => {
    spec.given([organizationCreated(), invited()]).when(invite(accountTarget(), { handshakeId: otherHandshakeId })).thenThrows('DuplicateHandshakeException');
  });

  it('refuses a second open invitation to the same email, whatever its case', () => {
    const command = invite(emailTarget('DEV@Example.com'), { handshakeId: otherHandshakeId, targetAccount: null });
    spec.given([organizationCreated(), invited({ target: emailTarget() })]).when(command).thenThrows('DuplicateHandshakeException');
  });

  it('refuses an invitation by email to an account already invited by id', () => {
    const command = invite(emailTarget(inviteeEmail), { handshakeId: otherHandshakeId, targetAccount: { id: invitee, email: inviteeEmail } });
    spec.given([organizationCreated(), invited()]).when(command).thenThrows('DuplicateHandshakeException');
  });

  it('invites again once the earlier invitation was canceled', () => {
    const command = invite(accountTarget(), { handshakeId: otherHandshakeId });
    spec.given([organizationCreated(), invited(), canceled()]).when(command).then([invited({ id: otherHandshakeId })]);
  });

  it('counts pending invitations against the account quota', () => {
    // 1 management account + 9 open invitations = the default quota of 10.
    spec.given([organizationCreated(), ...invitations(9)]).when(invite(accountTarget())).thenThrows('HandshakeConstraintViolationException', 'ACCOUNT_NUMBER_LIMIT_EXCEEDED');
  });

  it('takes the tenant\'s quota from the command', () => {
    spec.given([organizationCreated(), ...invitations(1)]).when(invite(accountTarget(), { maxAccounts: 2 })).thenThrows('HandshakeConstraintViolationException', 'ACCOUNT_NUMBER_LIMIT_EXCEEDED');
  });

  it('frees the quota when an invitation is canceled', () => {
    const given = [organizationCreated(), ...invitations(9), canceled(handshakeIds(9)[0])];
    spec.given(given).when(invite(accountTarget())).then([invited()]);
  });

  it('frees the quota when an invitation expires', () => {
    const given = [organizationCreated(), ...invitations(9), expired(handshakeIds(9)[0], '2026-03-16T10:00:00.000Z')];
    spec.given(given).when(invite(accountTarget(), { at: '2026-03-16T10:00:01.000Z' })).then([invited({ requestedAt: '2026-03-16T10:00:01.000Z', expiresAt: '2026-03-31T10:00:01.000Z' })]);
  });

  it('refuses the 21st invitation in 24 hours, canceled ones included', () => {
    const sent = [...invitations(9, at, 0), ...handshakeIds(9, 0).map((id) => canceled(id)), ...invitations(9, at, 9), ...handshakeIds(9, 9).map((id) => canceled(id)), ...invitations(2, at, 18)];
    spec.given([organizationCreated(), ...sent]).when(invite(accountTarget(), { at: '2026-03-02T09:59:59.000Z' })).thenThrows('HandshakeConstraintViolationException', 'HANDSHAKE_RATE_LIMIT_EXCEEDED');
  });

  it('lets invitations older than 24 hours and accepted ones go out of the rate count', () => {
    const old = [...invitations(9, '2026-02-28T09:00:00.000Z', 0), ...handshakeIds(9, 0).map((id) => canceled(id))];
    const recent = [...invitations(9, at, 9), ...handshakeIds(9, 9).map((id) => canceled(id)), ...invitations(2, at, 18)];
    const acceptedOne = [accepted('user', handshakeIds(2, 18)[0])];
    spec.given([organizationCreated(), ...old, ...recent, ...acceptedOne]).when(invite(accountTarget())).then([invited()]);
  });

  it('raises the rate limit with the account quota', () => {
    const sent = [...invitations(20, at, 0), ...handshakeIds(20, 0).map((id) => canceled(id))];
    spec.given([organizationCreated(), ...sent]).when(invite(accountTarget(), { maxAccounts: 30 })).then([invited()]);
  });
});
