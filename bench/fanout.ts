/**
 * How long does trusted access take to reach every account of a big organization? The real service
 * (API and worker as child processes) on a scratch database: an organization of 10,000 member
 * accounts (appended into the log as the accounts capability records them, then projected), one
 * service enabled through the API, and the time until the progress query says every account has
 * its service-linked role; then the same for disabling. Baseline in the same run: the propagation
 * with one role per command and event (what a per-account fan-out costs), on 1,000 accounts.
 *
 *   npm run bench:fanout     (DATABASE_URL / REDIS_URL pick the servers; loopback only)
 *
 * Output: progress on stderr; a table, then one JSON line (last line of stdout).
 */
import os from 'node:os';
import { Queue } from 'bullmq';
import type { Pool } from 'pg';
import { createPool, EventStore, SnapshotStore } from '@orgs/shared/event-store';
import { replay } from '@orgs/shared/kernel';
import { organizationDecider, organizationStreamId, type OrganizationEvent } from '@orgs/organizations/domain';
import { applyMigrations } from '@orgs/shared/read-models';
import { SERVICE_LINKED_ROLES } from '@orgs/organizations/jobs';
import { appendMemberAccounts } from '@orgs/organizations/testing';
import { raiseAccountQuota } from './api/big-organization';
import { GraphqlClient } from './api/http-client';
import { createTenantWithOrganization, type BenchOrganization } from './api/organizations';
import { REDIS_URL } from './api/config';
import { createScratch, type Scratch } from './api/scratch';
import { killAllChildren, Service } from './api/service';
import { ACCOUNTS, BASELINE_ACCOUNTS, BASELINE_CHUNK_SIZE, BASELINE_SERVICE, CHUNK_SIZE, MEASURED_SERVICE, SEED_ACCOUNTS_PER_APPEND, TARGET_S, TOTAL_BUDGET_MS } from './fanout/config';
import { propagate, type PropagationRun } from './fanout/propagation';

const log = (line: string) => console.error(line);

async function seed(pool: Pool, scratch: Scratch, client: GraphqlClient, service: Service, label: string, accounts: number) {
  const organization = await createTenantWithOrganization(client, service.operatorToken, label);
  await raiseAccountQuota(pool, organization.tenantId);
  const began = performance.now();
  const target = { tenantId: organization.tenantId, organizationId: organization.organizationId, managementAccountId: organization.managementAccountId, rootId: organization.rootId };
  await appendMemberAccounts(pool, target, accounts, SEED_ACCOUNTS_PER_APPEND);
  for (;;) {
    const { rows } = await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM accounts WHERE organization_id = $1', [organization.organizationId]);
    if (rows[0].n === accounts + 1) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const seconds = (performance.now() - began) / 1000;
  const snapshotSeconds = await snapshotOf(pool, organization);
  await reactionsIdle(pool, scratch);
  return { organization, seconds, snapshotSeconds };
}

/**
 * Accounts created through commands leave a snapshot every 50 events; appended ones leave none, so
 * the first load in each process would replay them all (tens of seconds for 10,000: the accounts'
 * evolve copies the account map per event). The snapshot an organization built through the API
 * would have is written here, once, outside the measurements.
 */
async function snapshotOf(pool: Pool, organization: BenchOrganization): Promise<number> {
  const began = performance.now();
  const streamId = organizationStreamId(organization.organizationId);
  const events = await new EventStore(pool).readStream(organization.tenantId, streamId);
  const state = replay(organizationDecider, organizationDecider.initialState(), events.map((e) => ({ type: e.type, data: e.data }) as OrganizationEvent));
  const version = events[events.length - 1].streamVersion;
  await new SnapshotStore(pool).save(organization.tenantId, streamId, organizationDecider.stateVersion, { version, state });
  return (performance.now() - began) / 1000;
}

/** The reactions have dispatched the whole log and their jobs have run (the seeding's propagations find nothing to do). */
async function reactionsIdle(pool: Pool, scratch: Scratch): Promise<void> {
  const queue = new Queue(`reaction-${SERVICE_LINKED_ROLES}`, { connection: { url: REDIS_URL }, prefix: scratch.redisPrefix });
  try {
    for (;;) {
      const { rows } = await pool.query<{ behind: boolean }>(
        `SELECT (SELECT coalesce(max(position), 0) FROM events) > (SELECT last_position FROM projection_checkpoints WHERE name = 'reactions') AS behind`,
      );
      const counts = await queue.getJobCounts('active', 'waiting', 'delayed', 'prioritized');
      if (!rows[0]?.behind && Object.values(counts).every((n) => n === 0)) return;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  } finally {
    await queue.close();
  }
}

/**
 * The API's first command on the organization loads its state (from the snapshot): kept out of the
 * fan-out's figure, reported beside it. A disable of a service that is not enabled decides nothing
 * and appends nothing.
 */
async function warmUp(client: GraphqlClient, organization: BenchOrganization): Promise<number> {
  const began = performance.now();
  const reply = await client.call('mutation { disableAWSServiceAccess(input: { servicePrincipal: "fms.amazonaws.com" }) { consistencyToken } }', undefined, organization.apiKey, 300_000);
  if (reply.errors) throw new Error(`warm-up failed: ${JSON.stringify(reply.errors)}`);
  return (performance.now() - began) / 1000;
}

/** The worker takes its chunk size from the environment at each job: restarted with the one wanted. */
async function withChunkSize(service: Service, chunkSize: number): Promise<void> {
  await service.stopWorker();
  process.env.SERVICE_LINKED_ROLE_CHUNK_SIZE = String(chunkSize);
  await service.startWorker();
}

interface Results {
  seedSeconds: number;
  snapshotSeconds: number;
  coldLoadSeconds: number;
  baseline: PropagationRun;
  enable: PropagationRun;
  disable: PropagationRun;
}

async function run(scratch: Scratch): Promise<Results> {
  await applyMigrations(scratch.databaseUrl);
  process.env.SERVICE_LINKED_ROLE_CHUNK_SIZE = String(BASELINE_CHUNK_SIZE);
  const service = await Service.start(scratch);
  const client = new GraphqlClient(service.apiPort, 4);
  const pool = createPool(scratch.databaseUrl, { max: 4 });
  try {
    log(`[baseline] ${BASELINE_ACCOUNTS} member accounts; then one role per command and event`);
    const small = await seed(pool, scratch, client, service, 'baseline', BASELINE_ACCOUNTS);
    const baseline = await propagate(client, small.organization, 'enableAWSServiceAccess', BASELINE_SERVICE, BASELINE_ACCOUNTS + 1, log);
    // Restarted before the big organization is seeded: its seeding's own jobs warm the worker's state cache.
    await withChunkSize(service, CHUNK_SIZE);
    log(`[seed] ${ACCOUNTS} member accounts`);
    const big = await seed(pool, scratch, client, service, 'big', ACCOUNTS);
    // The API cached the new organization's state before the seeding: restarted, it loads the snapshot.
    await service.stopApi();
    await service.startApi();
    log(`[warm-up] the API's first command on the ${ACCOUNTS}-account organization (replays its seeded accounts)`);
    const coldLoadSeconds = await warmUp(client, big.organization);
    log(`  ${coldLoadSeconds.toFixed(2)} s`);
    log(`[fan-out] ${MEASURED_SERVICE} to ${ACCOUNTS + 1} accounts, ${CHUNK_SIZE} roles per chunk`);
    const enable = await propagate(client, big.organization, 'enableAWSServiceAccess', MEASURED_SERVICE, ACCOUNTS + 1, log);
    const disable = await propagate(client, big.organization, 'disableAWSServiceAccess', MEASURED_SERVICE, ACCOUNTS + 1, log);
    return { seedSeconds: big.seconds, snapshotSeconds: big.snapshotSeconds, coldLoadSeconds, baseline, enable, disable };
  } finally {
    client.close();
    await pool.end();
    await service.stop();
  }
}

const round = (n: number, digits = 2) => Number(n.toFixed(digits));

function report(results: Results, startedAt: number): void {
  const everyone = ACCOUNTS + 1;
  const baselineRate = (BASELINE_ACCOUNTS + 1) / results.baseline.seconds;
  const rows = [
    ['phase', 'accounts', 'roles/chunk', 'seconds', 'roles/s', 'progress samples under way'],
    ['baseline: enable', String(BASELINE_ACCOUNTS + 1), String(BASELINE_CHUNK_SIZE), results.baseline.seconds.toFixed(2), baselineRate.toFixed(0), String(results.baseline.inProgressSamples)],
    ['enable (fan-out)', String(everyone), String(CHUNK_SIZE), results.enable.seconds.toFixed(2), (everyone / results.enable.seconds).toFixed(0), String(results.enable.inProgressSamples)],
    ['disable', String(everyone), String(CHUNK_SIZE), results.disable.seconds.toFixed(2), (everyone / results.disable.seconds).toFixed(0), String(results.disable.inProgressSamples)],
  ];
  console.log(`\nService-linked role propagation (Node ${process.version}, ${os.cpus().length} CPUs, API + worker + PostgreSQL + this client on one machine; target < ${TARGET_S} s)`);
  for (const row of rows) console.log(row.map((cell, i) => (i === 0 ? cell.padEnd(18) : cell.padStart(12))).join(' '));
  console.log(
    JSON.stringify({
      fanout_10000_accounts_s: round(results.enable.seconds),
      fanout_roles_per_s: round(everyone / results.enable.seconds, 0),
      fanout_progress_samples_in_progress: results.enable.inProgressSamples,
      disable_10000_accounts_s: round(results.disable.seconds),
      baseline_one_role_per_event_roles_per_s: round(baselineRate, 0),
      baseline_one_role_per_event_10000_accounts_estimated_s: round(everyone / baselineRate, 1),
      chunk_size_roles: CHUNK_SIZE,
      seed_10000_accounts_s: round(results.seedSeconds, 1),
      seed_snapshot_replay_s: round(results.snapshotSeconds, 1),
      api_first_command_after_seed_s: round(results.coldLoadSeconds, 2),
      failed_roles: results.enable.last.failed,
      total_s: round((performance.now() - startedAt) / 1000, 1),
      node_version: process.version,
      cpus: os.cpus().length,
    }),
  );
}

async function main(): Promise<void> {
  const startedAt = performance.now();
  const scratch = await createScratch();
  const abort = (why: string, code: number) => {
    console.error(why);
    killAllChildren();
    void scratch.drop().finally(() => process.exit(code));
  };
  setTimeout(() => abort(`fan-out benchmark exceeded ${TOTAL_BUDGET_MS} ms, aborting`, 2), TOTAL_BUDGET_MS).unref();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => abort(`${signal}: stopping`, 130));
  let results: Results;
  try {
    results = await run(scratch);
  } finally {
    killAllChildren();
    await scratch.drop();
  }
  report(results, startedAt);
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
