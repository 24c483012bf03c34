import type { Logger } from '@orgs/shared/runtime';
import type { JobLedger, LedgerJob, PendingJob } from './job-ledger';
import type { ReactionQueue } from './reaction-queue';

const EVERY_MS = 5_000;
/** A job recorded this long ago that BullMQ was never seen to take is handed over again. */
const NOT_TAKEN_AFTER_MS = 5_000;
const PAGE = 1_000;

/**
 * Hands the ledger's jobs to BullMQ again when BullMQ may not have them: those it was never seen to
 * take (Redis was away when they were recorded), and every job not yet done when Redis has lost
 * its data, which the reconciler tells by a marker key it sets in Redis and finds gone.
 */
export class JobReconciler {
  private timer?: NodeJS.Timeout;
  private running = false;

  constructor(
    private readonly ledger: JobLedger,
    private readonly queues: ReactionQueue[],
    private readonly prefix: string,
    private readonly handOver: (jobs: LedgerJob[]) => Promise<void>,
  ) {}

  start(logger: Logger): void {
    const tick = () => {
      if (this.running) return;
      this.running = true;
      this.reconcile()
        .catch((error) => logger.warn({ err: error }, 'reaction jobs could not be reconciled'))
        .finally(() => (this.running = false));
    };
    tick();
    this.timer = setInterval(tick, EVERY_MS);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async reconcile(): Promise<void> {
    const redisKeptItsData = await this.markerIsThere();
    await this.handOverPending(redisKeptItsData ? NOT_TAKEN_AFTER_MS : undefined);
    if (!redisKeptItsData) await this.setMarker();
    await this.ledger.forgetCompleted(7);
  }

  private async handOverPending(notEnqueuedForMs: number | undefined): Promise<void> {
    let after: PendingJob | undefined;
    for (;;) {
      const page = await this.ledger.pending({ notEnqueuedForMs, after, limit: PAGE });
      if (page.length === 0) return;
      await this.handOver(page);
      after = page[page.length - 1];
    }
  }

  private get markerKey(): string {
    return `${this.prefix}:reaction-jobs:ledger-marker`;
  }

  private async markerIsThere(): Promise<boolean> {
    const client = await this.queues[0]?.queue.getBackend().client;
    return client ? (await client.get(this.markerKey)) !== null : true;
  }

  private async setMarker(): Promise<void> {
    const client = await this.queues[0]?.queue.getBackend().client;
    await client?.set(this.markerKey, new Date().toISOString());
  }
}
