import { OrgsError } from '@orgs/shared/kernel';
import { validatePolicyContent } from '@orgs/shared/policy-engine';
import { type OrganizationCommandOf } from '../command';
import { requireManagementOrDelegatedAdministrator } from '../delegated-administrators/delegated-access';
import type { OrganizationState } from '../state';
import { tagsDroppedWith, type TagEvent } from '../tags/tags';
import type { PolicyDeleted, PolicyUpdated } from './policy-events';
import { findPolicy, isAttachedAnywhere, requireCustomerPolicy, requireUniqueName } from './policy-rules';

/** The management account, or a member the delegation policy allows for this policy (`*` for an id there is not). */
function requireMayChangePolicy(state: OrganizationState, command: UpdatePolicy | DeletePolicy): void {
  const policy = findPolicy(state, command.data.policyId);
  requireManagementOrDelegatedAdministrator(state, command.actingAccountId, command.type, { resources: [policy?.arn ?? '*'], context: { 'organizations:PolicyType': policy?.type } });
}

/** Members left out stay as they are; the type never changes. */
export type UpdatePolicy = OrganizationCommandOf<'UpdatePolicy', { policyId: string; name?: string; description?: string; content?: string }>;
export type DeletePolicy = OrganizationCommandOf<'DeletePolicy', { policyId: string }>;

/** An update that changes nothing appends nothing. */
export function updatePolicy(command: UpdatePolicy, state: OrganizationState): PolicyUpdated[] {
  requireMayChangePolicy(state, command);
  const current = requireCustomerPolicy(state, command.data.policyId);
  const next = {
    ...current,
    name: command.data.name ?? current.name,
    description: command.data.description ?? current.description,
    content: command.data.content ?? current.content,
  };
  if (next.content !== current.content) validatePolicyContent(current.type, next.content);
  if (next.name !== current.name) requireUniqueName(state, current.type, next.name, current.id);
  if (next.name === current.name && next.description === current.description && next.content === current.content) return [];
  const { id, arn, name, description, type, content } = next;
  return [{ type: 'PolicyUpdated', data: { organizationId: state.organizationId as string, policy: { id, arn, name, description, type, content }, updatedAt: command.at } }];
}

/** Only a policy attached nowhere can go; its tags go with it. */
export function deletePolicy(command: DeletePolicy, state: OrganizationState): (PolicyDeleted | TagEvent)[] {
  requireMayChangePolicy(state, command);
  const policy = requireCustomerPolicy(state, command.data.policyId);
  if (isAttachedAnywhere(state, policy.id)) {
    throw new OrgsError('PolicyInUseException', `Policy ${policy.id} is still attached: detach it from every root, OU and account first.`);
  }
  const deleted: PolicyDeleted = { type: 'PolicyDeleted', data: { organizationId: state.organizationId as string, policyId: policy.id, policyType: policy.type, deletedAt: command.at } };
  return [deleted, ...tagsDroppedWith(state, policy.id)];
}
