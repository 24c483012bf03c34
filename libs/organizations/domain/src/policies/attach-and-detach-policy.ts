import { constraintViolation, invalidInput, OrgsError } from '@orgs/shared/kernel';
import { awsManagedPolicy, POLICY_TYPES } from '@orgs/shared/policy-engine';
import { type OrganizationCommandOf } from '../command';
import { organizationResourceArn, requireManagementOrDelegatedAdministrator } from '../delegated-administrators/delegated-access';
import type { OrganizationState } from '../state';
import type { PolicyAttached, PolicyDetached } from './policy-events';
import { attachedOfType, attachedTo, findPolicy, isPolicyTypeEnabled, requirePolicy, requireTarget } from './policy-rules';

/**
 * The management account, or a member the delegation policy allows for both the policy and the
 * target (an id the organization does not hold is judged as `*`, so only the caller learns it is missing).
 */
function requireMayChangeAttachment(state: OrganizationState, command: AttachPolicy | DetachPolicy): void {
  const policy = findPolicy(state, command.data.policyId);
  const resources = [policy?.arn ?? '*', organizationResourceArn(state, command.data.targetId) ?? '*'];
  requireManagementOrDelegatedAdministrator(state, command.actingAccountId, command.type, { resources, context: { 'organizations:PolicyType': policy?.type } });
}

export type AttachPolicy = OrganizationCommandOf<'AttachPolicy', { policyId: string; targetId: string }>;
export type DetachPolicy = OrganizationCommandOf<'DetachPolicy', { policyId: string; targetId: string }>;

/** Appended last, so it merges after the policies already there (management policies merge in attach order). */
export function attachPolicy(command: AttachPolicy, state: OrganizationState): PolicyAttached[] {
  requireMayChangeAttachment(state, command);
  const policy = requirePolicy(state, command.data.policyId);
  const targetType = requireTarget(state, command.data.targetId);
  const { targetId } = command.data;
  if (!isPolicyTypeEnabled(state, policy.type)) throw new OrgsError('PolicyTypeNotEnabledException', `${policy.type} is not enabled in the root: enable it first.`);
  if (attachedTo(state, targetId).includes(policy.id)) throw new OrgsError('DuplicatePolicyAttachmentException', `Policy ${policy.id} is already attached to ${targetId}.`);
  const max = POLICY_TYPES[policy.type].maxAttachmentsPerTarget;
  if (attachedOfType(state, targetId, policy.type).length >= max) {
    throw constraintViolation('MAX_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED', `${targetId} already has ${max} policies of type ${policy.type} attached directly.`);
  }
  return [{ type: 'PolicyAttached', data: { organizationId: state.organizationId as string, policyId: policy.id, policyType: policy.type, targetId, targetType, attachedAt: command.at } }];
}

/** Every node keeps at least one SCP while SCPs are enabled; RCPFullAWSAccess never leaves. */
export function detachPolicy(command: DetachPolicy, state: OrganizationState): PolicyDetached[] {
  requireMayChangeAttachment(state, command);
  const policy = requirePolicy(state, command.data.policyId);
  const targetType = requireTarget(state, command.data.targetId);
  const { targetId } = command.data;
  if (!attachedTo(state, targetId).includes(policy.id)) throw new OrgsError('PolicyNotAttachedException', `Policy ${policy.id} is not attached directly to ${targetId}.`);
  if (awsManagedPolicy(policy.id)?.detachable === false) throw invalidInput('NON_DETACHABLE_POLICY', `${policy.name} cannot be detached.`);
  if (policy.type === 'SERVICE_CONTROL_POLICY' && attachedOfType(state, targetId, policy.type).length <= 1) {
    throw constraintViolation('MIN_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED', `${targetId} must keep at least one SCP: attach its replacement first.`);
  }
  return [{ type: 'PolicyDetached', data: { organizationId: state.organizationId as string, policyId: policy.id, policyType: policy.type, targetId, targetType, detachedAt: command.at } }];
}
