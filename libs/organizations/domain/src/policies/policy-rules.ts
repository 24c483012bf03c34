import { OrgsError, invalidInput, type PolicyType, type TargetType } from '@orgs/shared/kernel';
import { awsManagedPolicy, type AwsManagedPolicy } from '@orgs/shared/policy-engine';
import type { OrganizationState } from '../state';
import type { PolicyRecord } from './policy-events';

/** A policy of the organization: one of its own, or an AWS managed one (those exist in every organization). */
export type KnownPolicy = (PolicyRecord & { awsManaged: false }) | (AwsManagedPolicy & { awsManaged: true });

export function findPolicy(state: OrganizationState, policyId: string): KnownPolicy | undefined {
  const managed = awsManagedPolicy(policyId);
  if (managed) return { ...managed, awsManaged: true };
  return Object.hasOwn(state.policies, policyId) ? { ...state.policies[policyId], awsManaged: false } : undefined;
}

export function requirePolicy(state: OrganizationState, policyId: string): KnownPolicy {
  const policy = findPolicy(state, policyId);
  if (!policy) throw new OrgsError('PolicyNotFoundException', `We can't find a policy with the ID ${policyId}.`);
  return policy;
}

/** AWS managed policies are read-only. */
export function requireCustomerPolicy(state: OrganizationState, policyId: string): PolicyRecord {
  const policy = requirePolicy(state, policyId);
  if (policy.awsManaged) throw invalidInput('IMMUTABLE_POLICY', `${policy.name} is an AWS managed policy: it cannot be changed or deleted.`);
  return policy;
}

export const policyTypeOf = (state: OrganizationState, policyId: string): PolicyType | undefined => findPolicy(state, policyId)?.type;

export function isPolicyTypeEnabled(state: OrganizationState, type: PolicyType): boolean {
  return state.root?.policyTypes.some((p) => p.type === type && p.status === 'ENABLED') ?? false;
}

/** Whether a root, OU or account of the organization has this id, and which kind it is. */
export function targetTypeOf(state: OrganizationState, targetId: string): TargetType | undefined {
  if (state.root?.id === targetId) return 'ROOT';
  if (Object.hasOwn(state.organizationalUnits, targetId)) return 'ORGANIZATIONAL_UNIT';
  if (Object.hasOwn(state.accounts, targetId)) return 'ACCOUNT';
  return undefined;
}

export function requireTarget(state: OrganizationState, targetId: string): TargetType {
  const type = targetTypeOf(state, targetId);
  if (!type) throw new OrgsError('TargetNotFoundException', `We can't find a root, OU or account with the ID ${targetId}.`);
  return type;
}

/** The policies attached directly to a target, in attach order (the order management policies merge in). */
export const attachedTo = (state: OrganizationState, targetId: string): readonly string[] =>
  Object.hasOwn(state.policyAttachments, targetId) ? state.policyAttachments[targetId] : [];

export const attachedOfType = (state: OrganizationState, targetId: string, type: PolicyType) =>
  attachedTo(state, targetId).filter((id) => policyTypeOf(state, id) === type);

export const isAttachedAnywhere = (state: OrganizationState, policyId: string) =>
  Object.values(state.policyAttachments).some((ids) => ids.includes(policyId));

/** Every policy type needs all features (policies/README.md 2.1). */
export function requireAllFeatures(state: OrganizationState): void {
  if (state.featureSet !== 'ALL') {
    throw new OrgsError('PolicyTypeNotAvailableForOrganizationException', 'Policies need the organization to have all features enabled.');
  }
}

/** Names are unique among the policies of one type, the AWS managed ones included (unverified scope: per type). */
export function requireUniqueName(state: OrganizationState, type: PolicyType, name: string, exceptId?: string): void {
  const managedClash = awsManagedPolicy(`p-${name}`)?.type === type;
  const clash = Object.values(state.policies).some((p) => p.type === type && p.name === name && p.id !== exceptId);
  if (managedClash || clash) throw new OrgsError('DuplicatePolicyException', `A ${type} named ${name} already exists.`);
}
