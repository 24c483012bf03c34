import { Field, InputType, ObjectType } from '@nestjs/graphql';
import { EffectivePolicyType, TargetType, type PolicyType } from '@orgs/shared/kernel';
import { awsEnum } from '@orgs/shared/nest';
import { PolicyTypeEnum, Root } from '../organization-lifecycle/organization.types';
import { TagInput } from '../tags/tag.types';

export const EffectivePolicyTypeEnum = awsEnum('EffectivePolicyType', EffectivePolicyType);
export const TargetTypeEnum = awsEnum('TargetType', TargetType);

@ObjectType()
export class PolicySummary {
  @Field() id!: string;
  @Field() arn!: string;
  @Field() name!: string;
  @Field() description!: string;
  @Field(() => PolicyTypeEnum) type!: PolicyType;
  @Field() awsManaged!: boolean;
}

@ObjectType()
export class Policy {
  @Field(() => PolicySummary) policySummary!: PolicySummary;
  @Field() content!: string;
}

@ObjectType()
export class PolicyTargetSummary {
  @Field() targetId!: string;
  @Field() arn!: string;
  @Field() name!: string;
  @Field(() => TargetTypeEnum) type!: TargetType;
}

@ObjectType()
export class EffectivePolicy {
  @Field() policyContent!: string;
  @Field() lastUpdatedTimestamp!: Date;
  @Field() targetId!: string;
  @Field(() => EffectivePolicyTypeEnum) policyType!: EffectivePolicyType;
}

@InputType()
export class CreatePolicyInput {
  @Field() content!: string;
  @Field({ description: 'May be empty, as in AWS.' }) description!: string;
  @Field() name!: string;
  @Field(() => PolicyTypeEnum) type!: PolicyType;
  @Field(() => [TagInput], { nullable: true }) tags?: TagInput[] | null;
}

@InputType()
export class UpdatePolicyInput {
  @Field() policyId!: string;
  @Field(() => String, { nullable: true }) name?: string | null;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => String, { nullable: true }) content?: string | null;
}

@InputType()
export class PolicyIdInput {
  @Field() policyId!: string;
}

@InputType()
export class PolicyAttachmentInput {
  @Field() policyId!: string;
  @Field() targetId!: string;
}

@InputType()
export class PolicyTypeInput {
  @Field() rootId!: string;
  @Field(() => PolicyTypeEnum) policyType!: PolicyType;
}

@ObjectType()
export class PolicyResponse {
  @Field(() => Policy) policy!: Policy;
  @Field() consistencyToken!: string;
}

@ObjectType()
export class PolicyChangeResponse {
  @Field() consistencyToken!: string;
}

@ObjectType()
export class PolicyTypeResponse {
  @Field(() => Root) root!: Root;
  @Field() consistencyToken!: string;
}

@ObjectType()
export class DescribePolicyResponse {
  @Field(() => Policy) policy!: Policy;
}

@ObjectType()
export class ListPoliciesResponse {
  @Field(() => [PolicySummary]) policies!: PolicySummary[];
  @Field(() => String, { nullable: true }) nextToken!: string | null;
}

@ObjectType()
export class ListTargetsForPolicyResponse {
  @Field(() => [PolicyTargetSummary]) targets!: PolicyTargetSummary[];
  @Field(() => String, { nullable: true }) nextToken!: string | null;
}

@ObjectType()
export class DescribeEffectivePolicyResponse {
  @Field(() => EffectivePolicy) effectivePolicy!: EffectivePolicy;
}
