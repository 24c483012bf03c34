import type { Pool } from 'pg';
import type { PostResult } from './outbound-http';

export interface DueEndpoint {
  tenantId: string;
  endpointId: string;
  nextAttemptAt: Date;
}

export interface PendingDelivery {
  seq: string;
  tenantId: string;
  endpointId: string;
  messageId: string;
  body: string;
  attempts: number;
  nextAttemptAt: Date;
  eventRecordedAt: Date;
  url: string;
  encryptedSecret: string;
  previousEncryptedSecret: string | null;
  previousValidUntil: Date | null;
}

export interface AttemptRecord {
  delivery: PendingDelivery;
  attemptedAt: Date;
  result: PostResult;
  outcome: 'DELIVERED' | 'FAILED' | 'GONE';
}

/** The worker's reads and writes of webhook_deliveries (as the owner: every tenant's rows). */
export class DeliveryStore {
  constructor(private readonly pool: Pool) {}

  /**
   * Each enabled endpoint's oldest pending delivery: the one that decides when it may go on. One
   * index probe per endpoint (pending index), however many deliveries are queued behind them.
   */
  async dueEndpoints(): Promise<DueEndpoint[]> {
    const { rows } = await this.pool.query({
      name: 'webhooks_due_endpoints',
      text: `SELECT e.tenant_id, e.id AS endpoint_id, d.next_attempt_at
               FROM webhook_endpoints e
               CROSS JOIN LATERAL (
                 SELECT next_attempt_at FROM webhook_deliveries d
                  WHERE d.endpoint_id = e.id AND d.tenant_id = e.tenant_id AND d.status = 'PENDING'
                  ORDER BY d.seq LIMIT 1) d
              WHERE e.status = 'ENABLED'`,
    });
    return rows.map((r) => ({ tenantId: r.tenant_id, endpointId: r.endpoint_id, nextAttemptAt: r.next_attempt_at }));
  }

  /** The endpoint's next pending deliveries in log order, after `afterSeq` (those still being recorded). */
  async pendingPage(tenantId: string, endpointId: string, limit: number, afterSeq = '0'): Promise<PendingDelivery[]> {
    const { rows } = await this.pool.query({
      name: 'webhooks_pending_page',
      text: `SELECT d.seq::text, d.message_id, d.payload::text AS body, d.attempts, d.next_attempt_at, d.event_recorded_at,
              e.url, e.encrypted_secret, e.previous_encrypted_secret, e.previous_valid_until
         FROM webhook_deliveries d
         JOIN webhook_endpoints e ON e.tenant_id = d.tenant_id AND e.id = d.endpoint_id AND e.status = 'ENABLED'
        WHERE d.endpoint_id = $2 AND d.tenant_id = $1 AND d.status = 'PENDING' AND d.seq > $4
        ORDER BY d.seq LIMIT $3`,
      values: [tenantId, endpointId, limit, afterSeq],
    });
    return rows.map((r) => ({
      seq: r.seq,
      tenantId,
      endpointId,
      messageId: r.message_id,
      body: r.body,
      attempts: r.attempts,
      nextAttemptAt: r.next_attempt_at,
      eventRecordedAt: r.event_recorded_at,
      url: r.url,
      encryptedSecret: r.encrypted_secret,
      previousEncryptedSecret: r.previous_encrypted_secret,
      previousValidUntil: r.previous_valid_until,
    }));
  }

  /**
   * Records attempts and their outcome in one statement: delivered ones are done; a failed one
   * waits until `retryAt`, or is FAILED for good when `retryAt` is null (the schedule ran out).
   */
  async record(attempts: AttemptRecord[], failure?: { retryAt: Date | null }): Promise<void> {
    if (attempts.length === 0) return;
    const cols = {
      seq: attempts.map((a) => a.delivery.seq),
      tenant: attempts.map((a) => a.delivery.tenantId),
      endpoint: attempts.map((a) => a.delivery.endpointId),
      message: attempts.map((a) => a.delivery.messageId),
      at: attempts.map((a) => a.attemptedAt),
      status: attempts.map((a) => a.result.status),
      duration: attempts.map((a) => a.result.durationMs),
      outcome: attempts.map((a) => a.outcome),
      error: attempts.map((a) => a.result.error),
      excerpt: attempts.map((a) => a.result.excerpt.replace(/\u0000/g, '')),
    };
    const failedStatus = failure && failure.retryAt === null ? 'FAILED' : 'PENDING';
    await this.pool.query({
      name: 'webhooks_record_attempts',
      text: `WITH a AS (
         SELECT * FROM unnest($1::bigint[], $2::uuid[], $3::text[], $4::text[], $5::timestamptz[], $6::int[], $7::int[], $8::text[], $9::text[], $10::text[])
           AS a(seq, tenant_id, endpoint_id, message_id, attempted_at, http_status, duration_ms, outcome, error, response_excerpt)
       ), attempts AS (
         INSERT INTO webhook_delivery_attempts (tenant_id, endpoint_id, delivery_seq, message_id, attempted_at, http_status, duration_ms, outcome, error, response_excerpt)
         SELECT tenant_id, endpoint_id, seq, message_id, attempted_at, http_status, duration_ms, outcome, error, response_excerpt FROM a
       )
       UPDATE webhook_deliveries d
          SET attempts = d.attempts + 1, last_status = a.http_status,
              status = CASE WHEN a.outcome = 'DELIVERED' THEN 'DELIVERED' ELSE $11 END,
              delivered_at = CASE WHEN a.outcome = 'DELIVERED' THEN a.attempted_at ELSE d.delivered_at END,
              next_attempt_at = CASE WHEN a.outcome = 'DELIVERED' THEN d.next_attempt_at ELSE coalesce($12::timestamptz, d.next_attempt_at) END
         FROM a WHERE d.seq = a.seq`,
      values: [cols.seq, cols.tenant, cols.endpoint, cols.message, cols.at, cols.status, cols.duration, cols.outcome, cols.error, cols.excerpt, failedStatus, failure?.retryAt ?? null],
    });
  }
}
