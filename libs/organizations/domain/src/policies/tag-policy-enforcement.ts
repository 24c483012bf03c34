import { constraintViolation } from '@orgs/shared/kernel';
import { emptyMergeState, mergeLevel, parseManagementPolicy, tagPolicyViolations, type JsonObject } from '@orgs/shared/policy-engine';
import { organizationalUnitChain } from '../organizational-units/organizational-unit-tree';
import type { OrganizationState } from '../state';
import { resourceTypeOf, type TaggableResourceType } from '../tags/taggable-resources';
import { attachedOfType, isPolicyTypeEnabled } from './policy-rules';

/** The resource types a tag policy's `enforced_for` names for Organizations' own resources. */
const RESOURCE_TYPES: Record<TaggableResourceType, string> = {
  ROOT: 'organizations:root',
  ORGANIZATIONAL_UNIT: 'organizations:ou',
  ACCOUNT: 'organizations:account',
  POLICY: 'organizations:policy',
};

/** Root first, down to the node whose effective tag policy judges the resource (a policy: the root). */
function judgingChain(state: OrganizationState, resourceId: string, type: TaggableResourceType): string[] {
  const root = state.root?.id as string;
  if (type === 'ORGANIZATIONAL_UNIT') return [root, ...organizationalUnitChain(state, resourceId)];
  if (type === 'ACCOUNT') return [root, ...organizationalUnitChain(state, state.accounts[resourceId].parentId), resourceId];
  return [root];
}

/** The tag policy merged from the root down to the resource's node, as listTagPolicyViolations judges it. */
export function effectiveTagPolicyOf(state: OrganizationState, resourceId: string): JsonObject | undefined {
  if (!isPolicyTypeEnabled(state, 'TAG_POLICY')) return undefined;
  const levels = judgingChain(state, resourceId, resourceTypeOf(resourceId)).map((id) => attachedOfType(state, id, 'TAG_POLICY'));
  if (levels.every((ids) => ids.length === 0)) return undefined;
  const merged = levels.reduce((merge, ids) => mergeLevel(merge, ids.map((id) => parseManagementPolicy(state.policies[id].content, 'TAG_POLICY'))), emptyMergeState());
  return merged.values;
}

/**
 * Enforcement (tag-policy-compliance.md 4): where the effective tag policy lists the resource's type
 * (`organizations:account`, `organizations:ou`, `organizations:root`, `organizations:policy`, or
 * `organizations:ALL_SUPPORTED`) in `enforced_for`, a tag it governs must have the expected key
 * capitalization and an allowed value. Tags it does not govern pass.
 */
export function requireTagPolicyCompliance(state: OrganizationState, resourceId: string, tags: readonly { key: string; value: string }[]): void {
  const effective = effectiveTagPolicyOf(state, resourceId);
  if (!effective || tags.length === 0) return;
  const offending = tagPolicyViolations(Object.fromEntries(tags.map((t) => [t.key, t.value])), effective, RESOURCE_TYPES[resourceTypeOf(resourceId)]);
  if (offending.length > 0) {
    throw constraintViolation('TAG_POLICY_VIOLATION', `The tags ${offending.join(', ')} do not satisfy the tag policy enforced on ${resourceId}.`);
  }
}
