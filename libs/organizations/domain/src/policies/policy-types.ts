import { OrgsError, type PolicyType } from '@orgs/shared/kernel';
import { type OrganizationCommandOf } from '../command';
import { organizationResourceArn, requireManagementOrDelegatedAdministrator } from '../delegated-administrators/delegated-access';
import type { OrganizationState } from '../state';
import { policyTypeEnabled } from './managed-policy-attachments';
import type { PolicyEvent } from './policy-events';
import { isPolicyTypeEnabled, requireAllFeatures } from './policy-rules';

export type EnablePolicyType = OrganizationCommandOf<'EnablePolicyType', { rootId: string; policyType: PolicyType }>;
export type DisablePolicyType = OrganizationCommandOf<'DisablePolicyType', { rootId: string; policyType: PolicyType }>;

/** The management account, or a member the delegation policy allows for the root and the type. */
function requireMayChangePolicyType(state: OrganizationState, command: EnablePolicyType | DisablePolicyType): void {
  const root = state.root?.id === command.data.rootId ? organizationResourceArn(state, command.data.rootId) : undefined;
  requireManagementOrDelegatedAdministrator(state, command.actingAccountId, command.type, { resources: [root ?? '*'], context: { 'organizations:PolicyType': command.data.policyType } });
}

function requireRoot(state: OrganizationState, rootId: string): void {
  if (state.root?.id !== rootId) throw new OrgsError('RootNotFoundException', `We can't find a root with the ID ${rootId}.`);
}

/**
 * Turns a type on in the root. AWS does it asynchronously (PENDING_ENABLE); Orgs applies it at
 * once, which the reference allows. SCPs and RCPs get their AWS managed policy on every node.
 */
export function enablePolicyType(command: EnablePolicyType, state: OrganizationState): PolicyEvent[] {
  requireMayChangePolicyType(state, command);
  requireRoot(state, command.data.rootId);
  requireAllFeatures(state);
  if (isPolicyTypeEnabled(state, command.data.policyType)) {
    throw new OrgsError('PolicyTypeAlreadyEnabledException', `${command.data.policyType} is already enabled in this root.`);
  }
  return [policyTypeEnabled(state, command.data.policyType, command.at)];
}

/** Detaches every policy of the type everywhere; the policies stay, and re-enabling starts again from the managed policy alone. */
export function disablePolicyType(command: DisablePolicyType, state: OrganizationState): PolicyEvent[] {
  requireMayChangePolicyType(state, command);
  requireRoot(state, command.data.rootId);
  if (!isPolicyTypeEnabled(state, command.data.policyType)) {
    throw new OrgsError('PolicyTypeNotEnabledException', `${command.data.policyType} is not enabled in this root.`);
  }
  const { rootId, policyType } = command.data;
  return [{ type: 'PolicyTypeDisabled', data: { organizationId: state.organizationId as string, rootId, policyType, disabledAt: command.at } }];
}
