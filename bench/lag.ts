/**
 * Eventual consistency, measured: the real service (API and worker as child processes) on a scratch
 * database, driven over HTTP by an open-loop load of tagResource commands (a fixed arrival rate,
 * whatever the answers' latency) spread over several organizations.
 *
 * - projection lag: from the event's append (its recorded_at) to the read-models projection's
 *   NOTIFY on orgs_events_projected announcing a checkpoint at or past it (LISTEN here);
 * - read-your-writes: a few clients in a loop beside the load, each tagResource then
 *   listTagsForResource with the mutation's consistencyToken, the round trip of both;
 * - rebuild: a log of BENCH_LAG_REBUILD_EVENTS events (ResourceTagged, inserted in bulk), then
 *   rebuildProjection of read-models (what `npm run projections:rebuild` runs), events/s.
 * Baselines in the same run: a plain eventually consistent read's round trip over HTTP
 * (describeOrganization), and raw INSERTs of as many rows as the rebuild's events into a plain table.
 *
 *   npm run bench:lag   BENCH_LAG_RATE (1000/s), BENCH_LAG_SECONDS (60), BENCH_LAG_REBUILD_EVENTS (1000000)
 *
 * Output: progress on stderr; one JSON line (last line of stdout).
 */
import { Client, type Pool } from 'pg';
import { createPool, EVENTS_PROJECTED_CHANNEL } from '@orgs/shared/event-store';
import { decodeProjected, reached, READ_MODELS_PROJECTION, rebuildProjection } from '@orgs/shared/projector';
import { applyMigrations } from '@orgs/shared/read-models';
import { EVENT_SCHEMAS, projections } from '../apps/worker/src/worker';
import { GraphqlClient } from './api/http-client';
import { createTenantWithOrganization, type BenchOrganization } from './api/organizations';
import { createScratch, type Scratch } from './api/scratch';
import { killAllChildren, Service } from './api/service';

const RATE = Number(process.env.BENCH_LAG_RATE ?? 1_000);
const SECONDS = Number(process.env.BENCH_LAG_SECONDS ?? 60);
const REBUILD_EVENTS = Number(process.env.BENCH_LAG_REBUILD_EVENTS ?? 1_000_000);
const ORGANIZATIONS = 20;
const RYW_CLIENTS = 4;
const BASELINE_READS = 300;
/** Requests outstanding at most: past it, arrivals are shed (counted) rather than queued without end in the client. */
const MAX_IN_FLIGHT = 2_000;

const log = (line: string) => console.error(line);
const percentile = (values: number[], p: number) => {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};
const round = (n: number) => Math.round(n * 10) / 10;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const TAG = 'mutation($r: String!, $k: String!, $v: String!) { tagResource(input: { resourceId: $r, tags: [{ key: $k, value: $v }] }) { consistencyToken } }';
const LIST = 'query($r: String!, $t: String) { listTagsForResource(resourceId: $r, consistencyToken: $t) { tags { key value } } }';

interface Accepted {
  transactionId: bigint;
  position: bigint;
}
interface Announcement extends Accepted {
  at: number;
}

/** Every read-models checkpoint the worker announces, with when it arrived here. */
async function listen(databaseUrl: string): Promise<{ announcements: Announcement[]; close(): Promise<void> }> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  const announcements: Announcement[] = [];
  client.on('notification', (message) => {
    const decoded = decodeProjected(message.payload ?? '');
    if (decoded?.name === READ_MODELS_PROJECTION) announcements.push({ ...decoded.checkpoint, at: Date.now() });
  });
  await client.query(`LISTEN ${EVENTS_PROJECTED_CHANNEL}`);
  return { announcements, close: () => client.end() };
}

const checkpointOf = (token: string): Accepted => {
  const [tx, position] = token.split('.');
  return { transactionId: BigInt(tx), position: BigInt(position) };
};

async function openLoad(client: GraphqlClient, organizations: BenchOrganization[]) {
  const accepted: Accepted[] = [];
  const latencies: number[] = [];
  let errors = 0;
  const errorCodes = new Map<string, number>();
  let sent = 0;
  let shed = 0;
  const inFlight = new Set<Promise<void>>();
  const began = performance.now();
  const end = began + SECONDS * 1_000;
  while (performance.now() < end) {
    const due = Math.floor(((performance.now() - began) / 1_000) * RATE);
    for (; sent < due; sent++) {
      if (inFlight.size >= MAX_IN_FLIGHT) {
        shed++;
        continue;
      }
      const organization = organizations[sent % organizations.length];
      const call = client
        .call<{ tagResource: { consistencyToken: string } }>(TAG, { r: organization.rootId, k: `k${sent % 20}`, v: String(sent) }, organization.apiKey)
        .then((reply) => {
          if (reply.errors || !reply.data) {
            errors++;
            const code = String(reply.errors?.[0]?.extensions?.code ?? reply.status);
            errorCodes.set(code, (errorCodes.get(code) ?? 0) + 1);
          } else {
            accepted.push(checkpointOf(reply.data.tagResource.consistencyToken));
            latencies.push(reply.ms);
          }
        });
      inFlight.add(call);
      void call.finally(() => inFlight.delete(call));
    }
    await sleep(2);
  }
  await Promise.all(inFlight);
  return { accepted, latencies, errors, errorCodes: Object.fromEntries(errorCodes), sent: sent - shed, shed, seconds: (performance.now() - began) / 1_000 };
}

async function readYourWrites(client: GraphqlClient, organization: BenchOrganization, until: () => boolean): Promise<{ ms: number[]; errors: number }> {
  const ms: number[] = [];
  let errors = 0;
  for (let i = 0; !until(); i++) {
    const began = performance.now();
    const write = await client.call<{ tagResource: { consistencyToken: string } }>(TAG, { r: organization.rootId, k: 'ryw', v: String(i) }, organization.apiKey);
    if (!write.data) {
      errors++;
      continue;
    }
    const read = await client.call<{ listTagsForResource: { tags: { key: string; value: string }[] } }>(LIST, { r: organization.rootId, t: write.data.tagResource.consistencyToken }, organization.apiKey);
    const seen = read.data?.listTagsForResource.tags.some((t) => t.key === 'ryw' && t.value === String(i));
    if (!seen) errors++;
    else ms.push(performance.now() - began);
  }
  return { ms, errors };
}

/** For each accepted write: when it became visible minus when it was appended. */
async function lags(pool: Pool, accepted: Accepted[], announcements: Announcement[]): Promise<{ lags: number[]; unseen: number }> {
  const recorded = new Map<string, number>();
  const positions = accepted.map((a) => a.position.toString());
  for (let i = 0; i < positions.length; i += 10_000) {
    const { rows } = await pool.query(`SELECT position::text AS p, extract(epoch FROM recorded_at) * 1000 AS at FROM events WHERE position = ANY($1::bigint[])`, [positions.slice(i, i + 10_000)]);
    for (const row of rows) recorded.set(row.p, Number(row.at));
  }
  const result: number[] = [];
  let unseen = 0;
  for (const write of accepted) {
    // Announcements arrive in commit order: the first at or past the write is when it became visible.
    let low = 0;
    let high = announcements.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (reached(announcements[mid], write)) high = mid;
      else low = mid + 1;
    }
    const appendedAt = recorded.get(write.position.toString());
    if (low === announcements.length || appendedAt === undefined) unseen++;
    else result.push(Math.max(0, announcements[low].at - appendedAt));
  }
  return { lags: result, unseen };
}

async function baselineReads(client: GraphqlClient, organization: BenchOrganization): Promise<number[]> {
  const ms: number[] = [];
  for (let i = 0; i < BASELINE_READS; i++) {
    const reply = await client.call('{ describeOrganization { organization { id } } }', undefined, organization.apiKey);
    if (!reply.errors) ms.push(reply.ms);
  }
  return ms;
}

/** Appends ResourceTagged events in bulk, one stream per 10,000, on the organizations' roots. */
async function seedLog(pool: Pool, organizations: BenchOrganization[], events: number): Promise<void> {
  const perStatement = 50_000;
  for (let first = 0; first < events; first += perStatement) {
    const organization = organizations[(first / perStatement) % organizations.length];
    const count = Math.min(perStatement, events - first);
    await pool.query(
      `INSERT INTO events (tenant_id, stream_id, stream_version, event_type, schema_version, data, metadata)
       SELECT $1::uuid, 'bench-lag-' || $3::text || '-' || (i / 10000)::text, (i % 10000) + 1, 'ResourceTagged', 2,
              jsonb_build_object('resourceId', $2::text, 'resourceType', 'ROOT',
                                 'tags', jsonb_build_array(jsonb_build_object('key', 'seed' || (i % 40)::text, 'value', i::text))),
              '{"principal":"bench-lag"}'::jsonb
         FROM generate_series(0, $4::int - 1) AS i`,
      [organization.tenantId, organization.rootId, String(first), count],
    );
    log(`  seeded ${(first + count).toLocaleString('en')} / ${events.toLocaleString('en')} events`);
  }
}

async function rawInserts(pool: Pool, rows: number): Promise<number> {
  await pool.query(`CREATE TABLE IF NOT EXISTS bench_lag_raw (id bigint, data jsonb)`);
  await pool.query(`TRUNCATE bench_lag_raw`);
  const began = performance.now();
  await pool.query(
    `INSERT INTO bench_lag_raw SELECT i, jsonb_build_object('key', 'seed' || (i % 40)::text, 'value', i::text) FROM generate_series(1, $1::int) AS i`,
    [rows],
  );
  return rows / ((performance.now() - began) / 1_000);
}

async function main(): Promise<void> {
  let scratch: Scratch | undefined;
  let service: Service | undefined;
  try {
    scratch = await createScratch();
    await applyMigrations(scratch.databaseUrl);
    service = await Service.start(scratch);
    const pool = createPool(scratch.databaseUrl, { max: 4 });
    const client = new GraphqlClient(service.apiPort, 256);
    log(`service up; ${ORGANIZATIONS} organizations`);
    const organizations: BenchOrganization[] = [];
    for (let i = 0; i < ORGANIZATIONS; i++) organizations.push(await createTenantWithOrganization(client, service.operatorToken, `lag ${i}`));
    const [rywOrganizations, loadOrganizations] = [organizations.slice(0, RYW_CLIENTS), organizations.slice(RYW_CLIENTS)];
    const baseline = await baselineReads(client, organizations[0]);

    const listener = await listen(scratch.databaseUrl);
    log(`open loop: ${RATE} commands/s for ${SECONDS} s`);
    let loadDone = false;
    const rywRuns = Promise.all(rywOrganizations.map((o) => readYourWrites(client, o, () => loadDone)));
    const load = await openLoad(client, loadOrganizations);
    loadDone = true;
    const ryw = await rywRuns;
    const last = load.accepted.reduce<Accepted | undefined>((max, a) => (!max || reached(a, max) ? a : max), undefined);
    const settleBy = Date.now() + 60_000;
    while (last && Date.now() < settleBy && !listener.announcements.some((a) => reached(a, last))) await sleep(100);
    await listener.close();
    const { lags: lagMs, unseen } = await lags(pool, load.accepted, listener.announcements);
    const rywMs = ryw.flatMap((r) => r.ms);
    log(`  sent ${load.sent}, accepted ${load.accepted.length}, errors ${load.errors} ${JSON.stringify(load.errorCodes)}, ${(load.accepted.length / load.seconds).toFixed(0)} accepted/s; lag p50 ${percentile(lagMs, 50)} ms p99 ${percentile(lagMs, 99)} ms`);

    await service.stopWorker();
    log(`rebuild: seeding ${REBUILD_EVENTS.toLocaleString('en')} events`);
    await seedLog(pool, organizations, REBUILD_EVENTS);
    const rawRowsPerSecond = await rawInserts(pool, REBUILD_EVENTS);
    const rebuilt = await rebuildProjection({
      databaseUrl: scratch.databaseUrl,
      projection: projections.find((p) => p.name === READ_MODELS_PROJECTION)!,
      schemas: EVENT_SCHEMAS,
      onProgress: (() => {
        let lastLine = 0;
        return (p: { applied: number; eventsPerSecond: number }) => {
          if (Date.now() - lastLine < 2_000) return;
          lastLine = Date.now();
          log(`  rebuilt ${p.applied.toLocaleString('en')} events, ${Math.round(p.eventsPerSecond).toLocaleString('en')} events/s`);
        };
      })(),
    });
    await pool.end();
    client.close();

    console.log(
      JSON.stringify({
        rate_commands_per_s: RATE,
        duration_s: SECONDS,
        commands_sent: load.sent,
        commands_shed: load.shed,
        commands_accepted: load.accepted.length,
        command_errors: load.errors,
        accepted_per_s: Math.round(load.accepted.length / load.seconds),
        command_p50_ms: round(percentile(load.latencies, 50)),
        command_p99_ms: round(percentile(load.latencies, 99)),
        lag_p50_ms: round(percentile(lagMs, 50)),
        lag_p99_ms: round(percentile(lagMs, 99)),
        lag_max_ms: round(percentile(lagMs, 100)),
        lag_unseen: unseen,
        ryw_round_trips: rywMs.length,
        ryw_errors: ryw.reduce((sum, r) => sum + r.errors, 0),
        ryw_p50_ms: round(percentile(rywMs, 50)),
        ryw_p99_ms: round(percentile(rywMs, 99)),
        baseline_read_p50_ms: round(percentile(baseline, 50)),
        baseline_read_p99_ms: round(percentile(baseline, 99)),
        rebuild_events: rebuilt.events,
        rebuild_s: round(rebuilt.seconds),
        rebuild_events_per_s: Math.round(rebuilt.eventsPerSecond),
        rebuild_swap_ms: Math.round(rebuilt.swapMs),
        baseline_raw_insert_rows_per_s: Math.round(rawRowsPerSecond),
      }),
    );
  } finally {
    await service?.stop().catch(() => killAllChildren());
    await scratch?.drop().catch((error) => log(`scratch not dropped: ${(error as Error).message}`));
  }
}

process.on('SIGINT', () => {
  killAllChildren();
  process.exit(130);
});
main().then(
  () => process.exit(0),
  (error) => {
    log(String((error as Error).stack ?? error));
    killAllChildren();
    process.exit(1);
  },
);
