import type { PolicyType, TargetType } from '@orgs/shared/kernel';
import { managedPolicyOfType } from '@orgs/shared/policy-engine';
import type { OrganizationState, PolicyTypeSummary } from '../state';
import type { PolicyAttached, PolicyDetached, PolicyEvent } from './policy-events';
import { attachedTo, policyTypeOf } from './policy-rules';

/**
 * For capabilities that add a target (OUs, accounts joining): the AWS managed policy of every
 * enabled type that has one (FullAWSAccess, RCPFullAWSAccess), attached beside the creation, so a
 * new node never lacks an SCP (policies/README.md 5.1).
 */
export function managedPoliciesAttachedAtCreation(state: OrganizationState, targetId: string, targetType: TargetType, at: string): PolicyAttached[] {
  return managedPoliciesFor(state.organizationId as string, state.root?.policyTypes ?? [], [{ targetId, targetType }], at);
}

/** The same for a new organization, whose root and management account exist from the start. */
export function managedPoliciesFor(organizationId: string, policyTypes: readonly PolicyTypeSummary[], targets: { targetId: string; targetType: TargetType }[], at: string): PolicyAttached[] {
  return policyTypes
    .filter((p) => p.status === 'ENABLED')
    .flatMap((p) => {
      const managed = managedPolicyOfType(p.type);
      if (!managed) return [];
      return targets.map((t): PolicyAttached => ({ type: 'PolicyAttached', data: { organizationId, policyId: managed.id, policyType: p.type, ...t, attachedAt: at } }));
    });
}

/** For capabilities that delete a target or let it go: its attachments go with it, no rule checked. */
export function policiesDetachedWith(state: OrganizationState, targetId: string, targetType: TargetType, at: string): PolicyDetached[] {
  return attachedTo(state, targetId).map((policyId) => ({
    type: 'PolicyDetached',
    data: { organizationId: state.organizationId as string, policyId, policyType: policyTypeOf(state, policyId) as PolicyType, targetId, targetType, detachedAt: at },
  }));
}

/** Enabling all features turns SCPs on: FullAWSAccess goes everywhere, as EnablePolicyType does. */
export function serviceControlPoliciesEnabledWithAllFeatures(state: OrganizationState, at: string): PolicyEvent[] {
  if (state.root?.policyTypes.some((p) => p.type === 'SERVICE_CONTROL_POLICY')) return [];
  return [policyTypeEnabled(state, 'SERVICE_CONTROL_POLICY', at)];
}

export function policyTypeEnabled(state: OrganizationState, policyType: PolicyType, at: string): PolicyEvent {
  const managed = managedPolicyOfType(policyType);
  const root = state.root as NonNullable<OrganizationState['root']>;
  const attachedTo = managed ? everyTarget(state) : [];
  return { type: 'PolicyTypeEnabled', data: { organizationId: state.organizationId as string, rootId: root.id, policyType, managedPolicyId: managed?.id, attachedTo, enabledAt: at } };
}

function everyTarget(state: OrganizationState): { targetId: string; targetType: TargetType }[] {
  return [
    { targetId: state.root?.id as string, targetType: 'ROOT' as const },
    ...Object.keys(state.organizationalUnits).map((targetId) => ({ targetId, targetType: 'ORGANIZATIONAL_UNIT' as const })),
    ...Object.keys(state.accounts).map((targetId) => ({ targetId, targetType: 'ACCOUNT' as const })),
  ];
}
