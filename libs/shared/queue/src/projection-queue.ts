import { Queue, Worker, type ConnectionOptions } from 'bullmq';
import type { Logger } from 'pino';
import { projectedEvents, projectionDelay, type Projection, type Projector } from '@orgs/shared/projector';
import type { RecordedEvent } from '@orgs/shared/event-store';

export const PROJECTIONS_QUEUE = 'projections';

export interface ProjectionQueueOptions {
  connection: ConnectionOptions;
  prefix: string;
  projections: Projection[];
  projector: Projector;
  logger: Logger;
  /** Called after each committed batch, e.g. to notify readers waiting for their writes. */
  onProjected: (projection: Projection, lastEvent: RecordedEvent) => void;
  batchSize?: number;
}

/**
 * BullMQ drives the projections: a wake-up enqueues one job per projection, deduplicated so that at
 * most one runs and one waits (`keepLastIfActive`: a wake-up during a run is not lost). The job
 * applies batches until the log is drained. Several worker processes may consume the queue.
 */
export class ProjectionQueue {
  readonly queue: Queue;
  private worker?: Worker;

  constructor(private readonly options: ProjectionQueueOptions) {
    assertUniqueNames(options.projections);
    this.queue = new Queue(PROJECTIONS_QUEUE, { connection: options.connection, prefix: options.prefix });
  }

  start(): void {
    const { connection, prefix } = this.options;
    this.worker = new Worker(PROJECTIONS_QUEUE, (job) => this.drain(job.data.projection as string), {
      connection,
      prefix,
      concurrency: Math.max(1, this.options.projections.length),
      lockDuration: 60_000,
    });
    this.worker.on('failed', (job, error) => this.options.logger.error({ err: error, job: job?.data }, 'projection job failed'));
  }

  /** Asks for every projection to catch up with the log. */
  async wake(): Promise<void> {
    await Promise.all(
      this.options.projections.map((p) =>
        this.queue.add(
          'project',
          { projection: p.name },
          { deduplication: { id: `project:${p.name}`, keepLastIfActive: true }, removeOnComplete: true, removeOnFail: 100, attempts: 5, backoff: { type: 'exponential', delay: 500 } },
        ),
      ),
    );
  }

  private async drain(name: string): Promise<number> {
    const projection = this.options.projections.find((p) => p.name === name);
    if (!projection) throw new Error(`No projection named ${name}`);
    let total = 0;
    for (;;) {
      const outcome = await this.options.projector.runBatch(projection, this.options.batchSize);
      if (outcome.busy || !outcome.lastEvent) return total;
      total += outcome.applied;
      projectedEvents.inc({ projection: name }, outcome.applied);
      projectionDelay.observe({ projection: name }, (Date.now() - outcome.lastEvent.recordedAt.getTime()) / 1000);
      this.options.onProjected(projection, outcome.lastEvent);
    }
  }

  async close(): Promise<void> {
    await this.worker?.close();
    await this.queue.close();
  }
}

function assertUniqueNames(projections: Projection[]): void {
  const names = projections.map((p) => p.name);
  const duplicate = names.find((n, i) => names.indexOf(n) !== i);
  if (duplicate) throw new Error(`Two projections are named ${duplicate}`);
}
