import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { assertValidInput, newPolicyId, OrgsError } from '@orgs/shared/kernel';
import { CurrentPrincipal, encodeConsistencyToken, Writes, type Principal } from '@orgs/shared/nest';
import { assertValidTags, policyIdClaims, type OrganizationState, type PolicyCreated } from '@orgs/organizations/domain';
import { OrganizationCommands, type OrganizationResult } from '../organization-commands.service';
import { tagsOf } from '../tags/tag.types';
import { policyView } from './policy-views';
import {
  CreatePolicyInput,
  PolicyAttachmentInput,
  PolicyChangeResponse,
  PolicyIdInput,
  PolicyResponse,
  PolicyTypeInput,
  PolicyTypeResponse,
  UpdatePolicyInput,
} from './policy.types';

const done = (result: OrganizationResult) => ({ consistencyToken: encodeConsistencyToken(result.checkpoint) });

function rootOf(state: OrganizationState, arn: string) {
  const root = state.root as NonNullable<OrganizationState['root']>;
  return { id: root.id, arn, name: root.name, policyTypes: root.policyTypes };
}

const rootArn = (state: OrganizationState) => `arn:aws:organizations::${state.managementAccountId}:root/${state.organizationId}/${state.root?.id}`;

/** CreatePolicy, UpdatePolicy, DeletePolicy, AttachPolicy, DetachPolicy, EnablePolicyType, DisablePolicyType. */
@Resolver()
export class PolicyCommandsResolver {
  constructor(private readonly commands: OrganizationCommands) {}

  @Writes()
  @Mutation(() => PolicyResponse)
  async createPolicy(@CurrentPrincipal() principal: Principal, @Args('input') input: CreatePolicyInput): Promise<PolicyResponse> {
    assertValidInput('PolicyContent', 'content', input.content);
    assertValidInput('PolicyDescription', 'description', input.description);
    assertValidInput('PolicyName', 'name', input.name);
    assertValidInput('PolicyType', 'type', input.type);
    const tags = tagsOf(input.tags);
    assertValidTags(tags);
    const { content, description, name, type } = input;
    const result = await this.commands.execute(principal, () => ({ type: 'CreatePolicy', data: { policyId: newPolicyId(), name, description, type, content, tags } }), {
      reservations: policyIdClaims,
    });
    const created = result.events.find((e): e is PolicyCreated => e.type === 'PolicyCreated');
    if (!created) throw new OrgsError('ConcurrentModificationException', 'The policy was not created. Try again.', undefined, true);
    return { policy: policyView(created.data.policy), ...done(result) };
  }

  @Writes()
  @Mutation(() => PolicyResponse)
  async updatePolicy(@CurrentPrincipal() principal: Principal, @Args('input') input: UpdatePolicyInput): Promise<PolicyResponse> {
    assertValidInput('PolicyId', 'policyId', input.policyId);
    if (input.name != null) assertValidInput('PolicyName', 'name', input.name);
    if (input.description != null) assertValidInput('PolicyDescription', 'description', input.description);
    if (input.content != null) assertValidInput('PolicyContent', 'content', input.content);
    const data = { policyId: input.policyId, name: input.name ?? undefined, description: input.description ?? undefined, content: input.content ?? undefined };
    const result = await this.commands.execute(principal, { type: 'UpdatePolicy', data });
    return { policy: policyView(result.state.policies[input.policyId]), ...done(result) };
  }

  @Writes()
  @Mutation(() => PolicyChangeResponse)
  async deletePolicy(@CurrentPrincipal() principal: Principal, @Args('input') input: PolicyIdInput): Promise<PolicyChangeResponse> {
    assertValidInput('PolicyId', 'policyId', input.policyId);
    return done(await this.commands.execute(principal, { type: 'DeletePolicy', data: { policyId: input.policyId } }));
  }

  @Writes()
  @Mutation(() => PolicyChangeResponse)
  async attachPolicy(@CurrentPrincipal() principal: Principal, @Args('input') input: PolicyAttachmentInput): Promise<PolicyChangeResponse> {
    assertValidInput('PolicyId', 'policyId', input.policyId);
    assertValidInput('PolicyTargetId', 'targetId', input.targetId);
    return done(await this.commands.execute(principal, { type: 'AttachPolicy', data: { policyId: input.policyId, targetId: input.targetId } }));
  }

  @Writes()
  @Mutation(() => PolicyChangeResponse)
  async detachPolicy(@CurrentPrincipal() principal: Principal, @Args('input') input: PolicyAttachmentInput): Promise<PolicyChangeResponse> {
    assertValidInput('PolicyId', 'policyId', input.policyId);
    assertValidInput('PolicyTargetId', 'targetId', input.targetId);
    return done(await this.commands.execute(principal, { type: 'DetachPolicy', data: { policyId: input.policyId, targetId: input.targetId } }));
  }

  @Writes()
  @Mutation(() => PolicyTypeResponse)
  async enablePolicyType(@CurrentPrincipal() principal: Principal, @Args('input') input: PolicyTypeInput): Promise<PolicyTypeResponse> {
    return this.policyType(principal, input, 'EnablePolicyType');
  }

  @Writes()
  @Mutation(() => PolicyTypeResponse)
  async disablePolicyType(@CurrentPrincipal() principal: Principal, @Args('input') input: PolicyTypeInput): Promise<PolicyTypeResponse> {
    return this.policyType(principal, input, 'DisablePolicyType');
  }

  private async policyType(principal: Principal, input: PolicyTypeInput, type: 'EnablePolicyType' | 'DisablePolicyType'): Promise<PolicyTypeResponse> {
    assertValidInput('RootId', 'rootId', input.rootId);
    assertValidInput('PolicyType', 'policyType', input.policyType);
    const result = await this.commands.execute(principal, { type, data: { rootId: input.rootId, policyType: input.policyType } });
    return { root: rootOf(result.state, rootArn(result.state)), ...done(result) };
  }
}
