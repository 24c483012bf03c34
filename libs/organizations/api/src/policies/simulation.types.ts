import { Field, InputType, ObjectType } from '@nestjs/graphql';
import { TagInput } from '../tags/tag.types';

@InputType()
export class ContextEntryInput {
  @Field({ description: 'A condition key, e.g. aws:SourceIp (names compare ignoring case).' }) key!: string;
  @Field(() => [String], { description: 'One value, or several for a multivalued key such as aws:TagKeys; none: the request lacks the key.' }) values!: string[];
}

@InputType()
export class SimulateAccessInput {
  @Field({ description: 'The account the request is made in.' }) accountId!: string;
  @Field() action!: string;
  @Field() resource!: string;
  @Field(() => String, { nullable: true }) region?: string | null;
  @Field(() => String, { nullable: true, description: 'Default: a role of the account (arn:aws:iam::<account>:role/OrgsSimulator).' }) principalArn?: string | null;
  @Field(() => String, { nullable: true, description: 'The account owning the resource; default: the ARN\'s account, else the request\'s.' }) resourceAccountId?: string | null;
  @Field(() => [ContextEntryInput], { nullable: true }) context?: ContextEntryInput[] | null;
  @Field(() => [TagInput], { nullable: true }) principalTags?: TagInput[] | null;
  @Field(() => [String], { nullable: true, description: 'Identity policies of the principal; none given: one allowing everything is assumed, so the answer shows what the organization\'s policies allow.' })
  identityPolicies?: string[] | null;
  @Field(() => String, { nullable: true }) resourcePolicy?: string | null;
  @Field(() => String, { nullable: true }) permissionsBoundary?: string | null;
}

@ObjectType()
export class DecidingElement {
  @Field() source!: string;
  @Field(() => String, { nullable: true }) targetId?: string;
}

@ObjectType()
export class MatchedStatement {
  @Field() source!: string;
  @Field(() => String, { nullable: true }) targetId?: string;
  @Field() policyId!: string;
  @Field() policyName!: string;
  @Field() statementIndex!: number;
  @Field(() => String, { nullable: true }) sid?: string;
  @Field() effect!: string;
}

@ObjectType()
export class LevelOutcome {
  @Field() policyType!: string;
  @Field() targetId!: string;
  @Field() targetType!: string;
  @Field(() => [MatchedStatement]) allowedBy!: MatchedStatement[];
  @Field(() => [MatchedStatement]) deniedBy!: MatchedStatement[];
  @Field() passes!: boolean;
}

@ObjectType()
export class AccessSimulation {
  @Field({ description: 'ALLOWED, EXPLICIT_DENY or IMPLICIT_DENY.' }) decision!: string;
  @Field(() => DecidingElement, { nullable: true }) decidedAt!: DecidingElement | null;
  @Field() explanation!: string;
  @Field(() => [MatchedStatement]) explicitDenies!: MatchedStatement[];
  @Field(() => [LevelOutcome], { description: 'Every RCP level (the resource owner\'s chain) and SCP level (the caller\'s), root first.' }) levels!: LevelOutcome[];
  @Field(() => [MatchedStatement]) grants!: MatchedStatement[];
  @Field(() => [String]) exemptions!: string[];
}

@ObjectType()
export class SimulateAccessResponse {
  @Field(() => AccessSimulation) simulation!: AccessSimulation;
}
