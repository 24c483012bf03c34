import type { Pool } from 'pg';
import type { EventStore, RecordedEvent } from '@orgs/shared/event-store';
import type { PrismaClient } from '@orgs/shared/read-models';
import { readCheckpoint, type ProjectionCheckpoint } from './checkpoints';
import type { Projection } from './projection';
import { changePayloads, READ_MODELS_CHANGED_CHANNEL } from './read-model-changes';

export interface BatchOutcome {
  applied: number;
  /** Another process holds this projection, or moved it first: nothing was done. */
  busy: boolean;
  lastEvent?: RecordedEvent;
  /** The batch was full: more events may be waiting. */
  more: boolean;
}

/** The checkpoint moved under us, or another runner holds the projection: our batch rolls back. */
class ProjectionBusyError extends Error {}

type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];

/**
 * Applies the log to one projection in batches. Each batch's read-model writes and its checkpoint
 * commit in one transaction, so a crash anywhere leaves both as they were before the batch or both
 * after it. A transaction-scoped advisory lock and a compare-and-set on the checkpoint make sure
 * one runner applies a projection at a time, whatever the queue does.
 */
export class Projector {
  /** Where each projection stood after our last batch: re-read only when another runner moved it. */
  private readonly known = new Map<string, ProjectionCheckpoint>();

  constructor(
    private readonly pool: Pool,
    private readonly events: EventStore,
    private readonly prisma: PrismaClient,
  ) {}

  async runBatch(projection: Projection, batchSize = 500): Promise<BatchOutcome> {
    const checkpoint = this.known.get(projection.name) ?? (await readCheckpoint(this.pool, projection.name));
    const batch = await this.events.readAll(checkpoint, batchSize);
    if (batch.length === 0) return { applied: 0, busy: false, more: false };
    const last = batch[batch.length - 1];
    try {
      await this.prisma.$transaction((tx) => this.apply(tx, projection, checkpoint, batch), { timeout: 120_000, maxWait: 10_000 });
    } catch (error) {
      this.known.delete(projection.name);
      if (error instanceof ProjectionBusyError) return { applied: 0, busy: true, more: false };
      throw error;
    }
    this.known.set(projection.name, { transactionId: last.transactionId, position: last.position, lastEventRecordedAt: last.recordedAt });
    return { applied: batch.length, busy: false, lastEvent: last, more: batch.length >= batchSize };
  }

  private async apply(tx: Tx, projection: Projection, from: ProjectionCheckpoint, batch: RecordedEvent[]): Promise<void> {
    await claimBatch(tx, projection.name, from, batch[batch.length - 1]);
    const changed: string[] = [];
    for (const event of batch) {
      if (!projection.eventTypes.has(event.type)) continue;
      await projection.apply(tx, event);
      changed.push(...(projection.invalidates?.(event) ?? []));
    }
    for (const payload of changePayloads(changed)) {
      await tx.$executeRaw`SELECT pg_notify(${READ_MODELS_CHANGED_CHANNEL}, ${payload})`;
    }
  }
}

/**
 * Takes the projection for this transaction and moves its checkpoint from `from` to `to`, in one
 * statement. No row means another runner holds the projection or has moved it already.
 */
async function claimBatch(tx: Tx, name: string, from: ProjectionCheckpoint, to: RecordedEvent): Promise<void> {
  const updated = await tx.$executeRaw`
    UPDATE projection_checkpoints
       SET last_transaction_id = ${to.transactionId}, last_position = ${to.position},
           last_event_recorded_at = ${to.recordedAt}, updated_at = now()
     WHERE name = ${name} AND last_transaction_id = ${from.transactionId} AND last_position = ${from.position}
       AND pg_try_advisory_xact_lock(hashtext(${`projection:${name}`}))`;
  if (updated !== 1) throw new ProjectionBusyError();
}
