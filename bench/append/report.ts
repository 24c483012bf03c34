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

/**
 * Append/baseline ratio of each pair of adjacent slices: how much the ratio moved during the run,
 * i.e. how far to trust it on a machine shared with other work.
 */
function sliceRatios(
  results: PhaseResult[],
  writers: number,
  batch: number,
): { median: number; min: number; max: number } {
  const append = find(results, 'append', writers, batch).sliceTxPerS;
  const baseline = find(results, 'baseline', writers, batch).sliceTxPerS;
  const ratios = append.map((a, i) => a / baseline[i]).sort((x, y) => x - y);
  const mid = ratios.length / 2;
  const median = ratios.length % 2 ? ratios[Math.floor(mid)] : (ratios[mid - 1] + ratios[mid]) / 2;
  return { median, min: ratios[0], max: ratios[ratios.length - 1] };
}

/** Server + Node CPU per event; null when the server's processes were not visible. */
function cpuPerEvent(r: PhaseResult): number | null {
  return r.serverCpuUsPerTx === null ? null : (r.serverCpuUsPerTx + r.nodeCpuUsPerTx) / r.batch;
}

/**
 * Baseline CPU per event over the event store's: the throughput ratio to expect when the cores are
 * the bottleneck, measured in a way that other load on the machine hardly disturbs.
 */
function cpuRatio(results: PhaseResult[], writers: number, batch: number): number | null {
  const append = cpuPerEvent(find(results, 'append', writers, batch));
  const baseline = cpuPerEvent(find(results, 'baseline', writers, batch));
  return append === null || baseline === null ? null : baseline / append;
}

const cpuCell = (us: number | null) => (us === null ? 'n/a' : us.toFixed(0));

export function printTable(results: PhaseResult[], pgbenchTps: number | null, context: string): void {
  console.log(
    `\nAppend benchmark (${context}); per phase ${WARMUP_SECONDS} s warm-up + ${RUN_SECONDS} s measured, ` +
      `in ${SLICE_SECONDS} s slices alternating with its counterpart`,
  );
  const header = [
    'workload'.padEnd(18),
    'writers',
    'ev/tx',
    '    tx/s',
    'events/s',
    'p50 ms',
    'p99 ms',
    'vs raw',
    'srv us/tx',
    'node us/tx',
    'cpu ratio',
    'slice ratios (median, min-max)',
  ];
  console.log(header.join('  '));
  for (const r of results) {
    const vsRaw = r.workload === 'append' ? ratio(results, r.writers, r.batch).toFixed(2) : '';
    const slices = sliceRatios(results, r.writers, r.batch);
    const cpu = r.workload === 'append' ? cpuRatio(results, r.writers, r.batch) : null;
    const spread =
      r.workload === 'append' ? `${slices.median.toFixed(2)}, ${slices.min.toFixed(2)}-${slices.max.toFixed(2)}` : '';
    const cells = [
      (r.workload === 'append' ? 'EventStore.append' : 'raw INSERT').padEnd(18),
      String(r.writers).padStart(7),
      String(r.batch).padStart(5),
      r.txPerS.toFixed(0).padStart(8),
      r.eventsPerS.toFixed(0).padStart(8),
      r.p50Ms.toFixed(2).padStart(6),
      r.p99Ms.toFixed(2).padStart(6),
      vsRaw.padStart(6),
      cpuCell(r.serverCpuUsPerTx).padStart(9),
      cpuCell(r.nodeCpuUsPerTx).padStart(10),
      (cpu === null ? '' : cpu.toFixed(2)).padStart(9),
      spread,
    ];
    console.log(cells.join('  '));
  }
  console.log("vs raw: events/s over the raw INSERT's; slice ratios: the same for each pair of adjacent 1 s slices");
  console.log('srv/node us/tx: CPU time of our Postgres backends / of this Node process per transaction');
  console.log(
    'cpu ratio: raw CPU per event / event-store CPU per event (the throughput ratio to expect when CPU-bound)',
  );
  if (pgbenchTps !== null)
    console.log(`pgbench reference, same one-row INSERT, 16 clients: ${pgbenchTps.toFixed(0)} tx/s`);
}

export function summaryJson(results: PhaseResult[], pgbenchTps: number | null, extra: Record<string, unknown>): string {
  const eventsPerS = (w: Workload, writers: number, batch: number) =>
    round(find(results, w, writers, batch).eventsPerS, 1);
  const phase = (w: Workload, writers: number, batch: number) => find(results, w, writers, batch);
  const maybe = (value: number | null, digits: number) => (value === null ? null : round(value, digits));
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
    ratio_16w_slice_median: round(sliceRatios(results, 16, 1).median, 3),
    ratio_16w_slice_min: round(sliceRatios(results, 16, 1).min, 3),
    ratio_16w_slice_max: round(sliceRatios(results, 16, 1).max, 3),
    ratio_10x_16w_slice_median: round(sliceRatios(results, 16, 10).median, 3),
    cpu_ratio_16w: maybe(cpuRatio(results, 16, 1), 3),
    cpu_ratio_10x_16w: maybe(cpuRatio(results, 16, 10), 3),
    append_server_cpu_us_per_tx_16w: maybe(phase('append', 16, 1).serverCpuUsPerTx, 1),
    append_node_cpu_us_per_tx_16w: round(phase('append', 16, 1).nodeCpuUsPerTx, 1),
    baseline_server_cpu_us_per_tx_16w: maybe(phase('baseline', 16, 1).serverCpuUsPerTx, 1),
    baseline_node_cpu_us_per_tx_16w: round(phase('baseline', 16, 1).nodeCpuUsPerTx, 1),
    append_p50_ms_16w: round(phase('append', 16, 1).p50Ms, 3),
    append_p99_ms_16w: round(phase('append', 16, 1).p99Ms, 3),
    baseline_p50_ms_16w: round(phase('baseline', 16, 1).p50Ms, 3),
    baseline_p99_ms_16w: round(phase('baseline', 16, 1).p99Ms, 3),
    append_p50_ms_10x_16w: round(phase('append', 16, 10).p50Ms, 3),
    append_p99_ms_10x_16w: round(phase('append', 16, 10).p99Ms, 3),
    pgbench_insert_tps_16c: pgbenchTps === null ? null : round(pgbenchTps, 1),
    warmup_s: WARMUP_SECONDS,
    phase_s: RUN_SECONDS,
    slice_s: SLICE_SECONDS,
    ...extra,
  });
}
