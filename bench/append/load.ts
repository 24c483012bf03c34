/**
 * Runs N writers in a closed loop (each waits for its transaction before starting the next, as
 * concurrent commands do) and counts what commits inside the measured window.
 */
import type { Pool } from 'pg';
import { RUN_SECONDS, WARMUP_SECONDS } from './config';
import type { WriteOp } from './workload';

export interface LoadResult {
  transactions: number;
  seconds: number;
  /** Per-transaction latencies in ms, of those that completed inside the measured window. */
  latenciesMs: Float64Array;
}

/**
 * Warm-up and measurement are one continuous run, so the measured window starts with every writer
 * busy and every connection open; a transaction counts if it completes inside the window.
 */
export async function runClosedLoop(ops: WriteOp[]): Promise<LoadResult> {
  const start = performance.now();
  const windowStart = start + WARMUP_SECONDS * 1000;
  const windowEnd = windowStart + RUN_SECONDS * 1000;
  const latencies: number[] = [];

  const writer = async (op: WriteOp): Promise<void> => {
    for (let began = performance.now(); began < windowEnd; began = performance.now()) {
      await op();
      const ended = performance.now();
      if (ended >= windowStart && ended < windowEnd) latencies.push(ended - began);
    }
  };
  await Promise.all(ops.map(writer));
  return { transactions: latencies.length, seconds: RUN_SECONDS, latenciesMs: Float64Array.from(latencies) };
}

/** Opens every connection of the pool up front: connection set-up is not what we measure. */
export async function prewarmPool(pool: Pool, size: number): Promise<void> {
  const clients = await Promise.all(Array.from({ length: size }, () => pool.connect()));
  for (const client of clients) client.release();
}

export function percentile(sortedMs: Float64Array, p: number): number {
  if (sortedMs.length === 0) return Number.NaN;
  const index = Math.min(sortedMs.length - 1, Math.ceil((p / 100) * sortedMs.length) - 1);
  return sortedMs[Math.max(0, index)];
}
