import { Field, InputType, ObjectType, registerEnumType } from '@nestjs/graphql';

export enum BillGroupDimension {
  ORGANIZATIONAL_UNIT = 'ORGANIZATIONAL_UNIT',
  ACCOUNT = 'ACCOUNT',
  SERVICE = 'SERVICE',
  USAGE_TYPE = 'USAGE_TYPE',
  TAG = 'TAG',
}
registerEnumType(BillGroupDimension, { name: 'BillGroupDimension' });

@InputType()
export class BillGroupByInput {
  @Field(() => BillGroupDimension) dimension!: BillGroupDimension;
  @Field(() => String, { nullable: true, description: 'The cost allocation tag key, with TAG.' }) tagKey?: string | null;
}

@InputType()
export class BillTagFilterInput {
  @Field() key!: string;
  @Field(() => [String], { description: '"" matches usage without the tag.' }) values!: string[];
}

@InputType()
export class BillFilterInput {
  @Field(() => [String], { nullable: true }) accountIds?: string[] | null;
  @Field(() => [String], { nullable: true, description: 'Usage anywhere below these OUs (or the root).' }) organizationalUnitIds?: string[] | null;
  @Field(() => [String], { nullable: true }) productCodes?: string[] | null;
  @Field(() => [String], { nullable: true }) usageTypes?: string[] | null;
  @Field(() => [BillTagFilterInput], { nullable: true }) tags?: BillTagFilterInput[] | null;
}

@ObjectType()
export class BillGroup {
  @Field(() => [String], { description: 'One key per groupBy entry, in order: a parent id (root or OU), account id, service, usage type or tag value ("" without it).' })
  keys!: string[];
  @Field({ description: 'USD, two decimals.' }) cost!: string;
  @Field(() => String, { nullable: true, description: 'Only when grouped by usage type.' }) quantity!: string | null;
}

@ObjectType()
export class BillCostNode {
  @Field() id!: string;
  @Field({ description: 'ROOT, ORGANIZATIONAL_UNIT or ACCOUNT.' }) type!: string;
  @Field() name!: string;
  @Field({ description: 'A root or OU: everything below it. An account: its usage while in this parent.' }) cost!: string;
}

@ObjectType()
export class BillDrillDown {
  @Field(() => BillCostNode) node!: BillCostNode;
  @Field(() => [BillCostNode]) children!: BillCostNode[];
}

@ObjectType()
export class AccountCharges {
  @Field() accountId!: string;
  @Field() accountName!: string;
  @Field({ description: 'Blended: its usage at the organization\'s rates.' }) cost!: string;
  @Field({ description: 'What its usage would have cost alone, with its own tiers.' }) standaloneCost!: string;
  @Field() savings!: string;
}

@ObjectType()
export class BillLineItem {
  @Field({ description: 'USAGE, or ADJUSTMENT for late usage of a closed month.' }) lineType!: string;
  @Field(() => String, { nullable: true }) adjustedPeriod!: string | null;
  @Field() accountId!: string;
  @Field() parentId!: string;
  @Field() productCode!: string;
  @Field() usageType!: string;
  @Field(() => [BillTag]) tags!: BillTag[];
  @Field() quantity!: string;
  @Field() cost!: string;
}

@ObjectType()
export class BillTag {
  @Field() key!: string;
  @Field() value!: string;
}

@ObjectType()
export class Bill {
  @Field({ description: 'YYYY-MM (UTC).' }) period!: string;
  @Field({ description: 'OPEN (estimated, changes with usage) or CLOSED (frozen).' }) status!: string;
  @Field() currencyCode!: string;
  @Field({ description: 'Usage and adjustment lines.' }) total!: string;
  @Field({ description: 'The sum of each account\'s standalone cost.' }) standaloneTotal!: string;
  @Field({ description: 'What consolidation saved: standalone total less the usage lines.' }) savings!: string;
  @Field() adjustmentsTotal!: string;
  @Field(() => [BillGroup]) groups!: BillGroup[];
  @Field(() => BillDrillDown, { nullable: true, description: 'The root (or the OU given as drillDownFrom) with its OUs and accounts.' }) drillDown!: BillDrillDown | null;
  @Field(() => [AccountCharges]) accounts!: AccountCharges[];
  @Field(() => [BillLineItem], { description: 'Every line (filtered), adjustments included.' }) lineItems!: BillLineItem[];
}

@ObjectType()
export class BillResponse {
  @Field(() => Bill) bill!: Bill;
}
