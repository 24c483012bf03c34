import type { RecordedEvent } from '@orgs/shared/event-store';

export interface FollowerBatch {
  applied: number;
  /** Another process holds this follower: nothing was done. */
  busy: boolean;
  lastEvent?: RecordedEvent;
  /** The batch was full: more events may be waiting. */
  more: boolean;
}

/** Anything that follows the log from a checkpoint in batches: projections, reaction dispatchers. */
export interface LogFollower {
  readonly name: string;
  /** `readSince`: when this run was woken; a page of the log read since then will do (see SharedLogReads). */
  runBatch(batchSize?: number, readSince?: number): Promise<FollowerBatch>;
}
