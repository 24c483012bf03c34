import { Queue, Worker, type ConnectionOptions } from 'bullmq';
import type { Pool } from 'pg';
import type { EventStore, RecordedEvent } from '@orgs/shared/event-store';
import { readCheckpoint, type ProjectionCheckpoint } from '@orgs/shared/projector';
import type { LogFollower, FollowerBatch } from '../log-follower';
import type { Reaction, ReactionContext, ReactionJob } from './reaction';

export const REACTIONS_CHECKPOINT = 'reactions';
/** BullMQ reserves ':' in its keys. */
const jobIdOf = (reaction: Reaction, job: ReactionJob) => `${reaction.name}.${job.id}`.replace(/:/g, '_');

/** One reaction's queue and the worker that runs its jobs. */
class ReactionQueue {
  readonly queue: Queue;
  private worker?: Worker;

  constructor(
    readonly reaction: Reaction,
    private readonly connection: ConnectionOptions,
    private readonly prefix: string,
  ) {
    this.queue = new Queue(`reaction-${reaction.name}`, { connection, prefix });
  }

  start(context: ReactionContext, concurrency: number): void {
    this.worker = new Worker(this.queue.name, (job) => this.reaction.run(job.data, context), {
      connection: this.connection,
      prefix: this.prefix,
      concurrency,
    });
    this.worker.on('failed', (job, error) =>
      context.logger.error({ err: error, reaction: this.reaction.name, job: job?.id, attempts: job?.attemptsMade }, 'reaction job failed'),
    );
  }

  async enqueue(events: RecordedEvent[]): Promise<void> {
    const jobs = events.filter((e) => this.reaction.eventTypes.has(e.type)).flatMap((e) => this.reaction.jobsFor(e));
    if (jobs.length > 0) await this.queue.addBulk(jobs.map((job) => this.toBulkJob(job)));
  }

  private toBulkJob(job: ReactionJob) {
    const delay = job.runAt ? Math.max(0, job.runAt.getTime() - Date.now()) : 0;
    return {
      name: this.reaction.name,
      data: job.data,
      opts: {
        jobId: jobIdOf(this.reaction, job),
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

/**
 * Follows the log once for every reaction: enqueues the jobs of each batch of events into each
 * reaction's queue, then moves the one checkpoint (compare-and-set). A crash in between enqueues
 * the same job ids again, which BullMQ ignores while it still holds them; the jobs are idempotent
 * in any case. One reader for all reactions: each extra reader re-read every batch of the log.
 */
export class ReactionDispatcher implements LogFollower {
  readonly name = REACTIONS_CHECKPOINT;
  private readonly queues: ReactionQueue[];
  /** Where the checkpoint stood after our last batch: re-read only when another process moved it. */
  private known?: ProjectionCheckpoint;

  constructor(
    reactions: Reaction[],
    private readonly pool: Pool,
    private readonly events: EventStore,
    connection: ConnectionOptions,
    prefix: string,
  ) {
    assertUniqueNames(reactions);
    this.queues = reactions.map((reaction) => new ReactionQueue(reaction, connection, prefix));
  }

  /** The reactions' BullMQ queues, for their depth metrics. */
  get bullQueues(): Queue[] {
    return this.queues.map((queue) => queue.queue);
  }

  startJobs(context: ReactionContext, concurrency = 4): void {
    for (const queue of this.queues) queue.start(context, concurrency);
  }

  async runBatch(batchSize = 500): Promise<FollowerBatch> {
    const checkpoint = this.known ?? (await readCheckpoint(this.pool, this.name));
    const batch = await this.events.readAll(checkpoint, batchSize);
    if (batch.length === 0) return { applied: 0, busy: false, more: false };
    await Promise.all(this.queues.map((queue) => queue.enqueue(batch)));
    const last = batch[batch.length - 1];
    const { rowCount } = await this.pool.query(
      `UPDATE projection_checkpoints SET last_transaction_id = $2, last_position = $3, last_event_recorded_at = $4, updated_at = now()
        WHERE name = $1 AND last_transaction_id = $5 AND last_position = $6`,
      [this.name, last.transactionId.toString(), last.position.toString(), last.recordedAt, checkpoint.transactionId.toString(), checkpoint.position.toString()],
    );
    if (rowCount !== 1) {
      this.known = undefined;
      return { applied: 0, busy: true, more: false };
    }
    this.known = { transactionId: last.transactionId, position: last.position, lastEventRecordedAt: last.recordedAt };
    return { applied: batch.length, busy: false, lastEvent: last, more: batch.length >= batchSize };
  }

  async close(): Promise<void> {
    await Promise.all(this.queues.map((queue) => queue.close()));
  }
}

function assertUniqueNames(reactions: Reaction[]): void {
  const names = reactions.map((r) => r.name);
  const duplicate = names.find((n, i) => names.indexOf(n) !== i);
  if (duplicate) throw new Error(`Two reactions are named ${duplicate}`);
}
