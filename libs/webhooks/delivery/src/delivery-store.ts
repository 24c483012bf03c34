import type { Pool } from 'pg';
import { CoalescedCalls } from './coalesced-calls';
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

interface PageRequest {
  tenantId: string;
  endpointId: string;
  limit: number;
  afterSeq: string;
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
  pendingPage(tenantId: string, endpointId: string, limit: number, afterSeq = '0'): Promise<PendingDelivery[]> {
    return this.pages.call({ tenantId, endpointId, limit, afterSeq });
  }

  /** Pages asked for while a read is under way are read together, in one statement. */
  private readonly pages = new CoalescedCalls<PageRequest, PendingDelivery[]>(async (requests) => {
    const { rows } = await this.pool.query({
      name: 'webhooks_pending_pages',
      text: `SELECT r.i, d.seq::text, d.message_id, d.payload::text AS body, d.attempts, d.next_attempt_at, d.event_recorded_at,
                    e.url, e.encrypted_secret, e.previous_encrypted_secret, e.previous_valid_until
               FROM unnest($1::uuid[], $2::text[], $3::bigint[], $4::int[]) WITH ORDINALITY AS r(tenant_id, endpoint_id, after_seq, page, i)
               JOIN webhook_endpoints e ON e.tenant_id = r.tenant_id AND e.id = r.endpoint_id AND e.status = 'ENABLED'
              CROSS JOIN LATERAL (
                SELECT * FROM webhook_deliveries d
                 WHERE d.endpoint_id = r.endpoint_id AND d.tenant_id = r.tenant_id AND d.status = 'PENDING' AND d.seq > r.after_seq
                 ORDER BY d.seq LIMIT r.page) d
              ORDER BY r.i, d.seq`,
      values: [requests.map((r) => r.tenantId), requests.map((r) => r.endpointId), requests.map((r) => r.afterSeq), requests.map((r) => r.limit)],
    });
    const pages: PendingDelivery[][] = requests.map(() => []);
    for (const r of rows) {
      const { tenantId, endpointId } = requests[Number(r.i) - 1];
      pages[Number(r.i) - 1].push({
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
      });
    }
    return pages;
  });

  /** Delivered attempts (nothing to retry), several lanes' recorded together in one statement. */
  recordDelivered(attempts: AttemptRecord[]): Promise<void> {
    return attempts.length === 0 ? Promise.resolve() : this.delivered.call(attempts);
  }

  private readonly delivered = new CoalescedCalls<AttemptRecord[], void>(async (batches) => {
    await this.record(batches.flat());
    return batches.map(() => undefined);
  });

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
