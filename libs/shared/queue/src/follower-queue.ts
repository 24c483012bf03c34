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

/** A drain under way here; `wokenAt`: a wake-up came since its last read of the log. */
interface Draining {
  wokenAt?: number;
}

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
  /** Followers whose job runs in this process: a wake-up tells the job instead of enqueueing one. */
  private readonly drainingHere = new Map<string, Draining>();
  /** Drains stop at their next short batch, so that closing waits for one batch, not for a quiet log. */
  private closing = false;

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
    const notHere = this.options.followers.filter((f) => !this.askToDrainAgain(f.name));
    if (notHere.length === 0) return;
    await this.queue.addBulk(
      notHere.map((f) => ({
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

  /**
   * A follower that this process is draining is told to go on instead of being sent another job: a
   * job costs Redis several scripts and the worker as many round trips, for every follower at every
   * wake-up. Single-threaded, the check and the drain's decision to stop never interleave.
   */
  private askToDrainAgain(name: string): boolean {
    const draining = this.drainingHere.get(name);
    if (!draining) return false;
    draining.wokenAt ??= performance.now();
    return true;
  }

  private async drain(name: string): Promise<number> {
    const follower = this.options.followers.find((f) => f.name === name);
    if (!follower) throw new Error(`No log follower named ${name}`);
    // A second job while this process drains the follower (one taken for stalled, or sent by
    // another process): the drain here goes on.
    if (this.askToDrainAgain(name)) return 0;
    const draining: Draining = {};
    this.drainingHere.set(name, draining);
    try {
      return await this.drainWhileWoken(follower, draining);
    } finally {
      this.drainingHere.delete(name);
    }
  }

  private async drainWhileWoken(follower: LogFollower, draining: Draining): Promise<number> {
    let total = 0;
    let wokenAt = performance.now();
    for (;;) {
      const batchBegan = performance.now();
      const outcome = await follower.runBatch(this.options.batchSize, wokenAt);
      if (outcome.busy) return total;
      if (outcome.lastEvent) {
        total += outcome.applied;
        projectedEvents.inc({ projection: follower.name }, outcome.applied);
        projectionDelay.observe({ projection: follower.name }, (Date.now() - outcome.lastEvent.recordedAt.getTime()) / 1000);
        // A full batch: more is waiting.
        if (outcome.more) continue;
      }
      // A short batch read all there was: what commits later wakes this drain again, or sends a job.
      if (draining.wokenAt === undefined || this.closing) return total;
      wokenAt = draining.wokenAt;
      draining.wokenAt = undefined;
      const wait = WAKE_SPACING_MS - (performance.now() - batchBegan);
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }

  async close(): Promise<void> {
    this.closing = true;
    await this.worker?.close();
    await this.queue.close();
  }
}

function assertUniqueNames(followers: LogFollower[]): void {
  const names = followers.map((f) => f.name);
  const duplicate = names.find((n, i) => names.indexOf(n) !== i);
  if (duplicate) throw new Error(`Two log followers are named ${duplicate}`);
}
