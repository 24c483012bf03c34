import { Field, InputType, ObjectType } from '@nestjs/graphql';

/** AWS `Tag`. Other capabilities that take `tags` (createAccount, invitations) reuse TagInput. */
@ObjectType()
export class Tag {
  @Field() key!: string;
  @Field() value!: string;
}

@InputType()
export class TagInput {
  @Field({ description: '1-128 characters: letters, digits, spaces and _.:/=+-@; not starting with aws:' }) key!: string;
  @Field({ description: '0-256 characters of the same kinds.' }) value!: string;
}

@InputType()
export class TagResourceInput {
  @Field({ description: 'A root, OU or account id of the caller\'s organization.' }) resourceId!: string;
  @Field(() => [TagInput]) tags!: TagInput[];
}

@InputType()
export class UntagResourceInput {
  @Field() resourceId!: string;
  @Field(() => [String]) tagKeys!: string[];
}

@ObjectType()
export class TagResourceResponse {
  @Field() consistencyToken!: string;
}

@ObjectType()
export class UntagResourceResponse {
  @Field() consistencyToken!: string;
}

@ObjectType()
export class ListTagsForResourceResponse {
  @Field(() => [Tag]) tags!: Tag[];
  @Field(() => String, { nullable: true }) nextToken!: string | null;
}

/** A plain copy of GraphQL tag inputs, as commands and events carry them. */
export const tagsOf = (tags: readonly TagInput[] | null | undefined) => (tags ?? []).map(({ key, value }) => ({ key, value }));
