import {
  EventStore,
  ReservationConflictError,
  SnapshotStore,
  WrongExpectedVersionError,
  LOG_START,
  type EventMetadata,
  type LogCheckpoint,
  type RecordedEvent,
  type UniqueReservation,
} from '@orgs/shared/event-store';
import { OrgsError, replay, type Decider, type DomainCommand, type DomainEvent } from '@orgs/shared/kernel';
import { HISTORY_EVERY } from './historical-states';
import { StateCache } from './state-cache';
import { Turns } from './turns';

export interface CommandRequest<State, Command extends DomainCommand, Event extends DomainEvent> {
  tenantId: string;
  streamId: string;
  decider: Decider<State, Command, Event>;
  /** A function when the command carries generated ids: a reservation conflict builds a new one. */
  command: Command | (() => Command);
  metadata?: EventMetadata;
  /** Values the events claim as unique across the installation (account ids, emails, memberships). */
  reservations?: (events: Event[]) => UniqueReservation[];
  /** Claims the events give up. */
  releases?: (events: Event[]) => UniqueReservation[];
  /** The refusal for a claim that is taken; none means the value was a generated id: decide again. */
  reservationConflict?: (namespace: string | undefined) => OrgsError | undefined;
}

export interface CommandResult<State, Event> {
  events: Event[];
  state: State;
  version: number;
  /** Where the write stands in the log (LOG_START when nothing was appended): a reader may wait for it. */
  checkpoint: LogCheckpoint;
  duplicate: boolean;
}

interface Known<State> {
  version: number;
  state: State;
  snapshotVersion: number;
}

const MAX_ATTEMPTS = 20;
const SNAPSHOT_EVERY = 50;

/**
 * load -> decide -> append with the expected version, the one way every command is carried out.
 * State comes from memory, else a snapshot plus the events after it, so latency does not grow with
 * the stream's length. Another writer's append makes this decide again on fresh state.
 */
export class CommandHandler {
  private readonly cache = new StateCache<Known<unknown>>();
  /**
   * Commands on one stream in this process take turns: racing each other for the same expected
   * version would only make all but one of them decide and append again, which under load turns
   * into a storm of retries. Other processes' writers still race, and the expected version decides.
   */
  private readonly turns = new Turns();

  constructor(
    private readonly events: EventStore,
    private readonly snapshots: SnapshotStore,
    private readonly onError: (error: unknown) => void = () => undefined,
  ) {}

  async handle<S, C extends DomainCommand, E extends DomainEvent>(
    request: CommandRequest<S, C, E>,
  ): Promise<CommandResult<S, E>> {
    const earlier = await this.earlierResult(request);
    if (earlier) return earlier;
    return this.turns.take(`${request.tenantId}/${request.streamId}`, () => this.decideAndAppend(request));
  }

  private async decideAndAppend<S, C extends DomainCommand, E extends DomainEvent>(
    request: CommandRequest<S, C, E>,
  ): Promise<CommandResult<S, E>> {
    for (let attempt = 1; ; attempt++) {
      const command = typeof request.command === 'function' ? request.command() : request.command;
      const { known, events } = await this.decide(request, command, attempt > 1);
      if (events.length === 0) {
        return { events, state: known.state, version: known.version, checkpoint: LOG_START, duplicate: false };
      }
      try {
        return await this.append(request, known, events);
      } catch (error) {
        if (error instanceof ReservationConflictError) {
          const refusal = request.reservationConflict?.(error.namespace);
          if (refusal) throw refusal;
        } else if (!(error instanceof WrongExpectedVersionError)) {
          throw error;
        }
        if (attempt >= MAX_ATTEMPTS) {
          throw new OrgsError('ConcurrentModificationException', 'The target of the operation is being modified by another request. Try again later.', undefined, true);
        }
        await backOff(attempt);
      }
    }
  }

  /**
   * Decides against the cached state first. A refusal, or a decision to do nothing, is checked
   * again against the stream itself: another process may have appended what the command needs
   * (an OU it just created) or what it would change (a handshake to expire).
   */
  private async decide<S, C extends DomainCommand, E extends DomainEvent>(
    request: CommandRequest<S, C, E>,
    command: C,
    refresh: boolean,
  ): Promise<{ known: Known<S>; events: E[] }> {
    const known = await this.load(request, refresh);
    let events: E[];
    try {
      events = request.decider.decide(command, known.state);
    } catch (refusal) {
      if (refresh) throw refusal;
      return this.decideFresh(request, command, known, refusal);
    }
    if (events.length > 0 || refresh) return { known, events };
    return this.decideFresh(request, command, known, undefined);
  }

  private async decideFresh<S, C extends DomainCommand, E extends DomainEvent>(
    request: CommandRequest<S, C, E>,
    command: C,
    cached: Known<S>,
    refusal: unknown,
  ): Promise<{ known: Known<S>; events: E[] }> {
    const fresh = await this.load(request, true);
    if (fresh.version === cached.version) {
      if (refusal !== undefined) throw refusal;
      return { known: cached, events: [] };
    }
    return { known: fresh, events: request.decider.decide(command, fresh.state) };
  }

  private async append<S, C extends DomainCommand, E extends DomainEvent>(
    request: CommandRequest<S, C, E>,
    known: Known<S>,
    events: E[],
  ): Promise<CommandResult<S, E>> {
    const result = await this.events.append({
      tenantId: request.tenantId,
      streamId: request.streamId,
      expectedVersion: known.version,
      events: events.map((e) => ({ type: e.type, data: e.data })),
      metadata: request.metadata,
      reservations: request.reservations?.(events) ?? [],
      releases: request.releases?.(events) ?? [],
    });
    if (result.duplicate) {
      return { events: [], state: known.state, version: result.lastVersion, checkpoint: result.checkpoint, duplicate: true };
    }
    const state = replay(request.decider, known.state, events);
    const next = { version: result.lastVersion, state, snapshotVersion: known.snapshotVersion };
    this.remember(request, next);
    return { events, state, version: result.lastVersion, checkpoint: result.checkpoint, duplicate: false };
  }

  /** A retried command (same command id) gets its first result, without being decided again. */
  private async earlierResult<S, C extends DomainCommand, E extends DomainEvent>(
    request: CommandRequest<S, C, E>,
  ): Promise<CommandResult<S, E> | null> {
    const commandId = request.metadata?.commandId;
    if (!commandId) return null;
    const earlier = await this.events.findProcessedCommand(request.tenantId, commandId);
    if (!earlier) return null;
    const known = await this.load(request, true);
    return { events: [], state: known.state, version: earlier.lastVersion, checkpoint: earlier.checkpoint, duplicate: true };
  }

  private async load<S, C extends DomainCommand, E extends DomainEvent>(
    request: CommandRequest<S, C, E>,
    refresh: boolean,
  ): Promise<Known<S>> {
    const key = this.key(request);
    let known = this.cache.get(key) as Known<S> | undefined;
    if (!known) known = await this.fromSnapshot(request);
    else if (!refresh) return known;
    const newer = await this.events.readStream(request.tenantId, request.streamId, known.version + 1);
    if (newer.length === 0) return known;
    const state = replay(request.decider, known.state, newer.map(toDomainEvent<E>));
    const caughtUp = { version: newer[newer.length - 1].streamVersion, state, snapshotVersion: known.snapshotVersion };
    this.remember(request, caughtUp);
    return caughtUp;
  }

  private async fromSnapshot<S, C extends DomainCommand, E extends DomainEvent>(
    request: CommandRequest<S, C, E>,
  ): Promise<Known<S>> {
    const { decider, tenantId, streamId } = request;
    const snapshot = await this.snapshots.load<S>(tenantId, streamId, decider.stateVersion);
    if (!snapshot) return { version: 0, state: decider.initialState(), snapshotVersion: 0 };
    return { version: snapshot.version, state: snapshot.state, snapshotVersion: snapshot.version };
  }

  /** Caches the state and, every SNAPSHOT_EVERY events, saves it (in the background: a lost one only costs a replay). */
  private remember<S, C extends DomainCommand, E extends DomainEvent>(request: CommandRequest<S, C, E>, known: Known<S>): void {
    if (known.version - known.snapshotVersion >= SNAPSHOT_EVERY) {
      const snapshot = { version: known.version, state: known.state };
      // The latest snapshot is overwritten: every HISTORY_EVERY events one is also kept for reads of the past.
      if (Math.floor(known.version / HISTORY_EVERY) > Math.floor(known.snapshotVersion / HISTORY_EVERY)) {
        this.snapshots.saveHistorical(request.tenantId, request.streamId, request.decider.stateVersion, snapshot).catch(this.onError);
      }
      known = { ...known, snapshotVersion: known.version };
      this.snapshots.save(request.tenantId, request.streamId, request.decider.stateVersion, snapshot).catch(this.onError);
    }
    this.cache.set(this.key(request), known);
  }

  private key(request: { tenantId: string; streamId: string; decider: { stateVersion: number } }): string {
    return `${request.tenantId}/${request.streamId}/${request.decider.stateVersion}`;
  }
}

/** Spreads out writers that keep colliding on one stream. */
const backOff = (attempt: number) => new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(50, 2 * attempt)));

function toDomainEvent<E extends DomainEvent>(recorded: RecordedEvent): E {
  return { type: recorded.type, data: recorded.data } as E;
}
