/**
 * With BENCH_API_CPU_PROF=<dir>, the load generator (this process: the SDK or the GraphQL client)
 * is CPU-profiled during each measured run too, beside the API and the worker, and written as
 * `loadgen-<phase>.cpuprofile`: on a 2-core machine its CPU per command counts as much as theirs.
 */
import { writeFileSync } from 'node:fs';
import { Session, type Profiler } from 'node:inspector';
import path from 'node:path';
import { CPU_PROFILE_DIR } from '../api/config';

const post = <T>(session: Session, method: string, params?: object) =>
  new Promise<T>((resolve, reject) => session.post(method, params ?? {}, (error, result) => (error ? reject(error) : resolve(result as T))));

export async function withLoadgenProfile<T>(phase: string, work: () => Promise<T>): Promise<T> {
  if (!CPU_PROFILE_DIR) return work();
  const session = new Session();
  session.connect();
  await post(session, 'Profiler.enable');
  await post(session, 'Profiler.setSamplingInterval', { interval: 200 });
  await post(session, 'Profiler.start');
  try {
    return await work();
  } finally {
    const { profile } = await post<{ profile: Profiler.Profile }>(session, 'Profiler.stop');
    const file = path.join(CPU_PROFILE_DIR, `loadgen-${phase}.cpuprofile`);
    writeFileSync(file, JSON.stringify(profile));
    session.disconnect();
    console.error(`[profile] ${file}`);
  }
}
