import type { Pool } from 'pg';
import { NO_UPCASTERS, type EventSchemas } from '@orgs/shared/kernel';
import { AppendBatches } from './append-batches';
import { ReservationConflictError, WrongExpectedVersionError } from './errors';
import type {
  AppendRequest,
  AppendResult,
  EventMetadata,
  LogCheckpoint,
  LogPoint,
  RecordedEvent,
  UniqueReservation,
} from './types';

const WRONG_EXPECTED_VERSION = 'ORG01';
const COMMAND_APPENDED_BEFORE = 'ORG02';
const UNIQUE_VIOLATION = '23505';
const STREAM_VERSION_KEY = 'events_tenant_id_stream_id_stream_version_key';
const EVENT_COLUMNS = `position::text, transaction_id::text, tenant_id, stream_id, stream_version,
  event_type, schema_version, data, metadata, recorded_at`;

interface EventRow {
  position: string;
  transaction_id: string;
  tenant_id: string;
  stream_id: string;
  stream_version: number;
  event_type: string;
  schema_version: number;
  data: unknown;
  metadata: EventMetadata;
  recorded_at: Date;
}

/**
 * The event log on Postgres. An append is one call of the `orgs_append` function, so a command's
 * events are written all together or not at all; appends that wait at the same time share one call.
 */
export class EventStore {
  /** Appends waiting together commit together (group commit): see AppendBatches. */
  private readonly batches: AppendBatches;

  constructor(
    private readonly pool: Pool,
    /** Called after every successful append: wakes followers (see EventLogWakeUps). */
    private readonly afterAppend: () => void = () => undefined,
    /** Writes each event with its type's current schema version; reads upcast older ones to it. */
    private readonly schemas: EventSchemas = NO_UPCASTERS,
    /**
     * Connections of the appends' own (APPEND_CALLS_IN_FLIGHT of them): waiting in line with reads
     * for a pooled connection cost a busy API's appends milliseconds each.
     */
    appendPool: Pool = pool,
  ) {
    this.batches = new AppendBatches(appendPool, schemas);
  }

  async append(request: AppendRequest): Promise<AppendResult> {
    try {
      return await this.appendAfterRaces(request);
    } catch (error) {
      if ((error as { code?: string }).code !== COMMAND_APPENDED_BEFORE) throw error;
      const earlier = await this.findProcessedCommand(request.tenantId, request.metadata?.commandId as string);
      if (!earlier) throw error;
      return { duplicate: true, firstVersion: earlier.firstVersion, lastVersion: earlier.lastVersion, checkpoint: earlier.checkpoint };
    }
  }

  /** "any" means after whatever is there: losing a race to another writer is not a conflict then. */
  private async appendAfterRaces(request: AppendRequest): Promise<AppendResult> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.appendOnce(request);
      } catch (error) {
        if (request.expectedVersion !== 'any' || !(error instanceof WrongExpectedVersionError) || attempt >= 10) throw error;
      }
    }
  }

  private async appendOnce(request: AppendRequest): Promise<AppendResult> {
    if (request.events.length === 0) throw new Error('append needs at least one event');
    try {
      const row = await this.batches.append(request);
      if (!row.duplicate) this.afterAppend();
      return {
        duplicate: row.duplicate,
        firstVersion: row.first_version,
        lastVersion: row.last_version,
        checkpoint: { transactionId: BigInt(row.last_transaction_id), position: BigInt(row.last_position) },
      };
    } catch (error) {
      throw translateAppendError(error, request);
    }
  }

  async readStream(tenantId: string, streamId: string, fromVersion = 1): Promise<RecordedEvent[]> {
    const { rows } = await this.pool.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM orgs_read_stream($1, $2, $3)`,
      [tenantId, streamId, fromVersion],
    );
    return rows.map((row) => this.current(toRecordedEvent(row)));
  }

  /** Versions `fromVersion`..`toVersion` of one stream: what a state as of a past point is built from. */
  async readStreamRange(tenantId: string, streamId: string, fromVersion: number, toVersion: number): Promise<RecordedEvent[]> {
    const { rows } = await this.pool.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM orgs_read_stream_range($1, $2, $3, $4)`,
      [tenantId, streamId, fromVersion, toVersion],
    );
    return rows.map((row) => this.current(toRecordedEvent(row)));
  }

  /**
   * The stream's version as of a point of the log: its last event at or before `position` and
   * recorded at or before `time` (0 if none), and the log's last position (to refuse a point ahead of it).
   */
  async streamVersionAt(tenantId: string, streamId: string, point: LogPoint): Promise<{ version: number; logPosition: bigint }> {
    const { rows } = await this.pool.query<{ version: number; log_position: string }>(
      `SELECT version, log_position::text FROM orgs_stream_version_at($1, $2, $3::bigint, $4::timestamptz)`,
      [tenantId, streamId, point.position?.toString() ?? null, point.time ?? null],
    );
    return { version: rows[0].version, logPosition: BigInt(rows[0].log_position) };
  }

  /**
   * Every tenant's events after `after`, in (transaction id, position) order, up to the oldest
   * transaction that may still append (see `orgs_read_all`): a transaction that drew a lower
   * position but commits late is never skipped, because nothing after it is read until it commits.
   */
  async readAll(after: LogCheckpoint, limit: number): Promise<RecordedEvent[]> {
    const { rows } = await this.pool.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM orgs_read_all($1::text::xid8, $2::bigint, $3)`,
      [after.transactionId.toString(), after.position.toString(), limit],
    );
    return rows.map((row) => this.current(toRecordedEvent(row)));
  }

  /** The first result of a command id that was appended before, or null. */
  async findProcessedCommand(tenantId: string, commandId: string): Promise<(AppendResult & { streamId: string }) | null> {
    const { rows } = await this.pool.query(`SELECT * FROM orgs_find_processed_command($1, $2)`, [tenantId, commandId]);
    const row = rows[0];
    if (!row) return null;
    return {
      duplicate: true,
      streamId: row.stream_id,
      firstVersion: row.first_version,
      lastVersion: row.last_version,
      checkpoint: { transactionId: BigInt(row.last_transaction_id), position: BigInt(row.last_position) },
    };
  }

  /** The stream that holds a claim, or null: read from the write side, never from a read model. */
  async findReservationHolder(tenantId: string, reservation: UniqueReservation): Promise<string | null> {
    const { rows } = await this.pool.query(`SELECT orgs_find_reservation($1, $2, $3) AS stream_id`, [
      tenantId,
      reservation.namespace,
      reservation.value,
    ]);
    return rows[0]?.stream_id ?? null;
  }

  /** The event's payload in its type's current shape. */
  private current(event: RecordedEvent): RecordedEvent {
    const version = this.schemas.currentVersion(event.type);
    if (event.schemaVersion >= version) return event;
    return { ...event, schemaVersion: version, data: this.schemas.upcast(event.type, event.schemaVersion, event.data, event) };
  }
}

function translateAppendError(error: unknown, request: AppendRequest): unknown {
  const code = (error as { code?: string }).code;
  const constraint = (error as { constraint?: string }).constraint;
  if (code === WRONG_EXPECTED_VERSION || (code === UNIQUE_VIOLATION && constraint === STREAM_VERSION_KEY)) {
    return new WrongExpectedVersionError(request.streamId, request.expectedVersion);
  }
  if (code === UNIQUE_VIOLATION && constraint === 'unique_reservations_pkey') {
    // detail reads: Key (namespace, value)=(account-id, 123456789012) already exists.
    const detail = (error as { detail?: string }).detail ?? '';
    const namespace = /=\(([^,]+),/.exec(detail)?.[1];
    return new ReservationConflictError(request.reservations ?? [], namespace);
  }
  return error;
}

function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    position: BigInt(row.position),
    transactionId: BigInt(row.transaction_id),
    tenantId: row.tenant_id,
    streamId: row.stream_id,
    streamVersion: row.stream_version,
    type: row.event_type,
    schemaVersion: row.schema_version,
    data: row.data,
    metadata: row.metadata,
    recordedAt: row.recorded_at,
  };
}
