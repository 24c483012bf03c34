import type { Pool } from 'pg';
import { Counter } from 'prom-client';
import type { EventSchemas } from '@orgs/shared/kernel';
import type { AppendRequest, NewEvent, UniqueReservation } from './types';

/** What `orgs_append` answers for one append. */
export interface AppendRow {
  duplicate: boolean;
  first_version: number;
  last_version: number;
  last_position: string;
  last_transaction_id: string;
}

interface BatchRow extends Partial<AppendRow> {
  item: number;
  error_code: string | null;
  error_constraint: string | null;
  error_detail: string | null;
  error_message: string | null;
}

interface Waiting {
  request: AppendRequest;
  tries: number;
  resolve: (row: AppendRow) => void;
  reject: (error: unknown) => void;
}

// Their ratio is the mean batch size: how much group commit is saving.
export const appendsTotal = new Counter({ name: 'orgs_event_appends_total', help: 'Appends sent to the event log' });
export const appendCallsTotal = new Counter({ name: 'orgs_event_append_calls_total', help: 'Calls that carried them (one per batch of appends)' });

/** Caps the subtransactions of one batch below the 64 a backend tracks before snapshots slow down. */
const MAX_BATCH = 32;
/** A batch that lost a deadlock to another process's batch is only unlucky: its appends go again. */
const RETRYABLE = new Set(['40P01', '40001']);
const MAX_TRIES = 3;
/**
 * Calls under way at once, each on a connection of its own. One makes the largest batches and the
 * least CPU per append: in bench:api:commands 1 call carried 13 appends, 2 calls 6 each. Of three
 * A/B pairs (load 3-7), 1 call was faster in two (by 35% and 37%), 2 calls in one (by 15%).
 */
export const APPEND_CALLS_IN_FLIGHT = Math.max(1, Number(process.env.EVENT_APPEND_CALLS ?? 1));

/**
 * Group commit. Appends go to Postgres at once while fewer than APPEND_CALLS_IN_FLIGHT calls are under
 * way; the ones that arrive meanwhile wait, and go next as one call (`orgs_append_batch`) that commits them together: one
 * round trip, one transaction and one WAL flush for all of them, each still refused on its own.
 * Nothing waits on purpose: under light load every append goes alone, as before; the busier the
 * process, the larger its batches and the cheaper each append.
 */
export class AppendBatches {
  private waiting: Waiting[] = [];
  private sending = 0;

  constructor(
    private readonly pool: Pool,
    private readonly schemas: EventSchemas,
    private readonly callsInFlight = APPEND_CALLS_IN_FLIGHT,
  ) {}

  append(request: AppendRequest): Promise<AppendRow> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ request, tries: 0, resolve, reject });
      this.sendNext();
    });
  }

  private sendNext(): void {
    if (this.sending >= this.callsInFlight || this.waiting.length === 0) return;
    const batch = this.waiting.splice(0, MAX_BATCH);
    this.sending += 1;
    appendsTotal.inc(batch.length);
    appendCallsTotal.inc();
    const sent = batch.length === 1 ? this.sendOne(batch[0]) : this.sendMany(batch);
    void sent.finally(() => {
      this.sending -= 1;
      this.sendNext();
    });
  }

  private async sendOne(append: Waiting): Promise<void> {
    try {
      const { rows } = await this.pool.query<AppendRow>(this.single(append.request));
      append.resolve(rows[0]);
    } catch (error) {
      this.refuse(append, error);
    }
  }

  private async sendMany(batch: Waiting[]): Promise<void> {
    let rows: BatchRow[];
    try {
      rows = (await this.pool.query<BatchRow>(this.many(batch.map((a) => a.request)))).rows;
    } catch (error) {
      for (const append of batch) this.refuse(append, error);
      return;
    }
    for (const row of rows) {
      const append = batch[row.item - 1];
      if (row.error_code === null) append.resolve(row as AppendRow);
      else this.refuse(append, asPgError(row));
    }
  }

  private refuse(append: Waiting, error: unknown): void {
    const code = (error as { code?: string }).code;
    if (code && RETRYABLE.has(code) && ++append.tries < MAX_TRIES) {
      this.waiting.unshift(append);
      return;
    }
    append.reject(error);
  }

  // A named statement is parsed and planned once per connection: a fifth of an append's server
  // CPU otherwise (bench:append). It needs session pooling (not PgBouncer's transaction mode).
  private single(request: AppendRequest) {
    const { metadata = {}, reservations = [], releases = [] } = request;
    return {
      name: 'orgs_append',
      text: `SELECT * FROM orgs_append($1, $2, $3, $4, $5, $6, $7::jsonb[], $8, $9, $10, $11, $12, $13)`,
      values: [
        request.tenantId,
        request.streamId,
        expectedKind(request),
        expectedNumber(request),
        ...this.eventColumns(request.events),
        JSON.stringify(metadata),
        metadata.commandId ?? null,
        ...claimColumns(reservations),
        ...claimColumns(releases),
      ],
    };
  }

  /** The same columns as `single`, one entry per append, with each append's events and claims flattened. */
  private many(requests: AppendRequest[]) {
    const reservations = requests.map((r) => r.reservations ?? []);
    const releases = requests.map((r) => r.releases ?? []);
    return {
      name: 'orgs_append_batch',
      text: `SELECT * FROM orgs_append_batch($1, $2, $3, $4, $5::jsonb[], $6, $7, $8, $9, $10::jsonb[], $11, $12, $13, $14, $15, $16)`,
      values: [
        requests.map((r) => r.tenantId),
        requests.map((r) => r.streamId),
        requests.map(expectedKind),
        requests.map(expectedNumber),
        requests.map((r) => JSON.stringify(r.metadata ?? {})),
        requests.map((r) => r.metadata?.commandId ?? null),
        runningEnds(requests.map((r) => r.events)),
        ...this.eventColumns(requests.flatMap((r) => r.events)),
        runningEnds(reservations),
        ...claimColumns(reservations.flat()),
        runningEnds(releases),
        ...claimColumns(releases.flat()),
      ],
    };
  }

  private eventColumns(events: NewEvent[]): [string[], number[], string[]] {
    return [
      events.map((e) => e.type),
      events.map((e) => e.schemaVersion ?? this.schemas.currentVersion(e.type)),
      events.map((e) => JSON.stringify(e.data)),
    ];
  }
}

function claimColumns(claims: UniqueReservation[]): [string[], string[]] {
  return [claims.map((c) => c.namespace), claims.map((c) => c.value)];
}

function expectedKind(request: AppendRequest): string {
  return typeof request.expectedVersion === 'number' ? 'exact' : request.expectedVersion;
}

function expectedNumber(request: AppendRequest): number | null {
  return typeof request.expectedVersion === 'number' ? request.expectedVersion : null;
}

/** Lists of 2, 0 and 3 rows -> [2, 2, 5]: where each append's rows end in the flat arrays. */
function runningEnds(lists: unknown[][]): number[] {
  let end = 0;
  return lists.map((list) => (end += list.length));
}

/** A refused item, shaped as the driver's error would be had the append gone alone. */
function asPgError(row: BatchRow): Error {
  return Object.assign(new Error(row.error_message ?? 'append refused'), {
    code: row.error_code ?? undefined,
    constraint: row.error_constraint ?? undefined,
    detail: row.error_detail ?? undefined,
  });
}
