import type { Pool } from 'pg';
import { decodeProjected, ProjectionWaiter } from './projection-waiter';

/**
 * A read-your-writes waiter per projection a process reads, all woken by one listener of
 * orgs_events_projected: a projection that follows the log on a checkpoint of its own (billing,
 * webhooks) needs no connection of its own to be waited for.
 */
export class ProjectionWaiters {
  private readonly waiters = new Map<string, ProjectionWaiter>();

  constructor(private readonly pool: Pool) {}

  of(projectionName: string): ProjectionWaiter {
    let waiter = this.waiters.get(projectionName);
    if (!waiter) {
      waiter = new ProjectionWaiter(this.pool, projectionName);
      this.waiters.set(projectionName, waiter);
    }
    return waiter;
  }

  /** A notification's payload: the batch it announces, or (none, after a reconnect) every checkpoint re-read. */
  async projected(payload: string): Promise<void> {
    const announced = decodeProjected(payload);
    const woken = announced ? [this.waiters.get(announced.name)] : [...this.waiters.values()];
    await Promise.all(woken.map((waiter) => waiter?.projected(announced?.checkpoint)));
  }
}
