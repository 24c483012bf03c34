import type { ExpectedVersion, UniqueReservation } from './types';

/** Another command appended to the stream first: reload and decide again. */
export class WrongExpectedVersionError extends Error {
  constructor(
    readonly streamId: string,
    readonly expectedVersion: ExpectedVersion,
  ) {
    super(`Stream ${streamId} is not at the expected version ${String(expectedVersion)}`);
    this.name = 'WrongExpectedVersionError';
  }
}

/** A value reserved as unique (an account id, an email) is already taken. */
export class ReservationConflictError extends Error {
  constructor(
    readonly reservations: UniqueReservation[],
    /** The namespace of the value that was taken, when Postgres said which. */
    readonly namespace: string | undefined,
  ) {
    super(`One of these values is already taken: ${reservations.map((r) => `${r.namespace}:${r.value}`).join(', ')}`);
    this.name = 'ReservationConflictError';
  }
}
