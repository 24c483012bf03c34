import { ArgsType, Field, InputType, Int, ObjectType } from '@nestjs/graphql';

@InputType({ description: 'Every given field must match (AND).' })
export class AuditEventsFilter {
  @Field(() => String, { nullable: true, description: 'Only events this account caused (the acting account of the request).' })
  accountId?: string | null;
  @Field(() => String, { nullable: true, description: 'Only events of this type, e.g. OrganizationCreated, ApiKeyRevoked.' })
  eventType?: string | null;
  @Field(() => String, { nullable: true, description: 'Only events recorded at or after this ISO 8601 time.' })
  from?: string | null;
  @Field(() => String, { nullable: true, description: 'Only events recorded before this ISO 8601 time.' })
  to?: string | null;
}

@ArgsType()
export class AuditEventsArgs {
  @Field(() => AuditEventsFilter, { nullable: true }) filter?: AuditEventsFilter | null;
  @Field(() => Int, { nullable: true, description: '1-20, default 20.' }) maxResults?: number | null;
  @Field(() => String, { nullable: true }) nextToken?: string | null;
  @Field(() => String, { nullable: true }) consistencyToken?: string | null;
}

@ObjectType({ description: 'One recorded event, with who caused it.' })
export class AuditEvent {
  @Field({ description: 'The event\'s position in the log: later events have higher ids.' }) eventId!: string;
  @Field() eventType!: string;
  @Field({ description: 'When the event was recorded (ISO 8601).' }) eventTime!: string;
  @Field({ description: 'The stream (resource) it belongs to: `tenant` or `organization-<id>`.' }) streamId!: string;
  @Field(() => Int) streamVersion!: number;
  @Field(() => String, { nullable: true, description: 'The account the request acted as; null for the operator.' })
  actingAccountId!: string | null;
  @Field(() => String, { nullable: true, description: '`apikey/<key id>` or `operator`.' }) principal!: string | null;
  @Field(() => String, { nullable: true }) requestId!: string | null;
  @Field(() => String, { nullable: true }) sourceAddress!: string | null;
  @Field(() => String, { nullable: true }) correlationId!: string | null;
  @Field({ description: 'The event\'s data, as a JSON document.' }) data!: string;
}

@ObjectType()
export class AuditEventsResponse {
  @Field(() => [AuditEvent], { description: 'Newest first.' }) auditEvents!: AuditEvent[];
  @Field(() => String, { nullable: true }) nextToken!: string | null;
}
