/**
 * CPU time of the Postgres backends serving one database, read from /proc (the server runs on
 * this machine, as the benchmark requires): CPU per record is far less sensitive than records per
 * second to what else the shared machine runs.
 */
import { readFileSync } from 'node:fs';
import type { Pool } from 'pg';

/** User and system time of one process, in milliseconds (0 once it is gone). */
export function processCpuMs(pid: number): number {
  try {
    // Fields after the command name: state is the first, utime the 12th, stime the 13th (clock ticks).
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return 0;
  }
}

/** Per backend of the database, its CPU so far. */
export async function backendsCpu(pool: Pool, database: string): Promise<Map<number, number>> {
  const { rows } = await pool.query(`SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, [database]);
  return new Map(rows.map((r) => [r.pid as number, processCpuMs(r.pid as number)]));
}

/** CPU the database's backends used between two readings (backends that came and went in between are missed). */
export function cpuBetween(before: Map<number, number>, after: Map<number, number>): number {
  let total = 0;
  for (const [pid, ms] of after) total += ms - (before.get(pid) ?? 0);
  return total;
}
