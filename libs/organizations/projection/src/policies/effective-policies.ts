import type { PolicyType } from '@orgs/shared/kernel';
import { emptyMergeState, mergeLevel, parseManagementPolicy, type MergeState } from '@orgs/shared/policy-engine';
import type { ReadModelTransaction } from '@orgs/shared/read-models';

/** The ids on a path `o-.../r-.../ou-.../<id>/`, root first (the organization id dropped). */
export const chainOfPath = (path: string) => path.split('/').filter((part) => part.length > 0).slice(1);

interface NodePolicies {
  targetId: string;
  chain: string[];
  contents: string[];
}

/**
 * Rebuilds the effective policies of one management type in one organization. Only nodes with
 * policies of the type attached directly get a row; every other node inherits its nearest
 * ancestor's, so a change at the root costs one merge per node that has its own policies, not
 * one per account (an organization may have 10,000 accounts and 2,000 OUs).
 */
export async function refreshEffectivePolicies(tx: ReadModelTransaction, tenantId: string, organizationId: string, policyType: PolicyType, at: Date): Promise<void> {
  const nodes = await nodesWithPolicies(tx, tenantId, organizationId, policyType);
  const states = new Map<string, MergeState>();
  const rows = [];
  for (const node of nodes.sort((a, b) => a.chain.length - b.chain.length)) {
    const ancestor = node.chain.slice(0, -1).reverse().find((id) => states.has(id));
    const state = mergeLevel(ancestor ? states.get(ancestor)! : emptyMergeState(), node.contents.map((c) => parseManagementPolicy(c, policyType)));
    states.set(node.targetId, state);
    rows.push({ tenantId, organizationId, targetId: node.targetId, policyType, mergeState: state as object, content: JSON.stringify(state.values), updatedAt: at });
  }
  await tx.effectivePolicyNode.deleteMany({ where: { tenantId, organizationId, policyType } });
  if (rows.length > 0) await tx.effectivePolicyNode.createMany({ data: rows });
}

/** Each target with attachments of the type, its place in the tree and its policies in attach order. */
async function nodesWithPolicies(tx: ReadModelTransaction, tenantId: string, organizationId: string, policyType: PolicyType): Promise<NodePolicies[]> {
  const rows = await tx.$queryRaw<{ target_id: string; path: string | null; content: string }[]>`
    SELECT a.target_id, COALESCE(ou.path, acc.path, o.id || '/' || a.target_id || '/') AS path, p.content
      FROM policy_attachments a
      JOIN policies p ON p.tenant_id = a.tenant_id AND p.id = a.policy_id
      JOIN organizations o ON o.tenant_id = a.tenant_id AND o.id = a.organization_id
      LEFT JOIN organizational_units ou ON ou.tenant_id = a.tenant_id AND ou.id = a.target_id
      LEFT JOIN accounts acc ON acc.tenant_id = a.tenant_id AND acc.id = a.target_id AND acc.organization_id = a.organization_id
     WHERE a.tenant_id = ${tenantId}::uuid AND a.organization_id = ${organizationId} AND a.policy_type = ${policyType}
     ORDER BY a.target_id, a.attached_position`;
  const byTarget = new Map<string, NodePolicies>();
  for (const row of rows) {
    const node = byTarget.get(row.target_id) ?? { targetId: row.target_id, chain: chainOfPath(row.path ?? ''), contents: [] };
    node.contents.push(row.content);
    byTarget.set(row.target_id, node);
  }
  return [...byTarget.values()];
}

/** After an account moves, the types whose effective policies it or its new ancestors shape are rebuilt. */
export async function refreshEffectivePoliciesOfOrganization(tx: ReadModelTransaction, tenantId: string, organizationId: string, at: Date): Promise<void> {
  const types = await tx.effectivePolicyNode.findMany({ where: { tenantId, organizationId }, distinct: ['policyType'], select: { policyType: true } });
  for (const { policyType } of types) await refreshEffectivePolicies(tx, tenantId, organizationId, policyType as PolicyType, at);
}
