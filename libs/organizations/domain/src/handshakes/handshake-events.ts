import type { ActionType, HandshakePartyType, HandshakeResourceType, HandshakeState as AwsHandshakeState } from '@orgs/shared/kernel';
import type { PolicyTypeSummary } from '../state';

/** AWS `HandshakeParty`. */
export interface HandshakeParty {
  id: string;
  type: HandshakePartyType;
}

/** AWS `HandshakeResource`: nested one level for the organization's details. */
export interface HandshakeResource {
  type: HandshakeResourceType;
  value: string;
  resources?: HandshakeResource[];
}

/** A handshake as AWS shows it, plus what the organization needs to act on it. */
export interface HandshakeRecord {
  id: string;
  arn: string;
  action: ActionType;
  state: AwsHandshakeState;
  parties: HandshakeParty[];
  resources: HandshakeResource[];
  requestedAt: string;
  expiresAt: string;
  /** The party that answers: the invited account or email, the member asked to approve, or the organization. */
  target: HandshakeParty;
  notes?: string;
  /** Attached to the account when an invitation is accepted. */
  tags: Record<string, string>;
  parentHandshakeId?: string;
}

/** The member an accepted invitation adds, as DescribeAccount will show it. */
export interface JoinedAccount {
  id: string;
  name: string;
  email: string;
  arn: string;
  parentId: string;
  path: string;
  joinedMethod: 'INVITED';
  joinedAt: string;
}

interface Transition {
  organizationId: string;
  handshakeId: string;
  at: string;
}

export type HandshakeEvent =
  | { type: 'HandshakeCreated'; data: { organizationId: string; handshake: HandshakeRecord } }
  /** An ENABLE_ALL_FEATURES handshake every member has approved: the management account may now accept it. */
  | { type: 'HandshakeOpened'; data: Transition }
  | { type: 'HandshakeAccepted'; data: Transition & { acceptedBy: string } }
  | { type: 'HandshakeDeclined'; data: Transition & { declinedBy: string } }
  | { type: 'HandshakeCanceled'; data: Transition }
  | { type: 'HandshakeExpired'; data: Transition }
  | { type: 'InvitedAccountJoined'; data: { organizationId: string; handshakeId: string; account: JoinedAccount; tags: Record<string, string> } }
  | {
      type: 'AllFeaturesEnabled';
      data: { organizationId: string; handshakeId: string; rootId: string; featureSet: 'ALL'; rootPolicyTypes: PolicyTypeSummary[]; enabledAt: string };
    };

export type HandshakeEventOf<T extends HandshakeEvent['type']> = Extract<HandshakeEvent, { type: T }>;

export const HANDSHAKE_EVENT_TYPES = [
  'HandshakeCreated',
  'HandshakeOpened',
  'HandshakeAccepted',
  'HandshakeDeclined',
  'HandshakeCanceled',
  'HandshakeExpired',
  'InvitedAccountJoined',
  'AllFeaturesEnabled',
] as const satisfies readonly HandshakeEvent['type'][];

/** The state each transition event leaves its handshake in. */
export const HANDSHAKE_STATE_AFTER = {
  HandshakeOpened: 'OPEN',
  HandshakeAccepted: 'ACCEPTED',
  HandshakeDeclined: 'DECLINED',
  HandshakeCanceled: 'CANCELED',
  HandshakeExpired: 'EXPIRED',
} as const satisfies Partial<Record<HandshakeEvent['type'], AwsHandshakeState>>;

export type HandshakeTransitionEvent = HandshakeEventOf<keyof typeof HANDSHAKE_STATE_AFTER>;
