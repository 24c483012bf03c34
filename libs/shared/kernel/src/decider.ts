/**
 * The shape every aggregate takes: commands are decided against state, producing events; state
 * evolves from events. Both functions are pure: time, ids and looked-up facts arrive as command data.
 */
export interface DomainEvent<Type extends string = string, Data = unknown> {
  readonly type: Type;
  readonly data: Data;
}

export interface DomainCommand<Type extends string = string, Data = unknown> {
  readonly type: Type;
  readonly data: Data;
}

export interface Decider<State, Command extends DomainCommand, Event extends DomainEvent> {
  /** Bumped whenever State's shape changes, so stale snapshots are ignored rather than misread. */
  readonly stateVersion: number;
  initialState(): State;
  decide(command: Command, state: State): Event[];
  evolve(state: State, event: Event): State;
}

export function replay<State, Event extends DomainEvent>(
  decider: Pick<Decider<State, never, Event>, 'evolve'>,
  state: State,
  events: Iterable<Event>,
): State {
  let current = state;
  for (const event of events) current = decider.evolve(current, event);
  return current;
}

/** Ends every switch over a union, so that a new command or event type fails the type check. */
export function assertUnreachable(value: never): never {
  throw new Error(`Unhandled case: ${JSON.stringify(value)}`);
}
