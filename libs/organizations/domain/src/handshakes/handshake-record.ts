import { handshakeArn, type ActionType } from '@orgs/shared/kernel';
import type { HandshakeState, OrganizationState } from '../state';
import type { HandshakeParty, HandshakeRecord, HandshakeResource } from './handshake-events';

/**
 * The action names of the all-features flow, kept in this one place because AWS's sources disagree
 * (accounts-and-handshakes.md section 5). We follow the 2022 user guide's CLI output and the
 * EnableAllFeatures API text: members accept APPROVE_ALL_FEATURES requests, the management account
 * finalises by accepting the ENABLE_ALL_FEATURES parent. The model's Handshake.Action prose says
 * the opposite (unverified against live AWS).
 */
export const ALL_FEATURES_PARENT_ACTION = 'ENABLE_ALL_FEATURES' satisfies ActionType;
export const ALL_FEATURES_MEMBER_ACTION = 'APPROVE_ALL_FEATURES' satisfies ActionType;

const organizationParty = (state: OrganizationState): HandshakeParty => ({ id: state.organizationId as string, type: 'ORGANIZATION' });

/** The ORGANIZATION resource with the details an invitee sees (the `MASTER_*` names of AWS's examples). */
function organizationResource(state: OrganizationState): HandshakeResource {
  const management = state.accounts[state.managementAccountId as string];
  return {
    type: 'ORGANIZATION',
    value: state.organizationId as string,
    resources: [
      { type: 'MASTER_EMAIL', value: state.managementAccountEmail ?? management?.email ?? '' },
      { type: 'MASTER_NAME', value: management?.name ?? '' },
      { type: 'ORGANIZATION_FEATURE_SET', value: state.featureSet ?? 'ALL' },
    ],
  };
}

function partiesOf(state: OrganizationState, handshake: HandshakeState): HandshakeParty[] {
  if (handshake.action === ALL_FEATURES_PARENT_ACTION) return [organizationParty(state)];
  return [organizationParty(state), handshake.target];
}

function resourcesOf(state: OrganizationState, handshake: HandshakeState): HandshakeResource[] {
  if (handshake.action === ALL_FEATURES_PARENT_ACTION) return [{ type: 'ORGANIZATION', value: state.organizationId as string }];
  const resources: HandshakeResource[] = [organizationResource(state)];
  if (handshake.parentHandshakeId) resources.push({ type: 'PARENT_HANDSHAKE', value: handshake.parentHandshakeId });
  else resources.push({ type: handshake.target.type === 'EMAIL' ? 'EMAIL' : 'ACCOUNT', value: handshake.target.id });
  if (handshake.notes) resources.push({ type: 'NOTES', value: handshake.notes });
  const joined = acceptedEmailInvitee(state, handshake);
  if (joined) resources.push({ type: 'ACCOUNT', value: joined });
  return resources;
}

/** After an invitation by email is accepted, AWS's examples also name the account that joined. */
function acceptedEmailInvitee(state: OrganizationState, handshake: HandshakeState): string | undefined {
  if (handshake.target.type !== 'EMAIL' || handshake.state !== 'ACCEPTED') return undefined;
  return Object.values(state.accounts).find((a) => a.email.toLowerCase() === handshake.target.id.toLowerCase())?.id;
}

/** A handshake as AWS returns it (DescribeHandshake's shape), from the organization's state. */
export function handshakeRecord(state: OrganizationState, handshake: HandshakeState): HandshakeRecord {
  return {
    id: handshake.id,
    arn: handshakeArn(state.managementAccountId as string, state.organizationId as string, handshake.action, handshake.id),
    action: handshake.action,
    state: handshake.state,
    parties: partiesOf(state, handshake),
    resources: resourcesOf(state, handshake),
    requestedAt: handshake.requestedAt,
    expiresAt: handshake.expiresAt,
    target: handshake.target,
    ...(handshake.notes !== undefined ? { notes: handshake.notes } : {}),
    tags: handshake.tags,
    ...(handshake.parentHandshakeId ? { parentHandshakeId: handshake.parentHandshakeId } : {}),
  };
}

/** The section entry a HandshakeCreated event adds. */
export function handshakeStateOf(record: HandshakeRecord): HandshakeState {
  return {
    id: record.id,
    action: record.action,
    state: record.state,
    parties: record.parties,
    target: record.target,
    ...(record.notes !== undefined ? { notes: record.notes } : {}),
    tags: record.tags,
    requestedAt: record.requestedAt,
    expiresAt: record.expiresAt,
    ...(record.parentHandshakeId ? { parentHandshakeId: record.parentHandshakeId } : {}),
  };
}
