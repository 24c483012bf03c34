import { Field, InputType, Int, ObjectType } from '@nestjs/graphql';

@InputType({ description: 'The tenant\'s quotas in full: a quota left out or null goes back to AWS\'s default.' })
export class UpdateTenantQuotasInput {
  @Field({ description: 'The tenant (a UUID, as createTenant returned it).' }) tenantId!: string;
  @Field(() => Int, { nullable: true, description: 'Accounts per organization, 1-50,000; null: AWS\'s default (10).' })
  maxAccounts?: number | null;
  @Field(() => Int, { nullable: true, description: 'OUs per organization, 1-10,000; null: AWS\'s default (2,000).' })
  maxOrganizationalUnits?: number | null;
}

@ObjectType({ description: 'One quota: the value in force, AWS\'s default, and whether the tenant overrides it.' })
export class TenantQuotaValue {
  @Field(() => Int) value!: number;
  @Field(() => Int) awsDefault!: number;
  @Field() overridden!: boolean;
}

@ObjectType({ description: 'The quotas every organization of the tenant is held to.' })
export class TenantQuotas {
  @Field() tenantId!: string;
  @Field(() => TenantQuotaValue) maxAccounts!: TenantQuotaValue;
  @Field(() => TenantQuotaValue) maxOrganizationalUnits!: TenantQuotaValue;
}

@ObjectType()
export class UpdateTenantQuotasResponse {
  @Field(() => TenantQuotas) tenantQuotas!: TenantQuotas;
  @Field({ description: 'The quotas are projected before this answers: the next command is held to them.' })
  consistencyToken!: string;
}
