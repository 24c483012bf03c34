import { formatDecimal, tagsKey, type ValidUsageRecord } from '@orgs/billing/domain';

/** The staging table a batch is COPYed into; it lives for the transaction only. */
export const STAGING_DDL = `CREATE TEMP TABLE billing_usage_staging (
  line_number int NOT NULL, account_id text NOT NULL, usage_start timestamptz NOT NULL, usage_end timestamptz NOT NULL,
  product_code text NOT NULL, usage_type text NOT NULL, region text NOT NULL, unit text NOT NULL,
  quantity numeric(30, 10) NOT NULL, tags jsonb NOT NULL, tags_key text NOT NULL) ON COMMIT DROP`;

export const COPY_STAGING = `COPY billing_usage_staging (line_number, account_id, usage_start, usage_end, product_code, usage_type,
  region, unit, quantity, tags, tags_key) FROM STDIN`;

/** COPY's text format: backslash, tab and line breaks escaped. */
const escape = (text: string) => (/[\\\t\n\r]/.test(text) ? text.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r') : text);

export function copyLine(line: number, r: ValidUsageRecord): string {
  const key = tagsKey(r.tags);
  const tags = key === '' ? '{}' : JSON.stringify(r.tags);
  return [
    line,
    r.accountId,
    new Date(r.startMs).toISOString(),
    new Date(r.endMs).toISOString(),
    escape(r.productCode),
    escape(r.usageType),
    r.region,
    escape(r.unit),
    formatDecimal(r.quantity),
    escape(tags),
    escape(key),
  ].join('\t');
}

/**
 * From staging into the tables, all set-based: the raw records, their sums per day and per month
 * (added to what earlier batches left), and the revision of every month the batch touched.
 */
export const RECORDS_FROM_STAGING = `INSERT INTO billing_usage_records (tenant_id, account_id, usage_start, batch_id, line_number, usage_end, product_code, usage_type, region, unit, quantity, tags)
   SELECT $1::uuid, account_id, usage_start, $2, line_number, usage_end, product_code, usage_type, region, unit, quantity, tags FROM billing_usage_staging`;

/** Each takes the tenant id as $1. */
export const SUMS_FROM_STAGING = [
  aggregate('billing_usage_daily', 'day', `(usage_start AT TIME ZONE 'UTC')::date`),
  aggregate('billing_usage_monthly', 'month', `date_trunc('month', usage_start AT TIME ZONE 'UTC')::date`),
  `INSERT INTO billing_usage_revisions AS r (tenant_id, month, revision)
   SELECT DISTINCT $1::uuid, date_trunc('month', usage_start AT TIME ZONE 'UTC')::date, 1 FROM billing_usage_staging
   ON CONFLICT (tenant_id, month) DO UPDATE SET revision = r.revision + 1`,
];

function aggregate(table: string, column: string, expression: string): string {
  return `INSERT INTO ${table} AS t (tenant_id, ${column}, account_id, product_code, usage_type, tags_key, tags, quantity)
   SELECT $1::uuid, ${expression}, account_id, product_code, usage_type, tags_key, min(tags::text)::jsonb, sum(quantity)
     FROM billing_usage_staging
    GROUP BY 2, account_id, product_code, usage_type, tags_key
   ON CONFLICT (tenant_id, ${column}, account_id, product_code, usage_type, tags_key) DO UPDATE SET quantity = t.quantity + excluded.quantity`;
}

export const MONTHS_IN_STAGING = `SELECT DISTINCT to_char(usage_start AT TIME ZONE 'UTC', 'YYYY-MM') AS month FROM billing_usage_staging ORDER BY 1`;
