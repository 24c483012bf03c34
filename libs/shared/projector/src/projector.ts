import type { Pool } from 'pg';
import { EVENTS_PROJECTED_CHANNEL, type LogReader, type RecordedEvent } from '@orgs/shared/event-store';
import type { PrismaClient } from '@orgs/shared/read-models';
import { readCheckpoint, type ProjectionCheckpoint } from './checkpoints';
import type { Projection, ProjectionHandlers } from './projection';
import { encodeProjected } from './projection-waiter';
import { changePayloads, READ_MODELS_CHANGED_CHANNEL } from './read-model-changes';
import { sql, SqlBatch, type SqlText } from './sql-batch';

export interface BatchOutcome {
  applied: number;
  /** Another process holds this projection, or moved it first: nothing was done. */
  busy: boolean;
  lastEvent?: RecordedEvent;
  /** The batch was full: more events may be waiting. */
  more: boolean;
}

/**
 * Raised by orgs_claim_projection_batch when the checkpoint moved under us or another runner holds
 * the projection: the batch rolls back. Prisma reports the database's code under its adapter's error.
 */
const PROJECTION_BUSY = 'ORG03';
const isBusy = (error: unknown) => {
  const e = error as { code?: string; meta?: { driverAdapterError?: { cause?: { code?: string } } } };
  return e.code === PROJECTION_BUSY || e.meta?.driverAdapterError?.cause?.code === PROJECTION_BUSY;
};

type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];

/**
 * Applies the log to one projection in batches. Each batch's read-model writes and its checkpoint
 * commit in one transaction, so a crash anywhere leaves both as they were before the batch or both
 * after it. A transaction-scoped advisory lock and a compare-and-set on the checkpoint make sure
 * one runner applies a projection at a time, whatever the queue does.
 *
 * A batch whose handlers all `write` SQL is sent as one simple query (claim, writes, change
 * announcements), which Postgres runs as one transaction; one with `apply` handlers runs in a
 * Prisma transaction, the written statements sent ahead of each Prisma call.
 */
export class Projector {
  /** Where each projection stood after our last batch: re-read only when another runner moved it. */
  private readonly known = new Map<string, ProjectionCheckpoint>();

  constructor(
    private readonly pool: Pool,
    private readonly events: LogReader,
    private readonly prisma: PrismaClient,
    /** Connections for the batches' transactions (named so that followers of the log do not wait for them). */
    private readonly writers: Pool = pool,
  ) {}

  /** `readSince`: when the caller was woken (see SharedLogReads). */
  async runBatch(projection: Projection, batchSize = 500, readSince?: number): Promise<BatchOutcome> {
    const checkpoint = this.known.get(projection.name) ?? (await readCheckpoint(this.pool, projection.name));
    const batch = await this.events.readAll(checkpoint, batchSize, readSince);
    if (batch.length === 0) return { applied: 0, busy: false, more: false };
    const last = batch[batch.length - 1];
    try {
      const steps = planOf(projection, batch);
      if (steps.some((step) => step.apply)) await this.applyWithPrisma(projection, checkpoint, batch, steps);
      else await this.writeAll(projection, checkpoint, batch, steps);
    } catch (error) {
      this.known.delete(projection.name);
      if (isBusy(error)) {
        return { applied: 0, busy: true, more: false };
      }
      throw error;
    }
    this.known.set(projection.name, { transactionId: last.transactionId, position: last.position, lastEventRecordedAt: last.recordedAt });
    return { applied: batch.length, busy: false, lastEvent: last, more: batch.length >= batchSize };
  }

  private async writeAll(projection: Projection, from: ProjectionCheckpoint, batch: RecordedEvent[], steps: Step[]): Promise<void> {
    const statements = new SqlBatch();
    statements.add(claimStatement(projection.name, from, batch[batch.length - 1]));
    for (const step of steps) write(statements, step);
    for (const announcement of announcements(projection, batch)) statements.add(announcement);
    await this.writers.query(statements.take());
  }

  private async applyWithPrisma(projection: Projection, from: ProjectionCheckpoint, batch: RecordedEvent[], steps: Step[]): Promise<void> {
    await this.prisma.$transaction(
      async (tx) => {
        const statements = new SqlBatch();
        statements.add(claimStatement(projection.name, from, batch[batch.length - 1]));
        for (const step of steps) {
          if (!step.apply) {
            write(statements, step);
            continue;
          }
          await send(tx, statements);
          await step.apply(tx, step.event);
        }
        for (const announcement of announcements(projection, batch)) statements.add(announcement);
        await send(tx, statements);
      },
      { timeout: 120_000, maxWait: 10_000 },
    );
  }
}

/** One handler's share of one event: statements for the batch, or a Prisma call to make in turn. */
interface Step {
  event: RecordedEvent;
  handlers: ProjectionHandlers;
  statements?: SqlText[];
  apply?: ProjectionHandlers['apply'];
}

function planOf(projection: Projection, batch: RecordedEvent[]): Step[] {
  return batch.flatMap((event) =>
    projection.handlersOf(event.type).map((handlers): Step => {
      if (!handlers.apply) return { event, handlers };
      const statements = handlers.sqlFor?.(event) ?? undefined;
      return statements ? { event, handlers, statements } : { event, handlers, apply: handlers.apply };
    }),
  );
}

function write(batch: SqlBatch, step: Step): void {
  if (step.statements) step.statements.forEach((statement) => batch.add(statement));
  else step.handlers.write?.(batch, step.event);
}

/** Statements without parameters go as one simple query, which may hold several. */
async function send(tx: Tx, statements: SqlBatch): Promise<void> {
  if (statements.size > 0) await tx.$executeRawUnsafe(statements.take());
}

/**
 * Takes the projection for this transaction and moves its checkpoint from `from` to `to`; raises
 * PROJECTION_BUSY when another runner holds the projection or has moved it already.
 */
function claimStatement(name: string, from: ProjectionCheckpoint, to: RecordedEvent): SqlText {
  return sql`SELECT orgs_claim_projection_batch(${name}, ${from.transactionId}, ${from.position},
    ${to.transactionId}, ${to.position}, ${to.recordedAt})`;
}

/**
 * What the batch tells listeners when it commits: the read-model entries it changed (caches drop
 * them), then how far the projection has come (readers waiting for their writes wake). Sent inside
 * the batch's transaction, so no reader hears of it before the batch is visible, and at no extra
 * round trip.
 */
function announcements(projection: Projection, batch: RecordedEvent[]): SqlText[] {
  const changed = batch.flatMap((event) => projection.handlersOf(event.type).flatMap((h) => h.invalidates?.(event) ?? []));
  const last = batch[batch.length - 1];
  return [
    ...changePayloads(changed).map((payload) => sql`SELECT pg_notify(${READ_MODELS_CHANGED_CHANNEL}, ${payload})`),
    sql`SELECT pg_notify(${EVENTS_PROJECTED_CHANNEL}, ${encodeProjected(projection.name, last)})`,
  ];
}
