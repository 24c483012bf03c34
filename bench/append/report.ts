/**
 * Output: a small table on stdout, then (as the very last line) one JSON object whose snake_case keys
 * carry their unit, for scripts to parse.
 */
import { RUN_SECONDS, SLICE_SECONDS, WARMUP_SECONDS } from './config';
import type { PhaseResult, Workload } from './phases';

const round = (value: number, digits: number) => (Number.isFinite(value) ? Number(value.toFixed(digits)) : null);

function find(results: PhaseResult[], workload: Workload, writers: number, batch: number): PhaseResult {
  const found = results.find((r) => r.workload === workload && r.writers === writers && r.batch === batch);
  if (!found) throw new Error(`no ${workload} phase with ${writers} writers and ${batch} events/tx`);
  return found;
}

/** Event-store events/s over raw-insert rows/s for the same writers and batch size. */
function ratio(results: PhaseResult[], writers: number, batch: number): number {
  return find(results, 'append', writers, batch).eventsPerS / find(results, 'baseline', writers, batch).eventsPerS;
}

export function printTable(results: PhaseResult[], pgbenchTps: number | null, context: string): void {
  console.log(
    `\nAppend benchmark (${context}); per phase ${WARMUP_SECONDS} s warm-up + ${RUN_SECONDS} s measured, ` +
      `in ${SLICE_SECONDS} s slices alternating with its counterpart`,
  );
  const header = ['workload'.padEnd(18), 'writers', 'ev/tx', '    tx/s', 'events/s', 'p50 ms', 'p99 ms', 'vs raw'];
  console.log(header.join('  '));
  for (const r of results) {
    const vsRaw = r.workload === 'append' ? ratio(results, r.writers, r.batch).toFixed(2) : '';
    const cells = [
      (r.workload === 'append' ? 'EventStore.append' : 'raw INSERT').padEnd(18),
      String(r.writers).padStart(7),
      String(r.batch).padStart(5),
      r.txPerS.toFixed(0).padStart(8),
      r.eventsPerS.toFixed(0).padStart(8),
      r.p50Ms.toFixed(2).padStart(6),
      r.p99Ms.toFixed(2).padStart(6),
      vsRaw.padStart(6),
    ];
    console.log(cells.join('  '));
  }
  if (pgbenchTps !== null)
    console.log(`pgbench reference, same one-row INSERT, 16 clients: ${pgbenchTps.toFixed(0)} tx/s`);
}

export function summaryJson(results: PhaseResult[], pgbenchTps: number | null, extra: Record<string, unknown>): string {
  const eventsPerS = (w: Workload, writers: number, batch: number) =>
    round(find(results, w, writers, batch).eventsPerS, 1);
  const latency = (w: Workload, writers: number, batch: number) => find(results, w, writers, batch);
  return JSON.stringify({
    append_per_s_1w: eventsPerS('append', 1, 1),
    append_per_s_16w: eventsPerS('append', 16, 1),
    baseline_insert_per_s_1w: eventsPerS('baseline', 1, 1),
    baseline_insert_per_s_16w: eventsPerS('baseline', 16, 1),
    ratio_1w: round(ratio(results, 1, 1), 3),
    ratio_16w: round(ratio(results, 16, 1), 3),
    append_events_per_s_10x_1w: eventsPerS('append', 1, 10),
    append_events_per_s_10x_16w: eventsPerS('append', 16, 10),
    baseline_rows_per_s_10x_1w: eventsPerS('baseline', 1, 10),
    baseline_rows_per_s_10x_16w: eventsPerS('baseline', 16, 10),
    ratio_10x_1w: round(ratio(results, 1, 10), 3),
    ratio_10x_16w: round(ratio(results, 16, 10), 3),
    append_p50_ms_16w: round(latency('append', 16, 1).p50Ms, 3),
    append_p99_ms_16w: round(latency('append', 16, 1).p99Ms, 3),
    baseline_p50_ms_16w: round(latency('baseline', 16, 1).p50Ms, 3),
    baseline_p99_ms_16w: round(latency('baseline', 16, 1).p99Ms, 3),
    append_p50_ms_10x_16w: round(latency('append', 16, 10).p50Ms, 3),
    append_p99_ms_10x_16w: round(latency('append', 16, 10).p99Ms, 3),
    pgbench_insert_tps_16c: pgbenchTps === null ? null : round(pgbenchTps, 1),
    warmup_s: WARMUP_SECONDS,
    phase_s: RUN_SECONDS,
    slice_s: SLICE_SECONDS,
    ...extra,
  });
}
