/**
 * The CPU side of the report: per phase, what each party spent per request, and how busy the API's
 * single event loop was.
 */
import { perRequest } from './cpu';
import type { PhaseCost } from './phase-runner';

export const fixed = (value: number, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : '-');
export const round = (value: number, digits = 2) => (Number.isFinite(value) ? Number(value.toFixed(digits)) : null);

/**
 * CPU per request by party. "API busy" is the API's CPU time over the phase's wall time: near 1.0
 * its single event loop is saturated, and 1000 / (API ms per request) is its ceiling in requests/s.
 */
export function printCosts(costs: PhaseCost[]): void {
  console.log('\nCPU ms per request (warm-up included)');
  console.log(
    [
      'phase'.padEnd(26),
      'load1',
      'requests',
      '   API',
      'worker',
      'postgres',
      '(for API)',
      'loadgen',
      'API busy',
      'API ceiling req/s',
    ].join(' '),
  );
  for (const c of costs) {
    const per = perRequest(c.cpu, c.requests);
    const cells = [
      c.phase.padEnd(26),
      fixed(c.load1, 1).padStart(5),
      String(c.requests).padStart(8),
      fixed(per.api, 2).padStart(6),
      fixed(per.worker, 2).padStart(6),
      fixed(per.postgres, 2).padStart(8),
      fixed(per.postgresForApi, 2).padStart(9),
      fixed(per.bench, 2).padStart(7),
      fixed(c.cpu.apiMs / c.cpu.wallMs, 2).padStart(8),
      fixed(1000 / per.api, 0).padStart(17),
    ];
    console.log(cells.join(' '));
  }
}

export function costJson(costs: PhaseCost[]): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  for (const c of costs) {
    const per = perRequest(c.cpu, c.requests);
    const key = c.phase.replace(/-/g, '_');
    out[`cpu_ms_per_request_${key}_api`] = round(per.api, 3);
    out[`cpu_ms_per_request_${key}_worker`] = round(per.worker, 3);
    out[`cpu_ms_per_request_${key}_postgres`] = round(per.postgres, 3);
    out[`cpu_ms_per_request_${key}_postgres_for_api`] = round(per.postgresForApi, 3);
    out[`api_busy_${key}`] = round(c.cpu.apiMs / c.cpu.wallMs, 2);
    out[`load_average_at_${key}`] = round(c.load1, 2);
  }
  return out;
}
