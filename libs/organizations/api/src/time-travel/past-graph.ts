import { tagsThen, type OrganizationState } from '@orgs/organizations/domain';
import type { ChildrenPage, ChildrenPageKey } from '../organization-graph/graph-loaders';
import type { AccountNode, GraphTag, OrganizationalUnitNode, OrganizationNode } from '../organization-graph/graph.types';
import { pastAccountNode, pastOrganization, pastOrganizationalUnitNode, pastRoot, type PastState } from './past-views';

/** The portal graph as of a past point: every node carries the state, its children come from it. */
export function pastOrganizationNode(state: PastState): OrganizationNode {
  const organization = pastOrganization(state);
  return {
    id: organization.id,
    arn: organization.arn,
    featureSet: organization.featureSet,
    masterAccountId: organization.masterAccountId,
    masterAccountArn: organization.masterAccountArn,
    masterAccountEmail: organization.masterAccountEmail,
    root: { ...pastRoot(state), past: state },
  };
}

/** One page of a parent's children then, in id order as the present graph pages them. */
function pageOfIds<T>(items: Record<string, { parentId: string }>, key: ChildrenPageKey, view: (id: string) => T): ChildrenPage<T> {
  const ids = Object.keys(items)
    .filter((id) => items[id].parentId === key.parentId && (key.after === null || id > key.after))
    .sort();
  return { rows: ids.slice(0, key.first).map(view), hasNextPage: ids.length > key.first };
}

export const pastOrganizationalUnitsPage = (state: OrganizationState, key: ChildrenPageKey): ChildrenPage<OrganizationalUnitNode> =>
  pageOfIds(state.organizationalUnits, key, (id) => pastOrganizationalUnitNode(state as PastState, state.organizationalUnits[id]));

export const pastAccountsPage = (state: OrganizationState, key: ChildrenPageKey): ChildrenPage<AccountNode> =>
  pageOfIds(state.accounts, key, (id) => pastAccountNode(state as PastState, state.accounts[id]));

export const pastTags = (state: OrganizationState, resourceId: string): GraphTag[] => tagsThen(state, resourceId);
