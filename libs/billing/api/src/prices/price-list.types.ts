import { Field, InputType, ObjectType } from '@nestjs/graphql';

@InputType()
export class PriceTierInput {
  @Field(() => String, { nullable: true, description: 'The tier ends at this much of the month\'s usage; none for the last tier.' }) upTo?: string | null;
  @Field({ description: 'USD per unit, a decimal as text.' }) rate!: string;
}

@InputType()
export class PriceInput {
  @Field() productCode!: string;
  @Field() usageType!: string;
  @Field() unit!: string;
  @Field(() => [PriceTierInput], { description: 'One unbounded tier for a single rate.' }) tiers!: PriceTierInput[];
}

@InputType()
export class PutPriceListInput {
  @Field({ description: 'YYYY-MM-DD (UTC), not before the first day of the current month.' }) effectiveFrom!: string;
  @Field(() => [PriceInput]) prices!: PriceInput[];
}

@ObjectType()
export class PutPriceListResponse {
  @Field() effectiveFrom!: string;
  @Field() consistencyToken!: string;
}
