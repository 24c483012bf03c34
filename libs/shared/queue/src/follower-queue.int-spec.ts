import type { RecordedEvent } from '@orgs/shared/event-store';
import { createLogger } from '@orgs/shared/runtime';
import { eventually, testRedisPrefix, testRedisUrl } from '@orgs/shared/testing';
import { FollowerQueue } from './follower-queue';
import type { FollowerBatch, LogFollower } from './log-follower';

/** A follower of a log held in memory: what matters here is when it is asked to run, not what it reads. */
class CountingFollower implements LogFollower {
  readonly name = 'counting';
  appended = 0;
  applied = 0;
  runs = 0;
  /** Holds the first batch until the test lets it finish: the drain is then surely under way. */
  firstBatchMayEnd = Promise.resolve();

  async runBatch(): Promise<FollowerBatch> {
    this.runs += 1;
    if (this.runs === 1) await this.firstBatchMayEnd;
    await new Promise((resolve) => setTimeout(resolve, 15)); // a batch's work
    const applied = this.appended - this.applied;
    this.applied = this.appended;
    const lastEvent = applied > 0 ? ({ recordedAt: new Date() } as RecordedEvent) : undefined;
    return { applied, busy: false, lastEvent, more: false };
  }
}

let follower: CountingFollower;
let queue: FollowerQueue;
let enqueued: jest.SpyInstance;

beforeEach(() => {
  follower = new CountingFollower();
  queue = new FollowerQueue({
    connection: { url: testRedisUrl(), maxRetriesPerRequest: null },
    prefix: testRedisPrefix(),
    followers: [follower],
    logger: createLogger('test', 'silent'),
  });
  enqueued = jest.spyOn(queue.queue, 'addBulk');
  queue.start();
});
afterEach(() => queue.close());

const append = async () => {
  follower.appended += 1;
  await queue.wake();
};

it('tells a drain under way to go on instead of enqueueing a job for every wake-up', async () => {
  let endFirstBatch = () => undefined as void;
  follower.firstBatchMayEnd = new Promise((resolve) => (endFirstBatch = resolve));
  await append();
  await eventually(async () => follower.runs > 0, 10_000, 'the first follow job');
  for (let i = 0; i < 8; i++) {
    await append();
    await new Promise((resolve) => setTimeout(resolve, 5));
    if (i === 3) endFirstBatch();
  }
  await eventually(async () => follower.applied === 9, 10_000, 'every appended event applied');
  expect(enqueued).toHaveBeenCalledTimes(1);
});

it('enqueues a job again once the drain has stopped, and loses no wake-up in between', async () => {
  await append();
  await eventually(async () => follower.applied === 1, 10_000, 'the first event applied');
  // The drain stops after one read that finds nothing new and no wake-up since.
  await new Promise((resolve) => setTimeout(resolve, 100));
  await append();
  await eventually(async () => follower.applied === 2, 10_000, 'the event appended after the drain stopped');
  expect(enqueued).toHaveBeenCalledTimes(2);
});
