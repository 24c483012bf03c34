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
import type { Principal } from '@orgs/shared/nest';
import { InvalidatedCache, ReadModelChanges } from '@orgs/shared/projector';
import type { TenantReadModels } from '@orgs/shared/read-models';
import { LRUCache } from 'lru-cache';
import type { CallersOrganization } from '../organization-reads.service';
import { chainOf } from './policy-queries';

type CompiledChains = Partial<Record<AuthorizationPolicyType, PolicyLevel[]>>;

/** What a simulation needs to know of its caller's organization (orgs_callers_organization, kept). */
export interface SimulationCaller {
  organizationId: string;
  managementAccountId: string;
  isManagementAccount: boolean;
  enabledTypes: PolicyType[];
}

/** One organization's compiled chains and callers, filled account by account as simulations ask for them. */
interface OrganizationChains {
  accounts: Map<string, CompiledChains>;
  callers: Map<string, SimulationCaller>;
}

export interface SimulationScope {
  db: TenantReadModels;
  tenantId: string;
  organizationId: string;
  managementAccountId: string;
  enabledTypes: readonly PolicyType[];
}

const AUTHORIZATION_TYPES: AuthorizationPolicyType[] = ['SERVICE_CONTROL_POLICY', 'RESOURCE_CONTROL_POLICY'];
const MAX_ACCOUNTS_PER_ORGANIZATION = 20_000;
const MAX_COMPILED_POLICIES = 50_000;

/**
 * The SCP and RCP chains of each account, compiled once and kept in memory until the projector
 * announces (`policy-chains:<tenant>/<organization>`, see the projection's policy-chain-changes)
 * that a policy event, a move or a departure changed them: a simulation in the steady state reads
 * nothing from the database but the caller's organization.
 */
@Injectable()
export class AccessSimulator {
  private readonly organizations: InvalidatedCache<OrganizationChains>;
  private readonly policies = new Map<string, CompiledPolicy>();
  /** Which organization each caller (`tenant/account`) was last found in. */
  private readonly callerOrganizations = new LRUCache<string, string>({ max: 100_000 });
  /** Moves on every announcement: a caller looked up across one is not kept. */
  private generation = 0;

  constructor(changes: ReadModelChanges) {
    this.organizations = new InvalidatedCache<OrganizationChains>(changes, { kind: 'policy-chains', max: 10_000, ttlMs: 10 * 60_000 });
    changes.subscribe('policy-chains', () => this.generation++);
  }

  /**
   * The caller's organization, from memory while its entry stands: an account that leaves, a policy
   * type switched or any policy event drops the entry (the announcement), so a kept caller is one
   * still in that organization with those types enabled. `load` is OrganizationReads.callersOrganization.
   */
  async caller(principal: Principal, load: () => Promise<CallersOrganization>): Promise<SimulationCaller> {
    const pointer = `${principal.tenantId}/${principal.accountId}`;
    const known = this.callerOrganizations.get(pointer);
    const cached = known ? (await this.organizations.get(known, async () => null))?.callers.get(principal.accountId) : undefined;
    if (cached) return cached;
    const generation = this.generation;
    const { organization, root, isManagementAccount } = await load();
    const enabledTypes = (root.policyTypes as { type: PolicyType; status: string }[]).filter((p) => p.status === 'ENABLED').map((p) => p.type);
    const caller = { organizationId: organization.id, managementAccountId: organization.masterAccountId, isManagementAccount, enabledTypes };
    if (generation === this.generation) {
      const key = `${principal.tenantId}/${organization.id}`;
      (await this.entry(key)).callers.set(principal.accountId, caller);
      this.callerOrganizations.set(pointer, key);
    }
    return caller;
  }

  private async entry(key: string): Promise<OrganizationChains> {
    return (await this.organizations.get(key, async () => ({ accounts: new Map(), callers: new Map() }))) as OrganizationChains;
  }

  async organizationView(scope: SimulationScope, accountIds: string[]): Promise<OrganizationView> {
    const organization = await this.entry(`${scope.tenantId}/${scope.organizationId}`);
    const missing = accountIds.filter((id) => !organization.accounts.has(id));
    if (missing.length > 0) await this.load(scope, organization, missing);
    const compiled = organization.accounts;
    return {
      organizationId: scope.organizationId,
      managementAccountId: scope.managementAccountId,
      isMember: (id) => compiled.has(id),
      chain: (id, type) => (scope.enabledTypes.includes(type) ? compiled.get(id)?.[type] : undefined),
    };
  }

  /**
   * Accounts not in the organization are not kept (they may join). A load that overlaps an
   * announcement fills an entry the cache has already let go of, so it is never read again.
   */
  private async load(scope: SimulationScope, organization: OrganizationChains, accountIds: string[]): Promise<void> {
    const accounts = await scope.db.account.findMany({ where: { tenantId: scope.tenantId, organizationId: scope.organizationId, id: { in: accountIds } }, select: { id: true, path: true } });
    if (organization.accounts.size + accounts.length > MAX_ACCOUNTS_PER_ORGANIZATION) organization.accounts.clear();
    for (const account of accounts) organization.accounts.set(account.id, await this.chainsOf(scope, account.path ?? ''));
  }

  private async chainsOf(scope: SimulationScope, path: string): Promise<CompiledChains> {
    const ids = chainOf(path);
    const rows = await scope.db.policyAttachment.findMany({
      where: { tenantId: scope.tenantId, organizationId: scope.organizationId, targetId: { in: ids }, policyType: { in: AUTHORIZATION_TYPES } },
      orderBy: { attachedPosition: 'asc' },
    });
    const custom = await scope.db.policy.findMany({ where: { tenantId: scope.tenantId, id: { in: rows.map((r) => r.policyId).filter((id) => !awsManagedPolicy(id)) } } });
    const chains: CompiledChains = {};
    for (const type of AUTHORIZATION_TYPES) {
      chains[type] = ids.map((targetId, i) => ({
        targetId,
        targetType: (i === 0 ? 'ROOT' : i === ids.length - 1 ? 'ACCOUNT' : 'ORGANIZATIONAL_UNIT') as PolicyTargetType,
        policies: rows.filter((r) => r.targetId === targetId && r.policyType === type).map((r) => this.compiled(r.policyId, custom)),
      }));
    }
    return chains;
  }

  /** A policy compiled once per content (an update compiles the new text). */
  compiled(policyId: string, custom: { id: string; name: string; content: string; type: string }[]): CompiledPolicy {
    const managed = awsManagedPolicy(policyId);
    const source = managed ?? custom.find((p) => p.id === policyId)!;
    const key = `${policyId}\u0000${source.name}\u0000${source.content}`;
    let policy = this.policies.get(key);
    if (!policy) {
      policy = compileAuthorizationPolicy(policyId, source.name, source.type, source.content, managed !== undefined);
      if (this.policies.size > MAX_COMPILED_POLICIES) this.policies.clear();
      this.policies.set(key, policy);
    }
    return policy;
  }
}

/** The managed RCP is the one Allow with Principal "*"; customer documents were validated when created. */
export function compileAuthorizationPolicy(policyId: string, name: string, type: string, content: string, awsManaged = false): CompiledPolicy {
  const kind = awsManaged && type === 'RESOURCE_CONTROL_POLICY' ? 'RESOURCE_BASED' : type === 'RESOURCE_CONTROL_POLICY' ? 'RESOURCE_CONTROL_POLICY' : 'SERVICE_CONTROL_POLICY';
  return compilePolicy(policyId, name, parseIamPolicy(content, kind));
}
