import { OrgsError, type PolicyType } from '@orgs/shared/kernel';
import { pageOf, type PageRequest } from '@orgs/shared/nest';
import {
  accountsOf,
  accountsUnder,
  accountThen,
  organizationalUnitsUnder,
  parentThen,
  policiesAttachedTo,
  requireOrganizationalUnit,
  targetsOfPolicy,
} from '@orgs/organizations/domain';
import type { Child } from '../organizational-units/organizational-unit.types';
import type { PolicySummary } from '../policies/policy.types';
import { pastAccount, pastOrganizationalUnit, pastPolicySummary, pastTarget, type PastState } from './past-views';

/**
 * The list and describe operations answered from a past state: the same items, order, errors and
 * pages (signed, tenant-bound nextTokens) as the present-time reads give.
 */
export const pastAnswers = {
  describeAccount: (state: PastState, accountId: string) => pastAccount(state, accountThen(state, accountId)),

  listAccounts: (state: PastState, page: PageRequest, tenantId: string) => pageOf(accountsOf(state).map((a) => pastAccount(state, a)), page, tenantId),

  listAccountsForParent: (state: PastState, parentId: string, page: PageRequest, tenantId: string) =>
    pageOf(accountsUnder(state, parentId).map((a) => pastAccount(state, a)), page, tenantId),

  describeOrganizationalUnit: (state: PastState, id: string) => pastOrganizationalUnit(state, requireOrganizationalUnit(state, id)),

  listOrganizationalUnitsForParent: (state: PastState, parentId: string, page: PageRequest, tenantId: string) =>
    pageOf(organizationalUnitsUnder(state, parentId).map((ou) => pastOrganizationalUnit(state, ou)), page, tenantId),

  listChildren(state: PastState, parentId: string, type: Child['type'], page: PageRequest, tenantId: string) {
    const children = type === 'ACCOUNT' ? accountsUnder(state, parentId) : organizationalUnitsUnder(state, parentId);
    return pageOf(children.map(({ id }): Child => ({ id, type })), page, tenantId);
  },

  listParents: (state: PastState, childId: string, page: PageRequest, tenantId: string) => pageOf([parentThen(state, childId)], page, tenantId),

  listPoliciesForTarget(state: PastState, targetId: string, type: PolicyType, page: PageRequest, tenantId: string) {
    const summaries = policiesAttachedTo(state, targetId).flatMap((id) => {
      const summary = pastPolicySummary(state, id);
      return summary && summary.type === type ? [summary] : [];
    });
    return pageOf<PolicySummary>(summaries, page, tenantId);
  },

  listTargetsForPolicy(state: PastState, policyId: string, page: PageRequest, tenantId: string) {
    if (!pastPolicySummary(state, policyId)) throw new OrgsError('PolicyNotFoundException', `We can't find a policy with the ID ${policyId}.`);
    return pageOf(targetsOfPolicy(state, policyId).map((t) => pastTarget(state, t.targetId, t.type)), page, tenantId);
  },
};
