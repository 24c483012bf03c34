/**
 * The measured phases: {event store, raw INSERT} x {1, 10 events per transaction} x {1, 16 writers}.
 * Each event-store phase is measured as a pair with its baseline, in the same process, with the same
 * pool settings, in alternating slices, so both see the same machine state.
 */
import type { Pool } from 'pg';
import { APP_ROLE, EventStore, createPool } from '@orgs/shared/event-store';
import { BATCH_SIZES, RUN_SECONDS, SLICE_SECONDS, WARMUP_SECONDS, WRITER_COUNTS } from './config';
import { backendPids, nodeCpuMicros, processCpuMicros } from './cpu';
import { percentile, runClosedLoop } from './load';
import { StreamCursor, appendOp, baselineOp, type WriteOp } from './workload';

export type Workload = 'append' | 'baseline';

export interface Phase {
  workload: Workload;
  writers: number;
  /** Events (rows) per transaction. */
  batch: number;
}

export interface PhaseResult extends Phase {
  transactions: number;
  /** Transactions per second in each slice, in the order measured: pairs up with the counterpart's. */
  sliceTxPerS: number[];
  txPerS: number;
  eventsPerS: number;
  p50Ms: number;
  p99Ms: number;
  /** CPU per transaction of our Postgres backends (null if /proc cannot show them) and of Node. */
  serverCpuUsPerTx: number | null;
  nodeCpuUsPerTx: number;
}

/** One event-store phase and its baseline, same writers and batch size. */
export function pairPlan(): Array<[Phase, Phase]> {
  return BATCH_SIZES.flatMap((batch) =>
    WRITER_COUNTS.map((writers): [Phase, Phase] => [
      { workload: 'append', writers, batch },
      { workload: 'baseline', writers, batch },
    ]),
  );
}

export function describe(phase: Phase): string {
  return `${phase.writers} writer(s), ${phase.batch} event(s)/tx`;
}

interface OpenWorkload {
  phase: Phase;
  ops: WriteOp[];
  latencies: number[];
  sliceTransactions: number[];
  pool: Pool;
  pids: number[];
  serverCpuMicros: number | null;
  nodeCpuMicros: number;
}

async function openWorkload(url: string, phase: Phase, tag: string): Promise<OpenWorkload> {
  // The API's pool settings: connections take the application role, so row-level security applies to
  // the event store as in production (the baseline table has none, so the role changes nothing there).
  const pool = createPool(url, { max: phase.writers, role: APP_ROLE });
  // Also opens every connection up front: connection set-up is not what we measure.
  const pids = await backendPids(pool, phase.writers);
  const store = new EventStore(pool);
  const ops = Array.from({ length: phase.writers }, (_, w) => {
    const cursor = new StreamCursor(`${tag}-${phase.workload}-w${w}`);
    return phase.workload === 'append' ? appendOp(store, cursor, phase.batch) : baselineOp(pool, cursor, phase.batch);
  });
  return { phase, ops, latencies: [], sliceTransactions: [], pool, pids, serverCpuMicros: 0, nodeCpuMicros: 0 };
}

/** One slice of one side, with the CPU it used. Only this side runs meanwhile, so all of Node's is its. */
async function measureSlice(side: OpenWorkload): Promise<void> {
  const server = processCpuMicros(side.pids);
  const node = nodeCpuMicros();
  const latencies = await runClosedLoop(side.ops, 0, SLICE_SECONDS * 1000);
  const serverAfter = processCpuMicros(side.pids);
  side.nodeCpuMicros += nodeCpuMicros() - node;
  side.serverCpuMicros =
    side.serverCpuMicros === null || server === null || serverAfter === null
      ? null
      : side.serverCpuMicros + serverAfter - server;
  side.latencies.push(...latencies);
  side.sliceTransactions.push(latencies.length);
}

function summarize(side: OpenWorkload): PhaseResult {
  const { phase, latencies, sliceTransactions } = side;
  const sorted = Float64Array.from(latencies).sort();
  const txPerS = latencies.length / RUN_SECONDS;
  return {
    ...phase,
    transactions: latencies.length,
    sliceTxPerS: sliceTransactions.map((n) => n / SLICE_SECONDS),
    txPerS,
    eventsPerS: txPerS * phase.batch,
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
    serverCpuUsPerTx: side.serverCpuMicros === null ? null : side.serverCpuMicros / latencies.length,
    nodeCpuUsPerTx: side.nodeCpuMicros / latencies.length,
  };
}

/**
 * Warms both sides up, then measures them in SLICE_SECONDS slices ordered A B B A A B B A ...: each
 * side gets RUN_SECONDS in total and neither is always the one running first or last.
 */
export async function measurePair(url: string, pair: [Phase, Phase], tag: string): Promise<[PhaseResult, PhaseResult]> {
  const sides: OpenWorkload[] = [];
  try {
    for (const phase of pair) sides.push(await openWorkload(url, phase, tag));
    for (const side of sides) await runClosedLoop(side.ops, WARMUP_SECONDS * 1000, 0);
    const slices = Math.round(RUN_SECONDS / SLICE_SECONDS);
    for (let slice = 0; slice < slices; slice++) {
      const order = slice % 2 === 0 ? sides : [...sides].reverse();
      for (const side of order) await measureSlice(side);
    }
    return [summarize(sides[0]), summarize(sides[1])];
  } finally {
    await Promise.all(sides.map((side) => side.pool.end()));
  }
}
