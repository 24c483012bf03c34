import { Field, InputType, ObjectType } from '@nestjs/graphql';
import type { AccountJoinedMethod, AccountState, AccountStatus } from '@orgs/shared/kernel';
import { AccountJoinedMethodEnum, AccountStateEnum, AccountStatusEnum } from '../accounts/account.types';

@InputType()
export class DelegatedAdministratorInput {
  @Field({ description: 'A member account of the organization (not the management account).' }) accountId!: string;
  @Field() servicePrincipal!: string;
}

@ObjectType()
export class RegisterDelegatedAdministratorResponse {
  @Field() consistencyToken!: string;
}

@ObjectType()
export class DeregisterDelegatedAdministratorResponse {
  @Field() consistencyToken!: string;
}

/** AWS `DelegatedAdministrator`: the account, and when it became a delegate. */
@ObjectType()
export class DelegatedAdministrator {
  @Field() id!: string;
  @Field() arn!: string;
  @Field() email!: string;
  @Field() name!: string;
  @Field(() => AccountStatusEnum, { deprecationReason: 'AWS retires Status on 2026-09-09: read state.' }) status!: AccountStatus;
  @Field(() => AccountStateEnum) state!: AccountState;
  @Field(() => AccountJoinedMethodEnum) joinedMethod!: AccountJoinedMethod;
  @Field(() => Date) joinedTimestamp!: Date;
  @Field(() => Date, { description: 'For one service, when it was registered; for all, its first registration.' }) delegationEnabledDate!: Date;
}

@ObjectType()
export class ListDelegatedAdministratorsResponse {
  @Field(() => [DelegatedAdministrator]) delegatedAdministrators!: DelegatedAdministrator[];
  @Field(() => String, { nullable: true }) nextToken!: string | null;
}

/** AWS `DelegatedService`. */
@ObjectType()
export class DelegatedService {
  @Field() servicePrincipal!: string;
  @Field(() => Date) delegationEnabledDate!: Date;
}

@ObjectType()
export class ListDelegatedServicesForAccountResponse {
  @Field(() => [DelegatedService]) delegatedServices!: DelegatedService[];
  @Field(() => String, { nullable: true }) nextToken!: string | null;
}

@InputType()
export class PutResourcePolicyInput {
  @Field({ description: 'The delegation policy: IAM policy JSON, 1-40,000 characters.' }) content!: string;
}

@ObjectType()
export class ResourcePolicySummary {
  @Field() id!: string;
  @Field() arn!: string;
}

/** AWS `ResourcePolicy`. */
@ObjectType()
export class ResourcePolicy {
  @Field(() => ResourcePolicySummary) resourcePolicySummary!: ResourcePolicySummary;
  @Field() content!: string;
}

@ObjectType()
export class PutResourcePolicyResponse {
  @Field(() => ResourcePolicy) resourcePolicy!: ResourcePolicy;
  @Field() consistencyToken!: string;
}

@ObjectType()
export class DescribeResourcePolicyResponse {
  @Field(() => ResourcePolicy) resourcePolicy!: ResourcePolicy;
}

@ObjectType()
export class DeleteResourcePolicyResponse {
  @Field() consistencyToken!: string;
}
