import { Args, Int, Query, Resolver } from '@nestjs/graphql';
import { assertValidInput, type EffectivePolicyType, type PolicyType } from '@orgs/shared/kernel';
import { CurrentPrincipal, readPageRequest, type Principal } from '@orgs/shared/nest';
import { onPolicy, onResource } from '../delegated-reads';
import { OrganizationReads, type CallersOrganization, type DelegatedReadRequest } from '../organization-reads.service';
import { OrganizationHistory } from '../time-travel/organization-history.service';
import { asOfArg, type AsOfInput } from '../time-travel/as-of.input';
import { pastAnswers } from '../time-travel/past-answers';
import { PolicyTypeEnum } from '../organization-lifecycle/organization.types';
import { describeEffectivePolicy, describePolicy, listPolicies, listPoliciesForTarget, listTargetsForPolicy, type PolicyScope } from './policy-queries';
import { listTagPolicyViolations, ListTagPolicyViolationsResponse } from './tag-policy-violations';
import { DescribeEffectivePolicyResponse, DescribePolicyResponse, EffectivePolicyTypeEnum, ListPoliciesResponse, ListTargetsForPolicyResponse } from './policy.types';

const token = { nullable: true, type: () => String };
const max = { nullable: true, type: () => Int };

/** DescribePolicy, ListPolicies, ListPoliciesForTarget, ListTargetsForPolicy, DescribeEffectivePolicy. */
@Resolver()
export class PolicyQueriesResolver {
  constructor(
    private readonly reads: OrganizationReads,
    private readonly history: OrganizationHistory,
  ) {}

  @Query(() => DescribePolicyResponse)
  async describePolicy(@CurrentPrincipal() principal: Principal, @Args('policyId') policyId: string, @Args('consistencyToken', token) consistencyToken?: string | null): Promise<DescribePolicyResponse> {
    assertValidInput('PolicyId', 'policyId', policyId);
    return { policy: await describePolicy(await this.scope(principal, consistencyToken, 'DescribePolicy', onPolicy(policyId)), policyId) };
  }

  @Query(() => ListPoliciesResponse)
  async listPolicies(
    @CurrentPrincipal() principal: Principal,
    @Args('filter', { type: () => PolicyTypeEnum }) filter: PolicyType,
    @Args('maxResults', max) maxResults?: number | null,
    @Args('nextToken', token) nextToken?: string | null,
    @Args('consistencyToken', token) consistencyToken?: string | null,
  ): Promise<ListPoliciesResponse> {
    assertValidInput('PolicyType', 'filter', filter);
    readPageRequest({ maxResults, nextToken }, principal.tenantId);
    const scope = await this.scope(principal, consistencyToken, 'ListPolicies', () => ({ context: { 'organizations:PolicyType': filter } }));
    const page = await listPolicies(scope, filter, { maxResults, nextToken });
    return { policies: page.items, nextToken: page.nextToken };
  }

  @Query(() => ListPoliciesResponse)
  async listPoliciesForTarget(
    @CurrentPrincipal() principal: Principal,
    @Args('targetId') targetId: string,
    @Args('filter', { type: () => PolicyTypeEnum }) filter: PolicyType,
    @Args('maxResults', max) maxResults?: number | null,
    @Args('nextToken', token) nextToken?: string | null,
    @Args('consistencyToken', token) consistencyToken?: string | null,
    @Args('asOf', asOfArg) asOf?: AsOfInput | null,
  ): Promise<ListPoliciesResponse> {
    assertValidInput('PolicyTargetId', 'targetId', targetId);
    assertValidInput('PolicyType', 'filter', filter);
    readPageRequest({ maxResults, nextToken }, principal.tenantId);
    const page = asOf
      ? pastAnswers.listPoliciesForTarget(await this.history.stateAsOf(principal, asOf, 'management'), targetId, filter, { maxResults, nextToken }, principal.tenantId)
      : await listPoliciesForTarget(
          await this.scope(principal, consistencyToken, 'ListPoliciesForTarget', onResource(targetId, { 'organizations:PolicyType': filter })),
          targetId,
          filter,
          { maxResults, nextToken },
        );
    return { policies: page.items, nextToken: page.nextToken };
  }

  @Query(() => ListTargetsForPolicyResponse)
  async listTargetsForPolicy(
    @CurrentPrincipal() principal: Principal,
    @Args('policyId') policyId: string,
    @Args('maxResults', max) maxResults?: number | null,
    @Args('nextToken', token) nextToken?: string | null,
    @Args('consistencyToken', token) consistencyToken?: string | null,
    @Args('asOf', asOfArg) asOf?: AsOfInput | null,
  ): Promise<ListTargetsForPolicyResponse> {
    assertValidInput('PolicyId', 'policyId', policyId);
    readPageRequest({ maxResults, nextToken }, principal.tenantId);
    const page = asOf
      ? pastAnswers.listTargetsForPolicy(await this.history.stateAsOf(principal, asOf, 'management'), policyId, { maxResults, nextToken }, principal.tenantId)
      : await listTargetsForPolicy(await this.scope(principal, consistencyToken, 'ListTargetsForPolicy', onPolicy(policyId)), policyId, { maxResults, nextToken });
    return { targets: page.items, nextToken: page.nextToken };
  }

  /** Any account of the organization asks about itself; the management account about any account. */
  @Query(() => DescribeEffectivePolicyResponse)
  async describeEffectivePolicy(
    @CurrentPrincipal() principal: Principal,
    @Args('policyType', { type: () => EffectivePolicyTypeEnum }) policyType: EffectivePolicyType,
    @Args('targetId', token) targetId?: string | null,
    @Args('consistencyToken', token) consistencyToken?: string | null,
  ): Promise<DescribeEffectivePolicyResponse> {
    assertValidInput('EffectivePolicyType', 'policyType', policyType);
    if (targetId != null) assertValidInput('PolicyTargetId', 'targetId', targetId);
    const target = targetId ?? principal.accountId;
    const scope = await this.scope(principal, consistencyToken, 'DescribeEffectivePolicy', onResource(target, { 'organizations:PolicyType': policyType }), target === principal.accountId);
    return { effectivePolicy: await describeEffectivePolicy(scope, policyType, target) };
  }

  /** Our own operation: what in the organization (at or below the target) breaks its effective tag policy. */
  @Query(() => ListTagPolicyViolationsResponse)
  async listTagPolicyViolations(
    @CurrentPrincipal() principal: Principal,
    @Args('targetId') targetId: string,
    @Args('maxResults', max) maxResults?: number | null,
    @Args('nextToken', token) nextToken?: string | null,
    @Args('consistencyToken', token) consistencyToken?: string | null,
  ): Promise<ListTagPolicyViolationsResponse> {
    assertValidInput('PolicyTargetId', 'targetId', targetId);
    readPageRequest({ maxResults, nextToken }, principal.tenantId);
    const scope = await this.scope(principal, consistencyToken, 'ListTagPolicyViolations', onResource(targetId));
    const page = await listTagPolicyViolations(scope, targetId, { maxResults, nextToken });
    return { violations: page.items, nextToken: page.nextToken };
  }

  /**
   * Policies are read by the management account, delegated administrators (AWS opens these reads
   * to them) and members the delegation policy allows for the policy or target read.
   */
  private async scope(
    principal: Principal,
    consistencyToken: string | null | undefined,
    operation: string,
    request: (caller: CallersOrganization) => DelegatedReadRequest | Promise<DelegatedReadRequest>,
    memberMayAsk = false,
  ): Promise<PolicyScope> {
    const { db, organization, root } = await this.reads.organizationReader(principal, consistencyToken, operation, memberMayAsk, request);
    return { db, tenantId: principal.tenantId, organizationId: organization.id, rootId: root.id, rootArn: root.arn };
  }
}

