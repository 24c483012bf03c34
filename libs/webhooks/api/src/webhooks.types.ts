import { Field, GraphQLISODateTime, InputType, Int, ObjectType } from '@nestjs/graphql';

@ObjectType()
export class WebhookEndpoint {
  @Field() id!: string;
  @Field() url!: string;
  @Field() description!: string;
  @Field(() => [String], { nullable: true, description: 'The event types it receives; null for every type.' }) eventTypes!: string[] | null;
  @Field({ description: 'ENABLED or DISABLED.' }) status!: string;
  @Field(() => String, { nullable: true, description: 'REQUESTED, GONE (the endpoint answered 410) or RETRIES_EXHAUSTED.' }) disabledReason!: string | null;
  @Field({ description: 'ORGANIZATION (every event of the organization) or ACCOUNT (events about the owning account only).' }) scope!: string;
  @Field() ownerAccountId!: string;
  @Field(() => GraphQLISODateTime) createdAt!: Date;
  @Field(() => GraphQLISODateTime) updatedAt!: Date;
}

@InputType()
export class CreateWebhookEndpointInput {
  @Field({ description: 'https (http only for hosts in WEBHOOK_ALLOWED_HOSTS); no loopback, private or link-local address.' }) url!: string;
  @Field({ nullable: true }) description?: string;
  @Field(() => [String], { nullable: true, description: 'Types from webhookEventTypes; omitted: every type.' }) eventTypes?: string[];
}

@InputType()
export class UpdateWebhookEndpointInput {
  @Field() endpointId!: string;
  @Field({ nullable: true }) url?: string;
  @Field({ nullable: true }) description?: string;
  @Field(() => [String], { nullable: true }) eventTypes?: string[];
  @Field({ nullable: true, description: 'true: every event type (eventTypes is ignored).' }) allEventTypes?: boolean;
}

@ObjectType()
export class CreateWebhookEndpointResponse {
  @Field(() => WebhookEndpoint) endpoint!: WebhookEndpoint;
  @Field({ description: 'whsec_ + base64: shown once, keep it to verify signatures.' }) secret!: string;
  @Field() consistencyToken!: string;
}

@ObjectType()
export class WebhookEndpointResponse {
  @Field(() => WebhookEndpoint, { nullable: true, description: 'null once deleted.' }) endpoint!: WebhookEndpoint | null;
  @Field() consistencyToken!: string;
}

@ObjectType()
export class RotateWebhookSecretResponse {
  @Field({ description: 'The new secret, shown once.' }) secret!: string;
  @Field(() => GraphQLISODateTime, { description: 'Until then deliveries are signed with the previous secret too.' }) previousSecretValidUntil!: Date;
  @Field() consistencyToken!: string;
}

@ObjectType()
export class WebhookEventType {
  @Field() type!: string;
  @Field(() => Int) version!: number;
  @Field() description!: string;
  @Field({ description: 'JSON Schema of the payload\'s data, as JSON text.' }) schema!: string;
  @Field({ description: 'An example payload ({type, timestamp, data}), as JSON text.' }) example!: string;
}

@ObjectType()
export class WebhookDeliveryAttempt {
  @Field(() => GraphQLISODateTime) attemptedAt!: Date;
  @Field(() => Int, { nullable: true, description: 'null: no answer (refused, timed out, blocked address).' }) httpStatus!: number | null;
  @Field(() => Int) durationMs!: number;
  @Field({ description: 'DELIVERED, FAILED or GONE.' }) outcome!: string;
  @Field(() => String, { nullable: true }) error!: string | null;
  @Field({ description: 'The response body\'s first bytes (capped).' }) responseExcerpt!: string;
}

@ObjectType()
export class WebhookDelivery {
  @Field({ description: 'Cursor for `after`.' }) cursor!: string;
  @Field({ description: 'The webhook-id header.' }) messageId!: string;
  @Field() eventType!: string;
  @Field({ description: 'PENDING, DELIVERED or FAILED.' }) status!: string;
  @Field({ description: 'The body sent, as JSON text.' }) payload!: string;
  @Field(() => GraphQLISODateTime) eventRecordedAt!: Date;
  @Field(() => GraphQLISODateTime, { nullable: true }) nextAttemptAt!: Date | null;
  @Field(() => GraphQLISODateTime, { nullable: true }) deliveredAt!: Date | null;
  @Field(() => [WebhookDeliveryAttempt]) attempts!: WebhookDeliveryAttempt[];
}

@ObjectType()
export class WebhookDeliveriesPage {
  @Field(() => [WebhookDelivery]) deliveries!: WebhookDelivery[];
  @Field(() => String, { nullable: true, description: 'Pass as `after` for the next page; null at the end.' }) nextCursor!: string | null;
}

@ObjectType()
export class ReplayWebhookDeliveriesResponse {
  @Field(() => Int, { description: 'Deliveries queued again, in their original order.' }) replayed!: number;
}

@ObjectType()
export class SendTestWebhookResponse {
  @Field() messageId!: string;
}
