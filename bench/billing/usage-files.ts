/**
 * The usage of the benchmark as Cost and Usage Report files: RECORDS records spread evenly over
 * the accounts, five usage types (compute hours, tiered storage and transfer), hourly buckets
 * over the billed month, every fourth record tagged. Written once to a temporary directory, so
 * that the upload and the baseline COPY read the same bytes.
 */
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { processCpuMs } from './postgres-cpu';

export const HEADER = 'lineItem/UsageAccountId,lineItem/ProductCode,lineItem/UsageType,lineItem/UsageAmount,lineItem/UsageStartDate,lineItem/UsageEndDate,product/region,resourceTags/user:team';
const USAGE = [
  ['AmazonEC2', 'BoxUsage:t3.micro', '1'],
  ['AmazonEC2', 'BoxUsage:m5.large', '1'],
  ['AmazonS3', 'TimedStorage-ByteHrs', '0.75'],
  ['AWSDataTransfer', 'DataTransfer-Out-Bytes', '2.5'],
  ['AmazonRDS', 'InstanceUsage:db.t3.medium', '1'],
];
const TEAMS = ['web', 'data', 'ml'];

export interface UsageFiles {
  dir: string;
  files: string[];
  bytes: number;
  remove(): void;
}

export async function writeUsageFiles(accounts: string[], records: number, fileCount: number, monthStartMs: number): Promise<UsageFiles> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'orgs-bench-billing-'));
  const perFile = Math.ceil(records / fileCount);
  const files: string[] = [];
  for (let f = 0; f < fileCount; f++) {
    const file = path.join(dir, `usage-${f}.csv`);
    const out = createWriteStream(file);
    out.write(`${HEADER}\n`);
    let chunk: string[] = [];
    for (let i = f * perFile; i < Math.min(records, (f + 1) * perFile); i++) {
      const [product, usageType, amount] = USAGE[i % USAGE.length];
      const account = accounts[Math.floor(i / USAGE.length) % accounts.length];
      const start = monthStartMs + ((i * 7919) % (28 * 24)) * 3_600_000;
      const tag = i % 4 === 0 ? TEAMS[i % 3] : '';
      chunk.push(`${account},${product},${usageType},${amount},${new Date(start).toISOString()},${new Date(start + 3_600_000).toISOString()},us-east-1,${tag}`);
      if (chunk.length === 10_000) {
        if (!out.write(`${chunk.join('\n')}\n`)) await once(out, 'drain');
        chunk = [];
      }
    }
    out.end(chunk.length > 0 ? `${chunk.join('\n')}\n` : '');
    await once(out, 'finish');
    files.push(file);
  }
  const bytes = files.reduce((t, file) => t + statSync(file).size, 0);
  return { dir, files, bytes, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** POST /billing/usage, the file streamed as the request body. */
export async function uploadFile(baseUrl: string, apiKey: string, batchId: string, file: string): Promise<{ recordCount: number }> {
  const body = createReadStream(file);
  const response = await fetch(`${baseUrl}/billing/usage?batchId=${batchId}`, {
    method: 'POST',
    headers: { 'content-type': 'text/csv', authorization: `Bearer ${apiKey}` },
    body: body as unknown as ReadableStream,
    duplex: 'half',
  } as RequestInit);
  const answer = (await response.json()) as { recordCount: number };
  if (response.status >= 300) throw new Error(`upload ${batchId}: ${response.status} ${JSON.stringify(answer)}`);
  return answer;
}

export async function createRawTable(databaseUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  await client.query(`CREATE TABLE bench_raw_usage (account_id text, product_code text, usage_type text, amount numeric,
    usage_start timestamptz, usage_end timestamptz, region text, team text)`);
  await client.end();
}

/** The baseline: the same files COPYed as CSV into a plain table with no index, from this process; its backend's CPU (ms). */
export async function rawCopy(databaseUrl: string, file: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const pid = (await client.query('SELECT pg_backend_pid() AS pid')).rows[0].pid as number;
    const before = processCpuMs(pid);
    await pipeline(createReadStream(file), client.query(copyFrom(`COPY bench_raw_usage FROM STDIN WITH (FORMAT csv, HEADER true)`)));
    return processCpuMs(pid) - before;
  } finally {
    await client.end();
  }
}
