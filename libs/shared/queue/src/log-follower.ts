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
  runBatch(batchSize?: number): Promise<FollowerBatch>;
}
