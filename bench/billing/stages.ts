/**
 * Where an upload's time goes (a development aid, not the benchmark): the CSV path's
 * statements one by one, wall time and the backend's CPU, on a scratch database with 10,000
 * accounts inserted straight into the read model (no service, no HTTP). BENCH_BILLING_RECORDS
 * records (500,000) in BENCH_BILLING_FILES files (20), written as bench:billing writes them;
 * BENCH_EXPLAIN=1 prints the last file's plans (EXPLAIN ANALYZE), BENCH_PERF=1 prints the
 * backend's pid and waits 3 s, for `perf record -p`.
 *   npm run build && BENCH_BILLING_RECORDS=1000000 BENCH_BILLING_FILES=4 node dist/bench/billing/stages.js
 */
import { randomUUID } from 'node:crypto';
import { createReadStream, readFileSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { applyMigrations } from '@orgs/shared/read-models';
import { defaultPriceList, PriceCatalogue } from '@orgs/billing/domain';
import { createScratch } from '../api/scratch';
import { HEADER, writeUsageFiles } from './usage-files';
import { anyBadCell, createPriceKeys, createPriceVersions, curCopy, curStagingDdl, curTypedRows, readHeader } from '../../libs/billing/api/src/usage/cur-copy';
import { recordRows } from '../../libs/billing/api/src/usage/copy-rows';

const RECORDS = Number(process.env.BENCH_BILLING_RECORDS ?? 500_000);
const FILES = Number(process.env.BENCH_BILLING_FILES ?? 20);

/** User and system time of a Postgres backend on this machine (/proc/<pid>/stat, clock ticks of 10 ms). */
function backendCpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

async function main() {
  const scratch = await createScratch();
  try {
    await applyMigrations(scratch.databaseUrl);
    const admin = new pg.Client({ connectionString: scratch.databaseUrl });
    await admin.connect();
    const tenantId = randomUUID();
    const accounts = Array.from({ length: 10_000 }, (_, i) => String(100000000000 + i * 7));
    await admin.query(`INSERT INTO accounts (id, tenant_id, name, email, status, created_at) SELECT a, $1, a, a, 'ACTIVE', now() FROM unnest($2::text[]) a`, [tenantId, accounts]);
    await admin.end();
    const startMs = Date.UTC(2027, 0, 1);
    const usage = await writeUsageFiles(accounts, RECORDS, FILES, startMs);
    const catalogue = new PriceCatalogue([defaultPriceList()]);
    const totals: Record<string, number> = {};
    const cpuTotals: Record<string, number> = {};
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    // One connection for every file, as the service's pool keeps its connections.
    const client = new pg.Client({ connectionString: scratch.databaseUrl, options: "-c role=orgs_app -c statement_timeout=60000" });
    await client.connect();
    await client.query(`SET temp_buffers = '256MB'; SET jit = off`);
    const backend = (await client.query('SELECT pg_backend_pid() AS pid')).rows[0].pid as number;
    if (process.env.BENCH_PERF) {
      console.error(`backend ${backend}`);
      await new Promise((resolve) => setTimeout(resolve, 3000));
    }
    for (const [i, file] of usage.files.entries()) {
      const explain = process.env.BENCH_EXPLAIN && i === usage.files.length - 1;
      const q = async (stage: string, sql: string, values?: unknown[]) => {
        const r = await time(stage, () => client.query(explain ? `EXPLAIN (ANALYZE, BUFFERS, VERBOSE) ${sql}` : sql, values));
        if (explain) console.error(`--- ${stage}\n${r.rows.map((row) => row['QUERY PLAN']).join('\n')}`);
        return r;
      };
      const time = async <T>(stage: string, work: () => Promise<T>): Promise<T> => {
        const s = performance.now();
        const c = backendCpuMs(backend);
        const r = await work();
        totals[stage] = (totals[stage] ?? 0) + performance.now() - s;
        cpuTotals[stage] = (cpuTotals[stage] ?? 0) + backendCpuMs(backend) - c;
        return r;
      };
      await client.query('BEGIN');
      await client.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenantId]);
      await client.query(`SET LOCAL work_mem = '64MB'`);
      await time('claim', () => client.query(`INSERT INTO billing_usage_batches (tenant_id, batch_id, source, record_count, accepted_by, accepted_at) VALUES ($1, $2, 'CSV', 0, 'x', now())`, [tenantId, `b-${i}`]));
      const { header, head, rest } = await readHeader(createReadStream(file));
      await time('ddl', async () => {
        await client.query(curStagingDdl(header));
        await createPriceKeys(client as unknown as pg.PoolClient, catalogue);
        await createPriceVersions(client as unknown as pg.PoolClient, catalogue);
      });
      async function* bytes() {
        yield* head;
        for (let next = await rest.next(); !next.done; next = await rest.next()) yield next.value;
      }
      await time('copy', () => pipeline(bytes(), client.query(copyFrom(curCopy(header)))));
      await q('anyBadCell', anyBadCell(header));
      await q('record', recordRows(curTypedRows(header)), [tenantId, `b-${i}`]);
      await time('commit', () => client.query('COMMIT'));
    }
    // The bill's read of the month (bill-usage.reader.ts wholeMonthSlices), timed.
    await client.query('BEGIN');
    await client.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenantId]);
    const readStart = performance.now();
    const monthly = await client.query({
      text: `SELECT account_id, product_code, usage_type, tags, tags_key, quantity::text AS quantity FROM billing_usage_monthly
              WHERE tenant_id = $1 AND month = $2
              ORDER BY account_id COLLATE "C", product_code COLLATE "C", usage_type COLLATE "C", tags_key COLLATE "C"`,
      values: [tenantId, new Date(startMs).toISOString().slice(0, 10)],
      rowMode: 'array',
    });
    totals.billMonthlyRead = performance.now() - readStart;
    totals.billMonthlyRows = monthly.rows.length;
    if (process.env.BENCH_EXPLAIN) {
      const plan = await client.query(`EXPLAIN (ANALYZE, BUFFERS) SELECT account_id, product_code, usage_type, tags, tags_key, quantity::text AS quantity FROM billing_usage_monthly
              WHERE tenant_id = $1 AND month = $2
              ORDER BY account_id COLLATE "C", product_code COLLATE "C", usage_type COLLATE "C", tags_key COLLATE "C"`, [tenantId, new Date(startMs).toISOString().slice(0, 10)]);
      console.error(`--- bill read\n${plan.rows.map((row) => row['QUERY PLAN']).join('\n')}`);
    }
    await client.query('COMMIT');
    await client.end();
    const wall = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    console.log(JSON.stringify({ records: RECORDS, files: FILES, header: HEADER.length, wall_s: +wall.toFixed(2), rate: Math.round(RECORDS / wall), node_cpu_ms: Math.round((cpu.user + cpu.system) / 1000), stages_ms: Object.fromEntries(Object.entries(totals).map(([k, v]) => [k, Math.round(v)])),
      backend_cpu_ms: Object.fromEntries(Object.entries(cpuTotals).map(([k, v]) => [k, Math.round(v)])),
      backend_cpu_us_per_record: +((Object.values(cpuTotals).reduce((a, b) => a + b, 0) * 1000) / RECORDS).toFixed(2) }));
    usage.remove();
  } finally {
    await scratch.drop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
