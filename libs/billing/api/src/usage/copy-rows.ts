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

export interface RecordedRows {
  recordCount: number;
  months: string[];
}

/** The typed rows of a batch, as STAGING_DDL's columns: the GraphQL path's staging table. */
export const STAGED_ROWS = `SELECT line_number, account_id, usage_start, usage_end, product_code, usage_type, region, unit, quantity, tags, tags_key FROM billing_usage_staging`;

const MONTH_OF = `date_trunc('month', usage_start AT TIME ZONE 'UTC')::date`;

/**
 * A batch's typed rows (a SELECT of STAGING_DDL's columns, tenant id $1) into the tables in one
 * statement, all set-based: the raw records (batch id $2), their sums per series (account, usage
 * type and tag set) and month, added to what earlier batches left, and the revision of every month
 * the batch touched. One statement, so the rows are typed once and read once. The sums are keyed
 * by the series' 64-bit id, not its four text columns: comparing those keys in the B-tree was most
 * of an upload's time. No daily sums: an index entry per record, for the rare month whose prices
 * change (the bill sums its raw records by day). Answers the number of rows and the months (YYYY-MM).
 */
export function recordRows(typed: string): string {
  return `WITH typed AS MATERIALIZED (
    SELECT t.*, orgs_billing_series_id(account_id, product_code, usage_type, tags_key) AS series_id FROM (${typed}) t),
  records AS (
    INSERT INTO billing_usage_records (tenant_id, account_id, usage_start, batch_id, line_number, usage_end, product_code, usage_type, region, unit, quantity, tags)
    SELECT $1::uuid, account_id, usage_start, $2, line_number, usage_end, product_code, usage_type, region, unit, quantity, tags FROM typed),
  groups AS MATERIALIZED (
    SELECT series_id, ${MONTH_OF} AS month, account_id, product_code, usage_type, tags_key, min(tags::text)::jsonb AS tags, sum(quantity) AS quantity
      FROM typed GROUP BY series_id, 2, account_id, product_code, usage_type, tags_key),
  monthly AS (${MONTHLY}),
  months AS (SELECT DISTINCT month FROM groups),
  revisions AS (
    INSERT INTO billing_usage_revisions AS r (tenant_id, month, revision) SELECT $1::uuid, month, 1 FROM months
    ON CONFLICT (tenant_id, month) DO UPDATE SET revision = r.revision + 1)
  SELECT (SELECT count(*)::int FROM typed) AS records, ARRAY(SELECT to_char(month, 'YYYY-MM') FROM months ORDER BY 1) AS months`;
}

/**
 * The batch's sums added to the month's. Grouped by name as well as id, so two series of the batch
 * with one id would update one row twice (an error); one whose names differ from the stored row of
 * its id raises a collision: either way the batch is refused, never summed into another series. In
 * (month, series id) order, the index's: filled page by page, not at random (the ids are hashes),
 * and two batches adding to the same sums take their locks in the same order.
 */
const MONTHLY = `INSERT INTO billing_usage_monthly AS t (tenant_id, month, series_id, account_id, product_code, usage_type, tags_key, tags, quantity)
    SELECT $1::uuid, month, series_id, account_id, product_code, usage_type, tags_key, tags, quantity FROM groups ORDER BY month, series_id
    ON CONFLICT (tenant_id, month, series_id) DO UPDATE SET quantity = CASE
      WHEN (t.account_id, t.product_code, t.usage_type, t.tags_key) = (excluded.account_id, excluded.product_code, excluded.usage_type, excluded.tags_key)
      THEN t.quantity + excluded.quantity ELSE orgs_billing_series_collision(t.series_id) END`;
