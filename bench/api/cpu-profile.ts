/**
 * Preloaded into the API (`node --require dist/bench/api/cpu-profile.js ...`) when
 * BENCH_API_CPU_PROF names a directory: SIGUSR2 starts the V8 CPU profiler, the next SIGUSR2 stops
 * it and writes `api-<n>.cpuprofile` there (open it in Chrome DevTools or speedscope). Profiling
 * only the measured phases keeps start-up and set-up out of the picture, which `node --cpu-prof`
 * (whole process, written only on a clean exit) cannot do.
 */
import { Session } from 'node:inspector';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const directory = process.env.BENCH_API_CPU_PROF;

if (directory) {
  mkdirSync(directory, { recursive: true });
  const session = new Session();
  session.connect();
  session.post('Profiler.enable');
  // 200 µs instead of the default 1 ms: requests take a few milliseconds.
  session.post('Profiler.setSamplingInterval', { interval: 200 });
  let running = false;
  let written = 0;
  process.on('SIGUSR2', () => {
    if (!running) {
      running = true;
      session.post('Profiler.start');
      return;
    }
    running = false;
    session.post('Profiler.stop', (error, result) => {
      if (error) return void process.stderr.write(`cpu profile failed: ${error.message}\n`);
      const file = path.join(directory, `api-${++written}.cpuprofile`);
      // Written under a temporary name, so the benchmark never reads half a file.
      writeFileSync(`${file}.tmp`, JSON.stringify(result.profile));
      renameSync(`${file}.tmp`, file);
    });
  });
}
