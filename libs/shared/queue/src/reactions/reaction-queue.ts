import { Queue, Worker, type ConnectionOptions } from 'bullmq';
import type { RecordedEvent } from '@orgs/shared/event-store';
import type { JobLedger, LedgerJob } from './job-ledger';
import type { Reaction, ReactionContext } from './reaction';

/** BullMQ reserves ':' in its keys. */
const bullJobId = (reaction: string, jobId: string) => `${reaction}.${jobId}`.replace(/:/g, '_');

/** One reaction's BullMQ queue and the worker that runs its jobs, marking each done in the ledger. */
export class ReactionQueue {
  readonly queue: Queue;
  private worker?: Worker;

  constructor(
    readonly reaction: Reaction,
    private readonly connection: ConnectionOptions,
    private readonly prefix: string,
  ) {
    this.queue = new Queue(`reaction-${reaction.name}`, { connection, prefix });
  }

  start(context: ReactionContext, ledger: JobLedger, concurrency: number): void {
    const { lockDurationMs, maxStalledCount } = this.reaction;
    this.worker = new Worker(
      this.queue.name,
      async (job) => {
        await this.reaction.run(job.data.data, context);
        await ledger.markCompleted(this.reaction.name, job.data.jobId);
      },
      {
        connection: this.connection,
        prefix: this.prefix,
        concurrency,
        ...(lockDurationMs ? { lockDuration: lockDurationMs, stalledInterval: lockDurationMs } : {}),
        ...(maxStalledCount ? { maxStalledCount } : {}),
      },
    );
    this.worker.on('failed', (job, error) =>
      context.logger.error({ err: error, reaction: this.reaction.name, job: job?.id, attempts: job?.attemptsMade }, 'reaction job failed'),
    );
  }

  /** The jobs these events call for (deterministic ids: the same events give the same jobs). */
  jobsFor(events: RecordedEvent[]): LedgerJob[] {
    return events
      .filter((e) => this.reaction.eventTypes.has(e.type))
      .flatMap((e) => this.reaction.jobsFor(e))
      .map((job) => ({ reaction: this.reaction.name, jobId: job.id, data: job.data, runAt: job.runAt ?? null }));
  }

  /** Hands jobs to BullMQ; one it already holds under the same id is left as it is. */
  async enqueue(jobs: LedgerJob[]): Promise<void> {
    if (jobs.length > 0) await this.queue.addBulk(jobs.map((job) => this.toBulkJob(job)));
  }

  private toBulkJob(job: LedgerJob) {
    const delay = job.runAt ? Math.max(0, new Date(job.runAt).getTime() - Date.now()) : 0;
    return {
      name: this.reaction.name,
      data: { jobId: job.jobId, data: job.data },
      opts: {
        jobId: bullJobId(this.reaction.name, job.jobId),
        delay,
        attempts: 10,
        backoff: { type: 'exponential', delay: 1_000 },
        removeOnComplete: { age: 24 * 3600 },
        removeOnFail: { age: 7 * 24 * 3600 },
      },
    };
  }

  async close(): Promise<void> {
    await this.worker?.close();
    await this.queue.close();
  }
}
