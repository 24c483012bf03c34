import { ArgsType, Field, InputType, Int, ObjectType } from '@nestjs/graphql';
import type { ApiKeyRole as DomainApiKeyRole } from '@orgs/tenants/domain';
import { ApiKeyRole } from '../api-keys/api-key.types';

@ObjectType({ description: 'An AWS-style access key as it is listed: never its secret.' })
export class AccessKey {
  @Field({ description: 'AKIA followed by 16 characters: the AWS CLI\'s aws_access_key_id.' }) accessKeyId!: string;
  @Field() accountId!: string;
  @Field(() => ApiKeyRole) role!: DomainApiKeyRole;
  @Field() createdAt!: string;
}

@InputType()
export class CreateAccessKeyInput {
  @Field({ description: 'The account the key acts for: the caller\'s own, or (management account) a member\'s.' })
  accountId!: string;
  @Field(() => ApiKeyRole) role!: DomainApiKeyRole;
  @Field(() => String, { nullable: true }) consistencyToken?: string | null;
}

@ObjectType()
export class CreateAccessKeyResponse {
  @Field(() => AccessKey) accessKey!: AccessKey;
  @Field({ description: 'The 40-character secret (aws_secret_access_key). Shown once.' }) secretAccessKey!: string;
  @Field() consistencyToken!: string;
}

@ArgsType()
export class ListAccessKeysArgs {
  @Field(() => String, { nullable: true, description: 'Whose keys; the caller\'s own account by default.' })
  accountId?: string | null;
  @Field(() => Int, { nullable: true }) maxResults?: number | null;
  @Field(() => String, { nullable: true }) nextToken?: string | null;
  @Field(() => String, { nullable: true }) consistencyToken?: string | null;
}

@ObjectType()
export class ListAccessKeysResponse {
  @Field(() => [AccessKey]) accessKeys!: AccessKey[];
  @Field(() => String, { nullable: true }) nextToken!: string | null;
}

@InputType()
export class DeleteAccessKeyInput {
  @Field() accessKeyId!: string;
  @Field(() => String, { nullable: true }) consistencyToken?: string | null;
}

@ObjectType()
export class DeleteAccessKeyResponse {
  @Field({ description: 'The deletion is projected before this answers: the key no longer verifies.' })
  consistencyToken!: string;
}
