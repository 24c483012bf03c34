import type { PolicyType } from '@orgs/shared/kernel';
import { awsManagedPolicy, AWS_MANAGED_POLICIES, type AwsManagedPolicy } from '@orgs/shared/policy-engine';
import type { PolicyRecord } from '@orgs/organizations/domain';
import type { Policy, PolicySummary } from './policy.types';

type Stored = Pick<PolicyRecord, 'id' | 'arn' | 'name' | 'description' | 'type' | 'content'>;

export const summaryOf = (p: Stored | AwsManagedPolicy, awsManaged: boolean): PolicySummary => ({ id: p.id, arn: p.arn, name: p.name, description: p.description, type: p.type, awsManaged });
export const policyView = (p: Stored, awsManaged = false): Policy => ({ policySummary: summaryOf(p, awsManaged), content: p.content });

export const managedPolicyView = (id: string): Policy | undefined => {
  const managed = awsManagedPolicy(id);
  return managed && policyView(managed, true);
};

/** AWS lists its managed policies of a type first, beside the customer's. */
export const managedSummaries = (type: PolicyType) => AWS_MANAGED_POLICIES.filter((p) => p.type === type).map((p) => summaryOf(p, true));
