import { Field, InputType, ObjectType } from '@nestjs/graphql';
import {
  AccountJoinedMethod,
  AccountState,
  AccountStatus,
  CreateAccountFailureReason,
  CreateAccountState,
  IAMUserAccessToBilling,
} from '@orgs/shared/kernel';
import { awsEnum } from '@orgs/shared/nest';
import { TagInput } from '../tags/tag.types';

export const AccountStatusEnum = awsEnum('AccountStatus', AccountStatus);
export const AccountStateEnum = awsEnum('AccountState', AccountState);
export const AccountJoinedMethodEnum = awsEnum('AccountJoinedMethod', AccountJoinedMethod);
export const CreateAccountStateEnum = awsEnum('CreateAccountState', CreateAccountState);
export const CreateAccountFailureReasonEnum = awsEnum('CreateAccountFailureReason', CreateAccountFailureReason);
export const IAMUserAccessToBillingEnum = awsEnum('IAMUserAccessToBilling', IAMUserAccessToBilling);

@ObjectType({ description: 'An account of the organization, as DescribeAccount and ListAccounts return it.' })
export class Account {
  @Field() id!: string;
  @Field() arn!: string;
  @Field() email!: string;
  @Field() name!: string;
  @Field(() => AccountStatusEnum, { deprecationReason: 'AWS retires Status on 2026-09-09: read state.' }) status!: AccountStatus;
  @Field(() => AccountStateEnum) state!: AccountState;
  @Field(() => [String], { description: 'o-.../r-.../ou-.../<account id>/: one path, as each account has one parent.' }) paths!: string[];
  @Field(() => AccountJoinedMethodEnum) joinedMethod!: AccountJoinedMethod;
  @Field(() => Date) joinedTimestamp!: Date;
}

@ObjectType()
export class CreateAccountStatus {
  @Field() id!: string;
  @Field() accountName!: string;
  @Field(() => CreateAccountStateEnum) state!: CreateAccountState;
  @Field(() => Date) requestedTimestamp!: Date;
  @Field(() => Date, { nullable: true }) completedTimestamp!: Date | null;
  @Field(() => String, { nullable: true }) accountId!: string | null;
  @Field(() => String, { nullable: true, description: 'Always null: Orgs has no GovCloud partition.' }) govCloudAccountId!: string | null;
  @Field(() => CreateAccountFailureReasonEnum, { nullable: true }) failureReason!: CreateAccountFailureReason | null;
}

@InputType()
export class CreateAccountInput {
  @Field({ description: 'The new account\'s root email: unique across the installation.' }) email!: string;
  @Field({ description: '1-50 printable ASCII characters.' }) accountName!: string;
  @Field(() => String, { nullable: true, description: 'The cross-account role the management account may assume; default OrganizationAccountAccessRole.' })
  roleName?: string | null;
  @Field(() => IAMUserAccessToBillingEnum, { nullable: true, description: 'Default ALLOW.' }) iamUserAccessToBilling?: IAMUserAccessToBilling | null;
  @Field(() => [TagInput], { nullable: true }) tags?: TagInput[] | null;
}

@InputType()
export class MoveAccountInput {
  @Field() accountId!: string;
  @Field({ description: 'The account\'s current parent (root or OU).' }) sourceParentId!: string;
  @Field() destinationParentId!: string;
}

@InputType()
export class RemoveAccountFromOrganizationInput {
  @Field() accountId!: string;
}

@InputType()
export class CloseAccountInput {
  @Field() accountId!: string;
}

@ObjectType()
export class CreateAccountResponse {
  @Field(() => CreateAccountStatus) createAccountStatus!: CreateAccountStatus;
  @Field() consistencyToken!: string;
}

@ObjectType()
export class DescribeCreateAccountStatusResponse {
  @Field(() => CreateAccountStatus) createAccountStatus!: CreateAccountStatus;
}

@ObjectType()
export class ListCreateAccountStatusResponse {
  @Field(() => [CreateAccountStatus]) createAccountStatuses!: CreateAccountStatus[];
  @Field(() => String, { nullable: true }) nextToken!: string | null;
}

@ObjectType()
export class DescribeAccountResponse {
  @Field(() => Account) account!: Account;
}

@ObjectType()
export class ListAccountsResponse {
  @Field(() => [Account]) accounts!: Account[];
  @Field(() => String, { nullable: true }) nextToken!: string | null;
}

// MoveAccount, RemoveAccountFromOrganization, LeaveOrganization and CloseAccount have no AWS output.
@ObjectType()
export class MoveAccountResponse {
  @Field() consistencyToken!: string;
}

@ObjectType()
export class RemoveAccountFromOrganizationResponse {
  @Field() consistencyToken!: string;
}

@ObjectType()
export class LeaveOrganizationResponse {
  @Field() consistencyToken!: string;
}

@ObjectType()
export class CloseAccountResponse {
  @Field() consistencyToken!: string;
}
