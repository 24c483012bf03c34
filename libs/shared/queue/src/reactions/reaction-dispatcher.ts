import type { ConnectionOptions, Queue } from 'bullmq';
import type { Pool } from 'pg';
import type { LogReader } from '@orgs/shared/event-store';
import { readCheckpoint, type ProjectionCheckpoint } from '@orgs/shared/projector';
import type { LogFollower, FollowerBatch } from '../log-follower';
import { JobLedger, type LedgerJob } from './job-ledger';
import { JobReconciler } from './job-reconciler';
import type { Reaction, ReactionContext } from './reaction';
import { ReactionQueue } from './reaction-queue';

export const REACTIONS_CHECKPOINT = 'reactions';

/**
 * Follows the log once for every reaction. Each batch's jobs are recorded in the ledger in the
 * transaction that moves the one checkpoint past the batch (so an event's jobs are never lost,
 * whatever dies when), then handed to each reaction's BullMQ queue; the reconciler hands over
 * again what BullMQ never took or lost. Job ids are deterministic and the jobs idempotent, so a
 * job handed over twice runs once in effect. One reader for all reactions: each extra reader
 * re-read every batch of the log.
 */
export class ReactionDispatcher implements LogFollower {
  readonly name = REACTIONS_CHECKPOINT;
  private readonly queues: ReactionQueue[];
  private readonly ledger: JobLedger;
  private readonly reconciler: JobReconciler;
  /** Where the checkpoint stood after our last batch: re-read only when another process moved it. */
  private known?: ProjectionCheckpoint;

  constructor(
    reactions: Reaction[],
    private readonly pool: Pool,
    private readonly events: LogReader,
    connection: ConnectionOptions,
    prefix: string,
  ) {
    assertUniqueNames(reactions);
    this.queues = reactions.map((reaction) => new ReactionQueue(reaction, connection, prefix));
    this.ledger = new JobLedger(pool);
    this.reconciler = new JobReconciler(this.ledger, this.queues, prefix, (jobs) => this.handOver(jobs));
  }

  /** The reactions' BullMQ queues, for their depth metrics. */
  get bullQueues(): Queue[] {
    return this.queues.map((queue) => queue.queue);
  }

  startJobs(context: ReactionContext, concurrency = 4): void {
    for (const queue of this.queues) queue.start(context, this.ledger, concurrency);
    this.reconciler.start(context.logger);
  }

  async runBatch(batchSize = 500, readSince?: number): Promise<FollowerBatch> {
    const checkpoint = this.known ?? (await readCheckpoint(this.pool, this.name));
    const batch = await this.events.readAll(checkpoint, batchSize, readSince);
    if (batch.length === 0) return { applied: 0, busy: false, more: false };
    const last = batch[batch.length - 1];
    const jobs = this.queues.flatMap((queue) => queue.jobsFor(batch));
    if (!(await this.ledger.recordAndAdvance(jobs, this.name, checkpoint, last))) {
      this.known = undefined;
      return { applied: 0, busy: true, more: false };
    }
    this.known = { transactionId: last.transactionId, position: last.position, lastEventRecordedAt: last.recordedAt };
    // Recorded: should BullMQ not take them now (Redis away), the reconciler will hand them over.
    await this.handOver(jobs).catch(() => undefined);
    return { applied: batch.length, busy: false, lastEvent: last, more: batch.length >= batchSize };
  }

  /** Gives jobs to their queues and notes that BullMQ has them. */
  private async handOver(jobs: LedgerJob[]): Promise<void> {
    if (jobs.length === 0) return;
    await Promise.all(this.queues.map((queue) => queue.enqueue(jobs.filter((job) => job.reaction === queue.reaction.name))));
    await this.ledger.markEnqueued(jobs);
  }

  /** Hands BullMQ what it may not have (the reconciler also does this every few seconds). */
  reconcile(): Promise<void> {
    return this.reconciler.reconcile();
  }

  async close(): Promise<void> {
    this.reconciler.stop();
    await Promise.all(this.queues.map((queue) => queue.close()));
  }
}

function assertUniqueNames(reactions: Reaction[]): void {
  const names = reactions.map((r) => r.name);
  const duplicate = names.find((n, i) => names.indexOf(n) !== i);
  if (duplicate) throw new Error(`Two reactions are named ${duplicate}`);
}
