/**
 * Output: a small human-readable table, then (as the very last line) one JSON
 * object with snake_case keys that carry their unit, for scripts to parse.
 */
import { CONNECTION_COUNTS, DRIVERS, DriverId, RUN_SECONDS, WARMUP_SECONDS } from './config';
import type { LoadResult } from './load';

export type Results = Record<DriverId, LoadResult[]>;

const round = (value: number, digits: number) => Number(value.toFixed(digits));

function find(results: Results, driver: DriverId, connections: number): LoadResult {
  const run = results[driver].find((r) => r.connections === connections);
  if (!run) throw new Error(`no ${connections}-connection run for ${driver}`);
  return run;
}

export function ratio(results: Results, connections: number): number {
  return (
    find(results, 'mercurius_fastify', connections).reqPerSec / find(results, 'apollo_express', connections).reqPerSec
  );
}

/** Runs with any failed or unexpected answer: their figures are not trustworthy. */
export function faultyRuns(results: Results): string[] {
  return DRIVERS.flatMap(({ id, label }) =>
    results[id]
      .filter((r) => r.errors + r.non2xx + r.mismatches > 0)
      .map(
        (r) =>
          `${label} @ ${r.connections} connections: ${r.errors} errors, ${r.non2xx} non-2xx, ${r.mismatches} mismatched bodies`,
      ),
  );
}

export function printTable(results: Results): void {
  const columns = [
    'driver'.padEnd(20),
    'conns',
    '    req/s',
    'p50 ms',
    'p99 ms',
    'requests',
    'errors',
    'non-2xx',
    'mismatch',
  ];
  console.log(
    `\nGraphQL driver benchmark: POST /graphql {"query":"{ ping }"}, ${WARMUP_SECONDS} s warm-up, ${RUN_SECONDS} s per run, Node ${process.version}`,
  );
  console.log(columns.join('  '));
  for (const { id, label } of DRIVERS) {
    for (const r of results[id]) {
      const cells = [
        label.padEnd(20),
        String(r.connections).padStart(5),
        r.reqPerSec.toFixed(1).padStart(9),
        r.p50Ms.toFixed(2).padStart(6),
        r.p99Ms.toFixed(2).padStart(6),
        String(r.totalRequests).padStart(8),
        String(r.errors).padStart(6),
        String(r.non2xx).padStart(7),
        String(r.mismatches).padStart(8),
      ];
      console.log(cells.join('  '));
    }
  }
  const ratios = CONNECTION_COUNTS.map((c) => `${ratio(results, c).toFixed(2)}x at ${c} connections`).join(', ');
  console.log(`Mercurius/Fastify throughput relative to Apollo/Express: ${ratios}\n`);
}

export function summaryJson(results: Results, totalSeconds: number): string {
  const summary: Record<string, number | string> = {};
  const metrics: Array<[string, (r: LoadResult) => number]> = [
    ['req_per_s', (r) => round(r.reqPerSec, 1)],
    ['p50_ms', (r) => round(r.p50Ms, 3)],
    ['p99_ms', (r) => round(r.p99Ms, 3)],
    ['requests_total', (r) => r.totalRequests],
    ['errors', (r) => r.errors],
    ['non_2xx', (r) => r.non2xx],
    ['body_mismatches', (r) => r.mismatches],
  ];
  for (const [name, value] of metrics) {
    for (const c of CONNECTION_COUNTS) {
      for (const { id } of DRIVERS) summary[`${id}_${name}_${c}c`] = value(find(results, id, c));
    }
  }
  for (const c of CONNECTION_COUNTS) summary[`ratio_mercurius_over_apollo_${c}c`] = round(ratio(results, c), 3);
  summary.run_duration_s = RUN_SECONDS;
  summary.warmup_duration_s = WARMUP_SECONDS;
  summary.total_runtime_s = round(totalSeconds, 1);
  summary.node_version = process.version;
  return JSON.stringify(summary);
}
