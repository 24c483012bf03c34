import { Field, InputType, ObjectType } from '@nestjs/graphql';
import { ApiKey } from './api-keys/api-key.types';

@InputType()
export class CreateTenantInput {
  @Field({ description: 'The tenant\'s display name (1-128 characters).' })
  name!: string;

  @Field({ nullable: true, description: 'Name of the tenant\'s first account (default "Management").' })
  accountName?: string;

  @Field({ nullable: true, description: 'Email of the tenant\'s first account (default admin@<tenant>.example.com).' })
  email?: string;
}

@ObjectType()
export class Tenant {
  @Field() id!: string;
  @Field() name!: string;
}

@ObjectType({ description: 'A standalone account of the tenant, not (yet) in an organization.' })
export class TenantAccount {
  @Field() id!: string;
  @Field() name!: string;
  @Field() email!: string;
}

@ObjectType()
export class CreateTenantResponse {
  @Field(() => Tenant) tenant!: Tenant;
  @Field(() => TenantAccount) account!: TenantAccount;
  @Field({ description: 'An ADMIN key acting as the first account. Shown once: only its hash is stored.' })
  apiKey!: string;
  @Field(() => ApiKey, { description: 'The key\'s id and role (never its secret).' }) key!: ApiKey;
  @Field() consistencyToken!: string;
}
