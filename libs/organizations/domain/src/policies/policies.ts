import { assertUnreachable, type PolicyType } from '@orgs/shared/kernel';
import type { OrganizationState } from '../state';
import type { TagEvent } from '../tags/tags';
import { attachPolicy, detachPolicy, type AttachPolicy, type DetachPolicy } from './attach-and-detach-policy';
import { createPolicy, type CreatePolicy } from './create-policy';
import type { PolicyCreated, PolicyEvent } from './policy-events';
import { policyTypeOf } from './policy-rules';
import { disablePolicyType, enablePolicyType, type DisablePolicyType, type EnablePolicyType } from './policy-types';
import { deletePolicy, updatePolicy, type DeletePolicy, type UpdatePolicy } from './update-and-delete-policy';

export * from './policy-events';
export * from './policy-rules';
export * from './managed-policy-attachments';
export { policyArn } from './create-policy';
export type { CreatePolicy } from './create-policy';
export type { UpdatePolicy, DeletePolicy } from './update-and-delete-policy';
export type { AttachPolicy, DetachPolicy } from './attach-and-detach-policy';
export type { EnablePolicyType, DisablePolicyType } from './policy-types';

export type PolicyCommand = EnablePolicyType | DisablePolicyType | CreatePolicy | UpdatePolicy | DeletePolicy | AttachPolicy | DetachPolicy;

export const POLICY_COMMANDS = new Set<string>([
  'EnablePolicyType',
  'DisablePolicyType',
  'CreatePolicy',
  'UpdatePolicy',
  'DeletePolicy',
  'AttachPolicy',
  'DetachPolicy',
] satisfies PolicyCommand['type'][]);
export const POLICY_EVENTS = new Set<string>(['PolicyTypeEnabled', 'PolicyTypeDisabled', 'PolicyCreated', 'PolicyUpdated', 'PolicyDeleted', 'PolicyAttached', 'PolicyDetached'] satisfies PolicyEvent['type'][]);

/** Policy ids are claimed installation-wide, like OU ids: the read model keys on them. */
export const POLICY_ID_NAMESPACE = 'policy-id';
export function policyIdClaims(events: readonly { type: string; data: unknown }[]): { namespace: string; value: string }[] {
  return events.filter((e): e is PolicyCreated => e.type === 'PolicyCreated').map((e) => ({ namespace: POLICY_ID_NAMESPACE, value: e.data.policy.id }));
}

/** Creating and deleting a policy also tags and untags it: those events belong to the tags capability. */
export function decidePolicies(command: PolicyCommand, state: OrganizationState): (PolicyEvent | TagEvent)[] {
  switch (command.type) {
    case 'EnablePolicyType':
      return enablePolicyType(command, state);
    case 'DisablePolicyType':
      return disablePolicyType(command, state);
    case 'CreatePolicy':
      return createPolicy(command, state);
    case 'UpdatePolicy':
      return updatePolicy(command, state);
    case 'DeletePolicy':
      return deletePolicy(command, state);
    case 'AttachPolicy':
      return attachPolicy(command, state);
    case 'DetachPolicy':
      return detachPolicy(command, state);
    default:
      return assertUnreachable(command);
  }
}

const without = <T>(record: Record<string, T>, key: string) => Object.fromEntries(Object.entries(record).filter(([k]) => k !== key));

function withAttachment(state: OrganizationState, targetId: string, policyId: string): OrganizationState['policyAttachments'] {
  const current = state.policyAttachments[targetId] ?? [];
  return current.includes(policyId) ? state.policyAttachments : { ...state.policyAttachments, [targetId]: [...current, policyId] };
}

/** One copy for every target at once: an organization may have 10,000 accounts. */
function withManagedEverywhere(state: OrganizationState, policyId: string | undefined, targets: readonly { targetId: string }[]) {
  if (!policyId) return state.policyAttachments;
  const next = { ...state.policyAttachments };
  for (const { targetId } of targets) if (!(next[targetId] ?? []).includes(policyId)) next[targetId] = [...(next[targetId] ?? []), policyId];
  return next;
}

function withoutAttachment(state: OrganizationState, targetId: string, policyId: string): OrganizationState['policyAttachments'] {
  const remaining = (state.policyAttachments[targetId] ?? []).filter((id) => id !== policyId);
  return remaining.length > 0 ? { ...state.policyAttachments, [targetId]: remaining } : without(state.policyAttachments, targetId);
}

function withoutType(state: OrganizationState, type: PolicyType): OrganizationState['policyAttachments'] {
  const entries = Object.entries(state.policyAttachments).map(([target, ids]) => [target, ids.filter((id) => policyTypeOf(state, id) !== type)] as const);
  return Object.fromEntries(entries.filter(([, ids]) => ids.length > 0));
}

/** Policies own the policies and policyAttachments sections, and the root's list of enabled types. */
export function evolvePolicies(state: OrganizationState, event: PolicyEvent): OrganizationState {
  switch (event.type) {
    case 'PolicyTypeEnabled': {
      const root = state.root as NonNullable<OrganizationState['root']>;
      const policyTypes = [...root.policyTypes.filter((p) => p.type !== event.data.policyType), { type: event.data.policyType, status: 'ENABLED' as const }];
      return { ...state, root: { ...root, policyTypes }, policyAttachments: withManagedEverywhere(state, event.data.managedPolicyId, event.data.attachedTo) };
    }
    case 'PolicyTypeDisabled': {
      const root = state.root as NonNullable<OrganizationState['root']>;
      return { ...state, root: { ...root, policyTypes: root.policyTypes.filter((p) => p.type !== event.data.policyType) }, policyAttachments: withoutType(state, event.data.policyType) };
    }
    case 'PolicyCreated':
    case 'PolicyUpdated':
      return { ...state, policies: { ...state.policies, [event.data.policy.id]: event.data.policy } };
    case 'PolicyDeleted':
      return { ...state, policies: without(state.policies, event.data.policyId) };
    case 'PolicyAttached':
      return { ...state, policyAttachments: withAttachment(state, event.data.targetId, event.data.policyId) };
    case 'PolicyDetached':
      return { ...state, policyAttachments: withoutAttachment(state, event.data.targetId, event.data.policyId) };
    default:
      return assertUnreachable(event);
  }
}
