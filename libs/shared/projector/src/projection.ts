import type { RecordedEvent } from '@orgs/shared/event-store';
import type { ReadModelTransaction } from '@orgs/shared/read-models';

/** One capability's share of a projection: how its events change its read-model tables. */
export interface ProjectionHandlers {
  readonly eventTypes: ReadonlySet<string>;
  apply(tx: ReadModelTransaction, event: RecordedEvent): Promise<void>;
  /**
   * What readers may hold in memory that this event changes (`<kind>:<id>`, e.g. `api-key:key-1`):
   * announced in the batch's own transaction, so a cache hears of it before the batch is visible.
   */
  invalidates?(event: RecordedEvent): string[];
}

/**
 * A read model kept up to date from the log. `apply` writes one event's effect inside the batch's
 * transaction; it is never called twice for one event, because the checkpoint commits with it.
 */
export interface Projection extends ProjectionHandlers {
  readonly name: string;
}

/**
 * Capabilities whose tables refer to each other (an organization updates the account rows the
 * tenant created) share one projection, so one checkpoint orders all their writes. Refuses to
 * build when two handlers claim one event type.
 */
export function composeProjection(name: string, parts: ProjectionHandlers[]): Projection {
  const byType = new Map<string, ProjectionHandlers>();
  for (const part of parts) {
    for (const type of part.eventTypes) {
      if (byType.has(type)) throw new Error(`Projection ${name}: two handlers for ${type}`);
      byType.set(type, part);
    }
  }
  return {
    name,
    eventTypes: new Set(byType.keys()),
    apply: (tx, event) => byType.get(event.type)?.apply(tx, event) ?? Promise.resolve(),
    invalidates: (event) => byType.get(event.type)?.invalidates?.(event) ?? [],
  };
}
