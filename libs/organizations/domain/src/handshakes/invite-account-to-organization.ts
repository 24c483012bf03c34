import { anchoredPattern, awsShape, invalidInput, OrgsError } from '@orgs/shared/kernel';
import { accountsCountedAgainstQuota } from '../accounts/account-rules';
import { requireManagementAccount, type OrganizationCommandOf } from '../command';
import type { OrganizationQuotas } from '../quotas';
import type { HandshakeState, OrganizationState } from '../state';
import { assertValidTags, type Tag } from '../tags/tag-rules';
import type { HandshakeEvent, HandshakeParty } from './handshake-events';
import { handshakeRecord } from './handshake-record';
import {
  addSeconds,
  handshakeConstraint,
  HANDSHAKE_RATE_LIMIT_FLOOR,
  HANDSHAKE_RATE_WINDOW_MS,
  isPending,
  pendingAllFeaturesMigration,
  sameEmail,
  type HandshakeLifetimes,
} from './handshake-rules';

export type InviteAccountToOrganization = OrganizationCommandOf<
  'InviteAccountToOrganization',
  {
    handshakeId: string;
    target: HandshakeParty;
    notes?: string;
    tags: Tag[];
    /**
     * The tenant's account the target names, looked up by id or by email; null when none has it
     * (an email may still be invited, an account id may not).
     */
    targetAccount: { id: string; email: string } | null;
    quotas: OrganizationQuotas;
    lifetimes: HandshakeLifetimes;
  }
>;

/** Only an account id or an email can be invited (ORGANIZATION is for billing transfers). */
export function assertValidInvitationTarget(target: HandshakeParty): void {
  if (target.type === 'ACCOUNT') {
    if (!anchoredPattern(awsShape('AccountId').pattern as string).test(target.id)) {
      throw invalidInput('INVALID_PARTY_TYPE_TARGET', 'target.id must be a 12-digit account id when target.type is ACCOUNT.');
    }
    return;
  }
  if (target.type !== 'EMAIL') throw invalidInput('INVALID_PARTY_TYPE_TARGET', 'target.type must be ACCOUNT or EMAIL.');
  const email = awsShape('Email');
  const valid = target.id.length >= (email.min ?? 0) && target.id.length <= (email.max ?? Infinity) && anchoredPattern(email.pattern as string).test(target.id);
  if (!valid) throw invalidInput('INVALID_EMAIL_ADDRESS_TARGET', 'target.id is not a valid email address.');
}

export function inviteAccountToOrganization(command: InviteAccountToOrganization, state: OrganizationState): HandshakeEvent[] {
  requireManagementAccount(state, command.actingAccountId);
  const { data } = command;
  assertValidInvitationTarget(data.target);
  assertValidTags(data.tags);
  if (data.target.type === 'ACCOUNT' && !data.targetAccount) {
    throw new OrgsError('AccountNotFoundException', `No account ${data.target.id} exists that can be invited.`);
  }
  refuseDuringMigration(state);
  refuseMembers(state, data);
  refuseDuplicate(state, data);
  refuseOverQuota(state, data.quotas);
  refuseOverRate(state, data.quotas, command.at);
  const handshake: HandshakeState = {
    id: data.handshakeId,
    action: 'INVITE',
    state: 'OPEN', // what AWS's examples show for a new invitation (accounts-and-handshakes.md 4.2)
    parties: [], // filled in by handshakeRecord
    target: data.target,
    ...(data.notes ? { notes: data.notes } : {}),
    tags: Object.fromEntries(data.tags.map((tag) => [tag.key, tag.value])),
    requestedAt: command.at,
    expiresAt: addSeconds(command.at, data.lifetimes.invitationSeconds),
  };
  return [{ type: 'HandshakeCreated', data: { organizationId: state.organizationId as string, handshake: handshakeRecord(state, handshake) } }];
}

type Data = InviteAccountToOrganization['data'];

function refuseDuringMigration(state: OrganizationState): void {
  if (pendingAllFeaturesMigration(state)) {
    throw handshakeConstraint('INVITE_DISABLED_DURING_ENABLE_ALL_FEATURES', 'You can\'t invite accounts while the organization is enabling all features.');
  }
}

/** Checked here when this organization knows the target; acceptance checks every organization (membership claim). */
function refuseMembers(state: OrganizationState, data: Data): void {
  const members = Object.values(state.accounts);
  const ids = [data.target.type === 'ACCOUNT' ? data.target.id : undefined, data.targetAccount?.id];
  const emails = [data.target.type === 'EMAIL' ? data.target.id : undefined, data.targetAccount?.email];
  const member = members.some((m) => ids.includes(m.id) || emails.some((e) => e !== undefined && sameEmail(e, m.email)));
  if (member) throw handshakeConstraint('ALREADY_IN_AN_ORGANIZATION', 'The invited account is already a member of this organization.');
}

/** An open invitation to the same account, whether it named the account by id or by email. */
function refuseDuplicate(state: OrganizationState, data: Data): void {
  const names = (party: HandshakeParty) => {
    if (party.type === data.target.type && (party.type === 'ACCOUNT' ? party.id === data.target.id : sameEmail(party.id, data.target.id))) return true;
    if (!data.targetAccount) return false;
    return party.type === 'ACCOUNT' ? party.id === data.targetAccount.id : sameEmail(party.id, data.targetAccount.email);
  };
  const open = Object.values(state.handshakes).some((h) => h.action === 'INVITE' && isPending(h) && names(h.target));
  if (open) throw new OrgsError('DuplicateHandshakeException', 'An open invitation to this account already exists.');
}

/** Open invitations count against the account quota at once (quotas.md section 1). */
function refuseOverQuota(state: OrganizationState, quotas: OrganizationQuotas): void {
  if (accountsCountedAgainstQuota(state) >= quotas.maxAccounts) {
    throw handshakeConstraint('ACCOUNT_NUMBER_LIMIT_EXCEEDED', `The organization has reached its quota of ${quotas.maxAccounts} accounts (pending invitations included).`);
  }
}

/** Every invitation of the last 24 hours counts, canceled ones too, except those accepted. */
function refuseOverRate(state: OrganizationState, quotas: OrganizationQuotas, at: string): void {
  const since = Date.parse(at) - HANDSHAKE_RATE_WINDOW_MS;
  const sent = Object.values(state.handshakes).filter((h) => h.action === 'INVITE' && h.state !== 'ACCEPTED' && Date.parse(h.requestedAt) > since).length;
  const limit = Math.max(HANDSHAKE_RATE_LIMIT_FLOOR, quotas.maxAccounts);
  if (sent >= limit) {
    throw handshakeConstraint('HANDSHAKE_RATE_LIMIT_EXCEEDED', `The organization has sent ${limit} invitations in the last 24 hours. Try again later.`);
  }
}
