import { Queue, Worker, type ConnectionOptions } from 'bullmq';
import type { Logger } from '@orgs/shared/runtime';
import { projectedEvents, projectionDelay } from '@orgs/shared/projector';
import type { LogFollower } from './log-follower';

export const FOLLOWERS_QUEUE = 'log-followers';
/** How soon the log is followed again after the worker running a follow job died. */
const FOLLOW_LOCK_MS = 5_000;
/**
 * Follow jobs are enqueued at most this often: under load a batch then holds the events of a few
 * milliseconds instead of one or two, and each job costs Redis several scripts and Postgres a
 * transaction. What it adds to projection lag is at most this.
 */
const WAKE_SPACING_MS = 10;

export interface FollowerQueueOptions {
  connection: ConnectionOptions;
  prefix: string;
  followers: LogFollower[];
  logger: Logger;
  batchSize?: number;
}

/**
 * BullMQ drives everything that follows the log (projections, reaction dispatchers): a wake-up
 * enqueues one job per follower, deduplicated so that at most one runs and one waits
 * (`keepLastIfActive`: a wake-up during a run is not lost). The job applies batches until the log
 * is drained. Several worker processes may consume the queue.
 */
export class FollowerQueue {
  readonly queue: Queue;
  private worker?: Worker;
  private waking?: Promise<void>;
  private wakeAgain = false;

  constructor(private readonly options: FollowerQueueOptions) {
    assertUniqueNames(options.followers);
    this.queue = new Queue(FOLLOWERS_QUEUE, { connection: options.connection, prefix: options.prefix });
  }

  start(): void {
    const { connection, prefix } = this.options;
    this.worker = new Worker(FOLLOWERS_QUEUE, (job) => this.drain(job.data.follower as string), {
      connection,
      prefix,
      concurrency: Math.max(1, this.options.followers.length),
      // A follow job of a worker that died stays active, and holds back every wake-up (deduplicated
      // behind it), until its lock expires and the stalled check hands it to a live worker: so the
      // lock is short (renewed every half of it while the job runs). A job taken for stalled when
      // it was not costs nothing: the projector lets one runner apply a projection at a time.
      lockDuration: FOLLOW_LOCK_MS,
      stalledInterval: FOLLOW_LOCK_MS,
      maxStalledCount: 1_000,
    });
    this.worker.on('failed', (job, error) => this.options.logger.error({ err: error, job: job?.data }, 'log follower job failed'));
  }

  /**
   * Asks every follower to catch up with the log. Wake-ups that arrive while one is being enqueued,
   * or within WAKE_SPACING_MS of it, fold into one more after it.
   */
  wake(): Promise<void> {
    if (this.waking) {
      this.wakeAgain = true;
      return this.waking;
    }
    this.waking = (async () => {
      try {
        for (;;) {
          this.wakeAgain = false;
          const enqueuedAt = performance.now();
          await this.enqueueFollowJobs();
          if (!this.wakeAgain) break;
          const wait = WAKE_SPACING_MS - (performance.now() - enqueuedAt);
          if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        }
      } finally {
        this.waking = undefined;
      }
    })();
    return this.waking;
  }

  private async enqueueFollowJobs(): Promise<void> {
    await this.queue.addBulk(
      this.options.followers.map((f) => ({
        name: 'follow',
        data: { follower: f.name },
        opts: {
          deduplication: { id: `follow.${f.name}`.replace(/:/g, '_'), keepLastIfActive: true },
          removeOnComplete: true,
          removeOnFail: 100,
          attempts: 5,
          backoff: { type: 'exponential', delay: 500 },
        },
      })),
    );
  }

  private async drain(name: string): Promise<number> {
    const follower = this.options.followers.find((f) => f.name === name);
    if (!follower) throw new Error(`No log follower named ${name}`);
    let total = 0;
    const wokenAt = performance.now();
    for (;;) {
      const outcome = await follower.runBatch(this.options.batchSize, wokenAt);
      if (outcome.busy || !outcome.lastEvent) return total;
      total += outcome.applied;
      projectedEvents.inc({ projection: name }, outcome.applied);
      projectionDelay.observe({ projection: name }, (Date.now() - outcome.lastEvent.recordedAt.getTime()) / 1000);
      // A short batch read all there was: what commits later sends its own wake-up.
      if (!outcome.more) return total;
    }
  }

  async close(): Promise<void> {
    await this.worker?.close();
    await this.queue.close();
  }
}

function assertUniqueNames(followers: LogFollower[]): void {
  const names = followers.map((f) => f.name);
  const duplicate = names.find((n, i) => names.indexOf(n) !== i);
  if (duplicate) throw new Error(`Two log followers are named ${duplicate}`);
}
