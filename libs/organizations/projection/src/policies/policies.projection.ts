import { assertUnreachable, type PolicyType } from '@orgs/shared/kernel';
import { isManagementType } from '@orgs/shared/policy-engine';
import { sql, type ProjectionHandlers, type SqlText } from '@orgs/shared/projector';
import type { ReadModelTransaction } from '@orgs/shared/read-models';
import type { AccountEvent, AccountMovedEvent, PolicyEvent } from '@orgs/organizations/domain';
import { refreshEffectivePolicies, refreshEffectivePoliciesOfOrganization } from './effective-policies';

/** Policies, their attachments, the root's enabled types and the effective management policies. */
export const policyHandlers: ProjectionHandlers = {
  tables: ['policies', 'policy_attachments', 'effective_policy_nodes', 'policy_versions', 'roots'],
  eventTypes: new Set<PolicyEvent['type']>(['PolicyTypeEnabled', 'PolicyTypeDisabled', 'PolicyCreated', 'PolicyUpdated', 'PolicyDeleted', 'PolicyAttached', 'PolicyDetached']),
  apply: async (tx, recorded) => {
    const event = recorded as unknown as PolicyEvent;
    if (isPolicyTypeChange(event)) await applyPolicyTypeChange(tx, recorded.tenantId, event, recorded.position);
    else await tx.$executeRawUnsafe(policyRowStatement(recorded.tenantId, event, recorded.position, recorded.recordedAt).text);
    const type = affectedManagementType(event);
    if (type) await refreshEffectivePolicies(tx, recorded.tenantId, event.data.organizationId, type, recorded.recordedAt);
    await tx.$executeRawUnsafe(versionBump(recorded.tenantId, event.data.organizationId).text);
  },
  // A row that changes no effective policy (every new OU's FullAWSAccess attachment, say) needs no reading as it goes.
  sqlFor: (recorded) => {
    const event = recorded as unknown as PolicyEvent;
    if (isPolicyTypeChange(event) || affectedManagementType(event)) return null;
    return [policyRowStatement(recorded.tenantId, event, recorded.position, recorded.recordedAt), versionBump(recorded.tenantId, event.data.organizationId)];
  },
};

/** A moved account's effective policies merge from its new ancestors. */
export const accountMoveHandlers: ProjectionHandlers = {
  tables: ['effective_policy_nodes'],
  eventTypes: new Set(['AccountMoved'] satisfies AccountEvent['type'][]),
  apply: async (tx, recorded) => {
    const { organizationId, movedAt } = (recorded as unknown as AccountMovedEvent).data;
    await refreshEffectivePoliciesOfOrganization(tx, recorded.tenantId, organizationId, new Date(movedAt));
  },
};

function affectedManagementType(event: PolicyEvent): PolicyType | undefined {
  const type = event.type === 'PolicyCreated' || event.type === 'PolicyUpdated' ? event.data.policy.type : event.data.policyType;
  return event.type !== 'PolicyCreated' && event.type !== 'PolicyDeleted' && isManagementType(type) ? type : undefined;
}

type PolicyTypeChange = Extract<PolicyEvent, { type: 'PolicyTypeEnabled' | 'PolicyTypeDisabled' }>;

const isPolicyTypeChange = (event: PolicyEvent): event is PolicyTypeChange => event.type === 'PolicyTypeEnabled' || event.type === 'PolicyTypeDisabled';

/** Enabling or disabling a type reads the root's types as it goes (and attaches or drops that type's policies). */
async function applyPolicyTypeChange(tx: ReadModelTransaction, tenantId: string, event: PolicyTypeChange, position: bigint): Promise<void> {
  const { organizationId } = event.data;
  switch (event.type) {
    case 'PolicyTypeEnabled': {
      await setRootPolicyType(tx, tenantId, event.data.rootId, event.data.policyType, true);
      const { managedPolicyId: policyId, policyType } = event.data;
      if (!policyId) return;
      const data = event.data.attachedTo.map((t) => ({ tenantId, organizationId, policyId, policyType, ...t, attachedPosition: position }));
      await tx.policyAttachment.createMany({ data, skipDuplicates: true });
      return;
    }
    case 'PolicyTypeDisabled':
      await setRootPolicyType(tx, tenantId, event.data.rootId, event.data.policyType, false);
      await tx.policyAttachment.deleteMany({ where: { tenantId, organizationId, policyType: event.data.policyType } });
      await tx.effectivePolicyNode.deleteMany({ where: { tenantId, organizationId, policyType: event.data.policyType } });
      return;
    default:
      assertUnreachable(event);
  }
}

/** The one row a policy, or an attachment, event writes. */
function policyRowStatement(tenantId: string, event: Exclude<PolicyEvent, PolicyTypeChange>, position: bigint, at: Date): SqlText {
  const { organizationId } = event.data;
  switch (event.type) {
    case 'PolicyCreated': {
      const { id, arn, name, description, type, content } = event.data.policy;
      return sql`INSERT INTO policies (id, tenant_id, organization_id, arn, name, description, type, content, updated_at)
        VALUES (${id}, ${tenantId}::uuid, ${organizationId}, ${arn}, ${name}, ${description}, ${type}, ${content}, ${at})`;
    }
    case 'PolicyUpdated': {
      const { id, name, description, content } = event.data.policy;
      return sql`UPDATE policies SET name = ${name}, description = ${description}, content = ${content}, updated_at = ${at}
        WHERE tenant_id = ${tenantId}::uuid AND id = ${id}`;
    }
    case 'PolicyDeleted':
      return sql`DELETE FROM policies WHERE tenant_id = ${tenantId}::uuid AND id = ${event.data.policyId}`;
    case 'PolicyAttached': {
      const { policyId, policyType, targetId, targetType } = event.data;
      return sql`INSERT INTO policy_attachments (tenant_id, organization_id, policy_id, policy_type, target_id, target_type, attached_position)
        VALUES (${tenantId}::uuid, ${organizationId}, ${policyId}, ${policyType}, ${targetId}, ${targetType}, ${position})
        ON CONFLICT DO NOTHING`;
    }
    case 'PolicyDetached':
      return sql`DELETE FROM policy_attachments WHERE tenant_id = ${tenantId}::uuid AND target_id = ${event.data.targetId} AND policy_id = ${event.data.policyId}`;
    default:
      return assertUnreachable(event);
  }
}

const versionBump = (tenantId: string, organizationId: string) =>
  sql`INSERT INTO policy_versions (tenant_id, organization_id, version) VALUES (${tenantId}::uuid, ${organizationId}, 1)
    ON CONFLICT (tenant_id, organization_id) DO UPDATE SET version = policy_versions.version + 1`;

/** ListRoots shows the enabled types; the root row is the organization-lifecycle projection's, its policy_types ours. */
async function setRootPolicyType(tx: ReadModelTransaction, tenantId: string, rootId: string, type: PolicyType, enabled: boolean): Promise<void> {
  const root = await tx.root.findFirst({ where: { tenantId, id: rootId }, select: { policyTypes: true } });
  if (!root) return;
  const others = (root.policyTypes as { type: string; status: string }[]).filter((p) => p.type !== type);
  await tx.root.updateMany({ where: { tenantId, id: rootId }, data: { policyTypes: enabled ? [...others, { type, status: 'ENABLED' }] : others } });
}
