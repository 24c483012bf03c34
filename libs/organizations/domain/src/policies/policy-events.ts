import type { PolicyType, TargetType } from '@orgs/shared/kernel';

/** A customer managed policy as DescribePolicy shows it. */
export interface PolicyRecord {
  id: string;
  arn: string;
  name: string;
  description: string;
  type: PolicyType;
  content: string;
}

export interface PolicyTarget {
  targetId: string;
  targetType: TargetType;
}

export type PolicyTypeEnabled = {
  type: 'PolicyTypeEnabled';
  data: {
    organizationId: string;
    rootId: string;
    policyType: PolicyType;
    /** The AWS managed policy attached everywhere (SCPs, RCPs), and to which targets: every one there was. */
    managedPolicyId?: string;
    attachedTo: PolicyTarget[];
    enabledAt: string;
  };
};
/** Every policy of the type is detached from every target; the policies themselves stay. */
export type PolicyTypeDisabled = { type: 'PolicyTypeDisabled'; data: { organizationId: string; rootId: string; policyType: PolicyType; disabledAt: string } };
export type PolicyCreated = { type: 'PolicyCreated'; data: { organizationId: string; policy: PolicyRecord; createdAt: string } };
/** The policy as it is after the change (name, description and content, changed or not). */
export type PolicyUpdated = { type: 'PolicyUpdated'; data: { organizationId: string; policy: PolicyRecord; updatedAt: string } };
export type PolicyDeleted = { type: 'PolicyDeleted'; data: { organizationId: string; policyId: string; policyType: PolicyType; deletedAt: string } };
export type PolicyAttached = { type: 'PolicyAttached'; data: { organizationId: string; policyId: string; policyType: PolicyType; attachedAt: string } & PolicyTarget };
/** Also when the target itself leaves (an OU deleted, an account gone): then no rule is checked. */
export type PolicyDetached = { type: 'PolicyDetached'; data: { organizationId: string; policyId: string; policyType: PolicyType; detachedAt: string } & PolicyTarget };

export type PolicyEvent = PolicyTypeEnabled | PolicyTypeDisabled | PolicyCreated | PolicyUpdated | PolicyDeleted | PolicyAttached | PolicyDetached;

export const POLICY_EVENT_TYPES = [
  'PolicyTypeEnabled',
  'PolicyTypeDisabled',
  'PolicyCreated',
  'PolicyUpdated',
  'PolicyDeleted',
  'PolicyAttached',
  'PolicyDetached',
] as const satisfies readonly PolicyEvent['type'][];
