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

const DAY_OF = `(usage_start AT TIME ZONE 'UTC')::date`;

/** A series' tags as an object, from its key (sorted [key, value] pairs, '' for none): once per series, not per row. */
const TAGS_OF_KEY = `CASE WHEN tags_key = '' THEN '{}'::jsonb ELSE (SELECT jsonb_object_agg(e->>0, e->>1) FROM jsonb_array_elements(tags_key::jsonb) e) END`;

/**
 * A batch's typed rows (a SELECT with STAGING_DDL's columns; tags and unit unread, tenant id $1)
 * into the tables in one statement, all set-based: the raw records (batch id $2) under their
 * series' id; their sums per series (account, usage type and tag set) and day (the batch's own,
 * one row per series and month); per series and month (added to what earlier batches left); and
 * the revision of every month the batch touched. One statement, so the rows are typed once and
 * read once; the month's sums are summed from the day's. Keyed by the series' 64-bit id, not its
 * four text columns: comparing those keys in the B-trees was most of an upload's time. A raw
 * record is its batch, the series id, the times, the quantity and the region (the names are on
 * its series' monthly row; the batch leads its key, so an upload's entries fill pages of their
 * own); a series' tags are built from its key once per series. The days' arrays are aggregated
 * in day order, which groups by sorting: grouping the days by hash instead (unordered arrays,
 * or by id alone apart from the names) spilled to disk and cost more (bench/billing/stages.ts,
 * 1M records: 18.3-18.6 s of Postgres time against 13.5-15.8 s). Answers the number of rows and
 * the months (YYYY-MM).
 */
export function recordRows(typed: string): string {
  return `WITH typed AS MATERIALIZED (
    SELECT t.line_number, t.account_id, t.usage_start, t.usage_end, t.product_code, t.usage_type, t.region, t.quantity, t.tags_key,
           orgs_billing_series_id(t.account_id, t.product_code, t.usage_type, t.tags_key) AS series_id FROM (${typed}) t),
  records AS (
    INSERT INTO billing_usage_records (tenant_id, batch_id, series_id, usage_start, line_number, usage_end, quantity, region)
    SELECT $1::uuid, $2, series_id, usage_start, line_number, usage_end, quantity, region FROM typed),
  days AS MATERIALIZED (
    SELECT series_id, ${DAY_OF} AS day, account_id, product_code, usage_type, tags_key, sum(quantity) AS quantity
      FROM typed GROUP BY series_id, 2, account_id, product_code, usage_type, tags_key),
  groups AS MATERIALIZED (
    SELECT series_id, date_trunc('month', day)::date AS month, account_id, product_code, usage_type, tags_key, sum(quantity) AS quantity,
           array_agg(day ORDER BY day) AS days, array_agg(quantity ORDER BY day) AS quantities
      FROM days GROUP BY series_id, 2, account_id, product_code, usage_type, tags_key),
  monthly AS (${MONTHLY}),
  daily AS (${DAILY}),
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
    SELECT $1::uuid, month, series_id, account_id, product_code, usage_type, tags_key, ${TAGS_OF_KEY}, quantity FROM groups ORDER BY month, series_id
    ON CONFLICT (tenant_id, month, series_id) DO UPDATE SET quantity = CASE
      WHEN (t.account_id, t.product_code, t.usage_type, t.tags_key) = (excluded.account_id, excluded.product_code, excluded.usage_type, excluded.tags_key)
      THEN t.quantity + excluded.quantity ELSE orgs_billing_series_collision(t.series_id) END`;

/**
 * The batch's sums per day, a row per series and month: inserted, never updated (the batch id is
 * new). A series id that names two series is refused by MONTHLY in the same statement.
 */
const DAILY = `INSERT INTO billing_usage_daily (tenant_id, month, series_id, batch_id, days, quantities)
    SELECT $1::uuid, month, series_id, $2, days, quantities FROM groups ORDER BY month, series_id`;
