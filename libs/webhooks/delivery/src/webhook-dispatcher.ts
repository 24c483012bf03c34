import { Client, type Pool } from 'pg';
import { Counter, Histogram } from 'prom-client';
import { listenForWakeUps, type WakeUpListener } from '@orgs/shared/event-store';
import type { Logger } from '@orgs/shared/runtime';
import { nextRetryDelayMs, outcomeOfStatus } from '@orgs/webhooks/domain';
import { DeliveryStore, type AttemptRecord, type DueEndpoint, type PendingDelivery } from './delivery-store';
import { postWebhook } from './outbound-http';
import type { WebhooksConfig } from './webhooks-config';
import type { WebhookSigner } from './webhook-signer';

const attemptsTotal = new Counter({ name: 'orgs_webhook_attempts_total', help: 'Webhook delivery attempts by outcome', labelNames: ['outcome'] });
const deliveryDelay = new Histogram({
  name: 'orgs_webhook_delivery_seconds',
  help: 'From an event\'s append to its delivery (2xx)',
  buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 60, 600],
});

/** How many deliveries of one endpoint are read at a time, and recorded together. */
const PAGE = 200;
const POLL_MS = 1_000;
/** Advisory-lock namespace of the endpoints a worker is delivering to. */
const LOCK_SPACE = 8_008;

export interface DispatcherOptions {
  pool: Pool;
  databaseUrl: string;
  config: WebhooksConfig;
  signer: WebhookSigner;
  logger: Logger;
  /** Appends the endpoint's disabling (410 Gone, or the retry schedule exhausted). */
  disable(delivery: PendingDelivery, reason: 'GONE' | 'RETRIES_EXHAUSTED', detail: string): Promise<void>;
  /** The channel the webhooks projection notifies when it queued deliveries. */
  queuedChannel: string;
}

/**
 * Sends what the webhooks projection queued. Per endpoint, one delivery at a time in log order: a
 * failing delivery holds back that endpoint's later ones only. An endpoint is delivered to by one
 * worker process at a time (a session advisory lock, released by Postgres if the process dies);
 * what was sent but not yet recorded when a worker died is sent again with the same webhook-id.
 */
export class WebhookDispatcher {
  private readonly store: DeliveryStore;
  private readonly running = new Set<string>();
  private listener?: WakeUpListener;
  private lockClient?: Client;
  private poll?: NodeJS.Timeout;
  private wakeTimer?: NodeJS.Timeout;
  private wakeAt = Infinity;
  private scanning = false;
  private scanAgain = false;
  private stopped = false;
  private lockQueue: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: DispatcherOptions) {
    this.store = new DeliveryStore(options.pool);
  }

  async start(): Promise<void> {
    const { databaseUrl, queuedChannel, logger } = this.options;
    await this.connectLockClient();
    this.listener = await listenForWakeUps(databaseUrl, queuedChannel, () => this.wake(), (e) => logger.warn({ err: e }, 'webhook listener error'));
    this.poll = setInterval(() => this.wake(), POLL_MS);
    this.wake();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.poll);
    clearTimeout(this.wakeTimer);
    await this.listener?.close();
    const deadline = Date.now() + 5_000;
    while (this.running.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    await this.lockClient?.end().catch(() => undefined);
  }

  /** Looks for endpoints with due deliveries; wake-ups during a scan fold into one more. */
  wake(): void {
    if (this.stopped) return;
    if (this.scanning) {
      this.scanAgain = true;
      return;
    }
    this.scanning = true;
    void this.scan()
      .catch((error) => this.options.logger.warn({ err: error }, 'webhook scan failed'))
      .finally(() => {
        this.scanning = false;
        if (this.scanAgain) {
          this.scanAgain = false;
          this.wake();
        }
      });
  }

  private async scan(): Promise<void> {
    const due = await this.store.dueEndpoints();
    const now = Date.now();
    for (const endpoint of due) {
      const at = endpoint.nextAttemptAt.getTime();
      if (at > now) this.wakeLaterAt(at);
      else if (!this.running.has(endpoint.endpointId) && this.running.size < this.options.config.concurrency) this.launch(endpoint);
    }
  }

  private wakeLaterAt(at: number): void {
    if (at >= this.wakeAt && this.wakeTimer) return;
    clearTimeout(this.wakeTimer);
    this.wakeAt = at;
    this.wakeTimer = setTimeout(() => {
      this.wakeAt = Infinity;
      this.wakeTimer = undefined;
      this.wake();
    }, Math.max(0, at - Date.now()));
  }

  private launch(endpoint: DueEndpoint): void {
    this.running.add(endpoint.endpointId);
    void this.deliverEndpoint(endpoint)
      .catch((error) => this.options.logger.warn({ err: error, endpoint: endpoint.endpointId }, 'webhook delivery failed'))
      .finally(() => {
        this.running.delete(endpoint.endpointId);
        // What was queued while this run read its last page is picked up now, not at the next poll.
        this.wake();
      });
  }

  private async deliverEndpoint(endpoint: DueEndpoint): Promise<void> {
    if (!(await this.lock(endpoint.endpointId))) return;
    try {
      for (;;) {
        const page = await this.store.pendingPage(endpoint.tenantId, endpoint.endpointId, PAGE);
        const goOn = await this.deliverPage(page);
        if (!goOn || page.length < PAGE || this.stopped) return;
      }
    } finally {
      await this.unlock(endpoint.endpointId);
    }
  }

  /** Sends a page in order, until one fails or is not due yet; true when all of it was delivered. */
  private async deliverPage(page: PendingDelivery[]): Promise<boolean> {
    const delivered: AttemptRecord[] = [];
    for (const delivery of page) {
      if (delivery.nextAttemptAt.getTime() > Date.now()) {
        this.wakeLaterAt(delivery.nextAttemptAt.getTime());
        await this.store.record(delivered);
        return false;
      }
      const attempt = await this.attempt(delivery);
      attemptsTotal.inc({ outcome: attempt.outcome });
      if (attempt.outcome === 'DELIVERED') {
        deliveryDelay.observe((Date.now() - delivery.eventRecordedAt.getTime()) / 1000);
        delivered.push(attempt);
        continue;
      }
      await this.store.record(delivered);
      await this.failed(attempt);
      return false;
    }
    await this.store.record(delivered);
    return page.length > 0;
  }

  private async attempt(delivery: PendingDelivery): Promise<AttemptRecord> {
    const { config, signer } = this.options;
    const attemptedAt = new Date();
    const headers = signer.headers(delivery.messageId, attemptedAt, delivery.body, delivery);
    const result = await postWebhook(new URL(delivery.url), headers, delivery.body, {
      timeoutMs: config.timeoutMs,
      excerptBytes: config.responseExcerptBytes,
      allowedHosts: config.allowedHosts,
    });
    return { delivery, attemptedAt, result, outcome: outcomeOfStatus(result.status) };
  }

  private async failed(attempt: AttemptRecord): Promise<void> {
    const { delivery, result } = attempt;
    const detail = result.status === null ? (result.error ?? 'no answer') : `HTTP ${result.status}`;
    if (attempt.outcome === 'GONE') {
      await this.store.record([attempt], { retryAt: new Date() });
      await this.options.disable(delivery, 'GONE', detail);
      return;
    }
    const delay = nextRetryDelayMs(delivery.attempts + 1, this.options.config.retryScheduleMs, Math.random());
    const retryAt = delay === null ? null : new Date(Date.now() + delay);
    await this.store.record([attempt], { retryAt });
    if (retryAt) this.wakeLaterAt(retryAt.getTime());
    else await this.options.disable(delivery, 'RETRIES_EXHAUSTED', `${this.options.config.retryScheduleMs.length + 1} attempts failed; the last: ${detail}`);
  }

  private async connectLockClient(): Promise<void> {
    const client = new Client({ connectionString: this.options.databaseUrl, application_name: 'orgs-webhooks-locks' });
    client.on('error', (error) => {
      this.options.logger.warn({ err: error }, 'webhook lock connection lost');
      // Its locks went with it: runs in progress finish their page, new ones lock on the next connection.
      if (this.lockClient === client) this.lockClient = undefined;
    });
    await client.connect();
    this.lockClient = client;
  }

  private async lock(endpointId: string): Promise<boolean> {
    const rows = await this.onLockClient('SELECT pg_try_advisory_lock($1, hashtext($2)) AS locked', endpointId);
    return rows[0]?.locked === true;
  }

  private async unlock(endpointId: string): Promise<void> {
    await this.onLockClient('SELECT pg_advisory_unlock($1, hashtext($2))', endpointId).catch(() => undefined);
  }

  /** The lock connection's queries one after another (one pg Client runs one query at a time). */
  private onLockClient(text: string, endpointId: string): Promise<{ locked?: boolean }[]> {
    const run = this.lockQueue.then(async () => {
      if (!this.lockClient) await this.connectLockClient();
      return (await (this.lockClient as Client).query(text, [LOCK_SPACE, endpointId])).rows;
    });
    this.lockQueue = run.catch(() => undefined);
    return run;
  }
}
