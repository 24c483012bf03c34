/**
 * Optional CPU profiles of the API and the worker, one per measured phase (BENCH_API_CPU_PROF=<dir>):
 * the profiler preload writes `<api|worker>-<n>.cpuprofile`, renamed here after the phase it covers.
 */
import { existsSync, renameSync } from 'node:fs';
import path from 'node:path';
import { CPU_PROFILE_DIR } from './config';
import type { Service } from './service';

/** Profiles written so far per process label; a restarted process numbers its own from 1 again. */
const profilesTaken = new Map<string, number>();

export async function profiled<T>(service: Service, phase: string, work: () => Promise<T>): Promise<T> {
  const labels = service.profilers('start-profile');
  if (labels.length === 0) return work();
  try {
    return await work();
  } finally {
    service.profilers('stop-profile');
    for (const label of labels) await collectProfile(label, phase);
  }
}

export function processRestarted(label: string): void {
  profilesTaken.delete(label);
}

async function collectProfile(label: string, phase: string): Promise<void> {
  const n = (profilesTaken.get(label) ?? 0) + 1;
  profilesTaken.set(label, n);
  const written = path.join(CPU_PROFILE_DIR as string, `${label}-${n}.cpuprofile`);
  const deadline = Date.now() + 15_000;
  while (!existsSync(written) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  if (!existsSync(written)) return void console.error(`[profile] ${written} was not written`);
  const target = path.join(CPU_PROFILE_DIR as string, `${label}-${phase}.cpuprofile`);
  renameSync(written, target);
  console.error(`[profile] ${target}`);
}
