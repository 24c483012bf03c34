/**
 * The command phase of `npm run bench:api` alone (start-up, 53 tenants, baseline, commands: about a
 * minute), for iterating on the cost of a command. The full benchmark remains the figure of record.
 *
 *   npm run bench:api:commands       (BENCH_API_CPU_PROF=<dir> also profiles the API and worker)
 *
 * Output: the CPU cost table on stderr, then one JSON line (last line of stdout).
 */
import { costJson, printCosts } from './api/cost-report';
import { setUp, tearDown } from './api/fixture';
import { commandPhases } from './api/phases';
import { createScratch } from './api/scratch';
import { killAllChildren } from './api/service';

async function main(): Promise<void> {
  const scratch = await createScratch();
  try {
    const f = await setUp(scratch);
    try {
      const figures = await commandPhases(f);
      printCosts(f.phases.costs);
      console.log(
        JSON.stringify({
          commands_per_s: Number(figures.commands.perS.toFixed(1)),
          command_p50_ms: Number(figures.commands.p50Ms.toFixed(2)),
          command_p99_ms: Number(figures.commands.p99Ms.toFixed(2)),
          command_errors: figures.commands.errors,
          appends_per_call: Number(figures.appendsPerCall.toFixed(2)),
          baseline_queries_per_s: Number(figures.baseline.perS.toFixed(1)),
          projection_backlog_after_commands_positions: figures.projectionBacklog.positions,
          ...costJson(f.phases.costs),
        }),
      );
    } finally {
      await tearDown(f);
    }
  } finally {
    killAllChildren();
    await scratch.drop();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
