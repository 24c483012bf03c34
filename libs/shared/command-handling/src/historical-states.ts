import type { EventStore, SnapshotStore } from '@orgs/shared/event-store';
import { invalidInput, stateAsOf, type Decider, type DomainEvent, type PointInLog, type StateAtVersion } from '@orgs/shared/kernel';
import { StateCache } from './state-cache';

/**
 * A historical snapshot is kept every this many events (by commands, and by past reads that replay
 * across a multiple), so a past read replays at most this many: replaying costs ~1 ms an event for
 * an organization of 1,000 accounts (the accounts section is copied per event), a snapshot ~200 kB.
 */
export const HISTORY_EVERY = 100;

export type HistoryDecider<State, Event extends DomainEvent> = Pick<Decider<State, never, Event>, 'stateVersion' | 'initialState' | 'evolve'>;

export interface HistoricalStatesOptions {
  /** Past states kept in memory (least recently used evicted first). */
  capacity?: number;
  historyEvery?: number;
  onError?: (error: unknown) => void;
}

/**
 * A stream's state as of a past point of the log (time travel). The point is first turned into the
 * stream's version then (one statement); a state of that version is answered from memory, else
 * built from the nearest snapshot at or before it (the latest, or a historical one) plus the events
 * between. Replaying across a multiple of `historyEvery` keeps a historical snapshot there, so the
 * next read of an old point in a long stream replays at most that many events.
 */
export class HistoricalStates {
  private readonly cache: StateCache<StateAtVersion<unknown>>;
  private readonly historyEvery: number;
  private readonly onError: (error: unknown) => void;
  /** Events replayed so far (tests and metrics: a read served by a snapshot replays few). */
  eventsReplayed = 0;

  constructor(
    private readonly events: EventStore,
    private readonly snapshots: SnapshotStore,
    options: HistoricalStatesOptions = {},
  ) {
    this.cache = new StateCache(options.capacity ?? 64);
    this.historyEvery = options.historyEvery ?? HISTORY_EVERY;
    this.onError = options.onError ?? (() => undefined);
  }

  async load<S, E extends DomainEvent>(tenantId: string, streamId: string, decider: HistoryDecider<S, E>, point: PointInLog): Promise<StateAtVersion<S>> {
    const { version, logPosition } = await this.events.streamVersionAt(tenantId, streamId, point);
    if (point.position !== undefined && point.position > logPosition) {
      throw invalidInput('MAX_VALUE_EXCEEDED', `asOf.position ${point.position} is ahead of the log (${logPosition}).`);
    }
    const key = `${tenantId}/${streamId}/${decider.stateVersion}/${version}`;
    const cached = this.cache.get(key) as StateAtVersion<S> | undefined;
    if (cached) return cached;
    const built = await this.build(tenantId, streamId, decider, version);
    this.cache.set(key, built);
    return built;
  }

  private async build<S, E extends DomainEvent>(tenantId: string, streamId: string, decider: HistoryDecider<S, E>, version: number): Promise<StateAtVersion<S>> {
    const initial = { state: decider.initialState(), version: 0 };
    if (version === 0) return initial;
    const snapshot = await this.snapshots.loadAtOrBefore<S>(tenantId, streamId, decider.stateVersion, version);
    const from = snapshot ?? initial;
    if (from.version === version) return from;
    const events = await this.events.readStreamRange(tenantId, streamId, from.version + 1, version);
    this.eventsReplayed += events.length;
    const keep = (reached: StateAtVersion<S>) => {
      if (reached.version % this.historyEvery !== 0 || reached.version === version) return;
      // Saved in the background: a lost one only costs a longer replay next time.
      this.snapshots.saveHistorical(tenantId, streamId, decider.stateVersion, reached).catch(this.onError);
    };
    const built = stateAsOf(decider, events, {}, from, keep);
    if (version - from.version >= this.historyEvery) {
      this.snapshots.saveHistorical(tenantId, streamId, decider.stateVersion, built).catch(this.onError);
    }
    return built;
  }
}
