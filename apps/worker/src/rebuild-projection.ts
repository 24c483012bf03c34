/**
 * `npm run projections:rebuild -- NAME`: builds projection NAME again from the whole log into new
 * tables while the old ones keep serving (and the worker keeps them following the log), then swaps
 * them in atomically. A progress bar with events/s and ETA on stderr; one JSON line on stdout.
 */
import { loadConfig } from '@orgs/shared/runtime';
import { rebuildProjection, type RebuildProgress } from '@orgs/shared/projector';
import { EVENT_SCHEMAS, projections } from './worker';

function progressBar({ applied, total, eventsPerSecond, etaSeconds }: RebuildProgress): string {
  const share = total > 0 ? Math.min(1, applied / total) : 1;
  const filled = Math.round(share * 30);
  const eta = etaSeconds === null ? '?' : `${Math.ceil(etaSeconds)} s`;
  return `[${'#'.repeat(filled)}${'.'.repeat(30 - filled)}] ${(share * 100).toFixed(0).padStart(3)}%  ${applied.toLocaleString('en')} / ${total.toLocaleString('en')} events  ${Math.round(eventsPerSecond).toLocaleString('en')} events/s  ETA ${eta}`;
}

async function main(): Promise<void> {
  const name = process.argv[2];
  const projection = projections.find((p) => p.name === name);
  if (!projection) {
    console.error(`Usage: npm run projections:rebuild -- NAME, NAME one of: ${projections.map((p) => p.name).join(', ')}`);
    process.exit(2);
  }
  const interactive = process.stderr.isTTY;
  let lastLine = 0;
  const outcome = await rebuildProjection({
    databaseUrl: loadConfig().databaseUrl,
    projection,
    schemas: EVENT_SCHEMAS,
    onProgress: (progress) => {
      // A terminal gets one line redrawn; a log gets a line a second.
      if (interactive) return void process.stderr.write(`\r${progressBar(progress)}`);
      if (Date.now() - lastLine < 1_000) return;
      lastLine = Date.now();
      process.stderr.write(`${progressBar(progress)}\n`);
    },
  });
  if (interactive) process.stderr.write('\n');
  console.error(`${name}: ${outcome.events} events in ${outcome.seconds.toFixed(1)} s, swapped in ${outcome.swapMs.toFixed(0)} ms`);
  console.log(
    JSON.stringify({
      projection: name,
      events: outcome.events,
      rebuild_s: Number(outcome.seconds.toFixed(2)),
      rebuild_events_per_s: Math.round(outcome.eventsPerSecond),
      swap_ms: Math.round(outcome.swapMs),
    }),
  );
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
