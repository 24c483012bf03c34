import { Field, ObjectType } from '@nestjs/graphql';
import { OrganizationFeatureSetEnum, PolicyTypeSummary } from '../organization-lifecycle/organization.types';
import type { OrganizationFeatureSet } from '@orgs/shared/kernel';
import type { OrganizationState } from '@orgs/organizations/domain';

/** The portal's view of an organization: a graph from the root down, with Relay connections. */
@ObjectType('GraphTag')
export class GraphTag {
  @Field() key!: string;
  @Field() value!: string;
}

@ObjectType()
export class PageInfo {
  @Field() hasNextPage!: boolean;
  @Field(() => String, { nullable: true }) endCursor!: string | null;
}

@ObjectType()
export class AccountNode {
  @Field() id!: string;
  @Field(() => String, { nullable: true }) arn!: string | null;
  @Field() name!: string;
  @Field() email!: string;
  @Field() status!: string;
  @Field() state!: string;
  @Field(() => String, { nullable: true }) joinedMethod!: string | null;
  @Field(() => Date, { nullable: true }) joinedTimestamp!: Date | null;
  @Field(() => String, { nullable: true }) path!: string | null;
  @Field(() => String, { nullable: true }) parentId!: string | null;
  /** Not a field: a node read as of a past point carries that state; its children are read from it. */
  past?: OrganizationState;
}

@ObjectType()
export class AccountEdge {
  @Field() cursor!: string;
  @Field(() => AccountNode) node!: AccountNode;
}

@ObjectType()
export class AccountConnection {
  @Field(() => [AccountEdge]) edges!: AccountEdge[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
}

@ObjectType()
export class OrganizationalUnitNode {
  @Field() id!: string;
  @Field() arn!: string;
  @Field() name!: string;
  @Field() path!: string;
  @Field() parentId!: string;
  @Field() depth!: number;
  /** Not a field: a node read as of a past point carries that state; its children are read from it. */
  past?: OrganizationState;
}

@ObjectType()
export class OrganizationalUnitEdge {
  @Field() cursor!: string;
  @Field(() => OrganizationalUnitNode) node!: OrganizationalUnitNode;
}

@ObjectType()
export class OrganizationalUnitConnection {
  @Field(() => [OrganizationalUnitEdge]) edges!: OrganizationalUnitEdge[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
}

@ObjectType()
export class RootNode {
  @Field() id!: string;
  @Field() arn!: string;
  @Field() name!: string;
  @Field(() => [PolicyTypeSummary]) policyTypes!: PolicyTypeSummary[];
  /** Not a field: a node read as of a past point carries that state; its children are read from it. */
  past?: OrganizationState;
}

@ObjectType()
export class OrganizationNode {
  @Field() id!: string;
  @Field() arn!: string;
  @Field(() => OrganizationFeatureSetEnum) featureSet!: OrganizationFeatureSet;
  @Field() masterAccountId!: string;
  @Field() masterAccountArn!: string;
  @Field() masterAccountEmail!: string;
  @Field(() => RootNode) root!: RootNode;
}
