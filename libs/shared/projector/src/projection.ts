import type { RecordedEvent } from '@orgs/shared/event-store';
import type { ReadModelTransaction } from '@orgs/shared/read-models';
import type { SqlBatch, SqlText } from './sql-batch';

/**
 * One capability's share of a projection: how its events change its read-model tables, in one of
 * two ways. `write` adds SQL statements to the batch (see SqlBatch: the whole batch then costs one
 * round trip); `apply` runs Prisma calls one at a time, for handlers that must read as they go.
 */
export type ProjectionHandlers = WritingHandlers | ApplyingHandlers;

interface HandlersBase {
  readonly eventTypes: ReadonlySet<string>;
  /** The read-model tables these handlers write: what a rebuild of the projection builds anew. */
  readonly tables: readonly string[];
  /**
   * What readers may hold in memory that this event changes (`<kind>:<id>`, e.g. `api-key:key-1`):
   * announced in the batch's own transaction, so a cache hears of it before the batch is visible.
   */
  invalidates?(event: RecordedEvent): string[];
}

export interface WritingHandlers extends HandlersBase {
  write(batch: SqlBatch, event: RecordedEvent): void;
  apply?: never;
}

export interface ApplyingHandlers extends HandlersBase {
  apply(tx: ReadModelTransaction, event: RecordedEvent): Promise<void>;
  /**
   * The statements of an event that needs no reading as it goes, or null: those events are
   * written into the batch like a WritingHandlers' (a batch without any apply then costs one round trip).
   */
  sqlFor?(event: RecordedEvent): SqlText[] | null;
  write?: never;
}

/**
 * A read model kept up to date from the log. Each event's effect is written inside its batch's
 * transaction, never twice for one event, because the checkpoint commits with it.
 */
export interface Projection {
  readonly name: string;
  readonly eventTypes: ReadonlySet<string>;
  /** Every table its handlers write, each once. */
  readonly tables: readonly string[];
  /** The handlers of an event type, in the order their capabilities were composed. */
  handlersOf(type: string): readonly ProjectionHandlers[];
}

/**
 * Capabilities whose tables refer to each other (an organization updates the account rows the
 * tenant created) share one projection, so one checkpoint orders all their writes. Several may
 * follow one event type (an account's move changes its row and its effective policies).
 */
export function composeProjection(name: string, parts: ProjectionHandlers[]): Projection {
  const byType = new Map<string, ProjectionHandlers[]>();
  for (const part of parts) {
    for (const type of part.eventTypes) byType.set(type, [...(byType.get(type) ?? []), part]);
  }
  const tables = [...new Set(parts.flatMap((part) => part.tables))];
  return { name, eventTypes: new Set(byType.keys()), tables, handlersOf: (type) => byType.get(type) ?? [] };
}
