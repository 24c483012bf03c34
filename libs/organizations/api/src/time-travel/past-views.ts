import { accountArn, organizationalUnitArn, organizationArn, rootArn, type AccountState, type AccountStatus } from '@orgs/shared/kernel';
import { awsManagedPolicy } from '@orgs/shared/policy-engine';
import { accountPath, depthOf, organizationalUnitPath, type MemberAccountState, type OrganizationalUnitState, type OrganizationState } from '@orgs/organizations/domain';
import type { Account } from '../accounts/account.types';
import type { OrganizationalUnit } from '../organizational-units/organizational-unit.types';
import { organizationView } from '../organization-lifecycle/organization-views';
import type { Organization, Root } from '../organization-lifecycle/organization.types';
import type { AccountNode, OrganizationalUnitNode } from '../organization-graph/graph.types';
import { summaryOf } from '../policies/policy-views';
import type { PolicySummary, PolicyTargetSummary } from '../policies/policy.types';

/** An organization's state as of a past point, with the organization there then. */
export type PastState = OrganizationState & { organizationId: string; managementAccountId: string };

/** The same shapes as the present-time reads, built from a past state instead of the read models. */
export const pastAccount = (state: PastState, account: MemberAccountState): Account => ({
  id: account.id,
  arn: accountArn(state.managementAccountId, state.organizationId, account.id),
  email: account.email,
  name: account.name,
  status: account.state as AccountStatus,
  state: account.state as AccountState,
  paths: [accountPath(state, account.parentId, account.id)],
  joinedMethod: account.joinedMethod,
  joinedTimestamp: new Date(account.joinedAt),
});

export const pastOrganizationalUnit = (state: PastState, ou: OrganizationalUnitState): OrganizationalUnit => ({
  id: ou.id,
  arn: organizationalUnitArn(state.managementAccountId, state.organizationId, ou.id),
  name: ou.name,
  path: organizationalUnitPath(state, ou.id),
});

export function pastRoot(state: PastState): Root {
  const root = state.root as NonNullable<OrganizationState['root']>;
  return { id: root.id, arn: rootArn(state.managementAccountId, state.organizationId, root.id), name: root.name, policyTypes: root.policyTypes };
}

export function pastOrganization(state: PastState): Organization {
  const { organizationId: id, managementAccountId: management } = state;
  return organizationView(
    {
      id,
      arn: organizationArn(management, id),
      featureSet: state.featureSet as string,
      masterAccountId: management,
      masterAccountArn: accountArn(management, id, management),
      masterAccountEmail: state.managementAccountEmail as string,
    },
    pastRoot(state).policyTypes,
  );
}

/** A policy as it was (customer managed), or the AWS managed one; undefined if there was none. */
export function pastPolicySummary(state: PastState, policyId: string): PolicySummary | undefined {
  const managed = awsManagedPolicy(policyId);
  if (managed) return summaryOf(managed, true);
  const policy = Object.hasOwn(state.policies, policyId) ? state.policies[policyId] : undefined;
  return policy && summaryOf(policy, false);
}

export function pastTarget(state: PastState, targetId: string, type: PolicyTargetSummary['type']): PolicyTargetSummary {
  if (type === 'ROOT') return { targetId, type, name: 'Root', arn: pastRoot(state).arn };
  if (type === 'ORGANIZATIONAL_UNIT') {
    const ou = pastOrganizationalUnit(state, state.organizationalUnits[targetId]);
    return { targetId, type, name: ou.name, arn: ou.arn };
  }
  const account = pastAccount(state, state.accounts[targetId]);
  return { targetId, type, name: account.name, arn: account.arn };
}

/** Graph nodes: `past` carries the state so that their children are read from it too. */
export const pastOrganizationalUnitNode = (state: PastState, ou: OrganizationalUnitState): OrganizationalUnitNode => ({
  ...pastOrganizationalUnit(state, ou),
  parentId: ou.parentId,
  depth: depthOf(state, ou.id),
  past: state,
});

export function pastAccountNode(state: PastState, account: MemberAccountState): AccountNode {
  const view = pastAccount(state, account);
  return {
    id: view.id,
    arn: view.arn,
    name: view.name,
    email: view.email,
    status: view.status,
    state: view.state,
    joinedMethod: view.joinedMethod,
    joinedTimestamp: view.joinedTimestamp,
    path: view.paths[0],
    parentId: account.parentId,
    past: state,
  };
}
