import { constraintViolation, type PolicyType } from '@orgs/shared/kernel';
import { POLICY_TYPES, validatePolicyContent } from '@orgs/shared/policy-engine';
import { requireMember, type OrganizationCommandOf } from '../command';
import { requireManagementOrDelegatedAdministrator, tagRequestContext } from '../delegated-administrators/delegated-access';
import type { OrganizationState } from '../state';
import { assertValidTags, tagsGivenAtCreation, type Tag, type TagEvent } from '../tags/tags';
import type { PolicyCreated } from './policy-events';
import { requireAllFeatures, requireUniqueName } from './policy-rules';

export type CreatePolicy = OrganizationCommandOf<
  'CreatePolicy',
  {
    /** Drawn by the caller (`newPolicyId`); claimed installation-wide when appended. */
    policyId: string;
    name: string;
    description: string;
    type: PolicyType;
    content: string;
    tags?: Tag[];
  }
>;

/** `arn:aws:organizations::<management>:policy/o-<org>/<type in lower case>/p-<id>` (ids-and-arns.md 3.5). */
export const policyArn = (managementAccountId: string, organizationId: string, type: PolicyType, policyId: string) =>
  `arn:aws:organizations::${managementAccountId}:policy/${organizationId}/${type.toLowerCase()}/${policyId}`;

/** A policy is created detached; whether its type is enabled does not matter until it is attached. */
export function createPolicy(command: CreatePolicy, state: OrganizationState): (PolicyCreated | TagEvent)[] {
  const { policyId, name, description, type, content, tags } = command.data;
  assertValidTags(tags);
  requireMember(state, command.actingAccountId);
  const organizationId = state.organizationId as string;
  const arn = policyArn(state.managementAccountId as string, organizationId, type, policyId);
  requireManagementOrDelegatedAdministrator(state, command.actingAccountId, 'CreatePolicy', { resources: [arn], context: { 'organizations:PolicyType': type, ...tagRequestContext(tags) } });
  requireAllFeatures(state);
  validatePolicyContent(type, content);
  requireUniqueName(state, type, name);
  const limit = POLICY_TYPES[type].maxPoliciesPerOrganization;
  if (Object.values(state.policies).filter((p) => p.type === type).length >= limit) {
    throw constraintViolation('POLICY_NUMBER_LIMIT_EXCEEDED', `An organization can have at most ${limit} policies of type ${type}.`);
  }
  const created: PolicyCreated = { type: 'PolicyCreated', data: { organizationId, policy: { id: policyId, arn, name, description, type, content }, createdAt: command.at } };
  return [created, ...tagsGivenAtCreation(policyId, tags)];
}
