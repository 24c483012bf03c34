import type { CommandRequest } from '@orgs/shared/command-handling';
import { newOrganizationId, newRootId, OrgsError, type OrganizationFeatureSet } from '@orgs/shared/kernel';
import type { Principal } from '@orgs/shared/nest';
import {
  MEMBERSHIP_NAMESPACE,
  organizationDecider,
  organizationStreamId,
  type OrganizationCommand,
  type OrganizationEvent,
  type OrganizationState,
} from '@orgs/organizations/domain';

type OrganizationRequest = CommandRequest<OrganizationState, OrganizationCommand, OrganizationEvent>;

const membershipOf = (accountId: string) => [{ namespace: MEMBERSHIP_NAMESPACE, value: accountId }];

export function createOrganizationRequest(
  principal: Principal,
  managementAccountEmail: string,
  featureSet: OrganizationFeatureSet,
  at: Date,
): OrganizationRequest {
  const organizationId = newOrganizationId();
  return {
    tenantId: principal.tenantId,
    streamId: organizationStreamId(organizationId),
    decider: organizationDecider,
    command: {
      type: 'CreateOrganization',
      data: {
        organizationId,
        rootId: newRootId(),
        featureSet,
        managementAccountId: principal.accountId,
        managementAccountEmail,
        at: at.toISOString(),
      },
    },
    metadata: metadataOf(principal),
    // The membership claim is what makes "already in an organization" hold across organizations.
    reservations: () => membershipOf(principal.accountId),
    reservationConflict: () =>
      new OrgsError('AlreadyInOrganizationException', 'This account is already a member of an organization.'),
  };
}

export function deleteOrganizationRequest(principal: Principal, streamId: string, at: Date): OrganizationRequest {
  return {
    tenantId: principal.tenantId,
    streamId,
    decider: organizationDecider,
    command: { type: 'DeleteOrganization', data: { actingAccountId: principal.accountId, at: at.toISOString() } },
    metadata: metadataOf(principal),
    releases: (events) =>
      events.flatMap((e) => (e.type === 'OrganizationDeleted' ? membershipOf(e.data.managementAccountId) : [])),
  };
}

function metadataOf(principal: Principal) {
  return { principal: principal.apiKeyId, actingAccountId: principal.accountId };
}
