import type { Decider, DomainEvent } from './decider';

/** A past point of the log: a position, a time, or both (an event must be at or before each given). */
export interface PointInLog {
  position?: bigint;
  time?: Date;
}

/** A stream's event as the log recorded it: where and when. */
export interface LoggedEvent {
  type: string;
  data: unknown;
  streamVersion: number;
  position: bigint;
  recordedAt: Date;
}

export interface StateAtVersion<State> {
  state: State;
  version: number;
}

export const isAtOrBefore = (event: Pick<LoggedEvent, 'position' | 'recordedAt'>, point: PointInLog): boolean =>
  (point.position === undefined || event.position <= point.position) &&
  (point.time === undefined || event.recordedAt.getTime() <= point.time.getTime());

/**
 * The stream's state as of `point`: its events up to the last one at or before the point, folded
 * with the decider's evolve onto `from` (a snapshot of an earlier version, or the initial state).
 * The stream is a prefix: an event after the last one at or before the point is never applied.
 */
export function stateAsOf<State, Event extends DomainEvent>(
  decider: Pick<Decider<State, never, Event>, 'evolve' | 'initialState'>,
  events: readonly LoggedEvent[],
  point: PointInLog,
  from: StateAtVersion<State> = { state: decider.initialState(), version: 0 },
  onVersion: (reached: StateAtVersion<State>) => void = () => undefined,
): StateAtVersion<State> {
  let last = from.version;
  for (const event of events) if (event.streamVersion > last && isAtOrBefore(event, point)) last = event.streamVersion;
  let state = from.state;
  let version = from.version;
  for (const event of events) {
    if (event.streamVersion <= version || event.streamVersion > last) continue;
    state = decider.evolve(state, { type: event.type, data: event.data } as Event);
    version = event.streamVersion;
    onVersion({ state, version });
  }
  return { state, version };
}
