import { Field, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Tag, TagInput } from '../tags/tag.types';
import { AccessSimulation, ContextEntryInput, SimulateAccessInput } from './simulation.types';

@InputType({ description: 'A request as simulateAccess takes it, without policy documents (the identity is assumed to allow everything).' })
export class AccessSampleInput {
  @Field(() => String, { nullable: true, description: 'Default: sample-<n>.' }) name?: string | null;
  @Field() accountId!: string;
  @Field() action!: string;
  @Field() resource!: string;
  @Field(() => String, { nullable: true }) region?: string | null;
  @Field(() => String, { nullable: true }) principalArn?: string | null;
  @Field(() => String, { nullable: true }) resourceAccountId?: string | null;
  @Field(() => [ContextEntryInput], { nullable: true }) context?: ContextEntryInput[] | null;
  @Field(() => [TagInput], { nullable: true }) principalTags?: TagInput[] | null;
}

@InputType()
export class RecordAccessSamplesInput {
  @Field(() => [AccessSampleInput], { description: '1-100 samples; an organization keeps at most 1,000.' }) samples!: AccessSampleInput[];
}

@InputType()
export class DeleteAccessSampleInput {
  @Field() sampleId!: string;
}

@ObjectType()
export class ContextEntry {
  @Field() key!: string;
  @Field(() => [String]) values!: string[];
}

@ObjectType()
export class AccessSample {
  @Field() sampleId!: string;
  @Field() name!: string;
  @Field() accountId!: string;
  @Field() action!: string;
  @Field() resource!: string;
  @Field(() => String, { nullable: true }) region?: string | null;
  @Field(() => String, { nullable: true }) principalArn?: string | null;
  @Field(() => String, { nullable: true }) resourceAccountId?: string | null;
  @Field(() => [ContextEntry]) context!: ContextEntry[];
  @Field(() => [Tag]) principalTags!: Tag[];
  @Field(() => Date) recordedAt!: Date;
}

@ObjectType()
export class RecordAccessSamplesResponse {
  @Field(() => [AccessSample]) samples!: AccessSample[];
  @Field() consistencyToken!: string;
}

@ObjectType()
export class DeleteAccessSampleResponse {
  @Field() consistencyToken!: string;
}

@ObjectType()
export class ListAccessSamplesResponse {
  @Field(() => [AccessSample]) samples!: AccessSample[];
  @Field(() => String, { nullable: true }) nextToken!: string | null;
}

export enum PolicyChangeKind {
  ATTACH = 'ATTACH',
  DETACH = 'DETACH',
  UPDATE = 'UPDATE',
}
registerEnumType(PolicyChangeKind, { name: 'PolicyChangeKind' });

@InputType()
export class PolicyChangeInput {
  @Field(() => PolicyChangeKind) kind!: PolicyChangeKind;
  @Field({ description: 'An SCP or RCP (AWS managed ones may be attached and detached).' }) policyId!: string;
  @Field(() => String, { nullable: true, description: 'ATTACH and DETACH: the root, OU or account.' }) targetId?: string | null;
  @Field(() => String, { nullable: true, description: 'UPDATE: the proposed document.' }) content?: string | null;
}

@InputType()
export class PreviewPolicyChangeInput {
  @Field(() => PolicyChangeInput) change!: PolicyChangeInput;
  @Field(() => [SimulateAccessInput], { nullable: true, description: 'The requests to replay; default: the recorded samples (recordAccessSamples).' })
  requests?: SimulateAccessInput[] | null;
}

@ObjectType()
export class DecisionChange {
  @Field({ description: 'The sample\'s name, or requests[i].' }) label!: string;
  @Field(() => String, { nullable: true }) sampleId?: string | null;
  @Field() accountId!: string;
  @Field(() => AccessSimulation) before!: AccessSimulation;
  @Field(() => AccessSimulation) after!: AccessSimulation;
  @Field() why!: string;
}

@ObjectType()
export class PolicyChangePreview {
  @Field(() => Int) evaluated!: number;
  @Field(() => [DecisionChange], { description: 'The requests whose decision the change turns around.' }) changed!: DecisionChange[];
  @Field(() => [String], { description: 'Requests made in accounts no longer in the organization: not replayed.' }) skipped!: string[];
}

@ObjectType()
export class PreviewPolicyChangeResponse {
  @Field(() => PolicyChangePreview) preview!: PolicyChangePreview;
}
