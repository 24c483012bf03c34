import { accountArn, assertUnreachable, OrgsError } from '@orgs/shared/kernel';
import type { OrganizationCommandOf } from '../command';
import type { HandshakeState, OrganizationState, PolicyTypeSummary } from '../state';
import { managedPoliciesAttachedAtCreation, serviceControlPoliciesEnabledWithAllFeatures, type PolicyEvent } from '../policies/policies';
import type { HandshakeEvent } from './handshake-events';
import {
  allMembersApproved,
  childrenOf,
  handshakeConstraint,
  invalidTransition,
  isPending,
  requireActiveOrganization,
  requireRecipient,
  requireTransition,
  requireVisibleHandshake,
  type HandshakeCaller,
} from './handshake-rules';

export type AcceptHandshake = OrganizationCommandOf<'AcceptHandshake', { handshakeId: string; caller: HandshakeCaller | null }>;

/**
 * The recipient agrees: an invited account joins under the root; a member's approval may complete
 * the set, opening the parent; the management account's acceptance of the parent switches the
 * organization to all features.
 */
export function acceptHandshake(command: AcceptHandshake, state: OrganizationState): (HandshakeEvent | PolicyEvent)[] {
  const { handshakeId, caller } = command.data;
  const handshake = requireVisibleHandshake(state, handshakeId, command.actingAccountId, caller);
  requireRecipient(state, handshake, command.actingAccountId, caller);
  requireTransition(handshake, 'ACCEPTED', command.at);
  requireActiveOrganization(state);
  const accepted = transition('HandshakeAccepted', state, handshakeId, command.at, { acceptedBy: command.actingAccountId });
  switch (handshake.action) {
    case 'INVITE':
      return [accepted, joined(command, state, handshake), ...managedPoliciesAttachedAtCreation(state, command.actingAccountId, 'ACCOUNT', command.at)];
    case 'APPROVE_ALL_FEATURES':
      return [accepted, ...openParentIfComplete(state, handshake, command.at)];
    case 'ENABLE_ALL_FEATURES':
      return enableAllFeatures(state, handshake, accepted, command.at);
    case 'ADD_ORGANIZATIONS_SERVICE_LINKED_ROLE':
    case 'TRANSFER_RESPONSIBILITY':
      throw invalidTransition(`Handshakes of action ${handshake.action} are not supported.`);
    default:
      return assertUnreachable(handshake.action);
  }
}

function transition<T extends 'HandshakeAccepted' | 'HandshakeOpened' | 'HandshakeCanceled'>(
  type: T,
  state: OrganizationState,
  handshakeId: string,
  at: string,
  extra: object = {},
) {
  return { type, data: { organizationId: state.organizationId as string, handshakeId, at, ...extra } } as Extract<HandshakeEvent, { type: T }>;
}

function joined(command: AcceptHandshake, state: OrganizationState, handshake: HandshakeState): HandshakeEvent {
  const accountId = command.actingAccountId;
  // The membership claim refuses an account of another organization; this one is known here.
  if (state.accounts[accountId]) throw handshakeConstraint('ALREADY_IN_AN_ORGANIZATION', 'This account is already a member of the organization.');
  const caller = command.data.caller;
  if (!caller) throw new OrgsError('AccountNotFoundException', `Account ${accountId} was not found.`);
  const organizationId = state.organizationId as string;
  const rootId = state.root?.id as string;
  return {
    type: 'InvitedAccountJoined',
    data: {
      organizationId,
      handshakeId: handshake.id,
      account: {
        id: accountId,
        name: caller.name,
        email: caller.email,
        arn: accountArn(state.managementAccountId as string, organizationId, accountId),
        parentId: rootId,
        path: `${organizationId}/${rootId}/${accountId}/`,
        joinedMethod: 'INVITED',
        joinedAt: command.at,
      },
      tags: handshake.tags,
    },
  };
}

function openParentIfComplete(state: OrganizationState, child: HandshakeState, at: string): HandshakeEvent[] {
  const parent = child.parentHandshakeId ? state.handshakes[child.parentHandshakeId] : undefined;
  if (!parent || parent.state !== 'REQUESTED') return [];
  const after = { ...state, handshakes: { ...state.handshakes, [child.id]: { ...child, state: 'ACCEPTED' as const } } };
  return allMembersApproved(after, parent.id) ? [transition('HandshakeOpened', state, parent.id, at)] : [];
}

/** AWS turns the SCP type on with all features (the brief's choice: CreateOrganization does the same for ALL). */
function withServiceControlPolicies(policyTypes: PolicyTypeSummary[]): PolicyTypeSummary[] {
  const others = policyTypes.filter((p) => p.type !== 'SERVICE_CONTROL_POLICY');
  return [{ type: 'SERVICE_CONTROL_POLICY', status: 'ENABLED' }, ...others];
}

function enableAllFeatures(state: OrganizationState, parent: HandshakeState, accepted: HandshakeEvent, at: string): (HandshakeEvent | PolicyEvent)[] {
  const ready = parent.state === 'OPEN' || allMembersApproved(state, parent.id);
  if (!ready) throw invalidTransition('Not every invited member has approved enabling all features yet.');
  const opened = parent.state === 'REQUESTED' ? [transition('HandshakeOpened', state, parent.id, at)] : [];
  // Requests to members who left meanwhile are moot once the organization has all features.
  const moot = childrenOf(state, parent.id).filter(isPending).map((child) => transition('HandshakeCanceled', state, child.id, at));
  const root = state.root as NonNullable<OrganizationState['root']>;
  const enabled: HandshakeEvent = {
    type: 'AllFeaturesEnabled',
    data: {
      organizationId: state.organizationId as string,
      handshakeId: parent.id,
      rootId: root.id,
      featureSet: 'ALL',
      rootPolicyTypes: withServiceControlPolicies(root.policyTypes),
      enabledAt: at,
    },
  };
  // FullAWSAccess goes on every node, as EnablePolicyType would (the policies capability's event).
  return [...opened, accepted, ...moot, enabled, ...serviceControlPoliciesEnabledWithAllFeatures(state, at)];
}
