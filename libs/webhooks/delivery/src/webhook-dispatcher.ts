import { Client, type Pool } from 'pg';
import { listenForWakeUps, type WakeUpListener } from '@orgs/shared/event-store';
import type { Logger } from '@orgs/shared/runtime';
import { nextRetryDelayMs, outcomeOfStatus } from '@orgs/webhooks/domain';
import type { DeliveryObserver } from './delivery-metrics';
import { DeliveryStore, type AttemptRecord, type DueEndpoint, type PendingDelivery } from './delivery-store';
import { postWebhook } from './outbound-http';
import type { WebhooksConfig } from './webhooks-config';
import type { WebhookSigner } from './webhook-signer';

/** How many deliveries of one endpoint are read at a time, and recorded together. */
const PAGE = 200;
/** Safety net: a wake-up (NOTIFY) lost while the listener reconnects costs at most this. */
const POLL_MS = 1_000;
/** How long an endpoint with nothing to send keeps its lane (and its lock) waiting for more. */
const LANE_IDLE_MS = 5_000;
/** An endpoint another thread prefers is taken here only when its oldest due delivery has waited this long. */
const OTHERS_AFTER_MS = 2_000;
/** An endpoint another process or thread holds is not tried again for this long (it keeps it while it has work). */
const HELD_ELSEWHERE_MS = 2_000;
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
  observer: DeliveryObserver;
  /** This dispatcher's place among a worker's threads: each prefers its share of the endpoints. */
  share?: { index: number; of: number };
}

/**
 * Sends what the webhooks projection queued. Per endpoint, one delivery at a time in log order: a
 * failing delivery holds back that endpoint's later ones only. An endpoint is delivered to by one
 * worker process at a time (a session advisory lock, released by Postgres if the process dies);
 * what was sent but not yet recorded when a worker died is sent again with the same webhook-id.
 *
 * Each endpoint being delivered to has a lane: it takes the lock once and keeps it while deliveries
 * keep coming (and LANE_IDLE_MS after), woken by the projection's NOTIFY, so a steady stream costs
 * a page read and a record per wake-up, not a lock, a scan and an unlock per page. A page's
 * attempts are recorded while the next page is read and sent.
 */
export class WebhookDispatcher {
  private readonly store: DeliveryStore;
  private readonly lanes = new Map<string, Lane>();
  /** Endpoints whose lock was taken when we tried, and when we may try again. */
  private readonly heldElsewhere = new Map<string, number>();
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
    for (const lane of this.lanes.values()) lane.close();
    const deadline = Date.now() + 5_000;
    while (this.lanes.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    await this.lockClient?.end().catch(() => undefined);
  }

  /** Something may be due: lanes look again, and a scan finds endpoints without one (wake-ups during a scan fold into one more). */
  wake(): void {
    if (this.stopped) return;
    for (const lane of this.lanes.values()) lane.poke();
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
    for (const [endpointId, until] of this.heldElsewhere) if (until <= now) this.heldElsewhere.delete(endpointId);
    for (const endpoint of due) {
      const at = endpoint.nextAttemptAt.getTime();
      if (at > now) this.wakeLaterAt(at);
      else if (this.lanes.has(endpoint.endpointId) || (this.heldElsewhere.get(endpoint.endpointId) ?? 0) > now) continue;
      else if (!this.prefers(endpoint.endpointId) && now - at < OTHERS_AFTER_MS) this.wakeLaterAt(at + OTHERS_AFTER_MS);
      else if (this.lanes.size < this.options.config.concurrency) this.launch(endpoint);
      // All lanes taken: one waiting for work makes room (its exit wakes us again).
      else [...this.lanes.values()].find((lane) => lane.idle)?.close();
    }
  }

  /**
   * Whether this thread is first in line for the endpoint. Without shares the first thread to scan
   * would lock every endpoint and the others idle; another thread's endpoints are taken only once
   * their deliveries wait (that thread busy or gone).
   */
  private prefers(endpointId: string): boolean {
    const share = this.options.share;
    if (!share || share.of <= 1) return true;
    let hash = 0;
    for (let i = 0; i < endpointId.length; i++) hash = (hash * 31 + endpointId.charCodeAt(i)) >>> 0;
    return hash % share.of === share.index;
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
    const lane = new Lane();
    this.lanes.set(endpoint.endpointId, lane);
    void this.deliverEndpoint(endpoint, lane)
      .catch((error) => this.options.logger.warn({ err: error, endpoint: endpoint.endpointId }, 'webhook delivery failed'))
      .finally(() => {
        this.lanes.delete(endpoint.endpointId);
        // What was queued after the lane's last look is picked up now, not at the next poll.
        this.wake();
      });
  }

  private async deliverEndpoint(endpoint: DueEndpoint, lane: Lane): Promise<void> {
    if (!(await this.lock(endpoint.endpointId))) {
      this.heldElsewhere.set(endpoint.endpointId, Date.now() + HELD_ELSEWHERE_MS);
      return;
    }
    this.heldElsewhere.delete(endpoint.endpointId);
    const recording = new Recording(this.store);
    try {
      while (!lane.closed) {
        lane.poked = false;
        const page = await this.store.pendingPage(endpoint.tenantId, endpoint.endpointId, PAGE, recording.afterSeq);
        if (page.length > 0) {
          const goOn = await this.deliverPage(page, recording);
          if (!goOn || this.stopped) return;
          if (page.length === PAGE || lane.poked) continue;
        } else if (lane.poked) continue;
        // Nothing more was queued since the read (its NOTIFY would have poked the lane).
        await recording.settled();
        if (!(await lane.waitForWork(LANE_IDLE_MS)) || this.stopped) return;
      }
    } finally {
      await recording.settled().catch((error) => this.options.logger.warn({ err: error, endpoint: endpoint.endpointId }, 'webhook attempts not recorded'));
      await this.unlock(endpoint.endpointId);
    }
  }

  /** Sends a page in order, until one fails or is not due yet; true when all of it was delivered. */
  private async deliverPage(page: PendingDelivery[], recording: Recording): Promise<boolean> {
    const delivered: AttemptRecord[] = [];
    for (const delivery of page) {
      if (delivery.nextAttemptAt.getTime() > Date.now()) {
        this.wakeLaterAt(delivery.nextAttemptAt.getTime());
        await recording.settle(delivered);
        return false;
      }
      const attempt = await this.attempt(delivery);
      this.options.observer.attempted(attempt.outcome);
      if (attempt.outcome === 'DELIVERED') {
        this.options.observer.delivered((Date.now() - delivery.eventRecordedAt.getTime()) / 1000);
        delivered.push(attempt);
        continue;
      }
      await recording.settle(delivered);
      await this.failed(attempt);
      return false;
    }
    // Recorded while the next page is read and sent; the one after waits for it.
    await recording.behind(delivered);
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
      // Its locks went with it: lanes finish the page in hand and end; new ones lock on the next connection.
      if (this.lockClient !== client) return;
      this.lockClient = undefined;
      for (const lane of this.lanes.values()) lane.close();
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

/** An endpoint's delivery loop as the dispatcher sees it: poked on every wake-up, idle while waiting for one. */
class Lane {
  poked = false;
  idle = false;
  closed = false;
  private resume?: (work: boolean) => void;

  poke(): void {
    this.poked = true;
    this.resume?.(true);
  }

  close(): void {
    this.closed = true;
    this.resume?.(false);
  }

  /** True when poked within `ms`; false on time-out or close. */
  waitForWork(ms: number): Promise<boolean> {
    if (this.closed) return Promise.resolve(false);
    if (this.poked) return Promise.resolve(true);
    this.idle = true;
    return new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => this.resume?.(false), ms);
      this.resume = (work) => {
        clearTimeout(timer);
        this.resume = undefined;
        this.idle = false;
        resolve(work);
      };
    });
  }
}

/**
 * A lane's delivered attempts on their way to the database: one statement in flight at a time, in
 * order; while it runs, pages are read after its last delivery (`afterSeq`), which is not yet
 * marked delivered. A failed statement fails the lane at its next step, and the attempts it held
 * are sent again later with the same webhook-id (at least once).
 */
class Recording {
  afterSeq = '0';
  private inFlight?: Promise<void>;

  constructor(private readonly store: DeliveryStore) {}

  /** Starts recording `attempts` once the previous statement is done; returns when that one is. */
  async behind(attempts: AttemptRecord[]): Promise<void> {
    await this.settled();
    if (attempts.length === 0) return;
    const last = attempts[attempts.length - 1].delivery.seq;
    this.afterSeq = last;
    this.inFlight = this.store.recordDelivered(attempts).then(() => {
      if (this.afterSeq === last) this.afterSeq = '0';
    });
    // Its failure is reported by the next settled(); not an unhandled rejection meanwhile.
    this.inFlight.catch(() => undefined);
  }

  /** Records `attempts` and waits for everything recorded so far. */
  async settle(attempts: AttemptRecord[]): Promise<void> {
    await this.behind(attempts);
    await this.settled();
  }

  async settled(): Promise<void> {
    const pending = this.inFlight;
    this.inFlight = undefined;
    await pending;
  }
}
