import { SharedLogReads } from './shared-log-reads';
import type { LogCheckpoint, RecordedEvent } from './types';

const AT = (position: number): LogCheckpoint => ({ transactionId: 1n, position: BigInt(position) });

function countingLog(pages: RecordedEvent[][]) {
  const reads: { after: bigint; limit: number }[] = [];
  return {
    reads,
    readAll: async (after: LogCheckpoint, limit: number) => {
      reads.push({ after: after.position, limit });
      return (pages.shift() ?? []).slice(0, limit);
    },
  };
}

const events = (n: number) => Array.from({ length: n }, (_, i) => ({ position: BigInt(i + 1) }) as RecordedEvent);

describe('SharedLogReads', () => {
  it('hands a page read after a follower was woken to that follower, without reading again', async () => {
    const log = countingLog([events(3)]);
    const shared = new SharedLogReads(log);
    const wokenAt = performance.now();
    const first = await shared.readAll(AT(0), 500, wokenAt);
    const second = await shared.readAll(AT(0), 500, wokenAt);
    expect(second).toBe(first);
    expect(log.reads).toHaveLength(1);
  });

  it('reads again for a follower woken after the page was read: the page may miss what committed since', async () => {
    const log = countingLog([events(1), events(2)]);
    const shared = new SharedLogReads(log);
    await shared.readAll(AT(0), 500, performance.now());
    await new Promise((resolve) => setTimeout(resolve, 2));
    const later = await shared.readAll(AT(0), 500, performance.now());
    expect(later).toHaveLength(2);
    expect(log.reads).toHaveLength(2);
  });

  it('reads without a wake-up time, and for a larger page than the one it holds', async () => {
    const log = countingLog([events(10), events(10), events(20)]);
    const shared = new SharedLogReads(log);
    const wokenAt = performance.now();
    await shared.readAll(AT(0), 10, wokenAt);
    await shared.readAll(AT(0), 10);
    const larger = await shared.readAll(AT(0), 20, wokenAt);
    expect(larger).toHaveLength(20);
    expect(log.reads).toHaveLength(3);
  });

  it('cuts a held page to a smaller limit', async () => {
    const log = countingLog([events(10)]);
    const shared = new SharedLogReads(log);
    const wokenAt = performance.now();
    await shared.readAll(AT(0), 10, wokenAt);
    expect(await shared.readAll(AT(0), 4, wokenAt)).toHaveLength(4);
    expect(log.reads).toHaveLength(1);
  });

  it('forgets a page whose read failed', async () => {
    let fail = true;
    const shared = new SharedLogReads({
      readAll: async () => {
        if (fail) throw new Error('connection lost');
        return events(1);
      },
    });
    const wokenAt = performance.now();
    await expect(shared.readAll(AT(0), 500, wokenAt)).rejects.toThrow('connection lost');
    fail = false;
    await new Promise((resolve) => setImmediate(resolve));
    expect(await shared.readAll(AT(0), 500, wokenAt)).toHaveLength(1);
  });
});
