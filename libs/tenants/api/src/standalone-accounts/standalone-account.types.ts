import { Field, InputType, ObjectType } from '@nestjs/graphql';
import { ApiKey } from '../api-keys/api-key.types';
import { TenantAccount } from '../tenant.types';

@InputType()
export class RegisterStandaloneAccountInput {
  @Field({ description: 'Unique across the installation.' }) email!: string;
  @Field() accountName!: string;
  @Field(() => String, { nullable: true, description: 'Required with the operator token; with an ADMIN key, the key\'s tenant (may be omitted).' })
  tenantId?: string | null;
}

@ObjectType()
export class RegisterStandaloneAccountResponse {
  @Field(() => TenantAccount) account!: TenantAccount;
  @Field({ description: 'An ADMIN key acting as the new account. Shown once: only its hash is stored.' })
  apiKey!: string;
  @Field(() => ApiKey) key!: ApiKey;
  @Field() consistencyToken!: string;
}
