import { Injectable } from '@nestjs/common';
import type { PolicyType } from '@orgs/shared/kernel';
import {
  awsManagedPolicy,
  compilePolicy,
  parseIamPolicy,
  type AuthorizationPolicyType,
  type CompiledPolicy,
  type OrganizationView,
  type PolicyLevel,
  type PolicyTargetType,
} from '@orgs/shared/policy-engine';
import type { TenantReadModels } from '@orgs/shared/read-models';
import { chainOf } from './policy-queries';

interface CompiledChains {
  version: bigint;
  path: string;
  chains: Partial<Record<AuthorizationPolicyType, PolicyLevel[]>>;
}

export interface SimulationScope {
  db: TenantReadModels;
  tenantId: string;
  organizationId: string;
  managementAccountId: string;
  enabledTypes: readonly PolicyType[];
}

const AUTHORIZATION_TYPES: AuthorizationPolicyType[] = ['SERVICE_CONTROL_POLICY', 'RESOURCE_CONTROL_POLICY'];
const LIMIT = 50_000;

/**
 * The SCP and RCP chains of each account, compiled once and kept until the organization's policy
 * version moves (the projector bumps it on every policy event) or the account moves (its path
 * changes): a simulation then costs two indexed reads and a pass over precompiled matchers.
 */
@Injectable()
export class AccessSimulator {
  private readonly chains = new Map<string, CompiledChains>();
  private readonly policies = new Map<string, CompiledPolicy>();

  async organizationView(scope: SimulationScope, accountIds: string[]): Promise<OrganizationView> {
    const [versionRow, accounts] = await Promise.all([
      scope.db.policyVersion.findFirst({ where: { tenantId: scope.tenantId, organizationId: scope.organizationId }, select: { version: true } }),
      scope.db.account.findMany({ where: { tenantId: scope.tenantId, organizationId: scope.organizationId, id: { in: accountIds } }, select: { id: true, path: true } }),
    ]);
    const version = versionRow?.version ?? 0n;
    const compiled = new Map<string, CompiledChains>();
    for (const account of accounts) compiled.set(account.id, await this.chainsOf(scope, account.id, account.path ?? '', version));
    return {
      organizationId: scope.organizationId,
      managementAccountId: scope.managementAccountId,
      isMember: (id) => compiled.has(id),
      chain: (id, type) => (scope.enabledTypes.includes(type) ? compiled.get(id)?.chains[type] : undefined),
    };
  }

  private async chainsOf(scope: SimulationScope, accountId: string, path: string, version: bigint): Promise<CompiledChains> {
    const key = `${scope.tenantId}/${accountId}`;
    const cached = this.chains.get(key);
    if (cached && cached.version === version && cached.path === path) return cached;
    const ids = chainOf(path);
    const rows = await scope.db.policyAttachment.findMany({
      where: { tenantId: scope.tenantId, organizationId: scope.organizationId, targetId: { in: ids }, policyType: { in: AUTHORIZATION_TYPES } },
      orderBy: { attachedPosition: 'asc' },
    });
    const custom = await scope.db.policy.findMany({ where: { tenantId: scope.tenantId, id: { in: rows.map((r) => r.policyId).filter((id) => !awsManagedPolicy(id)) } } });
    const chains: CompiledChains['chains'] = {};
    for (const type of AUTHORIZATION_TYPES) {
      chains[type] = ids.map((targetId, i) => ({
        targetId,
        targetType: (i === 0 ? 'ROOT' : i === ids.length - 1 ? 'ACCOUNT' : 'ORGANIZATIONAL_UNIT') as PolicyTargetType,
        policies: rows.filter((r) => r.targetId === targetId && r.policyType === type).map((r) => this.compiled(r.policyId, custom)),
      }));
    }
    const entry = { version, path, chains };
    if (this.chains.size > LIMIT) this.chains.clear();
    this.chains.set(key, entry);
    return entry;
  }

  private compiled(policyId: string, custom: { id: string; name: string; content: string; type: string }[]): CompiledPolicy {
    const managed = awsManagedPolicy(policyId);
    const source = managed ?? custom.find((p) => p.id === policyId)!;
    const key = `${policyId}\u0000${source.content}`;
    let policy = this.policies.get(key);
    if (!policy) {
      // The managed RCP is the one Allow with Principal "*"; customer documents were validated when created.
      const kind = managed?.type === 'RESOURCE_CONTROL_POLICY' ? 'RESOURCE_BASED' : source.type === 'RESOURCE_CONTROL_POLICY' ? 'RESOURCE_CONTROL_POLICY' : 'SERVICE_CONTROL_POLICY';
      policy = compilePolicy(policyId, source.name, parseIamPolicy(source.content, kind));
      if (this.policies.size > LIMIT) this.policies.clear();
      this.policies.set(key, policy);
    }
    return policy;
  }
}
