import { Field, InputType, Int, ObjectType } from '@nestjs/graphql';

@InputType()
export class UsageTagInput {
  @Field() key!: string;
  @Field() value!: string;
}

@InputType({ description: 'One usage record, as a Cost and Usage Report line item carries it.' })
export class UsageRecordInput {
  @Field({ description: 'lineItem/UsageAccountId: the account that used it.' }) accountId!: string;
  @Field({ description: 'lineItem/ProductCode, e.g. AmazonS3.' }) productCode!: string;
  @Field({ description: 'lineItem/UsageType, as the price list names it.' }) usageType!: string;
  @Field(() => String, { nullable: true }) region?: string | null;
  @Field({ description: 'lineItem/UsageAmount: a decimal in the price\'s unit, as text.' }) quantity!: string;
  @Field(() => String, { nullable: true, description: 'If given, it must be the price\'s unit.' }) unit?: string | null;
  @Field({ description: 'ISO 8601 with a zone.' }) usageStart!: string;
  @Field() usageEnd!: string;
  @Field(() => [UsageTagInput], { nullable: true, description: 'Cost allocation tags of the resource.' }) tags?: UsageTagInput[] | null;
}

@InputType()
export class RecordUsageInput {
  @Field({ description: 'Names the batch: the same batch sent again is recorded once.' }) batchId!: string;
  @Field(() => [UsageRecordInput], { description: 'At most 1,000.' }) records!: UsageRecordInput[];
}

@ObjectType()
export class RecordUsageResponse {
  @Field() batchId!: string;
  @Field(() => Int) recordCount!: number;
  @Field({ description: 'True when the batch had been recorded before: nothing was recorded this time.' }) duplicate!: boolean;
  @Field() consistencyToken!: string;
}
