/**
 * The measured phases: {event store, raw INSERT} x {1, 10 events per transaction} x {1, 16 writers}.
 * Each event-store phase runs right next to its baseline, in the same process, with the same pool
 * settings, so both see the same machine state.
 */
import pg from 'pg';
import { APP_ROLE, EventStore, createPool } from '@orgs/shared/event-store';
import { BATCH_SIZES, WRITER_COUNTS } from './config';
import { percentile, prewarmPool, runClosedLoop } from './load';
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
  txPerS: number;
  eventsPerS: number;
  p50Ms: number;
  p99Ms: number;
}

/**
 * Pairs run back to back; which half of a pair goes first alternates, so slow drift (tables and
 * indexes growing, caches warming) does not always favour the same side.
 */
export function phasePlan(): Phase[] {
  const plan: Phase[] = [];
  let appendFirst = true;
  for (const batch of BATCH_SIZES) {
    for (const writers of WRITER_COUNTS) {
      const pair: Phase[] = [
        { workload: 'append', writers, batch },
        { workload: 'baseline', writers, batch },
      ];
      plan.push(...(appendFirst ? pair : pair.reverse()));
      appendFirst = !appendFirst;
    }
  }
  return plan;
}

export function describe(phase: Phase): string {
  const what = phase.workload === 'append' ? 'EventStore.append' : 'raw INSERT';
  return `${what}, ${phase.writers} writer(s), ${phase.batch} event(s)/tx`;
}

export async function runPhase(url: string, phase: Phase, phaseIndex: number): Promise<PhaseResult> {
  // The API's pool settings: connections take the application role, so row-level security applies to
  // the event store as in production (the baseline table has none, so the role changes nothing there).
  const pool = createPool(url, { max: phase.writers, role: APP_ROLE });
  try {
    await prewarmPool(pool, phase.writers);
    const store = new EventStore(pool);
    const ops: WriteOp[] = Array.from({ length: phase.writers }, (_, w) => {
      const cursor = new StreamCursor(`p${phaseIndex}-w${w}`);
      return phase.workload === 'append' ? appendOp(store, cursor, phase.batch) : baselineOp(pool, cursor, phase.batch);
    });
    const load = await runClosedLoop(ops);
    const sorted = load.latenciesMs.sort();
    const txPerS = load.transactions / load.seconds;
    return {
      ...phase,
      transactions: load.transactions,
      txPerS,
      eventsPerS: txPerS * phase.batch,
      p50Ms: percentile(sorted, 50),
      p99Ms: percentile(sorted, 99),
    };
  } finally {
    await pool.end();
  }
}

/**
 * Flushes dirty buffers before a phase, so no phase inherits the previous one's checkpoint debt or has
 * a timed checkpoint fall inside it (checkpoint_timeout restarts). Needs superuser or pg_checkpoint;
 * without it the phases just run as they come.
 */
export async function checkpoint(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('CHECKPOINT');
    return true;
  } catch {
    return false;
  } finally {
    await client.end();
  }
}
