import { ArgsType, Field, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import type { ApiKeyRole as DomainApiKeyRole } from '@orgs/tenants/domain';

export const ApiKeyRole = { ADMIN: 'ADMIN', READ_ONLY: 'READ_ONLY' } as const satisfies Record<DomainApiKeyRole, DomainApiKeyRole>;
registerEnumType(ApiKeyRole, {
  name: 'ApiKeyRole',
  description: 'ADMIN may query and mutate; READ_ONLY may only query.',
});

@ObjectType({ description: 'An API key as it is listed: never its secret nor its hash.' })
export class ApiKey {
  @Field() id!: string;
  @Field() accountId!: string;
  @Field(() => ApiKeyRole) role!: DomainApiKeyRole;
  @Field() createdAt!: string;
  @Field(() => String, { nullable: true, description: 'When the key stopped authenticating; null while active.' })
  revokedAt!: string | null;
}

@InputType()
export class CreateApiKeyInput {
  @Field({ description: 'The account the key acts for: the caller\'s own, or (management account) a member\'s.' })
  accountId!: string;
  @Field(() => ApiKeyRole) role!: DomainApiKeyRole;
  @Field(() => String, { nullable: true, description: 'Wait for this write before checking the account (e.g. one just registered).' })
  consistencyToken?: string | null;
}

@ObjectType()
export class CreateApiKeyResponse {
  @Field({ description: 'The key\'s secret, to send as `Authorization: Bearer <key>`. Shown once: only its hash is stored.' })
  apiKey!: string;
  @Field(() => ApiKey) key!: ApiKey;
  @Field() consistencyToken!: string;
}

@ArgsType()
export class ListApiKeysArgs {
  @Field(() => String, { nullable: true, description: 'Whose keys; the caller\'s own account by default.' })
  accountId?: string | null;
  @Field(() => Int, { nullable: true }) maxResults?: number | null;
  @Field(() => String, { nullable: true }) nextToken?: string | null;
  @Field(() => String, { nullable: true }) consistencyToken?: string | null;
}

@ObjectType()
export class ListApiKeysResponse {
  @Field(() => [ApiKey]) apiKeys!: ApiKey[];
  @Field(() => String, { nullable: true }) nextToken!: string | null;
}

@InputType()
export class RevokeApiKeyInput {
  @Field() apiKeyId!: string;
  @Field(() => String, { nullable: true, description: 'Wait for this write before looking the key up (e.g. one just created).' })
  consistencyToken?: string | null;
}

@ObjectType()
export class RevokeApiKeyResponse {
  @Field({ description: 'The revocation is projected before this answers: the key no longer authenticates.' })
  consistencyToken!: string;
}
