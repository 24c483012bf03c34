import {
  accountArn,
  assertUnreachable,
  organizationArn,
  OrgsError,
  rootArn,
  type Decider,
  type OrganizationFeatureSet,
  type PolicyType,
  type PolicyTypeStatus,
} from '@orgs/shared/kernel';

export interface PolicyTypeSummary {
  type: PolicyType;
  status: PolicyTypeStatus;
}

export type OrganizationCommand =
  | {
      type: 'CreateOrganization';
      data: {
        organizationId: string;
        rootId: string;
        featureSet: OrganizationFeatureSet;
        managementAccountId: string;
        managementAccountEmail: string;
        at: string;
      };
    }
  | { type: 'DeleteOrganization'; data: { actingAccountId: string; at: string } };

export interface OrganizationCreatedData {
  organizationId: string;
  arn: string;
  featureSet: OrganizationFeatureSet;
  managementAccountId: string;
  managementAccountArn: string;
  managementAccountEmail: string;
  root: { id: string; arn: string; name: string; policyTypes: PolicyTypeSummary[] };
  createdAt: string;
}

export type OrganizationEvent =
  | { type: 'OrganizationCreated'; data: OrganizationCreatedData }
  | { type: 'OrganizationDeleted'; data: { organizationId: string; managementAccountId: string; deletedAt: string } };

export interface OrganizationState {
  status: 'NONE' | 'ACTIVE' | 'DELETED';
  organizationId: string | null;
  managementAccountId: string | null;
  /** Every account in the organization, the management account included. */
  accountIds: string[];
}

export const organizationStreamId = (organizationId: string) => `organization-${organizationId}`;

/** Claimed by an account while it belongs to an organization: an account is in at most one. */
export const MEMBERSHIP_NAMESPACE = 'organization-membership';

export const organizationDecider: Decider<OrganizationState, OrganizationCommand, OrganizationEvent> = {
  stateVersion: 1,
  initialState: () => ({ status: 'NONE', organizationId: null, managementAccountId: null, accountIds: [] }),

  decide(command, state) {
    switch (command.type) {
      case 'CreateOrganization':
        return createOrganization(command.data, state);
      case 'DeleteOrganization':
        return deleteOrganization(command.data, state);
      default:
        return assertUnreachable(command);
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'OrganizationCreated':
        return {
          status: 'ACTIVE',
          organizationId: event.data.organizationId,
          managementAccountId: event.data.managementAccountId,
          accountIds: [event.data.managementAccountId],
        };
      case 'OrganizationDeleted':
        return { ...state, status: 'DELETED', accountIds: [] };
      default:
        return assertUnreachable(event);
    }
  },
};

function createOrganization(
  data: Extract<OrganizationCommand, { type: 'CreateOrganization' }>['data'],
  state: OrganizationState,
): OrganizationEvent[] {
  if (state.status !== 'NONE') {
    throw new OrgsError('AlreadyInOrganizationException', 'This account is already a member of an organization.');
  }
  const { organizationId, rootId, featureSet, managementAccountId: mgmt } = data;
  // With ALL features the SCP type starts enabled on the root; billing-only has no policy types.
  const policyTypes: PolicyTypeSummary[] =
    featureSet === 'ALL' ? [{ type: 'SERVICE_CONTROL_POLICY', status: 'ENABLED' }] : [];
  return [
    {
      type: 'OrganizationCreated',
      data: {
        organizationId,
        arn: organizationArn(mgmt, organizationId),
        featureSet,
        managementAccountId: mgmt,
        managementAccountArn: accountArn(mgmt, organizationId, mgmt),
        managementAccountEmail: data.managementAccountEmail,
        root: { id: rootId, arn: rootArn(mgmt, organizationId, rootId), name: 'Root', policyTypes },
        createdAt: data.at,
      },
    },
  ];
}

function deleteOrganization(
  data: Extract<OrganizationCommand, { type: 'DeleteOrganization' }>['data'],
  state: OrganizationState,
): OrganizationEvent[] {
  if (state.status !== 'ACTIVE' || !state.organizationId || !state.managementAccountId) {
    throw new OrgsError('AWSOrganizationsNotInUseException', 'Your account is not a member of an organization.');
  }
  if (data.actingAccountId !== state.managementAccountId) {
    throw new OrgsError('AccessDeniedException', 'Only the management account can delete the organization.');
  }
  if (state.accountIds.some((id) => id !== state.managementAccountId)) {
    throw new OrgsError('OrganizationNotEmptyException', 'The organization still has member accounts. Remove them first.');
  }
  return [
    {
      type: 'OrganizationDeleted',
      data: { organizationId: state.organizationId, managementAccountId: state.managementAccountId, deletedAt: data.at },
    },
  ];
}
