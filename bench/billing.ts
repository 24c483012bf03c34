/**
 * Consolidated billing at scale (`npm run bench:billing`): the real service (API and worker as
 * child processes) on a scratch database; an organization of 10,000 accounts under 363 OUs
 * (seeded as bench:api seeds it); 5,000,000 usage records (or as many as given:
 * `npm run bench:billing -- 500000`) uploaded as CUR CSV files (POST /billing/usage, two uploads
 * at a time); then the month's bill grouped by OU and by service. Baseline, same run: the same
 * files COPYed straight into a plain table. Besides the rates, the Postgres backends' CPU per
 * record (ingest and baseline) and the machine's load: the machine is shared, rates are noisy.
 * Where an upload's time goes, statement by statement: bench/billing/stages.ts.
 *
 * Output: progress on stderr; a table, then one JSON line (last line of stdout).
 */
import os from 'node:os';
import { applyMigrations } from '@orgs/shared/read-models';
import { createPool } from '@orgs/shared/event-store';
import { buildTree, raiseAccountQuota, seedAccounts } from './api/big-organization';
import { GraphqlClient } from './api/http-client';
import { createTenantWithOrganization } from './api/organizations';
import { createScratch, type Scratch } from './api/scratch';
import { killAllChildren, Service } from './api/service';
import { backendsCpu, cpuBetween, processCpuMs } from './billing/postgres-cpu';
import { createRawTable, rawCopy, uploadFile, writeUsageFiles } from './billing/usage-files';

const FILES = 20;
/** The 5,000,000 unless given (first argument or BENCH_BILLING_RECORDS): shorter runs while iterating. */
const RECORDS = Number(process.argv[2] ?? process.env.BENCH_BILLING_RECORDS ?? 5_000_000);
if (!Number.isInteger(RECORDS) || RECORDS < FILES) throw new Error(`records: a whole number of at least ${FILES}`);
const UPLOAD_CONCURRENCY = 2;
const QUERIES = 40;
const log = (message: string) => console.error(message);

/** The month after this one: every seeded account is a member for all of it. */
function billedMonth(): { period: string; startMs: number } {
  const now = new Date();
  const startMs = Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1);
  return { period: new Date(startMs).toISOString().slice(0, 7), startMs };
}

const apiCpuMs = (service: Service) => (service.pids.api ? processCpuMs(service.pids.api) : 0);

async function inTurns<T>(items: T[], concurrency: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < items.length) {
      const index = next++;
      await work(items[index], index);
    }
  }));
}

const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil((p / 100) * values.length) - 1)];

async function run(scratch: Scratch) {
  await applyMigrations(scratch.databaseUrl);
  const service = await Service.start(scratch);
  const client = new GraphqlClient(service.apiPort, 8);
  const pool = createPool(scratch.databaseUrl, { max: 4 });
  try {
    const org = await createTenantWithOrganization(client, service.operatorToken, 'billing');
    await raiseAccountQuota(pool, org.tenantId);
    log('[setup] 363 OUs through the API, 10,000 accounts appended');
    const tree = await buildTree(client, org);
    await seedAccounts(pool, org, tree);
    const accounts = await waitForAccounts(pool, org.tenantId, 10_001);
    const month = billedMonth();
    log(`[setup] ${RECORDS} records for ${month.period} in ${FILES} CSV files`);
    const usage = await writeUsageFiles(accounts, RECORDS, FILES, month.startMs);
    try {
      const baseUrl = `http://127.0.0.1:${service.apiPort}`;
      log('[ingest] uploading');
      let ingested = 0;
      const loadBefore = os.loadavg()[0];
      const cpuBefore = await backendsCpu(pool, scratch.databaseName);
      const apiCpuBefore = apiCpuMs(service);
      const ingestStart = performance.now();
      await inTurns(usage.files, UPLOAD_CONCURRENCY, async (file, i) => {
        // Not `ingested += await ...`: that reads `ingested` before the await, and two uploads in
        // flight then overwrite each other's count (the "half the rows recorded" of the first runs).
        const { recordCount } = await uploadFile(baseUrl, org.apiKey, `bench-${i}`, file);
        ingested += recordCount;
      });
      const ingestS = (performance.now() - ingestStart) / 1000;
      const ingestPostgresCpuMs = cpuBetween(cpuBefore, await backendsCpu(pool, scratch.databaseName));
      const ingestApiCpuMs = apiCpuMs(service) - apiCpuBefore;
      await assertAllRecorded(pool, org.tenantId, RECORDS, ingested);
      log(`[baseline] raw COPY of the same files`);
      await createRawTable(scratch.databaseUrl);
      const baselineStart = performance.now();
      let baselinePostgresCpuMs = 0;
      await inTurns(usage.files, UPLOAD_CONCURRENCY, async (file) => {
        baselinePostgresCpuMs += await rawCopy(scratch.databaseUrl, file);
      });
      const baselineS = (performance.now() - baselineStart) / 1000;
      const load = { before: loadBefore, after: os.loadavg()[0] };
      const queries = await billQueries(client, org.apiKey, month.period);
      return { ingested, ingestS, ingestPostgresCpuMs, ingestApiCpuMs, baselineS, baselinePostgresCpuMs, load, bytes: usage.bytes, accounts: accounts.length, organizationalUnits: tree.length, period: month.period, ...queries };
    } finally {
      usage.remove();
    }
  } finally {
    client.close();
    await pool.end();
    await service.stop();
  }
}

/** Every record of every file is in the raw table and the monthly sums, and the uploads' answers say so. */
async function assertAllRecorded(pool: ReturnType<typeof createPool>, tenantId: string, expected: number, answered: number): Promise<void> {
  const { rows } = await pool.query(
    `SELECT (SELECT count(*)::int FROM billing_usage_records WHERE tenant_id = $1) AS records,
            (SELECT coalesce(sum(record_count), 0)::int FROM billing_usage_batches WHERE tenant_id = $1) AS batches`,
    [tenantId],
  );
  const counts = { expected, answered, records: rows[0].records, batches: rows[0].batches };
  if (new Set(Object.values(counts)).size !== 1) throw new Error(`records lost: ${JSON.stringify(counts)}`);
}

async function waitForAccounts(pool: ReturnType<typeof createPool>, tenantId: string, count: number): Promise<string[]> {
  const deadline = Date.now() + 600_000; // projecting 10,000 accounts on a loaded 2-core machine takes minutes
  for (;;) {
    // Both projections: usage is validated against the accounts read model, billed from billing's.
    const { rows } = await pool.query(
      `SELECT m.account_id FROM billing_memberships m JOIN accounts a ON a.tenant_id = m.tenant_id AND a.id = m.account_id WHERE m.tenant_id = $1`,
      [tenantId],
    );
    if (rows.length >= count) return rows.map((r) => r.account_id as string);
    if (Date.now() > deadline) throw new Error(`only ${rows.length} of ${count} memberships projected`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

const BILL = 'query($p: String!, $d: BillGroupDimension!) { bill(period: $p, groupBy: [{ dimension: $d }]) { bill { total groups { keys cost } } } }';

async function billQueries(client: GraphqlClient, apiKey: string, period: string) {
  const timed = async (dimension: string) => {
    const reply = await client.call<{ bill: { bill: { total: string; groups: unknown[] } } }>(BILL, { p: period, d: dimension }, apiKey, 60_000);
    if (reply.errors) throw new Error(`bill by ${dimension}: ${JSON.stringify(reply.errors)}`);
    return { ms: reply.ms, total: reply.data!.bill.bill.total, groups: reply.data!.bill.bill.groups.length };
  };
  // Cold: the first bill computes the month (then cached until usage, prices, membership or
  // structure change), the first by service its grouping; the samples are the repeated queries.
  const first = await timed('ORGANIZATIONAL_UNIT');
  const firstByService = await timed('SERVICE');
  const samples: number[] = [];
  let byService = { total: '', groups: 0 };
  for (let i = 0; i < QUERIES; i++) {
    samples.push((await timed('ORGANIZATIONAL_UNIT')).ms);
    const s = await timed('SERVICE');
    samples.push(s.ms);
    byService = s;
  }
  log(`[bill] total ${first.total}: ${first.groups} OU groups, ${byService.groups} services`);
  return { firstMs: first.ms, firstByServiceMs: firstByService.ms, p50: percentile(samples, 50), p99: percentile(samples, 99), samples: samples.length, total: first.total };
}

async function main() {
  const scratch = await createScratch();
  const stop = () => {
    killAllChildren();
    void scratch.drop().finally(() => process.exit(130));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    const r = await run(scratch);
    const ingestRate = Math.round(r.ingested / r.ingestS);
    const baselineRate = Math.round(r.ingested / r.baselineS);
    console.log('| figure | value |\n| --- | --- |');
    console.log(`| organization | ${r.accounts} accounts, ${r.organizationalUnits} OUs, billed month ${r.period} |`);
    console.log(`| ingest (CSV upload, COPY, sums) | ${r.ingested} records in ${r.ingestS.toFixed(1)} s: ${ingestRate} records/s (${(r.bytes / 1e6).toFixed(0)} MB) |`);
    const us = (ms: number) => Number(((ms * 1000) / r.ingested).toFixed(2));
    console.log(`| ingest CPU per record | Postgres ${us(r.ingestPostgresCpuMs)} µs, API ${us(r.ingestApiCpuMs)} µs |`);
    console.log(`| baseline (raw COPY, plain table) | ${baselineRate} records/s, Postgres ${us(r.baselinePostgresCpuMs)} µs CPU per record |`);
    console.log(`| machine load (1-minute average) | ${r.load.before.toFixed(1)} before the ingest, ${r.load.after.toFixed(1)} after the baseline, ${os.cpus().length} CPUs |`);
    console.log(`| bill by OU / by service | first ${r.firstMs.toFixed(0)} ms (by service ${r.firstByServiceMs.toFixed(0)} ms), then p50 ${r.p50.toFixed(0)} ms, p99 ${r.p99.toFixed(0)} ms over ${r.samples} |`);
    console.log(JSON.stringify({
      records: r.ingested,
      accounts: r.accounts,
      ingest_records_per_s: ingestRate,
      baseline_raw_copy_records_per_s: baselineRate,
      ingest_postgres_cpu_us_per_record: us(r.ingestPostgresCpuMs),
      ingest_api_cpu_us_per_record: us(r.ingestApiCpuMs),
      baseline_postgres_cpu_us_per_record: us(r.baselinePostgresCpuMs),
      load_avg_1m: [Number(r.load.before.toFixed(2)), Number(r.load.after.toFixed(2))],
      ingest_s: Number(r.ingestS.toFixed(2)),
      bill_query_first_ms: Number(r.firstMs.toFixed(1)),
      bill_query_first_by_service_ms: Number(r.firstByServiceMs.toFixed(1)),
      bill_query_p50_ms: Number(r.p50.toFixed(1)),
      bill_query_p99_ms: Number(r.p99.toFixed(1)),
      bill_total_usd: r.total,
      cpus: os.cpus().length,
    }));
  } finally {
    await scratch.drop();
  }
}

main().catch((error) => {
  console.error(error);
  killAllChildren();
  process.exit(1);
});
