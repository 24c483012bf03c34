import { Field, InputType, ObjectType } from '@nestjs/graphql';
import { ChildType, ParentType } from '@orgs/shared/kernel';
import { awsEnum } from '@orgs/shared/nest';
import { TagInput } from '../tags/tag.types';

export const ChildTypeEnum = awsEnum('ChildType', ChildType);
export const ParentTypeEnum = awsEnum('ParentType', ParentType);

@ObjectType()
export class OrganizationalUnit {
  @Field() id!: string;
  @Field() arn!: string;
  @Field() name!: string;
  @Field({ description: 'o-.../r-.../ou-.../: the OU\'s place in the tree.' }) path!: string;
}

@ObjectType()
export class Child {
  @Field() id!: string;
  @Field(() => ChildTypeEnum) type!: ChildType;
}

@ObjectType()
export class Parent {
  @Field() id!: string;
  @Field(() => ParentTypeEnum) type!: ParentType;
}

@InputType()
export class CreateOrganizationalUnitInput {
  @Field({ description: 'The root or OU to create it in.' }) parentId!: string;
  @Field() name!: string;
  @Field(() => [TagInput], { nullable: true }) tags?: TagInput[] | null;
}

@InputType()
export class UpdateOrganizationalUnitInput {
  @Field() organizationalUnitId!: string;
  @Field(() => String, { nullable: true, description: 'The new name; none leaves the OU as it is.' }) name?: string | null;
}

@InputType()
export class DeleteOrganizationalUnitInput {
  @Field() organizationalUnitId!: string;
}

@ObjectType()
export class CreateOrganizationalUnitResponse {
  @Field(() => OrganizationalUnit) organizationalUnit!: OrganizationalUnit;
  @Field() consistencyToken!: string;
}

@ObjectType()
export class UpdateOrganizationalUnitResponse {
  @Field(() => OrganizationalUnit) organizationalUnit!: OrganizationalUnit;
  @Field() consistencyToken!: string;
}

@ObjectType()
export class DeleteOrganizationalUnitResponse {
  @Field() consistencyToken!: string;
}

@ObjectType()
export class DescribeOrganizationalUnitResponse {
  @Field(() => OrganizationalUnit) organizationalUnit!: OrganizationalUnit;
}

@ObjectType()
export class ListOrganizationalUnitsForParentResponse {
  @Field(() => [OrganizationalUnit]) organizationalUnits!: OrganizationalUnit[];
  @Field(() => String, { nullable: true }) nextToken!: string | null;
}

@ObjectType()
export class ListChildrenResponse {
  @Field(() => [Child]) children!: Child[];
  @Field(() => String, { nullable: true }) nextToken!: string | null;
}

@ObjectType()
export class ListParentsResponse {
  @Field(() => [Parent]) parents!: Parent[];
  @Field(() => String, { nullable: true }) nextToken!: string | null;
}
