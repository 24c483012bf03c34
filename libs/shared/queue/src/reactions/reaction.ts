import type { Pool } from 'pg';
import type { CommandHandler } from '@orgs/shared/command-handling';
import type { EventStore, RecordedEvent } from '@orgs/shared/event-store';
import type { Logger } from '@orgs/shared/runtime';

/** What a reaction's job may use: it acts by carrying out commands, like the API does. */
export interface ReactionContext {
  commands: CommandHandler;
  events: EventStore;
  pool: Pool;
  logger: Logger;
}

export interface ReactionJob<Data = unknown> {
  /** Deterministic (derived from the event): replaying a batch enqueues nothing new. */
  id: string;
  data: Data;
  /** Not before this time (a handshake's expiry, a closure's completion). */
  runAt?: Date;
}

/**
 * Long work started by events: account creation, expiries, role fan-out. The worker follows the
 * log for each reaction from its own checkpoint (so an event appended is acted on even if the API
 * dies right after the append), turns matching events into BullMQ jobs, and runs them. A job may
 * run more than once (redelivery, a crash before its checkpoint moved): `run` must be idempotent,
 * which deciding a command against the aggregate's current state gives for free.
 */
export interface Reaction<Data = unknown> {
  /** Unique: names its checkpoint and its queue. */
  readonly name: string;
  readonly eventTypes: ReadonlySet<string>;
  jobsFor(event: RecordedEvent): ReactionJob<Data>[];
  run(data: Data, context: ReactionContext): Promise<void>;
  /**
   * How long a running job's lock lasts without renewal (BullMQ's default: 30 s). A job whose worker
   * died is run again once it expires, so long jobs that must resume quickly after a crash set less.
   */
  readonly lockDurationMs?: number;
  /** How many times a job may be found stalled (its worker died) and run again before it fails (BullMQ's default: 1). */
  readonly maxStalledCount?: number;
}
