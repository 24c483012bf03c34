/**
 * The measured phases, in the order they run: baseline and commands over the 50 organizations,
 * then the 10,000-account organization (seeding, reads, commands), then the long stream.
 */
import type { Pool } from 'pg';
import { organizationStreamId } from '@orgs/organizations/domain';
import { buildTree, raiseAccountQuota, seedAccounts, type BigOrganization } from './big-organization';
import { measureBaseline, measureCommands, prepareCommandTargets } from './commands-phase';
import {
  BIG_ACCOUNTS,
  BIG_MEASURED_COMMANDS,
  CATCH_UP_TIMEOUT_MS,
  CLIENTS,
  LIST_CONCURRENT_CLIENTS,
  LONG_STREAM_EVENTS,
  LONG_WARMUP_COMMANDS,
  ORGANIZATIONS,
  ROOT_ACCOUNTS,
  TREE_WARMUP_RUNS,
} from './config';
import { log, sent, type Fixture } from './fixture';
import { sequentialRuns, summarize } from './load';
import { measureLongVsNew, seedLongStream, tagRoot, timedTag } from './long-stream';
import { apiAppends, sampleValue, scrape, statementsOf, waitForProjection } from './metrics';
import type { BenchOrganization } from './organizations';
import { processRestarted } from './profiling';
import { measureList, type ListKind } from './reads-phase';
import { explainReads } from './round-trips';
import { measureTree, type TreeFigures } from './tree-query';

export async function commandPhases(f: Fixture) {
  const targets = await prepareCommandTargets(f.client, f.organizations);
  await waitForProjection(f.client, 'the set-up');
  log(`[baseline] describeOrganization, ${CLIENTS} clients`);
  const baseline = await f.phases.run('baseline', () => measureBaseline(f.client, f.organizations), sent);
  log(`[commands] ${CLIENTS} clients across ${ORGANIZATIONS} organizations`);
  const appendsBefore = await apiAppends(f.client);
  const commands = await f.phases.run('commands', () => measureCommands(f.client, targets), sent);
  const appendsAfter = await apiAppends(f.client);
  const appendsPerCall = (appendsAfter.appends - appendsBefore.appends) / Math.max(1, appendsAfter.calls - appendsBefore.calls);
  log(
    `        ${commands.perS.toFixed(0)} commands/s, p50 ${commands.p50Ms.toFixed(1)} ms, p99 ${commands.p99Ms.toFixed(1)} ms, ${commands.errors} errors, ${appendsPerCall.toFixed(2)} appends per call`,
  );
  const positions =
    sampleValue(await scrape(f.client), 'orgs_projection_lag_positions', 'projection="read-models"') ?? 0;
  const drainMs = await waitForProjection(f.client, 'the command phase');
  const statements = {
    tag_resource: await statementsOf(f.client, () => tagRoot(f.client, targets[0])),
    create_organizational_unit: await statementsOf(f.client, () =>
      f.client.must(
        `mutation { createOrganizationalUnit(input: { parentId: "${targets[0].rootId}", name: "probe" }) { consistencyToken } }`,
        undefined,
        targets[0].apiKey,
      ),
    ),
    describe_organization: await statementsOf(f.client, () =>
      f.client.must('{ describeOrganization { organization { id } } }', undefined, targets[0].apiKey),
    ),
  };
  return { baseline, commands, appendsPerCall, projectionBacklog: { positions, drainMs }, statements };
}

export async function seedBigOrganization(
  f: Fixture,
): Promise<BigOrganization & { treeBuildMs: number; projectionMs: number }> {
  await raiseAccountQuota(f.pool, f.big.tenantId);
  log('[big] OU tree through the API');
  const began = performance.now();
  const organizationalUnits = await buildTree(f.client, f.big);
  const treeBuildMs = performance.now() - began;
  log(
    `[big] ${organizationalUnits.length} OUs in ${(treeBuildMs / 1000).toFixed(1)} s; appending ${BIG_ACCOUNTS} accounts`,
  );
  const seedAppendMs = await seedAccounts(f.pool, f.big, organizationalUnits);
  const projectionMs = await waitForProjection(f.client, `${BIG_ACCOUNTS} accounts`);
  log(`[big] appended in ${(seedAppendMs / 1000).toFixed(1)} s, projected in ${(projectionMs / 1000).toFixed(1)} s`);
  return { ...f.big, organizationalUnits, accounts: BIG_ACCOUNTS, seedAppendMs, treeBuildMs, projectionMs };
}

export async function readPhases(f: Fixture, big: BigOrganization) {
  const expectedRoot = ROOT_ACCOUNTS + 1; // the management account sits under the root too
  const listOnce = `{ listAccountsForParent(parentId: "${big.rootId}", maxResults: 20) { accounts { id } nextToken } }`;
  const graphOnce = `{ organization { root { accounts(first: 100) { edges { node { id } } } } } }`;
  const statements: Record<string, number> = {
    list_accounts_for_parent: await statementsOf(f.client, () => f.client.must(listOnce, undefined, big.apiKey)),
    accounts_page_100: await statementsOf(f.client, () => f.client.must(graphOnce, undefined, big.apiKey)),
  };
  log('[lists] listAccountsForParent (20/page) and accounts(first: 100), 1 and 8 clients');
  const list = (kind: ListKind, concurrent: boolean) =>
    f.phases.run(
      `${kind === 'aws' ? 'list-20' : 'graph-100'}-${concurrent ? LIST_CONCURRENT_CLIENTS : 1}`,
      () => measureList(f.client, big, kind, concurrent, expectedRoot),
      sent,
    );
  const lists = {
    awsSequential: await list('aws', false),
    awsConcurrent: await list('aws', true),
    graphSequential: await list('graph', false),
    graphConcurrent: await list('graph', true),
  };
  log('[tree] the whole tree');
  const expected = { organizationalUnits: big.organizationalUnits.length, accounts: BIG_ACCOUNTS + 1 };
  const readings = (t: TreeFigures) => (t.run.sent + TREE_WARMUP_RUNS) * t.requests;
  const tree = await f.phases.run('tree', () => measureTree(f.client, big, false, expected), readings);
  const treeWithTags = await f.phases.run('tree-with-tags', () => measureTree(f.client, big, true, expected), readings);
  statements.tree_query = await statementsOf(f.client, () => f.client.must(tree.query, undefined, big.apiKey));
  const explained = await explainReads(f.scratch.databaseUrl, big, expectedRoot);
  return { lists, tree, treeWithTags, statements, explained };
}

/**
 * The first command replays the 10,000 appended accounts into the cached state. Later ones are
 * timed alternately with the same command in one of the 50 small organizations, so that both see
 * the same machine; the big state's snapshots (every 50 events) fall into the big one's figures.
 */
export async function bigCommands(f: Fixture, big: BigOrganization) {
  log('[big] tagResource in the 10,000-account organization and in a small one, alternately');
  const firstCommandMs = await timedTag(f.client, big, CATCH_UP_TIMEOUT_MS);
  const small = f.organizations[1];
  const alternate = (i: number) =>
    tagRoot(f.client, i % 2 === 0 ? big : small).then((o) => ({ ...o, kind: i % 2 === 0 ? 'big' : 'small' }));
  const run = await f.phases.run(
    'big-organization-commands',
    () => sequentialRuns(2 * BIG_MEASURED_COMMANDS, (_, i) => alternate(i)),
    sent,
  );
  if (run.errors > 0) log(`WARNING: ${run.errors} commands failed: ${JSON.stringify(run.errorCodes)}`);
  return {
    firstCommandMs,
    commands: run.byKind.big ?? summarize([]),
    smallCommands: run.byKind.small ?? summarize([]),
  };
}

async function snapshotVersion(pool: Pool, organization: BenchOrganization): Promise<number | null> {
  const { rows } = await pool.query('SELECT version FROM snapshots WHERE tenant_id = $1 AND stream_id = $2', [
    organization.tenantId,
    organizationStreamId(organization.organizationId),
  ]);
  return rows[0]?.version ?? null;
}

/** The worker is stopped first: projecting 100,000 events would compete for the CPU with what is measured. */
export async function longStreamPhase(f: Fixture) {
  await f.service.stopWorker();
  log(`[long] appending ${LONG_STREAM_EVENTS} events to one organization (worker stopped)`);
  const seedMs = await seedLongStream(f.pool, f.long);
  // The API still holds the short state: this command fails its expected version, then reads and replays the 100,000 events.
  const catchUpMs = await timedTag(f.client, f.long, CATCH_UP_TIMEOUT_MS);
  await new Promise((resolve) => setTimeout(resolve, 2_000)); // the snapshot is saved in the background
  const version = await snapshotVersion(f.pool, f.long);
  log(
    `[long] appended in ${(seedMs / 1000).toFixed(1)} s; catch-up command ${catchUpMs.toFixed(0)} ms; snapshot at version ${version}; restarting the API`,
  );
  await f.service.stopApi();
  processRestarted('api');
  const restartMs = await f.service.startApi();
  const firstLongMs = await timedTag(f.client, f.long);
  const firstFreshMs = await timedTag(f.client, f.fresh);
  const run = await f.phases.run(
    'long-vs-new',
    () => measureLongVsNew(f.client, f.long, f.fresh),
    (r) => r.long.sent + r.fresh.sent + 2 * LONG_WARMUP_COMMANDS,
  );
  return { seedMs, catchUpMs, snapshotVersion: version, restartMs, firstLongMs, firstFreshMs, run };
}
