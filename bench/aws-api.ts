/**
 * `npm run bench:aws-api`: bench:api's command mix through the AWS SDK v3 (SigV4, AWS JSON 1.1)
 * with 32 concurrent clients across 50 organizations, beside the same mix over GraphQL measured
 * in the same run against the same service (first GraphQL, then the SDK, then GraphQL again;
 * the GraphQL figure is the mean of its two runs, so neither edge gains from running later).
 *
 * Output: progress on stderr, then one JSON line (last line of stdout).
 */
import { measureCommands, prepareCommandTargets } from './api/commands-phase';
import { CLIENTS, ORGANIZATIONS } from './api/config';
import { log, setUp, tearDown } from './api/fixture';
import type { LoadRun } from './api/load';
import { waitForProjection } from './api/metrics';
import { createScratch } from './api/scratch';
import { killAllChildren } from './api/service';
import { measureSdkCommands, prepareWireTargets } from './aws-api/sdk-commands';

const describe = (label: string, run: LoadRun) =>
  log(`        ${label}: ${run.perS.toFixed(0)} commands/s, p50 ${run.p50Ms.toFixed(1)} ms, p99 ${run.p99Ms.toFixed(1)} ms, ${run.errors} errors ${JSON.stringify(run.errorCodes)}`);

async function main(): Promise<void> {
  const scratch = await createScratch();
  try {
    const f = await setUp(scratch);
    try {
      const targets = await prepareCommandTargets(f.client, f.organizations);
      const wireTargets = await prepareWireTargets(f.client, f.service.apiUrl, targets);
      await waitForProjection(f.client, 'the set-up');
      log(`[graphql] ${CLIENTS} clients across ${ORGANIZATIONS} organizations`);
      const graphqlFirst = await measureCommands(f.client, targets);
      describe('GraphQL', graphqlFirst);
      await waitForProjection(f.client, 'the GraphQL run');
      log(`[aws-api] the same mix through @aws-sdk/client-organizations, ${CLIENTS} clients`);
      const wire = await measureSdkCommands(wireTargets);
      describe('AWS API', wire);
      await waitForProjection(f.client, 'the AWS API run');
      log('[graphql] again');
      const graphqlSecond = await measureCommands(f.client, targets, 'again-');
      describe('GraphQL', graphqlSecond);
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
