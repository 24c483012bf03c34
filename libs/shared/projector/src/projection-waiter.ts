import type { Pool } from 'pg';
import type { LogCheckpoint } from '@orgs/shared/event-store';
import { OrgsError } from '@orgs/shared/kernel';
import { readCheckpoint } from './checkpoints';

interface Waiter {
  target: LogCheckpoint;
  resolve(): void;
}

export const reached = (checkpoint: LogCheckpoint, target: LogCheckpoint) =>
  checkpoint.transactionId > target.transactionId ||
  (checkpoint.transactionId === target.transactionId && checkpoint.position >= target.position);

/**
 * Lets a caller wait until a projection has applied its own write. Waiters are woken by the
 * projector's notifications (see `projected`), not by each polling the database.
 */
export class ProjectionWaiter {
  private readonly waiters = new Set<Waiter>();
  private latest: LogCheckpoint = { transactionId: 0n, position: 0n };

  constructor(
    private readonly pool: Pool,
    readonly projectionName: string,
  ) {}

  /** The newest checkpoint announced so far: the read models show at least this much of the log. */
  get position(): LogCheckpoint {
    return this.latest;
  }

  /** Called with each checkpoint the projector announces (or on reconnect, to re-read it). */
  async projected(checkpoint?: LogCheckpoint): Promise<void> {
    const current = checkpoint ?? (await readCheckpoint(this.pool, this.projectionName));
    if (reached(current, this.latest)) this.latest = current;
    for (const waiter of this.waiters) {
      if (reached(this.latest, waiter.target)) {
        this.waiters.delete(waiter);
        waiter.resolve();
      }
    }
  }

  async waitFor(target: LogCheckpoint, timeoutMs: number): Promise<void> {
    if (reached(this.latest, target)) return;
    await this.projected();
    if (reached(this.latest, target)) return;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new OrgsError('ConsistencyTimeoutException', `The read models have not caught up with your write within ${timeoutMs} ms. Retry the read.`, undefined, true));
      }, timeoutMs);
      const waiter: Waiter = { target, resolve: () => (clearTimeout(timer), resolve()) };
      this.waiters.add(waiter);
    });
  }
}

/** `name:transactionId:position`, the payload of a projection's notification. */
export const encodeProjected = (name: string, c: LogCheckpoint) => `${name}:${c.transactionId}:${c.position}`;

export function decodeProjected(payload: string): { name: string; checkpoint: LogCheckpoint } | null {
  const [name, tx, position] = payload.split(':');
  if (!name || !tx || !position) return null;
  return { name, checkpoint: { transactionId: BigInt(tx), position: BigInt(position) } };
}
