import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Pool, PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { APP_ROLE, createPool, EventStore, PROJECTOR_APPLICATION_NAME, WrongExpectedVersionError } from '@orgs/shared/event-store';
import { invalidInput } from '@orgs/shared/kernel';
import { auditMetadataOf, encodeConsistencyToken, ORGS_CONFIG, type Principal } from '@orgs/shared/nest';
import type { OrgsConfig } from '@orgs/shared/runtime';
import {
  BATCH_ID,
  usageBatchStreamId,
  UsageRecordRejected,
  validateUsageRecord,
  type PriceCatalogue,
  type UsageBatchAcceptedEvent,
  type UsageBatchSource,
  type UsageFieldNames,
  type UsageLookups,
  type UsageRecordInput,
} from '@orgs/billing/domain';
import { PriceCatalogues } from '../prices/price-catalogue.service';
import { CUR_FIELDS } from './cur-csv';
import { anyBadCell, createPriceKeys, createPriceVersions, curCopy, curStagingDdl, curTypedRows, firstBadRow, malformedRow, readHeader, recordOfRow, type CurHeader } from './cur-copy';
import { COPY_STAGING, copyLine, recordRows, STAGED_ROWS, STAGING_DDL, type RecordedRows } from './copy-rows';

export interface NumberedRecord {
  line: number;
  input: UsageRecordInput;
}

export interface UsageBatch {
  batchId: string;
  source: UsageBatchSource;
  fieldNames: UsageFieldNames;
  records: AsyncIterable<NumberedRecord> | Iterable<NumberedRecord>;
}

export interface IngestResult {
  batchId: string;
  recordCount: number;
  /** The batch had been recorded before: nothing was recorded this time. */
  duplicate: boolean;
  consistencyToken: string;
}

const LINES_PER_CHUNK = 2_000;

/** Records the batch's rows inside its transaction (claimed, tenant set): their number and months. */
type Fill = (client: PoolClient, tenantId: string, batchId: string) => Promise<RecordedRows>;

function assertBatchId(batchId: string): void {
  if (!BATCH_ID.test(batchId)) throw invalidInput('INVALID_PATTERN', 'batchId: 1 to 128 letters, digits, _ . : or -.');
}

/**
 * A batch is recorded whole or not at all: validated as it streams into a staging table with COPY
 * (a bad record aborts the COPY and the transaction), then moved into the usage tables with
 * set-based statements, in one transaction that also claims the batch id. That transaction never
 * appends, and its connections say so (application_name), so a long upload does not hold back the
 * log's followers; the UsageBatchAccepted event follows in a short append of its own, once per
 * batch (a stream per batch): a retry of a batch whose event was lost to a crash appends it then.
 */
@Injectable()
export class UsageIngestion implements OnModuleDestroy {
  private readonly pool: Pool;

  constructor(
    @Inject(ORGS_CONFIG) config: OrgsConfig,
    private readonly events: EventStore,
    private readonly prices: PriceCatalogues,
  ) {
    this.pool = createPool(config.databaseUrl, { role: APP_ROLE, max: 4, applicationName: PROJECTOR_APPLICATION_NAME });
    // Before the connection's first temporary table: a report's staging stays in memory, and the
    // big set-based statements are not worth compiling.
    this.pool.on('connect', (client) => void client.query(`SET temp_buffers = '256MB'; SET jit = off`).catch(() => undefined));
  }

  async onModuleDestroy(): Promise<void> {
    await this.pool.end();
  }

  /** Records validated one by one in JavaScript (GraphQL's up to 1,000), COPYed in as typed rows. */
  async ingest(principal: Principal, batch: UsageBatch): Promise<IngestResult> {
    assertBatchId(batch.batchId);
    const lookups = await this.lookups(principal.tenantId);
    return this.recordOnce(principal, batch, async (client, tenantId, batchId) => {
      await client.query(STAGING_DDL);
      await copyBatch(client, batch, lookups);
      return recordTyped(client, STAGED_ROWS, tenantId, batchId);
    });
  }

  /** A Cost and Usage Report's bytes COPYed straight into Postgres and validated there (cur-copy.ts). */
  async ingestCsv(principal: Principal, batchId: string, body: AsyncIterable<Buffer>): Promise<IngestResult> {
    assertBatchId(batchId);
    const catalogue = await this.prices.forTenant(principal.tenantId);
    const { header, head, rest } = await readHeader(body);
    return this.recordOnce(principal, { batchId, source: 'CSV' }, (client, tenantId) => copyReport(client, tenantId, batchId, catalogue, header, head, rest));
  }

  private async recordOnce(principal: Principal, batch: Pick<UsageBatch, 'batchId' | 'source'>, fill: Fill): Promise<IngestResult> {
    const client = await this.pool.connect();
    let recorded: { recordCount: number; months: string[] } | null;
    try {
      recorded = await this.record(client, principal, batch, fill);
    } finally {
      client.release();
    }
    return this.accepted(principal, batch, recorded);
  }

  private async lookups(tenantId: string): Promise<UsageLookups> {
    const catalogue = await this.prices.forTenant(tenantId);
    const { rows } = await this.asTenant(tenantId, `SELECT id FROM accounts WHERE tenant_id = $1`, [tenantId]);
    const accounts = new Set(rows.map((r) => r.id as string));
    return { isTenantAccount: (id) => accounts.has(id), priceOn: (p, u, d) => catalogue.priceOn(p, u, d) };
  }

  private async asTenant(tenantId: string, sql: string, values: unknown[]) {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenantId]);
      const result = await client.query(sql, values);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  /** The batch's rows, or null when the batch id was recorded before. */
  private async record(client: PoolClient, principal: Principal, batch: Pick<UsageBatch, 'batchId' | 'source'>, fill: Fill) {
    const tenantId = principal.tenantId;
    await client.query('BEGIN');
    try {
      await client.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenantId]);
      const claimed = await client.query(
        `INSERT INTO billing_usage_batches (tenant_id, batch_id, source, record_count, accepted_by, accepted_at)
         VALUES ($1, $2, $3, 0, $4, now()) ON CONFLICT DO NOTHING RETURNING batch_id`,
        [tenantId, batch.batchId, batch.source, principal.accountId],
      );
      if (claimed.rowCount === 0) {
        await client.query('ROLLBACK');
        return null;
      }
      const { recordCount, months } = await fill(client, tenantId, batch.batchId);
      await client.query(`UPDATE billing_usage_batches SET record_count = $3 WHERE tenant_id = $1 AND batch_id = $2`, [tenantId, batch.batchId, recordCount]);
      await client.query('COMMIT');
      return { recordCount, months };
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  }

  /** Appends the batch's event once; a duplicate or a retry after a crash finds it (or appends it) there. */
  private async accepted(principal: Principal, batch: Pick<UsageBatch, 'batchId' | 'source'>, recorded: { recordCount: number; months: string[] } | null): Promise<IngestResult> {
    const streamId = usageBatchStreamId(batch.batchId);
    const earlier = await this.events.readStream(principal.tenantId, streamId);
    if (earlier.length > 0 || !recorded) {
      const found = earlier[0] ?? (await this.appendAccepted(principal, batch, await this.storedBatch(principal, batch.batchId)));
      const data = (found as unknown as UsageBatchAcceptedEvent).data;
      return { batchId: batch.batchId, recordCount: data.recordCount, duplicate: true, consistencyToken: encodeConsistencyToken(found) };
    }
    const event = await this.appendAccepted(principal, batch, recorded);
    return { batchId: batch.batchId, recordCount: recorded.recordCount, duplicate: false, consistencyToken: encodeConsistencyToken(event) };
  }

  private async storedBatch(principal: Principal, batchId: string) {
    const { rows } = await this.asTenant(
      principal.tenantId,
      `SELECT b.record_count, ARRAY(SELECT DISTINCT to_char(r.usage_start AT TIME ZONE 'UTC', 'YYYY-MM') FROM billing_usage_records r
          WHERE r.tenant_id = b.tenant_id AND r.batch_id = b.batch_id ORDER BY 1) AS months
         FROM billing_usage_batches b WHERE b.tenant_id = $1 AND b.batch_id = $2`,
      [principal.tenantId, batchId],
    );
    return { recordCount: Number(rows[0]?.record_count ?? 0), months: (rows[0]?.months as string[]) ?? [] };
  }

  private async appendAccepted(principal: Principal, batch: Pick<UsageBatch, 'batchId' | 'source'>, recorded: { recordCount: number; months: string[] }) {
    const streamId = usageBatchStreamId(batch.batchId);
    const event: UsageBatchAcceptedEvent = {
      type: 'UsageBatchAccepted',
      data: { batchId: batch.batchId, source: batch.source, recordCount: recorded.recordCount, months: recorded.months, acceptedBy: principal.accountId, acceptedAt: new Date().toISOString() },
    };
    try {
      const result = await this.events.append({ tenantId: principal.tenantId, streamId, expectedVersion: 'no_stream', events: [event], metadata: auditMetadataOf(principal) });
      return { ...result.checkpoint, data: event.data };
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError)) throw error;
      // A racing duplicate appended it first.
      const [first] = await this.events.readStream(principal.tenantId, streamId);
      return first;
    }
  }
}

async function recordTyped(client: PoolClient, typed: string, tenantId: string, batchId: string): Promise<RecordedRows> {
  const { rows } = await client.query(recordRows(typed), [tenantId, batchId]);
  return { recordCount: rows[0].records as number, months: rows[0].months as string[] };
}

/** Streams the validated records into staging; the first bad one aborts the COPY. */
async function copyBatch(client: PoolClient, batch: UsageBatch, lookups: UsageLookups): Promise<number> {
  let count = 0;
  async function* lines() {
    let chunk: string[] = [];
    for await (const { line, input } of batch.records) {
      chunk.push(copyLine(line, validateUsageRecord(input, line, lookups, batch.fieldNames)));
      count += 1;
      if (chunk.length >= LINES_PER_CHUNK) {
        yield `${chunk.join('\n')}\n`;
        chunk = [];
      }
    }
    if (chunk.length > 0) yield `${chunk.join('\n')}\n`;
  }
  await pipeline(Readable.from(lines()), client.query(copyFrom(COPY_STAGING)));
  if (count === 0) throw invalidInput('INPUT_REQUIRED', 'The batch has no usage records.');
  return count;
}

/** The report's bytes COPYed into text staging, then its valid rows typed and recorded; any bad row refuses the batch. */
async function copyReport(client: PoolClient, tenantId: string, batchId: string, catalogue: PriceCatalogue, header: CurHeader, head: Buffer[], rest: AsyncIterator<Buffer>): Promise<RecordedRows> {
  // The sums group a whole report at once: in memory, not in batches spilled to disk.
  await client.query(`SET LOCAL work_mem = '64MB'`);
  await client.query(curStagingDdl(header));
  await createPriceKeys(client, catalogue);
  await createPriceVersions(client, catalogue);
  async function* bytes() {
    yield* head;
    for (let next = await rest.next(); !next.done; next = await rest.next()) yield next.value;
  }
  const copy = client.query(copyFrom(curCopy(header)));
  try {
    await pipeline(Readable.from(bytes()), copy);
  } catch (error) {
    throw malformedRow(error) ?? error;
  }
  const staged = copy.rowCount;
  if (staged === 0) throw invalidInput('INPUT_REQUIRED', 'The batch has no usage records.');
  if ((await client.query(anyBadCell(header))).rows[0].bad) throw await rejectionOf(client, tenantId, catalogue, header);
  // The typed rules leave a bad row out; the rest of its batch, inserted already, goes with the rollback.
  const rows = await recordTyped(client, curTypedRows(header), tenantId, batchId);
  if (rows.recordCount < staged) throw await rejectionOf(client, tenantId, catalogue, header);
  return rows;
}

/** The first bad row, judged by the domain's validator: the same line, field and words as GraphQL's. */
async function rejectionOf(client: PoolClient, tenantId: string, catalogue: PriceCatalogue, header: CurHeader): Promise<Error> {
  const { rows } = await client.query(firstBadRow(header), [tenantId]);
  const row = rows[0];
  if (!row) return new Error('A usage record was refused, but no bad row was found.');
  const lookups: UsageLookups = { isTenantAccount: () => row.known_account === true, priceOn: (p, u, d) => catalogue.priceOn(p, u, d) };
  try {
    validateUsageRecord(recordOfRow(header, row), row.line, lookups, CUR_FIELDS);
  } catch (error) {
    return error as Error;
  }
  return new UsageRecordRejected('InvalidInputException', row.line, '(row)', 'not a valid usage record', 'INVALID_PATTERN');
}
