import type { Pool } from 'pg';
import type { EventStore, RecordedEvent } from '@orgs/shared/event-store';
import type { PrismaClient } from '@orgs/shared/read-models';
import { readCheckpoint, type ProjectionCheckpoint } from './checkpoints';
import type { Projection } from './projection';

export interface BatchOutcome {
  applied: number;
  /** Another process holds this projection: nothing was done. */
  busy: boolean;
  lastEvent?: RecordedEvent;
}

/** The checkpoint moved under us: another runner applied the batch first, so ours rolls back. */
class CheckpointMovedError extends Error {}
class ProjectionBusyError extends Error {}

/**
 * Applies the log to one projection in batches. Each batch's read-model writes and its checkpoint
 * commit in one transaction, so a crash anywhere leaves both as they were before the batch or both
 * after it. A transaction-scoped advisory lock and a compare-and-set on the checkpoint make sure
 * one runner applies a projection at a time, whatever the queue does.
 */
export class Projector {
  constructor(
    private readonly pool: Pool,
    private readonly events: EventStore,
    private readonly prisma: PrismaClient,
  ) {}

  async runBatch(projection: Projection, batchSize = 500): Promise<BatchOutcome> {
    const checkpoint = await readCheckpoint(this.pool, projection.name);
    const batch = await this.events.readAll(checkpoint, batchSize);
    if (batch.length === 0) return { applied: 0, busy: false };
    try {
      await this.prisma.$transaction(
        async (tx) => {
          await lockProjection(tx, projection.name);
          await advanceCheckpoint(tx, projection.name, checkpoint, batch[batch.length - 1]);
          for (const event of batch) {
            if (projection.eventTypes.has(event.type)) await projection.apply(tx, event);
          }
        },
        { timeout: 120_000, maxWait: 10_000 },
      );
    } catch (error) {
      if (error instanceof ProjectionBusyError || error instanceof CheckpointMovedError) {
        return { applied: 0, busy: true };
      }
      throw error;
    }
    return { applied: batch.length, busy: false, lastEvent: batch[batch.length - 1] };
  }
}

type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];

async function lockProjection(tx: Tx, name: string): Promise<void> {
  const rows = await tx.$queryRaw<{ locked: boolean }[]>`
    SELECT pg_try_advisory_xact_lock(hashtext(${`projection:${name}`})) AS locked`;
  if (!rows[0]?.locked) throw new ProjectionBusyError();
}

async function advanceCheckpoint(tx: Tx, name: string, from: ProjectionCheckpoint, to: RecordedEvent): Promise<void> {
  const updated = await tx.$executeRaw`
    UPDATE projection_checkpoints
       SET last_transaction_id = ${to.transactionId}, last_position = ${to.position},
           last_event_recorded_at = ${to.recordedAt}, updated_at = now()
     WHERE name = ${name} AND last_transaction_id = ${from.transactionId} AND last_position = ${from.position}`;
  if (updated !== 1) throw new CheckpointMovedError();
}
