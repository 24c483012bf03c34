/**
 * `npm run bench:aws-api`: bench:api's command mix through the AWS SDK v3 (SigV4, AWS JSON 1.1)
 * with 32 concurrent clients across 50 organizations, beside the same mix over GraphQL measured
 * in the same run against the same service (first GraphQL, then the SDK, then GraphQL again;
 * the GraphQL figure is the mean of its two runs, so neither edge gains from running later).
 *
 * Each run is metered: the CPU the API, the worker, PostgreSQL and this load generator spent per
 * command sent (warm-up included, the projection of the run's events too), since on a shared
 * 2-core machine that, not the wall clock, decides what the edges can do.
 *
 *   BENCH_API_CPU_PROF=/tmp/prof npm run bench:aws-api   (CPU profiles of the API, the worker and this
 *                                                        load generator per run; figures then not comparable)
 *
 * Output: progress on stderr, a CPU table on stdout, then one JSON line (last line of stdout).
 */
import os from 'node:os';
import { measureCommands, prepareCommandTargets } from './api/commands-phase';
import { CLIENTS, ORGANIZATIONS } from './api/config';
import { costJson, printCosts } from './api/cost-report';
import { log, sent, setUp, tearDown, type Fixture } from './api/fixture';
import type { LoadRun } from './api/load';
import { waitForProjection } from './api/metrics';
import { createScratch } from './api/scratch';
import { killAllChildren } from './api/service';
import { withLoadgenProfile } from './aws-api/loadgen-profile';
import { measureSdkCommands, prepareWireTargets } from './aws-api/sdk-commands';

const describe = (label: string, run: LoadRun) =>
  log(`        ${label}: ${run.perS.toFixed(0)} commands/s, p50 ${run.p50Ms.toFixed(1)} ms, p99 ${run.p99Ms.toFixed(1)} ms, ${run.errors} errors ${JSON.stringify(run.errorCodes)}`);

/** A measured run, its projection included: the worker's share of a command comes after it answers. */
async function metered(f: Fixture, phase: string, run: () => Promise<LoadRun>): Promise<LoadRun> {
  return f.phases.run(
    phase,
    async () => {
      const result = await withLoadgenProfile(phase, run);
      await waitForProjection(f.client, `the ${phase} run`);
      return result;
    },
    sent,
  );
}

/** CPU ms per command of the whole machine's share (API + worker + PostgreSQL + load generator), per edge. */
function cpuPerCommand(f: Fixture): Record<string, number> {
  const total = (phase: string) => {
    const cost = f.phases.costs.find((c) => c.phase === phase);
    if (!cost) return Number.NaN;
    const { apiMs, workerMs, postgresMs, benchMs } = cost.cpu;
    return (apiMs + workerMs + postgresMs + benchMs) / cost.requests;
  };
  const graphql = (total('graphql-1') + total('graphql-2')) / 2;
  const aws = total('aws-api');
  // costJson leaves the load generator out (bench:api's is always the same lean client); here it differs.
  const loadgen = Object.fromEntries(f.phases.costs.map((c) => [`cpu_ms_per_request_${c.phase.replace(/-/g, '_')}_loadgen`, Number((c.cpu.benchMs / c.requests).toFixed(3))]));
  return {
    ...loadgen,
    cpu_ms_per_command_aws_api_total: Number(aws.toFixed(3)),
    cpu_ms_per_command_graphql_total: Number(graphql.toFixed(3)),
  };
}

async function main(): Promise<void> {
  const scratch = await createScratch();
  try {
    const f = await setUp(scratch);
    try {
      const targets = await prepareCommandTargets(f.client, f.organizations);
      const wireTargets = await prepareWireTargets(f.client, f.service.apiUrl, targets);
      await waitForProjection(f.client, 'the set-up');
      log(`[graphql] ${CLIENTS} clients across ${ORGANIZATIONS} organizations`);
      const graphqlFirst = await metered(f, 'graphql-1', () => measureCommands(f.client, targets));
      describe('GraphQL', graphqlFirst);
      log(`[aws-api] the same mix through @aws-sdk/client-organizations, ${CLIENTS} clients`);
      const wire = await metered(f, 'aws-api', () => measureSdkCommands(wireTargets));
      describe('AWS API', wire);
      log('[graphql] again');
      const graphqlSecond = await metered(f, 'graphql-2', () => measureCommands(f.client, targets, 'again-'));
      describe('GraphQL', graphqlSecond);
      printCosts(f.phases.costs);
      const graphqlPerS = (graphqlFirst.perS + graphqlSecond.perS) / 2;
      for (const target of wireTargets) target.sdk.destroy();
      console.log(
        JSON.stringify({
          aws_api_commands_per_s: Number(wire.perS.toFixed(1)),
          graphql_commands_per_s: Number(graphqlPerS.toFixed(1)),
          aws_api_vs_graphql_ratio: Number((wire.perS / graphqlPerS).toFixed(3)),
          aws_api_command_p50_ms: Number(wire.p50Ms.toFixed(2)),
          aws_api_command_p99_ms: Number(wire.p99Ms.toFixed(2)),
          graphql_command_p50_ms: Number(((graphqlFirst.p50Ms + graphqlSecond.p50Ms) / 2).toFixed(2)),
          graphql_command_p99_ms: Number(((graphqlFirst.p99Ms + graphqlSecond.p99Ms) / 2).toFixed(2)),
          graphql_runs_commands_per_s: [Number(graphqlFirst.perS.toFixed(1)), Number(graphqlSecond.perS.toFixed(1))],
          aws_api_errors: wire.errors,
          graphql_errors: graphqlFirst.errors + graphqlSecond.errors,
          clients: CLIENTS,
          organizations: ORGANIZATIONS,
          ...costJson(f.phases.costs),
          ...cpuPerCommand(f),
          load_average_at_end: Number(os.loadavg()[0].toFixed(2)),
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
