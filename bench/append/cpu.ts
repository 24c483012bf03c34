/**
 * CPU time spent per transaction, by our Postgres backends and by this Node process. At 16 writers
 * the 2 cores are the bottleneck, so CPU per transaction is what decides throughput, and unlike
 * transactions per second it hardly moves when other work on the machine takes cores away.
 */
import { readFileSync } from 'node:fs';
import type { Pool } from 'pg';

/** /proc/<pid>/stat counts in USER_HZ, which is 100 on Linux whatever the kernel's tick rate. */
const MICROS_PER_TICK = 10_000;

/** The backend process of every connection of the pool, which this opens all at once (call while idle). */
export async function backendPids(pool: Pool, size: number): Promise<number[]> {
  const clients = await Promise.all(Array.from({ length: size }, () => pool.connect()));
  try {
    return await Promise.all(clients.map(async (c) => (await c.query('SELECT pg_backend_pid() AS pid')).rows[0].pid));
  } finally {
    for (const client of clients) client.release();
  }
}

/** utime + stime of these processes in µs, or null when /proc cannot show them (not Linux, other host). */
export function processCpuMicros(pids: number[]): number | null {
  try {
    let ticks = 0;
    for (const pid of pids) {
      // The command name may contain spaces; the fields after it are fixed: utime is the 12th, stime the 13th.
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    }
    return ticks * MICROS_PER_TICK;
  } catch {
    return null;
  }
}

export function nodeCpuMicros(): number {
  const { user, system } = process.cpuUsage();
  return user + system;
}
