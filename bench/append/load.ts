/**
 * Runs N writers in a closed loop (each waits for its transaction before starting the next, as
 * concurrent commands do) and counts what commits inside the measured window.
 */
import type { WriteOp } from './workload';

/**
 * Runs every op in its own loop for `warmupMs + windowMs`; returns the latencies (ms) of the
 * transactions that completed inside the window. Warm-up and window are one continuous run, so the
 * window starts with every writer busy. Resolves once every writer's last transaction has finished,
 * so the next run starts on an idle server.
 */
export async function runClosedLoop(ops: WriteOp[], warmupMs: number, windowMs: number): Promise<number[]> {
  const windowStart = performance.now() + warmupMs;
  const windowEnd = windowStart + windowMs;
  const latencies: number[] = [];

  const writer = async (op: WriteOp): Promise<void> => {
    for (let began = performance.now(); began < windowEnd; began = performance.now()) {
      await op();
      const ended = performance.now();
      if (ended >= windowStart && ended < windowEnd) latencies.push(ended - began);
    }
  };
  await Promise.all(ops.map(writer));
  return latencies;
}

/** Nearest-rank percentile of ascending-sorted values. */
export function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}
