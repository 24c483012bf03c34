import { Field, ObjectType } from '@nestjs/graphql';
import type { PageRequest } from '@orgs/shared/nest';
import { findTagPolicyViolations, type JsonObject, type TaggedResource } from '@orgs/shared/policy-engine';
import { readPage } from '../organizational-units/read-page';
import { chainOf, targetKind, type PolicyScope } from './policy-queries';

@ObjectType()
export class TagPolicyViolation {
  @Field() resourceId!: string;
  @Field({ description: 'ROOT, ORGANIZATIONAL_UNIT, ACCOUNT or POLICY.' }) resourceType!: string;
  @Field({ description: 'The node whose effective tag policy the tags break: the account itself, the OU itself, or the root (for the root and policies), or the nearest ancestor with tag policies.' })
  effectivePolicyTargetId!: string;
  @Field(() => [String], { description: 'Keys whose capitalization is wrong.' }) noncompliantKeys!: string[];
  @Field(() => [String], { description: 'Keys whose value is not allowed (or whose capitalization is wrong).' }) keysWithNoncompliantValues!: string[];
}

@ObjectType()
export class ListTagPolicyViolationsResponse {
  @Field(() => [TagPolicyViolation]) violations!: TagPolicyViolation[];
  @Field(() => String, { nullable: true }) nextToken!: string | null;
}

/**
 * The root, OUs, accounts (and, from the root, the policies) at or below `targetId` whose tags break
 * their effective tag policy, from the read models: the effective tag policy of every node with
 * tag policies of its own (effective_policy_nodes), the tree's paths and the tags.
 */
export async function listTagPolicyViolations(scope: PolicyScope, targetId: string, page: PageRequest) {
  const kind = await targetKind(scope, targetId);
  const resources = await taggedResourcesUnder(scope, targetId, kind === 'ROOT');
  return readPage(page, scope.tenantId, async (skip, take) => {
    const nodes = await scope.db.effectivePolicyNode.findMany({ where: { tenantId: scope.tenantId, organizationId: scope.organizationId, policyType: 'TAG_POLICY' }, select: { targetId: true, content: true } });
    const effective = new Map(nodes.map((n) => [n.targetId, JSON.parse(n.content) as JsonObject]));
    return findTagPolicyViolations(resources, effective).slice(skip, skip + take);
  });
}

async function taggedResourcesUnder(scope: PolicyScope, targetId: string, fromRoot: boolean): Promise<TaggedResource[]> {
  const where = { tenantId: scope.tenantId, organizationId: scope.organizationId };
  const below = { ...where, path: { contains: `/${targetId}/` } };
  const [ous, accounts, policies] = await Promise.all([
    scope.db.organizationalUnit.findMany({ where: below, select: { id: true, path: true }, orderBy: { id: 'asc' } }),
    scope.db.account.findMany({ where: below, select: { id: true, path: true }, orderBy: { id: 'asc' } }),
    fromRoot ? scope.db.policy.findMany({ where, select: { id: true }, orderBy: { id: 'asc' } }) : Promise.resolve([]),
  ]);
  const resources: Omit<TaggedResource, 'tags'>[] = [
    ...(fromRoot ? [{ resourceId: scope.rootId, resourceType: 'ROOT' as const, chain: [scope.rootId] }] : []),
    ...ous.map((ou) => ({ resourceId: ou.id, resourceType: 'ORGANIZATIONAL_UNIT' as const, chain: chainOf(ou.path) })),
    ...accounts.map((a) => ({ resourceId: a.id, resourceType: 'ACCOUNT' as const, chain: chainOf(a.path ?? '') })),
    ...policies.map((p) => ({ resourceId: p.id, resourceType: 'POLICY' as const, chain: [scope.rootId] })),
  ];
  const rows = await scope.db.resourceTag.findMany({ where: { tenantId: scope.tenantId, resourceId: { in: resources.map((r) => r.resourceId) } }, select: { resourceId: true, key: true, value: true } });
  const tags = new Map<string, Record<string, string>>();
  for (const row of rows) tags.set(row.resourceId, { ...tags.get(row.resourceId), [row.key]: row.value });
  return resources.filter((r) => tags.has(r.resourceId)).map((r) => ({ ...r, tags: tags.get(r.resourceId)! }));
}
