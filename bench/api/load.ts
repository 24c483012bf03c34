/**
 * Closed-loop load: N clients, each sending its next request when the previous one answered (as
 * portals and scripts do), counting what completes inside the measured window.
 */

/** One request: its latency and, when it failed, why (an AWS exception name or an HTTP status). */
export interface Outcome {
  ms: number;
  error?: string;
  /** Which kind of request, when a run mixes several (latencies are also summarized per kind). */
  kind?: string;
}

export type Operation = (client: number, iteration: number) => Promise<Outcome>;

export interface LatencySummary {
  count: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

export interface LoadRun extends LatencySummary {
  clients: number;
  /** Every request sent, warm-up included (what CPU time is divided by). */
  sent: number;
  seconds: number;
  perS: number;
  errors: number;
  errorCodes: Record<string, number>;
  byKind: Record<string, LatencySummary>;
}

/** Nearest-rank percentile of ascending values (NaN when empty). */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export function summarize(latencies: number[]): LatencySummary {
  const sorted = Float64Array.from(latencies).sort();
  return {
    count: sorted.length,
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
    maxMs: sorted[sorted.length - 1] ?? Number.NaN,
  };
}

/**
 * Runs `clients` loops for warm-up + window as one continuous run (so the window starts with every
 * client busy); returns what completed inside the window. Failed requests count as errors, not as
 * throughput, and their latencies are left out.
 */
export async function closedLoop(clients: number, warmupS: number, windowS: number, op: Operation): Promise<LoadRun> {
  const windowStart = performance.now() + warmupS * 1000;
  const windowEnd = windowStart + windowS * 1000;
  const tally = new Tally();
  const client = async (index: number): Promise<void> => {
    for (let iteration = 0; performance.now() < windowEnd; iteration++) {
      const outcome = await op(index, iteration);
      const ended = performance.now();
      if (ended >= windowStart && ended < windowEnd) tally.add(outcome);
      else tally.sent++;
    }
  };
  await Promise.all(Array.from({ length: clients }, (_, i) => client(i)));
  return tally.run(clients, windowS);
}

/** Every request measured, from the first, until `done()` holds (checked before each request). */
export async function untilDone(clients: number, done: () => boolean, op: Operation): Promise<LoadRun> {
  const tally = new Tally();
  const began = performance.now();
  const client = async (index: number): Promise<void> => {
    for (let iteration = 0; !done(); iteration++) tally.add(await op(index, iteration));
  };
  await Promise.all(Array.from({ length: clients }, (_, i) => client(i)));
  return tally.run(clients, (performance.now() - began) / 1000);
}

/** `runs` requests by one client, one after the other, all measured. */
export function sequentialRuns(runs: number, op: Operation): Promise<LoadRun> {
  let started = 0;
  return untilDone(1, () => started++ >= runs, op);
}

/** A LoadRun of outcomes gathered elsewhere (e.g. interleaved with another series). */
export function runOf(outcomes: Outcome[], seconds: number): LoadRun {
  const tally = new Tally();
  for (const outcome of outcomes) tally.add(outcome);
  return tally.run(1, seconds);
}

/** Latencies of the requests that succeeded (overall and per kind), and the failures by reason. */
class Tally {
  private readonly latencies: number[] = [];
  private readonly byKind = new Map<string, number[]>();
  private readonly errorCodes: Record<string, number> = {};
  private errors = 0;
  sent = 0;

  add(outcome: Outcome): void {
    this.sent++;
    if (outcome.error) {
      this.errors++;
      this.errorCodes[outcome.error] = (this.errorCodes[outcome.error] ?? 0) + 1;
      return;
    }
    this.latencies.push(outcome.ms);
    if (outcome.kind) {
      const kind = this.byKind.get(outcome.kind);
      if (kind) kind.push(outcome.ms);
      else this.byKind.set(outcome.kind, [outcome.ms]);
    }
  }

  run(clients: number, seconds: number): LoadRun {
    const byKind = Object.fromEntries([...this.byKind].map(([kind, latencies]) => [kind, summarize(latencies)]));
    return {
      clients,
      sent: this.sent,
      seconds,
      perS: this.latencies.length / seconds,
      errors: this.errors,
      errorCodes: this.errorCodes,
      byKind,
      ...summarize(this.latencies),
    };
  }
}

/** Runs async work over items with at most `limit` in flight. */
export async function inParallel<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}
