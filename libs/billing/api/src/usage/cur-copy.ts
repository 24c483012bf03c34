import { parse } from 'csv-parse/sync';
import type { PoolClient } from 'pg';
import { UsageRecordRejected, type PriceCatalogue, type UsageRecordInput } from '@orgs/billing/domain';
import { CUR_FIELDS } from './cur-csv';

/**
 * A Cost and Usage Report goes into Postgres as it arrives: the file's bytes, header and all, are
 * COPYed (FORMAT csv) into a staging table of text cells, so no row is parsed or validated in
 * JavaScript. Validation is set-based: one predicate per field, cheap string functions (Postgres's
 * regular expressions cost several times more), joined with the tenant's accounts and price keys.
 * Only a batch that fails it is looked at row by row: its first bad row goes through the domain's
 * validateUsageRecord, which names the line and field exactly as the GraphQL path does.
 */
export interface CurHeader {
  /** Column names, in file order. */
  names: string[];
  /** Where each usage field is (a cell's column name is c<index>). */
  column: Partial<Record<keyof typeof CUR_FIELDS, string>>;
  /** Tag keys (resourceTags/user:<key>) with their columns, sorted by key as tagsKey sorts them. */
  tags: { key: string; column: string }[];
}

const REQUIRED = ['accountId', 'productCode', 'usageType', 'quantity', 'usageStart', 'usageEnd'] as const;
const TAG_PREFIX = 'resourceTags/user:';
const MAX_HEADER_BYTES = 1 << 20;

/** The header line, read off the front of the body; the bytes read stay in `head` for COPY. */
export async function readHeader(body: AsyncIterable<Buffer>): Promise<{ header: CurHeader; head: Buffer[]; rest: AsyncIterator<Buffer> }> {
  const iterator = body[Symbol.asyncIterator]();
  const head: Buffer[] = [];
  let size = 0;
  for (;;) {
    const next = await iterator.next();
    if (next.done) break;
    const chunk = Buffer.isBuffer(next.value) ? next.value : Buffer.from(next.value);
    head.push(chunk);
    size += chunk.length;
    if (chunk.includes(10) || size > MAX_HEADER_BYTES) break;
  }
  const all = Buffer.concat(head);
  const end = all.indexOf(10);
  const line = all.subarray(0, end < 0 ? all.length : end).toString('utf8').replace(/^\uFEFF/, '').replace(/\r$/, '');
  return { header: headerOf(line), head, rest: iterator };
}

function headerOf(line: string): CurHeader {
  let names: string[];
  try {
    names = ((parse(line) as string[][])[0] ?? []).map((n) => n.trim());
  } catch {
    throw new UsageRecordRejected('InvalidInputException', 1, '(header)', 'malformed CSV header', 'INVALID_PATTERN');
  }
  const index = new Map(names.map((name, i) => [name, `c${i}`]));
  const column: CurHeader['column'] = {};
  for (const field of Object.keys(CUR_FIELDS) as (keyof typeof CUR_FIELDS)[]) {
    const at = index.get(CUR_FIELDS[field]);
    if (at) column[field] = at;
  }
  const missing = REQUIRED.find((field) => !column[field]);
  if (missing) throw new UsageRecordRejected('InvalidInputException', 1, CUR_FIELDS[missing], 'the header lacks this column', 'INPUT_REQUIRED');
  const tags = [...index.entries()]
    .filter(([name]) => name.startsWith(TAG_PREFIX))
    .map(([name, c]) => ({ key: name.slice(TAG_PREFIX.length), column: c }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { names, column, tags };
}

const cells = (header: CurHeader) => header.names.map((_, i) => `c${i}`);
const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;

export const curStagingDdl = (header: CurHeader) =>
  `CREATE TEMP TABLE billing_cur_staging (ordinal int GENERATED ALWAYS AS IDENTITY, ${cells(header).map((c) => `${c} text`).join(', ')}) ON COMMIT DROP`;

export const curCopy = (header: CurHeader) =>
  `COPY billing_cur_staging (${cells(header).join(', ')}) FROM STDIN WITH (FORMAT csv, HEADER true, FORCE_NOT_NULL (${cells(header).join(', ')}))`;

/** The tenant's price keys (names valid, so a match proves the product code and usage type are). */
export async function createPriceKeys(client: PoolClient, catalogue: PriceCatalogue): Promise<void> {
  const keys = catalogue.priceKeys();
  await client.query(`CREATE TEMP TABLE billing_price_keys (product_code text, usage_type text, first_from date, unit text, PRIMARY KEY (product_code, usage_type)) ON COMMIT DROP`);
  await client.query(
    `INSERT INTO billing_price_keys SELECT * FROM unnest($1::text[], $2::text[], $3::date[], $4::text[])`,
    [keys.map((k) => k.productCode), keys.map((k) => k.usageType), keys.map((k) => k.firstFrom), keys.map((k) => k.unit)],
  );
}

const C = (sql: string) => `(${sql}) COLLATE "C"`;
const INSTANT_SHAPES = (() => {
  const times = ['', ':00', ...Array.from({ length: 9 }, (_, i) => `:00.${'0'.repeat(i + 1)}`)];
  const zones = ['Z', '+00:00', '+0000', '-00:00', '-0000'];
  return times.flatMap((t) => zones.map((z) => `0000-00-00T00:00${t}${z}`));
})();

/** ISO 8601 with a zone, every field in range: exactly what can be cast to timestamptz without an error. */
function instantOk(c: string): string {
  const month = C(`substr(${c}, 6, 2)`);
  const leap = `(substr(${c}, 1, 4)::int % 4 = 0 AND (substr(${c}, 1, 4)::int % 100 <> 0 OR substr(${c}, 1, 4)::int % 400 = 0))`;
  const lastDay = `CASE WHEN ${month} IN ('04', '06', '09', '11') THEN '30' WHEN ${month} = '02' THEN CASE WHEN ${leap} THEN '29' ELSE '28' END ELSE '31' END`;
  const zoneHours = `CASE WHEN substr(${c}, length(${c}) - 2, 1) = ':' THEN substr(${c}, length(${c}) - 4, 2) ELSE substr(${c}, length(${c}) - 3, 2) END`;
  return `(translate(${c}, '0123456789', '0000000000') IN (${INSTANT_SHAPES.map(literal).join(', ')})
    AND ${C(`substr(${c}, 1, 4)`)} >= '0001' AND ${month} BETWEEN '01' AND '12'
    AND ${C(`substr(${c}, 9, 2)`)} BETWEEN '01' AND ${lastDay}
    AND ${C(`substr(${c}, 12, 2)`)} <= '23' AND ${C(`substr(${c}, 15, 2)`)} <= '59'
    AND (substr(${c}, 17, 1) <> ':' OR ${C(`substr(${c}, 18, 2)`)} <= '59')
    AND (right(${c}, 1) = 'Z' OR (${C(zoneHours)} <= '15' AND ${C(`right(${c}, 2)`)} <= '59')))`;
}

/** A decimal of at most 20 integer and 10 fraction digits, optionally negative: castable to numeric(30, 10) exactly. */
function decimalOk(t: string): string {
  const dot = `strpos(${t}, '.')`;
  return `(translate(${t}, '0123456789', '') IN ('', '.', '-', '-.') AND strpos(${t}, '-') IN (0, 1)
    AND ${t} NOT LIKE '%.' AND ${t} NOT LIKE '.%' AND ${t} NOT LIKE '-.%' AND ${t} <> '-' AND ${t} <> ''
    AND (CASE ${dot} WHEN 0 THEN length(${t}) ELSE ${dot} - 1 END) - (left(${t}, 1) = '-')::int <= 20
    AND (${dot} = 0 OR length(${t}) - ${dot} <= 10))`;
}

const TAG_KEY_OK = (key: string) => key.length > 0 && key.length <= 128;

const regionOk = (r: string) => `length(${r}) <= 32 AND translate(${r}, 'abcdefghijklmnopqrstuvwxyz0123456789-', '') = ''`;

/** Every rule validateUsageRecord checks, per row (the account and price key joins supply the rest): the error path's test. */
function rowOk(h: CurHeader): string {
  const col = h.column;
  const region = col.region ? `s.${col.region}` : `''`;
  const quantity = `btrim(s.${col.quantity})`;
  const start = `s.${col.usageStart}`;
  const end = `s.${col.usageEnd}`;
  const checks = [
    `a.id IS NOT NULL`,
    `p.product_code IS NOT NULL`,
    regionOk(region),
    decimalOk(quantity),
    `(${quantity} NOT LIKE '-%' OR ${quantity}::numeric = 0)`,
    instantOk(start),
    instantOk(end),
    ...typedChecks(h, `${start}::timestamptz`, `${end}::timestamptz`, `${quantity}::numeric`),
    ...h.tags.map((t) => (TAG_KEY_OK(t.key) ? `length(s.${t.column}) <= 256` : `s.${t.column} = ''`)),
  ];
  // CASE, not AND: each cast runs only once the checks before it held.
  return `CASE ${checks.map((check) => `WHEN NOT (${check}) THEN false`).join(' ')} ELSE true END`;
}

/** The rules on typed values, cheap once the cells are known to cast. */
function typedChecks(h: CurHeader, start: string, end: string, quantity: string): string[] {
  return [
    `${quantity} >= 0`,
    `${end} >= ${start}`,
    `p.first_from <= (${start} AT TIME ZONE 'UTC')::date`,
    ...(h.column.unit ? [`(s.${h.column.unit} = '' OR s.${h.column.unit} = ${unitOf(h)})`] : []),
  ];
}

/**
 * The happy path's test of the text cells, on their DISTINCT values (usage starts and ends come in
 * hourly or daily buckets, regions and quantities repeat): far fewer checks than rows. True when
 * some cell could not be cast or breaks a rule; then the batch is refused (firstBadRow names it).
 */
export function anyBadCell(h: CurHeader): string {
  const col = h.column;
  // OFFSET 0 keeps the planner from pushing the check below the DISTINCT (onto every row).
  const distinct = (expression: string) => `SELECT DISTINCT ${expression} AS v FROM billing_cur_staging s OFFSET 0`;
  const checks = [
    `EXISTS (SELECT 1 FROM ((${distinct(`s.${col.usageStart}`)}) UNION (${distinct(`s.${col.usageEnd}`)}) OFFSET 0) t WHERE NOT ${instantOk('t.v')})`,
    `EXISTS (SELECT 1 FROM (${distinct(`btrim(s.${col.quantity})`)}) t WHERE NOT ${decimalOk('t.v')})`,
    ...(col.region ? [`EXISTS (SELECT 1 FROM (${distinct(`s.${col.region}`)}) t WHERE NOT (${regionOk('t.v')}))`] : []),
    ...h.tags.map((t) => `EXISTS (SELECT 1 FROM billing_cur_staging s WHERE ${TAG_KEY_OK(t.key) ? `length(s.${t.column}) > 256` : `s.${t.column} <> ''`})`),
  ];
  return `SELECT ${checks.join(' OR ')} AS bad`;
}

/** The price's unit on the usage's day: the key's own when every version has the same. */
const unitOf = (h: CurHeader) =>
  `coalesce(p.unit, (SELECT v.unit FROM billing_price_versions v WHERE v.product_code = p.product_code AND v.usage_type = p.usage_type
     AND v.effective_from <= (s.${h.column.usageStart}::timestamptz AT TIME ZONE 'UTC')::date ORDER BY v.effective_from DESC LIMIT 1))`;

/** The price versions, for usage types whose unit changed (rare; queried per row only then). */
export async function createPriceVersions(client: PoolClient, catalogue: PriceCatalogue): Promise<void> {
  const rows = catalogue.priceKeys().filter((k) => k.unit === null).flatMap((k) => k.versions.map((v) => [k.productCode, k.usageType, v.effectiveFrom, v.unit]));
  await client.query(`CREATE TEMP TABLE billing_price_versions (product_code text, usage_type text, effective_from date, unit text) ON COMMIT DROP`);
  if (rows.length > 0) {
    await client.query(`INSERT INTO billing_price_versions SELECT * FROM unnest($1::text[], $2::text[], $3::date[], $4::text[])`, [0, 1, 2, 3].map((i) => rows.map((r) => r[i])));
  }
}

const FROM = (h: CurHeader) => `FROM billing_cur_staging s
  LEFT JOIN accounts a ON a.tenant_id = $1::uuid AND a.id = s.${h.column.accountId}
  LEFT JOIN billing_price_keys p ON p.product_code = s.${h.column.productCode} AND p.usage_type = s.${h.column.usageType}`;

/** The tag set's key as tagsKey writes it: sorted [key, value] pairs of the non-empty cells, '' for none. */
function tagsKeySql(h: CurHeader): string {
  const valued = h.tags.filter((t) => TAG_KEY_OK(t.key));
  if (valued.length === 0) return `''`;
  const parts = valued.map((t) => `CASE WHEN s.${t.column} <> '' THEN ${literal(`[${JSON.stringify(t.key)},`)} || to_json(s.${t.column})::text || ']' END`);
  return `coalesce(NULLIF('[' || concat_ws(',', ${parts.join(', ')}) || ']', '[]'), '')`;
}

/**
 * The report's rows, typed as recordRows (copy-rows.ts) reads them, once anyBadCell found every
 * cell castable: only the joins and the rules on typed values are left per row. Inner joins: a
 * row of an unknown account or price key drops out, and fewer rows than staged means a bad one.
 * No tags object and no unit per row (recordRows builds a series' tags from its key; the unit is
 * looked up only when the report has the column, to compare). OFFSET 0 keeps the planner from
 * copying the casts into the rules (each cell was parsed three times).
 */
export function curTypedRows(h: CurHeader): string {
  const col = h.column;
  const given = col.unit ? `, ${unitOf(h)} AS unit, s.${col.unit} AS given_unit` : '';
  return `SELECT ordinal + 1 AS line_number, account_id, usage_start, usage_end, product_code, usage_type, region, quantity, tags_key FROM (
      SELECT s.ordinal, a.id AS account_id, s.${col.usageStart}::timestamptz AS usage_start, s.${col.usageEnd}::timestamptz AS usage_end,
             p.product_code, p.usage_type, ${col.region ? `s.${col.region}` : `''`} AS region, btrim(s.${col.quantity})::numeric AS quantity,
             ${tagsKeySql(h)} AS tags_key, p.first_from${given}
      FROM billing_cur_staging s
      JOIN accounts a ON a.tenant_id = $1::uuid AND a.id = s.${col.accountId}
      JOIN billing_price_keys p ON p.product_code = s.${col.productCode} AND p.usage_type = s.${col.usageType}
      OFFSET 0) s
    WHERE ${typedRowChecks(h)}`;
}

/** typedChecks over the typed columns of curTypedRows's inner select. */
function typedRowChecks(h: CurHeader): string {
  const checks = [`quantity >= 0`, `usage_end >= usage_start`, `first_from <= (usage_start AT TIME ZONE 'UTC')::date`];
  if (h.column.unit) checks.push(`(given_unit = '' OR given_unit = unit)`);
  return checks.join(' AND ');
}

/** The first row that fails, with its cells and its line in the file (rows may hold quoted line breaks). */
export function firstBadRow(h: CurHeader): string {
  const all = cells(h).map((c) => `s.${c}`).join(` || ',' || `);
  return `WITH bad AS (SELECT s.*, a.id IS NOT NULL AS known_account ${FROM(h)} WHERE NOT (${rowOk(h)}) ORDER BY s.ordinal LIMIT 1)
    SELECT bad.*, 1 + bad.ordinal + (SELECT coalesce(sum(length(${all}) - length(replace(${all}, E'\\n', ''))), 0)
                                       FROM billing_cur_staging s WHERE s.ordinal < bad.ordinal)::int AS line FROM bad`;
}

/** A staged row as the domain's validator takes it. */
export function recordOfRow(h: CurHeader, row: Record<string, string>): UsageRecordInput {
  const cell = (field: keyof typeof CUR_FIELDS) => (h.column[field] ? row[h.column[field] as string] : undefined);
  const tags: Record<string, string> = {};
  for (const t of h.tags) if (row[t.column]) tags[t.key] = row[t.column];
  return {
    accountId: cell('accountId') as string,
    productCode: cell('productCode') as string,
    usageType: cell('usageType') as string,
    quantity: cell('quantity') as string,
    usageStart: cell('usageStart') as string,
    usageEnd: cell('usageEnd') as string,
    region: cell('region'),
    unit: cell('unit') || undefined,
    tags,
  };
}

/** Postgres refused the bytes (an unclosed quote, a wrong number of cells, bad UTF-8): its line, as COPY counts them. */
export function malformedRow(error: unknown): UsageRecordRejected | null {
  const e = error as { code?: string; where?: string; message?: string };
  if (!e?.code || !['22P04', '22021', '22P05', '54000'].includes(e.code)) return null;
  const line = Number(/line (\d+)/.exec(e.where ?? '')?.[1] ?? 0);
  const problem = (e.message ?? '').replace(/ for column "c\d+"/, '').replace(/"c\d+"/, 'a column');
  return new UsageRecordRejected('InvalidInputException', line, '(row)', `malformed CSV (${problem})`, 'INVALID_PATTERN');
}
