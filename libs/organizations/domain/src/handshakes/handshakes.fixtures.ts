import type { OrganizationCommand, OrganizationEvent } from '../organization';
import { DEFAULT_QUOTAS } from '../quotas';
import type { HandshakeParty, HandshakeRecord } from './handshake-events';
import { DEFAULT_HANDSHAKE_LIFETIMES } from './handshake-rules';

/** The reference's sample organization (ids-and-arns.md), for the handshake specs. */
export const at = '2026-03-01T10:00:00.000Z';
export const in15Days = '2026-03-16T10:00:00.000Z';
export const in90Days = '2026-05-30T10:00:00.000Z';
export const mgmt = '111122223333';
export const organizationId = 'o-a1b2c3d4e5';
export const rootId = 'r-k3x9';
export const invitee = '777788889999';
export const inviteeEmail = 'dev@example.com';
export const stranger = '444455556666';
export const handshakeId = 'h-3f6c1e0a9b7d4c2e8f5a1b6c0d9e7f24';
export const otherHandshakeId = 'h-00000000000000000000000000000001';
export const inviteeCaller = { name: 'Dev', email: inviteeEmail };
export const strangerCaller = { name: 'Stranger', email: 'stranger@example.com' };

export const organizationCreated = (featureSet: 'ALL' | 'CONSOLIDATED_BILLING' = 'ALL'): OrganizationEvent => ({
  type: 'OrganizationCreated',
  data: {
    organizationId,
    arn: `arn:aws:organizations::${mgmt}:organization/${organizationId}`,
    featureSet,
    managementAccountId: mgmt,
    managementAccountArn: `arn:aws:organizations::${mgmt}:account/${organizationId}/${mgmt}`,
    managementAccountName: 'Management Account',
    managementAccountEmail: 'admin@example.com',
    root: {
      id: rootId,
      arn: `arn:aws:organizations::${mgmt}:root/${organizationId}/${rootId}`,
      name: 'Root',
      policyTypes: featureSet === 'ALL' ? [{ type: 'SERVICE_CONTROL_POLICY', status: 'ENABLED' }] : [],
    },
    createdAt: '2026-01-01T00:00:00.000Z',
  },
});

export const organizationResource = (featureSet: 'ALL' | 'CONSOLIDATED_BILLING' = 'ALL') => ({
  type: 'ORGANIZATION' as const,
  value: organizationId,
  resources: [
    { type: 'MASTER_EMAIL' as const, value: 'admin@example.com' },
    { type: 'MASTER_NAME' as const, value: 'Management Account' },
    { type: 'ORGANIZATION_FEATURE_SET' as const, value: featureSet },
  ],
});

export const accountTarget = (id = invitee): HandshakeParty => ({ id, type: 'ACCOUNT' });
export const emailTarget = (email = inviteeEmail): HandshakeParty => ({ id: email, type: 'EMAIL' });

/** An INVITE exactly as the reference's JSON example shows it. */
export function invitationRecord(options: { id?: string; target?: HandshakeParty; requestedAt?: string; expiresAt?: string; notes?: string; tags?: Record<string, string>; featureSet?: 'ALL' | 'CONSOLIDATED_BILLING' } = {}): HandshakeRecord {
  const id = options.id ?? handshakeId;
  const target = options.target ?? accountTarget();
  return {
    id,
    arn: `arn:aws:organizations::${mgmt}:handshake/${organizationId}/invite/${id}`,
    action: 'INVITE',
    state: 'OPEN',
    parties: [{ id: organizationId, type: 'ORGANIZATION' }, target],
    resources: [
      organizationResource(options.featureSet),
      { type: target.type === 'EMAIL' ? 'EMAIL' : 'ACCOUNT', value: target.id },
      ...(options.notes ? [{ type: 'NOTES' as const, value: options.notes }] : []),
    ],
    requestedAt: options.requestedAt ?? at,
    expiresAt: options.expiresAt ?? in15Days,
    target,
    ...(options.notes ? { notes: options.notes } : {}),
    tags: options.tags ?? {},
  };
}

export const invited = (options: Parameters<typeof invitationRecord>[0] = {}): OrganizationEvent => ({
  type: 'HandshakeCreated',
  data: { organizationId, handshake: invitationRecord(options) },
});

export function invite(
  target: HandshakeParty,
  options: { actingAccountId?: string; at?: string; handshakeId?: string; notes?: string; tags?: { key: string; value: string }[]; targetAccount?: { id: string; email: string } | null; maxAccounts?: number } = {},
): OrganizationCommand {
  const known = target.type === 'ACCOUNT' ? { id: target.id, email: `${target.id}@example.com` } : null;
  return {
    type: 'InviteAccountToOrganization',
    data: {
      handshakeId: options.handshakeId ?? handshakeId,
      target,
      ...(options.notes ? { notes: options.notes } : {}),
      tags: options.tags ?? [],
      targetAccount: options.targetAccount === undefined ? known : options.targetAccount,
      quotas: { ...DEFAULT_QUOTAS, ...(options.maxAccounts ? { maxAccounts: options.maxAccounts } : {}) },
      lifetimes: DEFAULT_HANDSHAKE_LIFETIMES,
    },
    actingAccountId: options.actingAccountId ?? mgmt,
    at: options.at ?? at,
  };
}

type Caller = { name: string; email: string } | null;

export const accept = (actingAccountId = invitee, caller: Caller = inviteeCaller, id = handshakeId, when = '2026-03-02T10:00:00.000Z'): OrganizationCommand => ({
  type: 'AcceptHandshake',
  data: { handshakeId: id, caller },
  actingAccountId,
  at: when,
});

export const decline = (actingAccountId = invitee, caller: Caller = inviteeCaller, id = handshakeId, when = '2026-03-02T10:00:00.000Z'): OrganizationCommand => ({
  type: 'DeclineHandshake',
  data: { handshakeId: id, caller },
  actingAccountId,
  at: when,
});

export const cancel = (actingAccountId = mgmt, caller: Caller = null, id = handshakeId, when = '2026-03-02T10:00:00.000Z'): OrganizationCommand => ({
  type: 'CancelHandshake',
  data: { handshakeId: id, caller },
  actingAccountId,
  at: when,
});

export const expire = (id = handshakeId, when = in15Days): OrganizationCommand => ({
  type: 'ExpireHandshake',
  data: { handshakeId: id },
  actingAccountId: 'orgs-system',
  at: when,
});

const transition = (id: string, when: string) => ({ organizationId, handshakeId: id, at: when });
export const accepted = (by = invitee, id = handshakeId, when = '2026-03-02T10:00:00.000Z'): OrganizationEvent => ({ type: 'HandshakeAccepted', data: { ...transition(id, when), acceptedBy: by } });
export const declined = (by = invitee, id = handshakeId, when = '2026-03-02T10:00:00.000Z'): OrganizationEvent => ({ type: 'HandshakeDeclined', data: { ...transition(id, when), declinedBy: by } });
export const canceled = (id = handshakeId, when = '2026-03-02T10:00:00.000Z'): OrganizationEvent => ({ type: 'HandshakeCanceled', data: transition(id, when) });
export const expired = (id = handshakeId, when = in15Days): OrganizationEvent => ({ type: 'HandshakeExpired', data: transition(id, when) });
export const opened = (id: string, when: string): OrganizationEvent => ({ type: 'HandshakeOpened', data: transition(id, when) });

/** The invitee has joined by accepting `id`. */
export const joined = (accountId = invitee, email = inviteeEmail, id = handshakeId, when = '2026-03-02T10:00:00.000Z', tags: Record<string, string> = {}): OrganizationEvent => ({
  type: 'InvitedAccountJoined',
  data: {
    organizationId,
    handshakeId: id,
    account: {
      id: accountId,
      name: 'Dev',
      email,
      arn: `arn:aws:organizations::${mgmt}:account/${organizationId}/${accountId}`,
      parentId: rootId,
      path: `${organizationId}/${rootId}/${accountId}/`,
      joinedMethod: 'INVITED',
      joinedAt: when,
    },
    tags,
  },
});

/** A member that joined by invitation: the invitation, its acceptance and the join. */
export const member = (accountId: string, id: string): OrganizationEvent[] => [
  invited({ id, target: accountTarget(accountId) }),
  accepted(accountId, id),
  joined(accountId, `${accountId}@example.com`, id),
];

/** `count` distinct email addresses, for quota and rate tests. */
export const emails = (count: number, prefix = 'user') => Array.from({ length: count }, (_, i) => `${prefix}${i}@example.com`);
export const handshakeIds = (count: number, offset = 0) => Array.from({ length: count }, (_, i) => `h-${(i + offset + 100).toString(16).padStart(32, '0')}`);
