import { Args, Query, Resolver } from '@nestjs/graphql';
import { accessDenied, assertValidInput, invalidInput, OrgsError, type PolicyType } from '@orgs/shared/kernel';
import { CurrentPrincipal, type Principal } from '@orgs/shared/nest';
import {
  awsManagedPolicy,
  previewPolicyChange,
  resourceAccountOf,
  validatePolicyContent,
  type AuthorizationPolicyType,
  type PolicyChange,
  type PreviewRequest,
} from '@orgs/shared/policy-engine';
import type { AccessSampleRequest } from '@orgs/organizations/domain';
import { OrganizationReads, type CallersOrganization } from '../organization-reads.service';
import { AccessSimulator, compileAuthorizationPolicy, type SimulationScope } from './access-simulator.service';
import { PolicyChangeKind, PreviewPolicyChangeInput, PreviewPolicyChangeResponse, type PolicyChangeInput } from './access-sample.types';
import { targetKind } from './policy-queries';
import { accessRequestOf } from './simulate-access.resolver';
import type { SimulateAccessInput } from './simulation.types';

const token = { nullable: true, type: () => String };
const AUTHORIZATION: readonly string[] = ['SERVICE_CONTROL_POLICY', 'RESOURCE_CONTROL_POLICY'];

interface Labelled {
  label: string;
  sampleId?: string;
  input: SimulateAccessInput;
}

/** Our own operation: before a policy change, which requests in which accounts it would turn around, and why. */
@Resolver()
export class PreviewPolicyChangeResolver {
  constructor(
    private readonly reads: OrganizationReads,
    private readonly simulator: AccessSimulator,
  ) {}

  @Query(() => PreviewPolicyChangeResponse)
  async previewPolicyChange(@CurrentPrincipal() principal: Principal, @Args('input') input: PreviewPolicyChangeInput, @Args('consistencyToken', token) consistencyToken?: string | null): Promise<PreviewPolicyChangeResponse> {
    assertValidInput('PolicyId', 'policyId', input.change.policyId);
    if (input.change.targetId != null) assertValidInput('PolicyTargetId', 'targetId', input.change.targetId);
    const caller = await this.reads.callersOrganization(principal, consistencyToken);
    if (!caller.isManagementAccount) throw accessDenied('Only the management account can preview policy changes.');
    const now = new Date();
    const requests = await this.requestsOf(principal, caller, input.requests);
    const built = requests.map((r) => ({ ...r, request: accessRequestOf(r.input, now) }));
    const scope = this.scopeOf(principal, caller);
    const change = await this.changeOf(scope, caller, input.change);
    const accounts = [...new Set(built.flatMap((r) => [r.input.accountId, r.request.principal.accountId, resourceAccountOf(r.request)]).filter((id): id is string => !!id))];
    const view = await this.simulator.organizationView(scope, accounts);
    const replayed: (PreviewRequest & { sampleId?: string })[] = built.filter((r) => view.isMember(r.input.accountId)).map((r) => ({ accountId: r.input.accountId, label: r.label, sampleId: r.sampleId, request: r.request }));
    const skipped = built.filter((r) => !view.isMember(r.input.accountId)).map((r) => r.label);
    const preview = previewPolicyChange(replayed, view, change);
    const sampleIds = new Map(replayed.map((r) => [r.label, r.sampleId]));
    return { preview: { evaluated: preview.evaluated, skipped, changed: preview.changed.map((c) => ({ ...c, sampleId: sampleIds.get(c.label) ?? null })) } };
  }

  private scopeOf(principal: Principal, caller: CallersOrganization): SimulationScope {
    const enabledTypes = (caller.root.policyTypes as { type: PolicyType; status: string }[]).filter((p) => p.status === 'ENABLED').map((p) => p.type);
    return { db: caller.db, tenantId: principal.tenantId, organizationId: caller.organization.id, managementAccountId: caller.organization.masterAccountId, enabledTypes };
  }

  /** The requests given, or else the recorded samples, oldest first. */
  private async requestsOf(principal: Principal, caller: CallersOrganization, given: SimulateAccessInput[] | null | undefined): Promise<Labelled[]> {
    if (given) {
      given.forEach((r) => assertValidInput('AccountId', 'accountId', r.accountId));
      return given.map((r, i) => ({ label: `requests[${i}]`, input: r }));
    }
    const rows = await caller.db.accessSample.findMany({ where: { tenantId: principal.tenantId, organizationId: caller.organization.id }, orderBy: [{ recordedAt: 'asc' }, { id: 'asc' }] });
    return rows.map((row) => ({ label: row.name, sampleId: row.id, input: row.request as unknown as AccessSampleRequest }));
  }

  /**
   * The change as the engine takes it, refused as AttachPolicy, DetachPolicy or UpdatePolicy would
   * refuse it for what it names; the per-node attachment counts are not checked, so the second half
   * of an allow-list move (detaching FullAWSAccess once the replacement is attached) previews alone.
   */
  private async changeOf(scope: SimulationScope, caller: CallersOrganization, change: PolicyChangeInput): Promise<PolicyChange> {
    const policy = await this.policyOf(scope, change.policyId);
    if (!AUTHORIZATION.includes(policy.type)) throw invalidInput('INVALID_ENUM_POLICY_TYPE', 'Only changes to SCPs and RCPs change access decisions.');
    const policyType = policy.type as AuthorizationPolicyType;
    if (change.kind === PolicyChangeKind.UPDATE) {
      if (change.content == null) throw invalidInput('INPUT_REQUIRED', 'UPDATE needs the proposed content.');
      if (awsManagedPolicy(policy.id)) throw invalidInput('IMMUTABLE_POLICY', `${policy.name} is an AWS managed policy: it cannot be changed.`);
      validatePolicyContent(policy.type as PolicyType, change.content);
      return { kind: 'UPDATE', policyType, policy: compileAuthorizationPolicy(policy.id, policy.name, policy.type, change.content) };
    }
    if (change.targetId == null) throw invalidInput('INPUT_REQUIRED', `${change.kind} needs a targetId.`);
    const targetId = change.targetId;
    await targetKind({ db: scope.db, tenantId: scope.tenantId, organizationId: scope.organizationId, rootId: caller.root.id, rootArn: caller.root.arn }, targetId);
    const attached = (await scope.db.policyAttachment.count({ where: { tenantId: scope.tenantId, organizationId: scope.organizationId, targetId, policyId: policy.id } })) > 0;
    if (change.kind === PolicyChangeKind.DETACH) {
      if (!attached) throw new OrgsError('PolicyNotAttachedException', `Policy ${policy.id} is not attached directly to ${targetId}.`);
      if (awsManagedPolicy(policy.id)?.detachable === false) throw invalidInput('NON_DETACHABLE_POLICY', `${policy.name} cannot be detached.`);
      return { kind: 'DETACH', policyType, targetId, policyId: policy.id };
    }
    if (!scope.enabledTypes.includes(policyType)) throw new OrgsError('PolicyTypeNotEnabledException', `${policyType} is not enabled in the root: enable it first.`);
    if (attached) throw new OrgsError('DuplicatePolicyAttachmentException', `Policy ${policy.id} is already attached to ${targetId}.`);
    return { kind: 'ATTACH', policyType, targetId, policy: this.simulator.compiled(policy.id, [policy]) };
  }

  private async policyOf(scope: SimulationScope, policyId: string): Promise<{ id: string; name: string; type: string; content: string }> {
    const managed = awsManagedPolicy(policyId);
    if (managed) return managed;
    const row = await scope.db.policy.findFirst({ where: { tenantId: scope.tenantId, organizationId: scope.organizationId, id: policyId }, select: { id: true, name: true, type: true, content: true } });
    if (!row) throw new OrgsError('PolicyNotFoundException', `We can't find a policy with the ID ${policyId}.`);
    return row;
  }
}
