import { accountArn, assertUnreachable, organizationArn, OrgsError, rootArn, type OrganizationFeatureSet } from '@orgs/shared/kernel';
import { requireManagementAccount, type OrganizationCommandOf } from '../command';
import { managedPoliciesFor, type PolicyEvent } from '../policies/policies';
import type { OrganizationState, PolicyTypeSummary } from '../state';

export type OrganizationLifecycleCommand =
  | OrganizationCommandOf<
      'CreateOrganization',
      { organizationId: string; rootId: string; featureSet: OrganizationFeatureSet; managementAccountName: string; managementAccountEmail: string }
    >
  | OrganizationCommandOf<'DeleteOrganization', Record<string, never>>;

export interface OrganizationCreatedData {
  organizationId: string;
  arn: string;
  featureSet: OrganizationFeatureSet;
  managementAccountId: string;
  managementAccountArn: string;
  managementAccountName: string;
  managementAccountEmail: string;
  root: { id: string; arn: string; name: string; policyTypes: PolicyTypeSummary[] };
  createdAt: string;
}

export type OrganizationLifecycleEvent =
  | { type: 'OrganizationCreated'; data: OrganizationCreatedData }
  | { type: 'OrganizationDeleted'; data: { organizationId: string; managementAccountId: string; deletedAt: string } };

export const ORGANIZATION_LIFECYCLE_COMMANDS = new Set<string>(['CreateOrganization', 'DeleteOrganization']);
export const ORGANIZATION_LIFECYCLE_EVENTS = new Set<string>(['OrganizationCreated', 'OrganizationDeleted']);

export function decideOrganizationLifecycle(command: OrganizationLifecycleCommand, state: OrganizationState): (OrganizationLifecycleEvent | PolicyEvent)[] {
  switch (command.type) {
    case 'CreateOrganization':
      return createOrganization(command, state);
    case 'DeleteOrganization':
      return deleteOrganization(command, state);
    default:
      return assertUnreachable(command);
  }
}

export function evolveOrganizationLifecycle(state: OrganizationState, event: OrganizationLifecycleEvent): OrganizationState {
  switch (event.type) {
    case 'OrganizationCreated': {
      const { data } = event;
      const management = data.managementAccountId;
      return {
        ...state,
        status: 'ACTIVE',
        organizationId: data.organizationId,
        managementAccountId: management,
        managementAccountEmail: data.managementAccountEmail,
        featureSet: data.featureSet,
        root: { id: data.root.id, name: data.root.name, policyTypes: data.root.policyTypes },
        accounts: {
          [management]: {
            id: management,
            name: data.managementAccountName,
            email: data.managementAccountEmail,
            parentId: data.root.id,
            state: 'ACTIVE',
            joinedMethod: 'INVITED',
            joinedAt: data.createdAt,
          },
        },
      };
    }
    case 'OrganizationDeleted':
      return { ...state, status: 'DELETED', accounts: {}, organizationalUnits: {} };
    default:
      return assertUnreachable(event);
  }
}

type Command<T extends OrganizationLifecycleCommand['type']> = Extract<OrganizationLifecycleCommand, { type: T }>;

function createOrganization(command: Command<'CreateOrganization'>, state: OrganizationState): (OrganizationLifecycleEvent | PolicyEvent)[] {
  if (state.status !== 'NONE') {
    throw new OrgsError('AlreadyInOrganizationException', 'This account is already a member of an organization.');
  }
  const { organizationId, rootId, featureSet } = command.data;
  const mgmt = command.actingAccountId;
  // With ALL features the SCP type starts enabled on the root; billing-only has no policy types.
  const policyTypes: PolicyTypeSummary[] = featureSet === 'ALL' ? [{ type: 'SERVICE_CONTROL_POLICY', status: 'ENABLED' }] : [];
  return [
    {
      type: 'OrganizationCreated',
      data: {
        organizationId,
        arn: organizationArn(mgmt, organizationId),
        featureSet,
        managementAccountId: mgmt,
        managementAccountArn: accountArn(mgmt, organizationId, mgmt),
        managementAccountName: command.data.managementAccountName,
        managementAccountEmail: command.data.managementAccountEmail,
        root: { id: rootId, arn: rootArn(mgmt, organizationId, rootId), name: 'Root', policyTypes },
        createdAt: command.at,
      },
    },
    // FullAWSAccess on the root and the management account: every node holds an SCP while SCPs are on.
    ...managedPoliciesFor(organizationId, policyTypes, [{ targetId: rootId, targetType: 'ROOT' }, { targetId: mgmt, targetType: 'ACCOUNT' }], command.at),
  ];
}

function deleteOrganization(command: Command<'DeleteOrganization'>, state: OrganizationState): OrganizationLifecycleEvent[] {
  requireManagementAccount(state, command.actingAccountId);
  const members = Object.keys(state.accounts).filter((id) => id !== state.managementAccountId);
  if (members.length > 0) {
    throw new OrgsError('OrganizationNotEmptyException', 'The organization still has member accounts. Remove them first.');
  }
  // An account still being created would join an organization that no longer exists.
  if (Object.values(state.createAccountRequests).some((request) => request.state === 'IN_PROGRESS')) {
    throw new OrgsError('OrganizationNotEmptyException', 'Accounts are still being created in the organization. Wait for them, then remove them.');
  }
  return [
    {
      type: 'OrganizationDeleted',
      data: { organizationId: state.organizationId as string, managementAccountId: command.actingAccountId, deletedAt: command.at },
    },
  ];
}
