/**
 * Preloaded into the API and the worker (`node --require dist/bench/api/cpu-profile.js ...`) when
 * BENCH_API_CPU_PROF names a directory and the benchmark started it with an IPC channel: the message
 * `start-profile` starts the V8 CPU profiler, `stop-profile` stops it and writes `<BENCH_PROFILE_LABEL>-<n>.cpuprofile`
 * there (open it in Chrome DevTools or speedscope). Profiling only the measured phases keeps start-up
 * and set-up out of the picture, which `node --cpu-prof` (whole process, written only on a clean
 * exit) cannot do. Not a signal: Nest's enableShutdownHooks() shuts the API down on SIGUSR2.
 */
import { Session } from 'node:inspector';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const directory = process.env.BENCH_API_CPU_PROF;
const label = process.env.BENCH_PROFILE_LABEL ?? 'api';

if (directory && process.send) {
  mkdirSync(directory, { recursive: true });
  const session = new Session();
  session.connect();
  session.post('Profiler.enable');
  // 200 µs instead of the default 1 ms: requests take a few milliseconds.
  session.post('Profiler.setSamplingInterval', { interval: 200 });
  let written = 0;
  process.channel?.unref(); // the channel must not keep a stopping API alive
  process.on('message', (message) => {
    if (message === 'start-profile') return void session.post('Profiler.start');
    if (message !== 'stop-profile') return;
    session.post('Profiler.stop', (error, result) => {
      if (error) return void process.stderr.write(`cpu profile failed: ${error.message}\n`);
      const file = path.join(directory, `${label}-${++written}.cpuprofile`);
      // Written under a temporary name, so the benchmark never reads half a file.
      writeFileSync(`${file}.tmp`, JSON.stringify(result.profile));
      renameSync(`${file}.tmp`, file);
    });
  });
}
