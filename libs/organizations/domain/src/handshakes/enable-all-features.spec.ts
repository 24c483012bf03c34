import { deciderSpecification } from '@orgs/shared/testing';
import { replay } from '@orgs/shared/kernel';
import { organizationDecider, type OrganizationCommand, type OrganizationEvent } from '../organization';
import type { HandshakeRecord } from './handshake-events';
import { approvalHandshakeId } from './enable-all-features';
import {
  accept,
  accepted,
  accountTarget,
  at,
  cancel,
  canceled,
  decline,
  declined,
  expire,
  expired,
  in90Days,
  invite,
  invited,
  invitee,
  member,
  mgmt,
  opened,
  organizationCreated,
  organizationId,
  organizationResource,
  rootId,
  stranger,
} from './handshakes.fixtures';

const spec = deciderSpecification(organizationDecider);
const parentId = 'h-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
const second = '222233334444';
const later = '2026-03-05T10:00:00.000Z';
const childOf = (accountId: string) => approvalHandshakeId(parentId, accountId);

const enableAllFeatures = (actingAccountId = mgmt): OrganizationCommand => ({
  type: 'EnableAllFeatures',
  data: { handshakeId: parentId, lifetimes: { invitationSeconds: 1_296_000, enableAllFeaturesSeconds: 7_776_000 } },
  actingAccountId,
  at,
});

const parentRecord: HandshakeRecord = {
  id: parentId,
  arn: `arn:aws:organizations::${mgmt}:handshake/${organizationId}/enable_all_features/${parentId}`,
  action: 'ENABLE_ALL_FEATURES',
  state: 'REQUESTED',
  parties: [{ id: organizationId, type: 'ORGANIZATION' }],
  resources: [{ type: 'ORGANIZATION', value: organizationId }],
  requestedAt: at,
  expiresAt: in90Days,
  target: { id: organizationId, type: 'ORGANIZATION' },
  tags: {},
};

const approvalRecord = (accountId: string): HandshakeRecord => ({
  id: childOf(accountId),
  arn: `arn:aws:organizations::${mgmt}:handshake/${organizationId}/approve_all_features/${childOf(accountId)}`,
  action: 'APPROVE_ALL_FEATURES',
  state: 'OPEN',
  parties: [{ id: organizationId, type: 'ORGANIZATION' }, { id: accountId, type: 'ACCOUNT' }],
  resources: [organizationResource('CONSOLIDATED_BILLING'), { type: 'PARENT_HANDSHAKE', value: parentId }],
  requestedAt: at,
  expiresAt: in90Days,
  target: { id: accountId, type: 'ACCOUNT' },
  tags: {},
  parentHandshakeId: parentId,
});

const created = (handshake: HandshakeRecord): OrganizationEvent => ({ type: 'HandshakeCreated', data: { organizationId, handshake } });
const billingOnly = [organizationCreated('CONSOLIDATED_BILLING'), ...member(invitee, 'h-00000000000000000000000000000011'), ...member(second, 'h-00000000000000000000000000000012')];
const requested = [...billingOnly, created(parentRecord), created(approvalRecord(second)), created(approvalRecord(invitee))];
const approvedBy = (accountId: string) => accepted(accountId, childOf(accountId), later);
const allApproved = [...requested, approvedBy(invitee), approvedBy(second), opened(parentId, later)];

describe('EnableAllFeatures', () => {
  it('cancels open invitations, asks every invited member to approve and waits for them', () => {
    const openInvitation = invited({ id: 'h-00000000000000000000000000000013', target: accountTarget(stranger), featureSet: 'CONSOLIDATED_BILLING' });
    spec
      .given([...billingOnly, openInvitation])
      .when(enableAllFeatures())
      .then([canceled('h-00000000000000000000000000000013', at), created(parentRecord), created(approvalRecord(second)), created(approvalRecord(invitee))]);
  });

  it('opens the parent at once when no member joined by invitation', () => {
    spec.given([organizationCreated('CONSOLIDATED_BILLING')]).when(enableAllFeatures()).then([created(parentRecord), opened(parentId, at)]);
  });

  it('does not ask accounts that were created in the organization', () => {
    const state = replay(organizationDecider, organizationDecider.initialState(), [organizationCreated('CONSOLIDATED_BILLING')]);
    const withCreated = { ...state, accounts: { ...state.accounts, [second]: { id: second, name: 'Made', email: 'made@example.com', parentId: rootId, state: 'ACTIVE' as const, joinedMethod: 'CREATED' as const, joinedAt: at } } };
    expect(organizationDecider.decide(enableAllFeatures(), withCreated)).toEqual([created(parentRecord), opened(parentId, at)]);
  });

  it('refuses an organization that already has all features', () => {
    spec.given([organizationCreated('ALL')]).when(enableAllFeatures()).thenThrows('HandshakeConstraintViolationException', 'ORGANIZATION_ALREADY_HAS_ALL_FEATURES');
  });

  it('refuses while a migration is pending', () => {
    spec.given(requested).when(enableAllFeatures()).thenThrows('HandshakeConstraintViolationException', 'ORGANIZATION_IS_ALREADY_PENDING_ALL_FEATURES_MIGRATION');
  });

  it('refuses a member account (AccessDeniedException)', () => {
    spec.given(billingOnly).when(enableAllFeatures(invitee)).thenThrows('AccessDeniedException');
  });

  it('refuses new invitations while the migration is pending', () => {
    spec.given(requested).when(invite(accountTarget(stranger))).thenThrows('HandshakeConstraintViolationException', 'INVITE_DISABLED_DURING_ENABLE_ALL_FEATURES');
  });

  it('may start again once the pending migration was canceled', () => {
    const restarted = [...requested, canceled(parentId, later), canceled(childOf(second), later), canceled(childOf(invitee), later)];
    spec.given(restarted).when(enableAllFeatures()).then([created(parentRecord), created(approvalRecord(second)), created(approvalRecord(invitee))]);
  });
});

describe('answering the all-features handshakes', () => {
  it('records a member\'s approval while others are still to approve', () => {
    spec.given(requested).when(accept(invitee, null, childOf(invitee), later)).then([approvedBy(invitee)]);
  });

  it('opens the parent with the last approval', () => {
    spec.given([...requested, approvedBy(invitee)]).when(accept(second, null, childOf(second), later)).then([approvedBy(second), opened(parentId, later)]);
  });

  it('refuses the management account answering a member\'s request (AccessDeniedException)', () => {
    spec.given(requested).when(accept(mgmt, null, childOf(invitee), later)).thenThrows('AccessDeniedException');
  });

  it('hides a member\'s request from another member', () => {
    spec.given(requested).when(accept(second, null, childOf(invitee), later)).thenThrows('HandshakeNotFoundException');
  });

  it('hides the parent from members: only the management account finalises', () => {
    spec.given(allApproved).when(accept(invitee, null, parentId, later)).thenThrows('HandshakeNotFoundException');
  });

  it('refuses finalising before every member has approved', () => {
    spec.given([...requested, approvedBy(invitee)]).when(accept(mgmt, null, parentId, later)).thenThrows('InvalidHandshakeTransitionException');
  });

  it('refuses finalising after a member declined', () => {
    const given = [...requested, approvedBy(invitee), declined(second, childOf(second), later)];
    spec.given(given).when(accept(mgmt, null, parentId, later)).thenThrows('InvalidHandshakeTransitionException');
  });

  it('enables all features, with SCPs on the root and FullAWSAccess on every node, when the management account accepts the open parent', () => {
    spec
      .given(allApproved)
      .when(accept(mgmt, null, parentId, later))
      .then([
        accepted(mgmt, parentId, later),
        {
          type: 'AllFeaturesEnabled',
          data: { organizationId, handshakeId: parentId, rootId, featureSet: 'ALL', rootPolicyTypes: [{ type: 'SERVICE_CONTROL_POLICY', status: 'ENABLED' }], enabledAt: later },
        },
        {
          type: 'PolicyTypeEnabled',
          data: {
            organizationId,
            rootId,
            policyType: 'SERVICE_CONTROL_POLICY',
            managedPolicyId: 'p-FullAWSAccess',
            attachedTo: [
              { targetId: rootId, targetType: 'ROOT' },
              ...[mgmt, invitee, second].map((targetId) => ({ targetId, targetType: 'ACCOUNT' as const })),
            ],
            enabledAt: later,
          },
        },
      ]);
  });

  it('leaves the organization with all features, so a second migration is refused', () => {
    const enabled: OrganizationEvent = {
      type: 'AllFeaturesEnabled',
      data: { organizationId, handshakeId: parentId, rootId, featureSet: 'ALL', rootPolicyTypes: [{ type: 'SERVICE_CONTROL_POLICY', status: 'ENABLED' }], enabledAt: later },
    };
    const state = replay(organizationDecider, organizationDecider.initialState(), [...allApproved, accepted(mgmt, parentId, later), enabled]);
    expect(state.featureSet).toBe('ALL');
    expect(state.root?.policyTypes).toEqual([{ type: 'SERVICE_CONTROL_POLICY', status: 'ENABLED' }]);
    spec.given([...allApproved, accepted(mgmt, parentId, later), enabled]).when(enableAllFeatures()).thenThrows('HandshakeConstraintViolationException', 'ORGANIZATION_ALREADY_HAS_ALL_FEATURES');
  });

  it('lets a member decline its request', () => {
    spec.given(requested).when(decline(second, null, childOf(second), later)).then([declined(second, childOf(second), later)]);
  });

  it('cancels the pending member requests with the parent', () => {
    const given = [...requested, approvedBy(invitee)];
    spec.given(given).when(cancel(mgmt, null, parentId, later)).then([canceled(parentId, later), canceled(childOf(second), later)]);
  });

  it('refuses a member canceling the parent it cannot see', () => {
    spec.given(requested).when(cancel(invitee, null, parentId, later)).thenThrows('HandshakeNotFoundException');
  });

  it('expires the pending member requests with the parent after 90 days', () => {
    spec.given([...requested, approvedBy(invitee)]).when(expire(parentId, in90Days)).then([expired(parentId, in90Days), expired(childOf(second), in90Days)]);
  });
});
