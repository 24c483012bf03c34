/**
 * Optional CPU profiles of the API, one per measured phase (BENCH_API_CPU_PROF=<dir>): the
 * profiler preload writes `api-<n>.cpuprofile`, which is renamed after the phase it covers.
 */
import { existsSync, renameSync } from 'node:fs';
import path from 'node:path';
import { CPU_PROFILE_DIR } from './config';
import type { Service } from './service';

let profilesTaken = 0;

export async function profiled<T>(service: Service, phase: string, work: () => Promise<T>): Promise<T> {
  if (!service.toggleApiProfiler()) return work();
  try {
    return await work();
  } finally {
    service.toggleApiProfiler();
    await collectProfile(phase);
  }
}

/** A restarted API numbers its profiles from 1 again. */
export function apiRestarted(): void {
  profilesTaken = 0;
}

async function collectProfile(phase: string): Promise<void> {
  const written = path.join(CPU_PROFILE_DIR as string, `api-${++profilesTaken}.cpuprofile`);
  const deadline = Date.now() + 15_000;
  while (!existsSync(written) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  if (!existsSync(written)) return void console.error(`[profile] ${written} was not written`);
  const target = path.join(CPU_PROFILE_DIR as string, `${phase}.cpuprofile`);
  renameSync(written, target);
  console.error(`[profile] ${target}`);
}
