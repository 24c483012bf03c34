import { invalidInput } from '@orgs/shared/kernel';
import type { LogCheckpoint } from '@orgs/shared/event-store';

/**
 * A mutation's place in the log, as an opaque string: a read that passes it back waits until the
 * read models show that write. `transactionId.position` because the log is ordered by both.
 */
export const encodeConsistencyToken = (c: LogCheckpoint) => `${c.transactionId}.${c.position}`;

export function decodeConsistencyToken(token: string): LogCheckpoint {
  const match = /^(\d{1,20})\.(\d{1,20})$/.exec(token);
  if (!match) throw invalidInput('INVALID_PATTERN', 'consistencyToken is not one this service issued.');
  return { transactionId: BigInt(match[1]), position: BigInt(match[2]) };
}
