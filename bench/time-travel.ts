/**
 * How fast is a read as of a past point? The real service (API and worker as child processes) on a
 * scratch database: an organization of 1,000 member accounts in 10 OUs and ~10,000 events (the
 * accounts appended as the accounts capability records them, then moves decided by the command
 * handler in this process, which keeps snapshots as the API would). Then listAccountsForParent is
 * timed, one request at a time: as of distinct points in the middle of the stream (each a state
 * not in memory: nearest snapshot + replay), as of one point again and again (the LRU), and in the
 * present from the read models (the baseline).
 *
 *   npm run bench:time-travel   (DATABASE_URL / REDIS_URL pick the servers; loopback only)
 *   BENCH_TIME_TRAVEL_READS=200 reads per series
 *
 * Output: progress on stderr; a table, then one JSON line (last line of stdout).
 */
import os from 'node:os';
import type { Pool } from 'pg';
import { CommandHandler } from '@orgs/shared/command-handling';
import { createPool, EventStore, SnapshotStore } from '@orgs/shared/event-store';
import { organizationDecider, organizationStreamId, type OrganizationCommand } from '@orgs/organizations/domain';
import { applyMigrations } from '@orgs/shared/read-models';
import { appendMemberAccounts } from '@orgs/organizations/testing';
import { raiseAccountQuota } from './api/big-organization';
import { GraphqlClient } from './api/http-client';
import { percentile } from './api/load';
import { createTenantWithOrganization, type BenchOrganization } from './api/organizations';
import { createScratch, type Scratch } from './api/scratch';
import { killAllChildren, Service } from './api/service';

const ACCOUNTS = 1_000;
const OUS = 10;
const MOVES = 9_000;
const READS = Number(process.env.BENCH_TIME_TRAVEL_READS ?? 200);
const TOTAL_BUDGET_MS = 10 * 60_000;
const LIST = 'query($p: String!, $a: AsOfInput) { listAccountsForParent(parentId: $p, maxResults: 20, asOf: $a) { accounts { id paths } nextToken } }';

const log = (line: string) => console.error(line);

interface Seeded {
  organization: BenchOrganization;
  ous: string[];
  /** The log position after each move, in stream order. */
  positions: bigint[];
  events: number;
  seedSeconds: number;
}

async function seed(pool: Pool, client: GraphqlClient, service: Service): Promise<Seeded> {
  const began = performance.now();
  const organization = await createTenantWithOrganization(client, service.operatorToken, 'time-travel');
  await raiseAccountQuota(pool, organization.tenantId);
  const ous: string[] = [];
  for (let i = 0; i < OUS; i++) {
    const data = await client.must<{ createOrganizationalUnit: { organizationalUnit: { id: string } } }>(
      'mutation($p: String!, $n: String!) { createOrganizationalUnit(input: { parentId: $p, name: $n }) { organizationalUnit { id } } }',
      { p: organization.rootId, n: `ou-${i}` },
      organization.apiKey,
    );
    ous.push(data.createOrganizationalUnit.organizationalUnit.id);
  }
  const target = { tenantId: organization.tenantId, organizationId: organization.organizationId, managementAccountId: organization.managementAccountId, rootId: organization.rootId };
  const accounts = await appendMemberAccounts(pool, target, ACCOUNTS, 500);
  log(`[seed] ${OUS} OUs, ${ACCOUNTS} accounts; now ${MOVES} moves through the command handler`);
  const events = new EventStore(pool);
  const handler = new CommandHandler(events, new SnapshotStore(pool));
  const parentOf = new Map(accounts.map((a) => [a, organization.rootId]));
  const positions: bigint[] = [];
  let lastToken = '';
  const streamId = organizationStreamId(organization.organizationId);
  for (let i = 0; i < MOVES; i++) {
    const accountId = accounts[(i * 7919) % accounts.length];
    const destinationParentId = ous[i % OUS] === parentOf.get(accountId) ? ous[(i + 1) % OUS] : ous[i % OUS];
    const command = { type: 'MoveAccount', data: { accountId, sourceParentId: parentOf.get(accountId), destinationParentId }, actingAccountId: organization.managementAccountId, at: new Date().toISOString() } as OrganizationCommand;
    const result = await handler.handle({ tenantId: organization.tenantId, streamId, decider: organizationDecider, command });
    parentOf.set(accountId, destinationParentId);
    positions.push(result.checkpoint.position);
    lastToken = `${result.checkpoint.transactionId}.${result.checkpoint.position}`;
    if ((i + 1) % 3_000 === 0) log(`  ${i + 1} moves`);
  }
  const { rows } = await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM events WHERE tenant_id = $1 AND stream_id = $2', [organization.tenantId, streamId]);
  await projected(client, organization, lastToken);
  return { organization, ous, positions, events: rows[0].n, seedSeconds: (performance.now() - began) / 1000 };
}

/** The read models have caught up with the last move (the present-time reads answer from them). */
async function projected(client: GraphqlClient, organization: BenchOrganization, token: string): Promise<void> {
  for (;;) {
    const reply = await client.call('query($t: String) { listRoots(consistencyToken: $t) { roots { id } } }', { t: token }, organization.apiKey, 30_000);
    if (reply.status === 200 && !reply.errors) return;
    log(`  waiting for the projection (${JSON.stringify(reply.errors?.[0]?.extensions?.code)})`);
  }
}

async function timed(client: GraphqlClient, organization: BenchOrganization, parentId: string, asOf: object | null): Promise<number> {
  const reply = await client.call(LIST, { p: parentId, a: asOf }, organization.apiKey, 120_000);
  if (reply.status !== 200 || reply.errors) throw new Error(`listAccountsForParent failed: ${JSON.stringify(reply.errors)}`);
  return reply.ms;
}

const stats = (ms: number[]) => {
  const sorted = [...ms].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted[sorted.length - 1] };
};

async function run(scratch: Scratch) {
  await applyMigrations(scratch.databaseUrl);
  const service = await Service.start(scratch);
  const client = new GraphqlClient(service.apiPort, 2);
  const pool = createPool(scratch.databaseUrl, { max: 4 });
  try {
    const seeded = await seed(pool, client, service);
    const { organization, ous, positions } = seeded;
    const parent = ous[3];
    log(`[read] ${READS} reads per series, listAccountsForParent(${parent})`);
    // The middle half of the moves, spread out: each point a version whose state is not in memory.
    const middle = positions.slice(Math.floor(positions.length / 4), Math.floor((3 * positions.length) / 4));
    const points = Array.from({ length: READS }, (_, i) => middle[Math.floor((i * middle.length) / READS)]);
    const first = await timed(client, organization, parent, { position: points[0].toString() });
    const distinct: number[] = [];
    const present: number[] = [];
    // Alternating, so both series see the same moments of the shared machine.
    for (const point of points) {
      distinct.push(await timed(client, organization, parent, { position: point.toString() }));
      present.push(await timed(client, organization, parent, null));
    }
    const cachedPoint = { position: positions[Math.floor(positions.length / 2)].toString() };
    await timed(client, organization, parent, cachedPoint);
    const cached: number[] = [];
    for (let i = 0; i < READS; i++) cached.push(await timed(client, organization, parent, cachedPoint));
    const { rows } = await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM historical_snapshots WHERE tenant_id = $1', [organization.tenantId]);
    return { seeded, first, distinct: stats(distinct), cached: stats(cached), present: stats(present), historicalSnapshots: rows[0].n };
  } finally {
    client.close();
    await pool.end();
    await service.stop();
  }
}

const round = (n: number, digits = 2) => Number(n.toFixed(digits));

async function main(): Promise<void> {
  const startedAt = performance.now();
  const scratch = await createScratch();
  const abort = (why: string, code: number) => {
    console.error(why);
    killAllChildren();
    void scratch.drop().finally(() => process.exit(code));
  };
  setTimeout(() => abort(`time-travel benchmark exceeded ${TOTAL_BUDGET_MS} ms, aborting`, 2), TOTAL_BUDGET_MS).unref();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => abort(`${signal}: stopping`, 130));
  let results: Awaited<ReturnType<typeof run>>;
  try {
    results = await run(scratch);
  } finally {
    killAllChildren();
    await scratch.drop();
  }
  const { seeded, distinct, cached, present } = results;
  console.log(`\nlistAccountsForParent on an organization of ${ACCOUNTS} accounts and ${seeded.events} events (Node ${process.version}, ${os.cpus().length} CPUs, API + worker + PostgreSQL + this client on one machine)`);
  for (const [name, s] of [['as of distinct middle points', distinct], ['as of one point (in memory)', cached], ['present (read models)', present]] as const) {
    console.log(`${name.padEnd(30)} p50 ${s.p50.toFixed(1).padStart(7)} ms   p99 ${s.p99.toFixed(1).padStart(7)} ms   max ${s.max.toFixed(1).padStart(7)} ms`);
  }
  console.log(
    JSON.stringify({
      asof_read_p50_ms: round(distinct.p50),
      asof_read_p99_ms: round(distinct.p99),
      asof_cached_read_p50_ms: round(cached.p50),
      asof_cached_read_p99_ms: round(cached.p99),
      present_read_p50_ms: round(present.p50),
      present_read_p99_ms: round(present.p99),
      asof_first_read_ms: round(results.first),
      reads_per_series: READS,
      accounts: ACCOUNTS + 1,
      stream_events: seeded.events,
      historical_snapshots: results.historicalSnapshots,
      seed_s: round(seeded.seedSeconds, 1),
      total_s: round((performance.now() - startedAt) / 1000, 1),
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
