import { replay, type Decider, type DomainCommand, type DomainEvent } from '@orgs/shared/kernel';

/**
 * given(past events).when(command).then(expected events) — or .thenThrows(code) — for pure deciders.
 */
export function deciderSpecification<S, C extends DomainCommand, E extends DomainEvent>(decider: Decider<S, C, E>) {
  return {
    given(events: E[] = []) {
      const state = replay(decider, decider.initialState(), events);
      return {
        when(command: C) {
          const run = () => decider.decide(command, state);
          return {
            then(expected: E[]) {
              expect(run()).toEqual(expected);
            },
            thenThrows(code: string, reason?: string) {
              let error: unknown;
              try {
                run();
              } catch (caught) {
                error = caught;
              }
              expect(error).toMatchObject(reason ? { code, reason } : { code });
            },
          };
        },
      };
    },
  };
}
