import { E2eService } from './support/e2e-service';

/**
 * A large Cost and Usage Report upload (200,000 rows, several megabytes, streamed in chunks as a
 * client sends it): every row is recorded, in the raw records, the sums per day and the monthly sums.
 */
const orgs = new E2eService('e2e-billing-bulk-operator');
const ROWS = 200_000;
const HEADER = 'lineItem/UsageAccountId,lineItem/ProductCode,lineItem/UsageType,lineItem/UsageAmount,lineItem/UsageStartDate,lineItem/UsageEndDate,product/region,resourceTags/user:team';
let org: Awaited<ReturnType<E2eService['organization']>>;

beforeAll(async () => {
  await orgs.start();
  org = await orgs.organization('Bulk billing e2e');
}, 120_000);
afterAll(() => orgs.stop());

/** The month after this one: the management account is a member all of it. */
function nextMonthStart(): number {
  const now = new Date();
  return Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1);
}

/** The file as a stream of 1,000-row chunks, the way a client streams a report it reads from disk. */
async function* csvChunks(accountId: string, startMs: number): AsyncGenerator<Uint8Array> {
  const encoder = new TextEncoder();
  yield encoder.encode(`${HEADER}\n`);
  for (let from = 0; from < ROWS; from += 1_000) {
    const rows: string[] = [];
    for (let i = from; i < from + 1_000; i++) {
      const start = startMs + (i % (28 * 24)) * 3_600_000;
      rows.push(`${accountId},AmazonEC2,BoxUsage:t3.micro,0.5,${new Date(start).toISOString()},${new Date(start + 3_600_000).toISOString()},us-east-1,${i % 2 === 0 ? 'web' : ''}`);
    }
    yield encoder.encode(`${rows.join('\n')}\n`);
  }
}

it('records every row of a 200,000-row report', async () => {
  const startMs = nextMonthStart();
  const stream = ReadableStream.from(csvChunks(org.accountId, startMs));
  const response = await fetch(`${orgs.baseUrl}/billing/usage?batchId=bulk-1`, {
    method: 'POST',
    headers: { 'content-type': 'text/csv', authorization: `Bearer ${org.key}` },
    body: stream,
    duplex: 'half',
  } as RequestInit);
  const body = (await response.json()) as { recordCount: number };
  expect({ status: response.status, recordCount: body.recordCount }).toEqual({ status: 201, recordCount: ROWS });
  const [stored] = await orgs.sql<{ records: number; recorded: string; daily: string; days: number; monthly: string; batch: number }>(
    `SELECT (SELECT count(*)::int FROM billing_usage_records WHERE tenant_id = $1) AS records,
            (SELECT sum(quantity)::text FROM billing_usage_records WHERE tenant_id = $1) AS recorded,
            (SELECT sum(q)::text FROM billing_usage_daily d, unnest(d.quantities) q WHERE d.tenant_id = $1) AS daily,
            (SELECT count(DISTINCT day)::int FROM billing_usage_daily d, unnest(d.days) day WHERE d.tenant_id = $1) AS days,
            (SELECT sum(quantity)::text FROM billing_usage_monthly WHERE tenant_id = $1) AS monthly,
            (SELECT record_count FROM billing_usage_batches WHERE tenant_id = $1 AND batch_id = 'bulk-1') AS batch`,
    [org.tenantId],
  );
  // 200,000 rows of 0.5 hours, their starts over the month's first 28 days.
  expect(stored).toEqual({ records: ROWS, recorded: '100000.0000000000', daily: '100000.0000000000', days: 28, monthly: '100000.0000000000', batch: ROWS });
}, 180_000);
