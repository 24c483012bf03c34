import { randomBytes } from 'node:crypto';
import { Args, GraphQLISODateTime, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { invalidInput } from '@orgs/shared/kernel';
import { CurrentPrincipal, Writes, type Principal } from '@orgs/shared/nest';
import { Prisma } from '@orgs/shared/read-models';
import { TEST_EVENT_TYPE, WEBHOOKS_QUEUED_CHANNEL } from '@orgs/webhooks/domain';
import { ReplayWebhookDeliveriesResponse, SendTestWebhookResponse, WebhookDeliveriesPage, type WebhookDelivery } from './webhooks.types';
import { WebhooksScope } from './webhooks-scope.service';

const STATUSES = ['PENDING', 'DELIVERED', 'FAILED'];
const MAX_PAGE = 100;

interface DeliveryRow {
  seq: bigint;
  message_id: string;
  event_type: string;
  status: string;
  payload: unknown;
  event_recorded_at: Date;
  next_attempt_at: Date;
  delivered_at: Date | null;
}
interface AttemptRow {
  delivery_seq: bigint;
  attempted_at: Date;
  http_status: number | null;
  duration_ms: number;
  outcome: string;
  error: string | null;
  response_excerpt: string;
}

/** The delivery log of an endpoint, re-sending from a time, and test events. */
@Resolver()
export class WebhookDeliveriesResolver {
  constructor(private readonly scope: WebhooksScope) {}

  @Query(() => WebhookDeliveriesPage, { description: 'An endpoint\'s deliveries in log order, each with its attempts.' })
  async webhookDeliveries(
    @CurrentPrincipal() principal: Principal,
    @Args('endpointId') endpointId: string,
    @Args('status', { nullable: true, type: () => String, description: 'PENDING, DELIVERED or FAILED.' }) status?: string | null,
    @Args('after', { nullable: true, type: () => String }) after?: string | null,
    @Args('first', { nullable: true, type: () => Int }) first?: number | null,
    @Args('consistencyToken', { nullable: true, type: () => String }) consistencyToken?: string | null,
  ): Promise<WebhookDeliveriesPage> {
    if (status && !STATUSES.includes(status)) throw invalidInput('INVALID_ENUM', `status must be one of ${STATUSES.join(', ')}.`);
    if (after && !/^\d{1,19}$/.test(after)) throw invalidInput('INVALID_NEXT_TOKEN', 'after is not a cursor of webhookDeliveries.');
    const limit = Math.min(Math.max(first ?? MAX_PAGE, 1), MAX_PAGE);
    await this.scope.ownEndpoint(principal, endpointId, consistencyToken);
    const rows = await this.scope.sql<DeliveryRow>(
      principal,
      Prisma.sql`SELECT seq, message_id, event_type, status, payload, event_recorded_at, next_attempt_at, delivered_at FROM webhook_deliveries
                  WHERE tenant_id = ${principal.tenantId}::uuid AND endpoint_id = ${endpointId}
                    AND (${status ?? null}::text IS NULL OR status = ${status ?? null}::text)
                    AND seq > ${BigInt(after ?? 0)} ORDER BY seq LIMIT ${limit + 1}`,
    );
    const page = rows.slice(0, limit);
    const attempts = page.length === 0 ? [] : await this.scope.sql<AttemptRow>(
      principal,
      Prisma.sql`SELECT delivery_seq, attempted_at, http_status, duration_ms, outcome, error, response_excerpt FROM webhook_delivery_attempts
                  WHERE tenant_id = ${principal.tenantId}::uuid AND delivery_seq IN (${Prisma.join(page.map((r) => r.seq))}) ORDER BY id`,
    );
    return { deliveries: page.map((row) => toDelivery(row, attempts)), nextCursor: rows.length > limit ? page[page.length - 1].seq.toString() : null };
  }

  @Writes()
  @Mutation(() => ReplayWebhookDeliveriesResponse, { description: 'Sends again, in their order, every delivery of events appended since then.' })
  async replayWebhookDeliveries(
    @CurrentPrincipal() principal: Principal,
    @Args('endpointId') endpointId: string,
    @Args('since', { type: () => GraphQLISODateTime }) since: Date,
  ): Promise<ReplayWebhookDeliveriesResponse> {
    await this.scope.ownEndpoint(principal, endpointId);
    const rows = await this.scope.sql<{ n: number }>(
      principal,
      Prisma.sql`WITH replayed AS (
                   UPDATE webhook_deliveries SET status = 'PENDING', attempts = 0, next_attempt_at = now()
                    WHERE tenant_id = ${principal.tenantId}::uuid AND endpoint_id = ${endpointId} AND event_recorded_at >= ${since} RETURNING 1)
                 SELECT count(*)::int AS n, pg_notify(${WEBHOOKS_QUEUED_CHANNEL}, '') IS NULL AS notified FROM replayed`,
    );
    return { replayed: rows[0]?.n ?? 0 };
  }

  @Writes()
  @Mutation(() => SendTestWebhookResponse, { description: `Queues a ${TEST_EVENT_TYPE} event for the endpoint, after its pending deliveries.` })
  async sendTestWebhook(@CurrentPrincipal() principal: Principal, @Args('endpointId') endpointId: string): Promise<SendTestWebhookResponse> {
    await this.scope.ownEndpoint(principal, endpointId);
    const messageId = `msg_test_${randomBytes(12).toString('hex')}`;
    const payload = { type: TEST_EVENT_TYPE, timestamp: new Date().toISOString(), data: { endpointId, message: 'This is a test webhook from Orgs.' } };
    await this.scope.sql(
      principal,
      Prisma.sql`WITH queued AS (
                   INSERT INTO webhook_deliveries (tenant_id, endpoint_id, message_id, event_type, payload, status, next_attempt_at, event_recorded_at)
                   VALUES (${principal.tenantId}::uuid, ${endpointId}, ${messageId}, ${TEST_EVENT_TYPE}, ${JSON.stringify(payload)}::jsonb, 'PENDING', now(), now()) RETURNING 1)
                 SELECT pg_notify(${WEBHOOKS_QUEUED_CHANNEL}, '') IS NULL AS notified FROM queued`,
    );
    return { messageId };
  }
}

function toDelivery(row: DeliveryRow, attempts: AttemptRow[]): WebhookDelivery {
  return {
    cursor: row.seq.toString(),
    messageId: row.message_id,
    eventType: row.event_type,
    status: row.status,
    payload: JSON.stringify(row.payload),
    eventRecordedAt: row.event_recorded_at,
    nextAttemptAt: row.status === 'PENDING' ? row.next_attempt_at : null,
    deliveredAt: row.delivered_at,
    attempts: attempts
      .filter((a) => a.delivery_seq === row.seq)
      .map((a) => ({ attemptedAt: a.attempted_at, httpStatus: a.http_status, durationMs: a.duration_ms, outcome: a.outcome, error: a.error, responseExcerpt: a.response_excerpt })),
  };
}
