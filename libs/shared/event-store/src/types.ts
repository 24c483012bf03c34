/** What a command appends: the event's type, its payload and the version of that payload's schema. */
export interface NewEvent {
  type: string;
  data: unknown;
  schemaVersion?: number;
}

/** Who did what, and why: carried by every event of a command. */
export interface EventMetadata {
  commandId?: string;
  correlationId?: string;
  causationId?: string;
  principal?: string;
  actingAccountId?: string;
  requestId?: string;
  sourceAddress?: string;
}

/** A number is the exact current version; 0 and 'no_stream' both mean the stream must not exist. */
export type ExpectedVersion = number | 'no_stream' | 'any';

/** Where the log stands: events are ordered by (transaction id, position), see readAll. */
export interface LogCheckpoint {
  transactionId: bigint;
  position: bigint;
}

/** A past point of the log: a position, a time, or both (the earlier of the two holds). */
export interface LogPoint {
  position?: bigint;
  time?: Date;
}

export const LOG_START: LogCheckpoint = { transactionId: 0n, position: 0n };

export interface RecordedEvent {
  position: bigint;
  transactionId: bigint;
  tenantId: string;
  streamId: string;
  streamVersion: number;
  type: string;
  schemaVersion: number;
  data: unknown;
  metadata: EventMetadata;
  recordedAt: Date;
}

export interface AppendResult {
  /** True when the command id had been appended before: nothing was appended this time. */
  duplicate: boolean;
  firstVersion: number;
  lastVersion: number;
  /** Where the last event stands in the log: a consistency token that readers may wait for. */
  checkpoint: LogCheckpoint;
}

/** A value that must be unique across the installation, reserved in the append's transaction. */
export interface UniqueReservation {
  namespace: string;
  value: string;
}

export interface AppendRequest {
  tenantId: string;
  streamId: string;
  expectedVersion: ExpectedVersion;
  events: NewEvent[];
  metadata?: EventMetadata;
  reservations?: UniqueReservation[];
  /** Claims this stream made earlier and gives up with these events. */
  releases?: UniqueReservation[];
}
