/**
 * A reference figure without Node in the loop: pgbench runs the baseline's one-row INSERT (same
 * table, same kind of rows, extended protocol like node-pg) at 16 clients. It shows how much of the
 * gap to the server's ceiling is client overhead, which the event store and the baseline share.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { APPENDS_PER_STREAM, PGBENCH_CLIENTS, PGBENCH_SECONDS } from './config';

const run = promisify(execFile);

const PAYLOAD = JSON.stringify({
  accountId: '100000000001',
  name: 'Account 1',
  email: 'aws+account-1@example.com',
  organizationId: 'o-a1b2c3d4e5',
  parentId: 'ou-a1b2-c3d4e5f6',
  arn: 'arn:aws:organizations::111111111111:account/o-a1b2c3d4e5/100000000001',
});
const METADATA = JSON.stringify({
  commandId: '6f1c2b1e-8f8e-4f4e-9d7a-0f6a2a1f3b11',
  correlationId: '0b6a7c61-5c1f-4a7e-8c7e-2f4b2f9a1d22',
  causationId: '0b6a7c61-5c1f-4a7e-8c7e-2f4b2f9a1d22',
  principal: 'arn:aws:iam::111111111111:root',
  requestId: '3a1d2c4b-6e5f-4a3b-9c8d-7e6f5a4b3c33',
});

/**
 * Per client: streams pgbench-<client>-<k>, versions 1..APPENDS_PER_STREAM, like the Node writers.
 * The JSON goes in as -D variables, i.e. as bind parameters like node-pg sends it (and because
 * pgbench would read the ":aws" of an ARN inside a literal as a variable).
 */
const SCRIPT = `\\set n :n + 1
INSERT INTO baseline_events (tenant_id, stream_id, stream_version, event_type, schema_version, data, metadata)
VALUES ('5b0f3a52-8d4e-4d7c-9a1b-2c3d4e5f6a7b', 'pgbench-' || :client_id || '-' || (:n / ${APPENDS_PER_STREAM}),
        :n % ${APPENDS_PER_STREAM} + 1, 'AccountCreated', 1, :data, :metadata);
`;

function findPgbench(): string {
  const bundled = '/usr/lib/postgresql/15/bin/pgbench';
  return existsSync(bundled) ? bundled : 'pgbench';
}

/** tx/s reported by pgbench, or null when pgbench is missing or fails (the reference is optional). */
export async function pgbenchInsertTps(url: string): Promise<number | null> {
  const dir = mkdtempSync(path.join(tmpdir(), 'orgs-bench-append-'));
  const scriptFile = path.join(dir, 'insert.sql');
  writeFileSync(scriptFile, SCRIPT);
  try {
    const args = ['-n', '-M', 'extended', '-D', 'n=0', '-D', `data=${PAYLOAD}`, '-D', `metadata=${METADATA}`];
    args.push('-c', String(PGBENCH_CLIENTS), '-j', '2');
    args.push('-T', String(PGBENCH_SECONDS), '-f', scriptFile, url);
    const { stdout } = await run(findPgbench(), args, { timeout: (PGBENCH_SECONDS + 20) * 1000 });
    const tps = /tps = ([\d.]+) \(without initial connection time\)/.exec(stdout)?.[1];
    return tps ? Number(tps) : null;
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim();
    console.error(`pgbench reference skipped: ${stderr || (error as Error).message}`);
    return null;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
