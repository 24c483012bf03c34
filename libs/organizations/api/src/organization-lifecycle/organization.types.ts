import { Field, InputType, ObjectType } from '@nestjs/graphql';
import { OrganizationFeatureSet, PolicyType, PolicyTypeStatus } from '@orgs/shared/kernel';
import { awsEnum } from '@orgs/shared/nest';

export const OrganizationFeatureSetEnum = awsEnum('OrganizationFeatureSet', OrganizationFeatureSet);
export const PolicyTypeEnum = awsEnum('PolicyType', PolicyType);
export const PolicyTypeStatusEnum = awsEnum('PolicyTypeStatus', PolicyTypeStatus);

@ObjectType()
export class PolicyTypeSummary {
  @Field(() => PolicyTypeEnum) type!: PolicyType;
  @Field(() => PolicyTypeStatusEnum) status!: PolicyTypeStatus;
}

@ObjectType()
export class Organization {
  @Field() id!: string;
  @Field() arn!: string;
  @Field(() => OrganizationFeatureSetEnum) featureSet!: OrganizationFeatureSet;
  @Field() masterAccountArn!: string;
  @Field() masterAccountId!: string;
  @Field() masterAccountEmail!: string;
  @Field(() => [PolicyTypeSummary], { deprecationReason: 'AWS deprecated it: read policy types from listRoots.' })
  availablePolicyTypes!: PolicyTypeSummary[];
}

@ObjectType()
export class Root {
  @Field() id!: string;
  @Field() arn!: string;
  @Field() name!: string;
  @Field(() => [PolicyTypeSummary]) policyTypes!: PolicyTypeSummary[];
}

@InputType()
export class CreateOrganizationInput {
  @Field(() => OrganizationFeatureSetEnum, { nullable: true, description: 'Default ALL, as in AWS.' })
  featureSet?: OrganizationFeatureSet;
}

@ObjectType()
export class CreateOrganizationResponse {
  @Field(() => Organization) organization!: Organization;
  @Field({ description: 'Pass to a query\'s consistencyToken to read this write.' }) consistencyToken!: string;
}

@ObjectType()
export class DescribeOrganizationResponse {
  @Field(() => Organization) organization!: Organization;
}

@ObjectType()
export class DeleteOrganizationResponse {
  @Field() consistencyToken!: string;
}

@ObjectType()
export class ListRootsResponse {
  @Field(() => [Root]) roots!: Root[];
  @Field(() => String, { nullable: true }) nextToken!: string | null;
}

