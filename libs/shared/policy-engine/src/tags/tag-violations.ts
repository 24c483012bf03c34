import type { JsonObject } from '../document/strict-json';
import { evaluateTagCompliance } from './tag-compliance';

export type TaggedResourceType = 'ROOT' | 'ORGANIZATIONAL_UNIT' | 'ACCOUNT' | 'POLICY';

/** A root, OU, account or policy with its tags, and the nodes whose effective tag policy could judge it. */
export interface TaggedResource {
  resourceId: string;
  resourceType: TaggedResourceType;
  /** Root first, down to the node itself (a policy: the root alone). */
  chain: readonly string[];
  tags: Readonly<Record<string, string>>;
}

export interface TagPolicyViolation {
  resourceId: string;
  resourceType: TaggedResourceType;
  /** The node whose effective tag policy the resource breaks (the deepest on its chain with one). */
  effectivePolicyTargetId: string;
  noncompliantKeys: string[];
  keysWithNoncompliantValues: string[];
}

/**
 * Which resources break their effective tag policy (tag-policy-compliance.md 2): an account its
 * own, an OU the one merged down to it (what its accounts start from), the root and the policies
 * the root's. `effective` holds the merged policy of every node that has tag policies attached
 * directly; a node without one inherits its nearest ancestor's. Untagged resources are not judged.
 */
export function findTagPolicyViolations(resources: readonly TaggedResource[], effective: ReadonlyMap<string, JsonObject>): TagPolicyViolation[] {
  const violations: TagPolicyViolation[] = [];
  for (const resource of resources) {
    if (Object.keys(resource.tags).length === 0) continue;
    const judgedBy = [...resource.chain].reverse().find((id) => effective.has(id));
    if (!judgedBy) continue;
    const result = evaluateTagCompliance(resource.tags, effective.get(judgedBy));
    if (!result || result.compliant) continue;
    const { noncompliantKeys, keysWithNoncompliantValues } = result;
    violations.push({ resourceId: resource.resourceId, resourceType: resource.resourceType, effectivePolicyTargetId: judgedBy, noncompliantKeys, keysWithNoncompliantValues });
  }
  return violations;
}
