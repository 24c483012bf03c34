import type { PoolClient } from 'pg';
import {
  attributeToMembership,
  boundsOf,
  coversPeriod,
  decimal,
  priceKey,
  type MembershipInterval,
  type PriceCatalogue,
  type StructureNode,
  type UsageSlice,
} from '@orgs/billing/domain';

export interface Membership {
  intervals: MembershipInterval[];
  accountNames: Map<string, string>;
}

/** Who was in the organization during the period, and where. */
export async function readMembership(db: PoolClient, tenantId: string, organizationId: string, period: string): Promise<Membership> {
  const { startMs, endMs } = boundsOf(period);
  const { rows } = await db.query(
    `SELECT account_id, parent_id, account_name, valid_from, valid_to FROM billing_memberships
      WHERE tenant_id = $1 AND organization_id = $2 AND valid_from < $4 AND (valid_to IS NULL OR valid_to > $3)`,
    [tenantId, organizationId, new Date(startMs), new Date(endMs)],
  );
  const accountNames = new Map<string, string>();
  const intervals = rows.map((r) => {
    accountNames.set(r.account_id, r.account_name);
    return { accountId: r.account_id, parentId: r.parent_id, fromMs: r.valid_from.getTime(), toMs: r.valid_to ? r.valid_to.getTime() : null };
  });
  return { intervals, accountNames };
}

export async function readStructure(db: PoolClient, tenantId: string, organizationId: string): Promise<StructureNode[]> {
  const { rows } = await db.query(`SELECT id, type, name, parent_id FROM billing_structure_nodes WHERE tenant_id = $1 AND organization_id = $2`, [tenantId, organizationId]);
  return rows.map((r) => ({ id: r.id, type: r.type, name: r.name, parentId: r.parent_id }));
}

/**
 * The organization's usage of the period as slices. Accounts in one parent all month are read
 * from the monthly sums (for usage types whose price changes that month, from the sums per day,
 * to price them day by day); the few accounts that joined, moved or left within
 * the month from their raw records, split by time (libs/billing/domain membership.ts).
 */
export async function readUsageSlices(db: PoolClient, tenantId: string, period: string, membership: Membership, catalogue: PriceCatalogue): Promise<UsageSlice[]> {
  const bounds = boundsOf(period);
  const byAccount = new Map<string, MembershipInterval[]>();
  for (const i of membership.intervals) byAccount.set(i.accountId, [...(byAccount.get(i.accountId) ?? []), i]);
  const whole = new Map<string, string>();
  const partial: MembershipInterval[] = [];
  for (const [accountId, intervals] of byAccount) {
    if (coversPeriod(intervals, bounds)) whole.set(accountId, intervals[0].parentId);
    else partial.push(...intervals);
  }
  const changing = catalogue.keysChangingWithin(bounds.firstDay, bounds.nextFirstDay);
  const slices = await wholeMonthSlices(db, tenantId, bounds.firstDay, whole, new Set(changing));
  if (changing.length > 0) slices.push(...(await dailySlices(db, tenantId, bounds, whole, changing)));
  if (partial.length > 0) slices.push(...(await splitSlices(db, tenantId, bounds, partial)));
  return slices;
}

async function wholeMonthSlices(db: PoolClient, tenantId: string, firstDay: string, whole: Map<string, string>, changing: Set<string>): Promise<UsageSlice[]> {
  if (whole.size === 0) return [];
  // The month's sums sorted in memory, not in files (some 200,000 rows for 10,000 accounts).
  await db.query(`SET LOCAL work_mem = '64MB'`);
  const { rows } = await db.query({
    text: `SELECT account_id, product_code, usage_type, tags, tags_key, quantity::text AS quantity FROM billing_usage_monthly
            WHERE tenant_id = $1 AND month = $2
            ORDER BY account_id COLLATE "C", product_code COLLATE "C", usage_type COLLATE "C", tags_key COLLATE "C"`,
    values: [tenantId, firstDay],
    rowMode: 'array',
  });
  const slices: UsageSlice[] = [];
  for (const [accountId, productCode, usageType, tags, key, quantity] of rows) {
    // Filtered here: the key has no account to look up by. In account order (the key's series ids
    // are hashes): pricing the slices in a random order took twice as long.
    if (!whole.has(accountId)) continue;
    if (changing.size > 0 && changing.has(priceKey(productCode, usageType))) continue;
    slices.push({ accountId, parentId: whole.get(accountId) as string, productCode, usageType, tags, tagsKey: key, day: firstDay, quantity: decimal(quantity) });
  }
  return slices;
}

/** Usage types whose price changes within the month, priced day by day: their sums per day (each batch's, added up here), with their series' names from the month's sums. */
async function dailySlices(db: PoolClient, tenantId: string, bounds: ReturnType<typeof boundsOf>, whole: Map<string, string>, changing: string[]): Promise<UsageSlice[]> {
  const [products, usageTypes] = [changing.map((k) => k.split('\u0000')[0]), changing.map((k) => k.split('\u0000')[1])];
  const { rows } = await db.query(
    `SELECT m.account_id, m.product_code, m.usage_type, m.tags, m.tags_key, to_char(x.day, 'YYYY-MM-DD') AS day, sum(x.quantity)::text AS quantity
       FROM billing_usage_monthly m JOIN unnest($3::text[], $4::text[]) AS k(p, u) ON m.product_code = k.p AND m.usage_type = k.u
       JOIN billing_usage_daily d ON d.tenant_id = m.tenant_id AND d.month = m.month AND d.series_id = m.series_id
       CROSS JOIN LATERAL unnest(d.days, d.quantities) AS x(day, quantity)
      WHERE m.tenant_id = $1 AND m.month = $2::date
      GROUP BY m.series_id, m.account_id, m.product_code, m.usage_type, m.tags, m.tags_key, x.day`,
    [tenantId, bounds.firstDay, products, usageTypes],
  );
  return rows.filter((r) => whole.has(r.account_id)).map((r) => ({ accountId: r.account_id, parentId: whole.get(r.account_id) as string, productCode: r.product_code, usageType: r.usage_type, tags: r.tags, tagsKey: r.tags_key, day: r.day, quantity: decimal(r.quantity) }));
}

/** The raw records of the accounts that joined, moved or left within the month: their series from the month's sums, the batches that hold them from the sums per day, then the records by key. */
async function splitSlices(db: PoolClient, tenantId: string, bounds: ReturnType<typeof boundsOf>, intervals: MembershipInterval[]): Promise<UsageSlice[]> {
  const accounts = [...new Set(intervals.map((i) => i.accountId))];
  const { rows } = await db.query(
    `SELECT m.account_id, m.product_code, m.usage_type, m.tags, r.usage_start, r.usage_end, r.quantity::text AS quantity
       FROM billing_usage_monthly m
       JOIN billing_usage_daily d ON d.tenant_id = m.tenant_id AND d.month = m.month AND d.series_id = m.series_id
       JOIN billing_usage_records r ON r.tenant_id = d.tenant_id AND r.batch_id = d.batch_id AND r.series_id = d.series_id AND r.usage_start >= $3 AND r.usage_start < $4
      WHERE m.tenant_id = $1 AND m.month = $5 AND m.account_id = ANY($2)`,
    [tenantId, accounts, new Date(bounds.startMs), new Date(bounds.endMs), bounds.firstDay],
  );
  const records = rows.map((r) => ({
    accountId: r.account_id,
    productCode: r.product_code,
    usageType: r.usage_type,
    tags: r.tags,
    startMs: r.usage_start.getTime(),
    endMs: r.usage_end.getTime(),
    quantity: decimal(r.quantity),
  }));
  return attributeToMembership(records, intervals);
}
