import type { LogCheckpoint, RecordedEvent } from '@orgs/shared/event-store';
import { ReadAhead } from './read-ahead';

/** A log of `size` events; records every read. */
function logOf(size: number) {
  const reads: bigint[] = [];
  return {
    reads,
    readAll: async (after: LogCheckpoint, limit: number) => {
      reads.push(after.position);
      const from = Number(after.position);
      return Array.from({ length: Math.max(0, Math.min(limit, size - from)) }, (_, i) => ({ transactionId: 1n, position: BigInt(from + i + 1) }) as RecordedEvent);
    },
  };
}

const after = (position: bigint): LogCheckpoint => ({ transactionId: 1n, position });

describe('ReadAhead', () => {
  it('reads the page after a full one while the full one is being written, and hands it over', async () => {
    const log = logOf(25);
    const reader = new ReadAhead(log);
    const first = await reader.readAll(after(0n), 10);
    expect(log.reads).toEqual([0n, 10n]);
    const second = await reader.readAll(after(first[9].position), 10);
    expect(second[0].position).toBe(11n);
    const third = await reader.readAll(after(second[9].position), 10);
    expect(third).toHaveLength(5);
    expect(log.reads).toEqual([0n, 10n, 20n]);
  });

  it('reads fresh after a short page, and when asked for another checkpoint than it read ahead', async () => {
    const log = logOf(15);
    const reader = new ReadAhead(log);
    await reader.readAll(after(0n), 10);
    await reader.readAll(after(3n), 10);
    expect(log.reads).toEqual([0n, 10n, 3n, 13n]);
    const short = await reader.readAll(after(13n), 10);
    expect(short).toHaveLength(2);
    await reader.readAll(after(15n), 10);
    expect(log.reads).toEqual([0n, 10n, 3n, 13n, 15n]);
  });
});
