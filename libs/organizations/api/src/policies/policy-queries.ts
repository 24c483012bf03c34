import { invalidInput, OrgsError, type EffectivePolicyType, type PolicyType, type TargetType } from '@orgs/shared/kernel';
import type { PageRequest } from '@orgs/shared/nest';
import type { TenantReadModels } from '@orgs/shared/read-models';
import { awsManagedPolicy } from '@orgs/shared/policy-engine';
import { readPage } from '../organizational-units/read-page';
import { managedPolicyView, managedSummaries, policyView, summaryOf } from './policy-views';
import type { EffectivePolicy, Policy, PolicySummary, PolicyTargetSummary } from './policy.types';

/** The caller's organization as the policy reads see it. */
export interface PolicyScope {
  db: TenantReadModels;
  tenantId: string;
  organizationId: string;
  rootId: string;
  rootArn: string;
}

const inOrganization = (scope: PolicyScope) => ({ tenantId: scope.tenantId, organizationId: scope.organizationId });
const notFound = (id: string) => new OrgsError('PolicyNotFoundException', `We can't find a policy with the ID ${id}.`);
const targetNotFound = (id: string) => new OrgsError('TargetNotFoundException', `We can't find a root, OU or account with the ID ${id}.`);

export async function describePolicy(scope: PolicyScope, policyId: string): Promise<Policy> {
  const managed = managedPolicyView(policyId);
  if (managed) return managed;
  const row = await scope.db.policy.findFirst({ where: { ...inOrganization(scope), id: policyId } });
  if (!row) throw notFound(policyId);
  return policyView(row as never);
}

/** AWS managed policies of the type first, then the organization's own in id order. */
export function listPolicies(scope: PolicyScope, type: PolicyType, page: PageRequest) {
  const managed = managedSummaries(type);
  return readPage(page, scope.tenantId, async (skip, take) => {
    const first = managed.slice(skip, skip + take);
    const rows = await scope.db.policy.findMany({ where: { ...inOrganization(scope), type }, orderBy: { id: 'asc' }, skip: Math.max(0, skip - managed.length), take: take - first.length });
    return [...first, ...rows.map((r) => summaryOf(r as never, false))];
  });
}

export async function targetKind(scope: PolicyScope, targetId: string): Promise<TargetType> {
  if (targetId === scope.rootId) return 'ROOT';
  const where = { ...inOrganization(scope), id: targetId };
  if (targetId.startsWith('ou-') && (await scope.db.organizationalUnit.count({ where })) > 0) return 'ORGANIZATIONAL_UNIT';
  if (/^\d{12}$/.test(targetId) && (await scope.db.account.count({ where })) > 0) return 'ACCOUNT';
  throw targetNotFound(targetId);
}

/** Direct attachments only, in attach order. */
export async function listPoliciesForTarget(scope: PolicyScope, targetId: string, type: PolicyType, page: PageRequest) {
  await targetKind(scope, targetId);
  return readPage(page, scope.tenantId, async (skip, take) => {
    const rows = await scope.db.policyAttachment.findMany({ where: { ...inOrganization(scope), targetId, policyType: type }, orderBy: { attachedPosition: 'asc' }, skip, take });
    const custom = await scope.db.policy.findMany({ where: { ...inOrganization(scope), id: { in: rows.map((r) => r.policyId) } } });
    return rows.map((r): PolicySummary => {
      const managed = awsManagedPolicy(r.policyId);
      return managed ? summaryOf(managed, true) : summaryOf(custom.find((c) => c.id === r.policyId) as never, false);
    });
  });
}

export async function listTargetsForPolicy(scope: PolicyScope, policyId: string, page: PageRequest) {
  await describePolicy(scope, policyId);
  return readPage(page, scope.tenantId, async (skip, take) => {
    const rows = await scope.db.policyAttachment.findMany({ where: { ...inOrganization(scope), policyId }, orderBy: { targetId: 'asc' }, skip, take });
    const ids = rows.map((r) => r.targetId);
    const [ous, accounts] = await Promise.all([
      scope.db.organizationalUnit.findMany({ where: { ...inOrganization(scope), id: { in: ids } }, select: { id: true, name: true, arn: true } }),
      scope.db.account.findMany({ where: { ...inOrganization(scope), id: { in: ids } }, select: { id: true, name: true, arn: true } }),
    ]);
    const named = new Map([...ous, ...accounts].map((t) => [t.id, t]));
    return rows.map((r): PolicyTargetSummary => ({ targetId: r.targetId, type: r.targetType as TargetType, name: r.targetType === 'ROOT' ? 'Root' : (named.get(r.targetId)?.name ?? ''), arn: r.targetType === 'ROOT' ? scope.rootArn : (named.get(r.targetId)?.arn ?? '') }));
  });
}

/** The ids on an account's path, root first. */
export const chainOf = (path: string) => path.split('/').filter((p) => p.length > 0).slice(1);

/** The deepest row on the account's chain: nodes without policies of the type of their own inherit it. */
export async function describeEffectivePolicy(scope: PolicyScope, policyType: EffectivePolicyType, targetId: string): Promise<EffectivePolicy> {
  if (!/^\d{12}$/.test(targetId)) throw invalidInput('TARGET_NOT_SUPPORTED', 'Effective policies are described for accounts only.');
  const account = await scope.db.account.findFirst({ where: { ...inOrganization(scope), id: targetId }, select: { path: true } });
  if (!account?.path) throw targetNotFound(targetId);
  const chain = chainOf(account.path);
  const rows = await scope.db.effectivePolicyNode.findMany({ where: { ...inOrganization(scope), policyType, targetId: { in: chain } } });
  const deepest = rows.sort((a, b) => chain.indexOf(b.targetId) - chain.indexOf(a.targetId))[0];
  if (!deepest) throw new OrgsError('EffectivePolicyNotFoundException', `No ${policyType} applies to account ${targetId}.`);
  return { policyContent: deepest.content, lastUpdatedTimestamp: deepest.updatedAt, targetId, policyType };
}
