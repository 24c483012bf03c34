/**
 * What one writer does per transaction, for the event store and for the raw-INSERT baseline. Both
 * write the same rows (tenant, stream, version, type, ~200-byte payload, metadata with a fresh
 * command id) and serialise them the same way, so the only difference is the event store's own work
 * (EventStore.append and the orgs_append function).
 */
import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { EventStore, type EventMetadata, type NewEvent } from '@orgs/shared/event-store';
import { APPENDS_PER_STREAM } from './config';

/** One transaction of `batch` events; resolves when it has committed. */
export type WriteOp = () => Promise<void>;

const EVENT_TYPE = 'AccountCreated';

/** A realistic payload, ~200 bytes of JSON. */
function eventData(version: number): Record<string, unknown> {
  const accountId = String(100_000_000_000 + version);
  return {
    accountId,
    name: `Account ${version}`,
    email: `aws+account-${version}@example.com`,
    organizationId: 'o-a1b2c3d4e5',
    parentId: 'ou-a1b2-c3d4e5f6',
    arn: `arn:aws:organizations::111111111111:account/o-a1b2c3d4e5/${accountId}`,
  };
}

/** What a command handler attaches: a fresh command id (idempotency key) and the request's ids. */
function commandMetadata(correlationId: string): EventMetadata {
  return {
    commandId: randomUUID(),
    correlationId,
    causationId: correlationId,
    principal: 'arn:aws:iam::111111111111:root',
    requestId: randomUUID(),
  };
}

/**
 * Each writer owns its tenant and its streams (so writers never conflict, like independent commands),
 * knows each stream's version exactly, and moves to a new stream after APPENDS_PER_STREAM appends.
 */
export class StreamCursor {
  private streamNumber = 0;
  private appendsToStream = 0;
  version = 0;
  readonly tenantId = randomUUID();

  constructor(private readonly prefix: string) {}

  get streamId(): string {
    return `${this.prefix}-${this.streamNumber}`;
  }

  newEvents(batch: number): NewEvent[] {
    return Array.from({ length: batch }, (_, i) => ({ type: EVENT_TYPE, data: eventData(this.version + i + 1) }));
  }

  /** Called once the transaction committed. */
  advance(batch: number): void {
    this.version += batch;
    if (++this.appendsToStream === APPENDS_PER_STREAM) {
      this.streamNumber += 1;
      this.appendsToStream = 0;
      this.version = 0;
    }
  }
}

export function appendOp(store: EventStore, cursor: StreamCursor, batch: number): WriteOp {
  const correlationId = randomUUID();
  return async () => {
    const expected = cursor.version;
    const result = await store.append({
      tenantId: cursor.tenantId,
      streamId: cursor.streamId,
      expectedVersion: expected, // 0 creates the stream, as a creating command would
      events: cursor.newEvents(batch),
      metadata: commandMetadata(correlationId),
    });
    if (result.duplicate || result.lastVersion !== expected + batch) {
      throw new Error(
        `unexpected append result ${JSON.stringify(result, (_, v) => (typeof v === 'bigint' ? `${v}` : v))}`,
      );
    }
    cursor.advance(batch);
  };
}

/**
 * One multi-row INSERT: tenant, stream and metadata are sent once ($1..$3, as orgs_append gets them),
 * then (version, type, schema version, data) per row.
 */
function baselineInsertSql(batch: number): string {
  const rows = Array.from({ length: batch }, (_, i) => {
    const p = 4 + i * 4;
    return `($1, $2, $${p}, $${p + 1}, $${p + 2}, $${p + 3}, $3)`;
  });
  return `INSERT INTO baseline_events (tenant_id, stream_id, stream_version, event_type, schema_version, data, metadata)
VALUES ${rows.join(', ')}`;
}

/** A plain autocommit INSERT: one statement, one transaction, no function, no extra tables. */
export function baselineOp(pool: Pool, cursor: StreamCursor, batch: number): WriteOp {
  const sql = baselineInsertSql(batch);
  const correlationId = randomUUID();
  return async () => {
    const params: unknown[] = [cursor.tenantId, cursor.streamId, JSON.stringify(commandMetadata(correlationId))];
    cursor.newEvents(batch).forEach((event, i) => {
      params.push(cursor.version + i + 1, event.type, event.schemaVersion ?? 1, JSON.stringify(event.data));
    });
    const { rowCount } = await pool.query(sql, params);
    if (rowCount !== batch) throw new Error(`baseline inserted ${rowCount} rows, expected ${batch}`);
    cursor.advance(batch);
  };
}
