/**
 * How does the API hold up over HTTP? The real service (API and worker as child processes, as
 * deployed) on a scratch database, driven from this process over loopback:
 *   (1) baseline: a trivial authenticated query (describeOrganization), 32 clients;
 *   (2) commands/s with 32 clients across 50 organizations (a mix of four structure commands);
 *   (3) in an organization of 10,000 accounts under a 5-level OU tree: listAccountsForParent
 *       (20 per page, AWS's maximum) and the graph's accounts(first: 100), paging through a parent
 *       of 2,000 accounts with 1 and 8 clients; the whole tree in one GraphQL query;
 *   (4) the same command in an organization whose stream holds 100,000 events and in a new one,
 *       after an API restart (cold state cache: snapshots must make the load cheap).
 *
 *   npm run bench:api     (DATABASE_URL / REDIS_URL pick the servers; loopback only)
 *   BENCH_API_CPU_PROF=/tmp/prof npm run bench:api     (also CPU-profiles the API per phase)
 *
 * Output: progress on stderr; a table, then one JSON line (last line of stdout).
 */
import os from 'node:os';
import type { Pool } from 'pg';
import { createPool } from '@orgs/shared/event-store';
import { organizationStreamId } from '@orgs/organizations/domain';
import { applyMigrations } from '@orgs/shared/read-models';
import { buildTree, raiseAccountQuota, seedAccounts, type BigOrganization } from './api/big-organization';
import { measureBaseline, measureCommands, prepareCommandTargets } from './api/commands-phase';
import { BIG_ACCOUNTS, BIG_MEASURED_COMMANDS, CLIENTS, ORGANIZATIONS, ROOT_ACCOUNTS, SETUP_CONCURRENCY, TOTAL_BUDGET_MS } from './api/config';
import { GraphqlClient } from './api/http-client';
import { inParallel, sequentialRuns } from './api/load';
import { measureLongVsNew, seedLongStream, tagRoot, timedTag } from './api/long-stream';
import { sampleValue, scrape, statementsOf, waitForProjection } from './api/metrics';
import { createTenantWithOrganization, type BenchOrganization } from './api/organizations';
import { apiRestarted, profiled } from './api/profiling';
import { measureLists } from './api/reads-phase';
import { printTable, summaryJson, type Results } from './api/report';
import { explainReads, pgRoundTripMs } from './api/round-trips';
import { createScratch, withClient, type Scratch } from './api/scratch';
import { killAllChildren, Service } from './api/service';
import { measureTree } from './api/tree-query';

const log = (message: string) => console.error(message);

interface Fixture {
  service: Service;
  client: GraphqlClient;
  pool: Pool;
  scratch: Scratch;
  organizations: BenchOrganization[];
  long: BenchOrganization;
  fresh: BenchOrganization;
  big: BenchOrganization;
}

async function setUp(scratch: Scratch): Promise<Fixture> {
  log(`[setup] database ${scratch.databaseName}: migrations, then API and worker`);
  await applyMigrations(scratch.databaseUrl);
  const service = await Service.start(scratch);
  const client = new GraphqlClient(service.apiPort, CLIENTS * 2);
  const labels = [...Array.from({ length: ORGANIZATIONS }, (_, i) => `org-${i}`), 'long-stream', 'new', 'big'];
  log(`[setup] ${labels.length} tenants, each with an organization, through the API`);
  const all = await inParallel(labels, SETUP_CONCURRENCY, (label) => createTenantWithOrganization(client, service.operatorToken, label));
  const [long, fresh, big] = all.slice(ORGANIZATIONS);
  return { service, client, pool: createPool(scratch.databaseUrl, { max: 4 }), scratch, organizations: all.slice(0, ORGANIZATIONS), long, fresh, big };
}

async function commandPhases(f: Fixture) {
  const targets = await prepareCommandTargets(f.client, f.organizations);
  log(`[baseline] describeOrganization, ${CLIENTS} clients`);
  const baseline = await profiled(f.service, 'baseline', () => measureBaseline(f.client, f.organizations));
  log(`[commands] ${CLIENTS} clients across ${ORGANIZATIONS} organizations`);
  const commands = await profiled(f.service, 'commands', () => measureCommands(f.client, targets));
  log(`        ${commands.perS.toFixed(0)} commands/s, p50 ${commands.p50Ms.toFixed(1)} ms, p99 ${commands.p99Ms.toFixed(1)} ms, ${commands.errors} errors`);
  const positions = sampleValue(await scrape(f.client), 'orgs_projection_lag_positions', 'projection="read-models"') ?? 0;
  const drainMs = await waitForProjection(f.client, 'the command phase');
  const statements = {
    tag_resource: await statementsOf(f.client, () => tagRoot(f.client, targets[0])),
    create_organizational_unit: await statementsOf(f.client, () => f.client.must(`mutation { createOrganizationalUnit(input: { parentId: "${targets[0].rootId}", name: "probe" }) { consistencyToken } }`, undefined, targets[0].apiKey)),
    describe_organization: await statementsOf(f.client, () => f.client.must('{ describeOrganization { organization { id } } }', undefined, targets[0].apiKey)),
  };
  return { baseline, commands, projectionBacklog: { positions, drainMs }, statements };
}

async function seedBigOrganization(f: Fixture): Promise<BigOrganization & { treeBuildMs: number; projectionMs: number }> {
  await raiseAccountQuota(f.pool, f.big.tenantId);
  log('[big] OU tree through the API');
  let began = performance.now();
  const organizationalUnits = await buildTree(f.client, f.big);
  const treeBuildMs = performance.now() - began;
  log(`[big] ${organizationalUnits.length} OUs in ${(treeBuildMs / 1000).toFixed(1)} s; appending ${BIG_ACCOUNTS} accounts`);
  const seedAppendMs = await seedAccounts(f.pool, f.big, organizationalUnits);
  began = performance.now();
  const projectionMs = await waitForProjection(f.client, `${BIG_ACCOUNTS} accounts`);
  log(`[big] appended in ${(seedAppendMs / 1000).toFixed(1)} s, projected in ${(projectionMs / 1000).toFixed(1)} s`);
  return { ...f.big, organizationalUnits, accounts: BIG_ACCOUNTS, seedAppendMs, treeBuildMs, projectionMs };
}

async function readPhases(f: Fixture, big: BigOrganization) {
  const expectedRoot = ROOT_ACCOUNTS + 1; // the management account sits under the root too
  const listOnce = `{ listAccountsForParent(parentId: "${big.rootId}", maxResults: 20) { accounts { id } nextToken } }`;
  const graphOnce = `{ organization { root { accounts(first: 100) { edges { node { id } } } } } }`;
  const statements: Record<string, number> = {
    list_accounts_for_parent: await statementsOf(f.client, () => f.client.must(listOnce, undefined, big.apiKey)),
    accounts_page_100: await statementsOf(f.client, () => f.client.must(graphOnce, undefined, big.apiKey)),
  };
  log('[lists] listAccountsForParent and accounts(first: 100), 1 and 8 clients');
  const lists = await profiled(f.service, 'lists', () => measureLists(f.client, big, expectedRoot));
  log('[tree] the whole tree in one query');
  const expected = { organizationalUnits: big.organizationalUnits.length, accounts: BIG_ACCOUNTS + 1 };
  const tree = await profiled(f.service, 'tree', () => measureTree(f.client, big, false, expected));
  const treeWithTags = await measureTree(f.client, big, true, expected);
  statements.tree_query = await statementsOf(f.client, () => f.client.must(tree.query, undefined, big.apiKey));
  const explained = await explainReads(f.scratch.databaseUrl, big, ROOT_ACCOUNTS + 1);
  return { lists, tree, treeWithTags, statements, explained };
}

/** The first command replays the 10,000 appended accounts into the cached state; later ones pay for the big state's snapshots. */
async function bigCommands(f: Fixture, big: BigOrganization) {
  log('[big] tagResource in the 10,000-account organization');
  const firstCommandMs = await timedTag(f.client, big);
  const commands = await sequentialRuns(BIG_MEASURED_COMMANDS, () => tagRoot(f.client, big));
  return { firstCommandMs, commands };
}

async function snapshotVersion(pool: Pool, organization: BenchOrganization): Promise<number | null> {
  const { rows } = await pool.query('SELECT version FROM snapshots WHERE tenant_id = $1 AND stream_id = $2', [
    organization.tenantId,
    organizationStreamId(organization.organizationId),
  ]);
  return rows[0]?.version ?? null;
}

/** The worker is stopped first: projecting 100,000 events would compete for the CPU with what is measured. */
async function longStreamPhase(f: Fixture) {
  await f.service.stopWorker();
  log('[long] appending 100,000 events to one organization (worker stopped)');
  const seedMs = await seedLongStream(f.pool, f.long);
  // The API still holds the short state: this command fails its expected version, then reads and replays the 100,000 events.
  const catchUpMs = await timedTag(f.client, f.long);
  await new Promise((resolve) => setTimeout(resolve, 2_000)); // the snapshot is saved in the background
  const version = await snapshotVersion(f.pool, f.long);
  log(`[long] appended in ${(seedMs / 1000).toFixed(1)} s; catch-up command ${catchUpMs.toFixed(0)} ms; snapshot at version ${version}; restarting the API`);
  await f.service.stopApi();
  apiRestarted();
  const restartMs = await f.service.startApi();
  const firstLongMs = await timedTag(f.client, f.long);
  const firstFreshMs = await timedTag(f.client, f.fresh);
  const run = await profiled(f.service, 'long-stream', () => measureLongVsNew(f.client, f.long, f.fresh));
  return { seedMs, catchUpMs, snapshotVersion: version, restartMs, firstLongMs, firstFreshMs, run };
}

async function runBenchmark(scratch: Scratch): Promise<Results> {
  const f = await setUp(scratch);
  try {
    const commandFigures = await commandPhases(f);
    const big = await seedBigOrganization(f);
    const reads = await readPhases(f, big);
    const bigFigures = await bigCommands(f, big);
    const long = await longStreamPhase(f);
    return {
      baseline: commandFigures.baseline,
      commands: commandFigures.commands,
      projectionBacklog: commandFigures.projectionBacklog,
      big: { organizationalUnits: big.organizationalUnits.length, accounts: big.accounts, treeBuildMs: big.treeBuildMs, seedAppendMs: big.seedAppendMs, projectionMs: big.projectionMs, ...bigFigures },
      lists: reads.lists,
      tree: reads.tree,
      treeWithTags: reads.treeWithTags,
      statements: { ...commandFigures.statements, ...reads.statements },
      roundTripMs: await pgRoundTripMs(scratch.databaseUrl),
      explained: reads.explained,
      long,
    };
  } finally {
    f.client.close();
    await f.pool.end();
    await f.service.stop();
  }
}

/** A hung phase must not outlive the budget, nor leave the service, the database or Redis keys behind. */
function guard(scratch: Scratch): void {
  const abort = (why: string, code: number) => {
    console.error(why);
    killAllChildren();
    void scratch.drop().finally(() => process.exit(code));
  };
  setTimeout(() => abort(`API benchmark exceeded ${TOTAL_BUDGET_MS} ms, aborting`, 2), TOTAL_BUDGET_MS).unref();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => abort(`${signal}: stopping`, 130));
}

async function serverVersion(url: string): Promise<string> {
  return withClient(url, async (c) => (await c.query(`SELECT current_setting('server_version') AS v`)).rows[0].v);
}

async function main(): Promise<void> {
  const startedAt = performance.now();
  const scratch = await createScratch();
  guard(scratch);
  let results: Results;
  let postgres: string;
  try {
    results = await runBenchmark(scratch);
    postgres = await serverVersion(scratch.databaseUrl);
  } finally {
    killAllChildren();
    await scratch.drop();
  }
  printTable(results, `PostgreSQL ${postgres}, Node ${process.version}, ${os.cpus().length} CPUs, API + worker + load generator + PostgreSQL on one machine`);
  // Last line of stdout: nothing may be printed after it.
  console.log(
    summaryJson(results, {
      total_s: Number(((performance.now() - startedAt) / 1000).toFixed(1)),
      postgres_version: postgres,
      node_version: process.version,
      cpus: os.cpus().length,
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
