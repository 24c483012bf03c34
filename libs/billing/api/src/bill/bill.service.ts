import { Inject, Injectable } from '@nestjs/common';
import type { Pool, PoolClient } from 'pg';
import { PG_POOL } from '@orgs/shared/nest';
import {
  adjustmentLines,
  adjustmentTarget,
  boundsOf,
  computeBill,

  lineFromData,
  nextPeriod,
  parseCents,
  Structure,
  type AccountCharge,
  type AdjustmentLine,
  type BillLine,
  type Cents,

  type PriceCatalogue,
} from '@orgs/billing/domain';
import type { BillingCaller } from '../billing-scope.service';
import { PriceCatalogues } from '../prices/price-catalogue.service';
import { readAsTenant } from '../tenant-sql';
import { BillCache, structureFingerprint } from './bill-cache';
import { readMembership, readStructure, readUsageSlices } from './bill-usage.reader';

/** A month's bill as the caller may see it. */
export interface BillView {
  period: string;
  status: 'OPEN' | 'CLOSED';
  lines: BillLine[];
  adjustments: AdjustmentLine[];
  accounts: AccountCharge[];
  total: Cents;
  standalone: Cents;
  savings: Cents;
  structure: Structure;
  accountNames: Map<string, string>;
  /** Per month, the usage revision the bill saw (what closing it freezes). */
  usageRevisions: Record<string, number>;
}

interface ClosedPeriod {
  period: string;
  usageRevisions: Record<string, number>;
  accounts: { accountId: string; cost: string; standalone: string; savings: string }[];
}

@Injectable()
export class Bills {
  private readonly cache = new BillCache<BillView>();

  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    private readonly prices: PriceCatalogues,
  ) {}

  /** The whole organization's bill (management account, delegated administrators), or the caller's own share of it. */
  async bill(caller: BillingCaller, period: string): Promise<BillView> {
    boundsOf(period);
    const catalogue = await this.prices.forTenant(caller.tenantId);
    const view = await readAsTenant(this.pool, caller.tenantId, (db) => this.read(db, caller, period, catalogue));
    return caller.readsWholeBill ? view : ownShare(view, caller.accountId);
  }

  /** The whole bill, from the cache while its inputs are unchanged (bill-cache.ts). */
  private async read(db: PoolClient, caller: BillingCaller, period: string, catalogue: PriceCatalogue): Promise<BillView> {
    const { tenantId, organizationId } = caller;
    const closed = await closedPeriods(db, tenantId, organizationId);
    const revisions = await usageRevisions(db, tenantId);
    const fingerprint = await structureFingerprint(db, tenantId, organizationId);
    const closedKey = [...closed.values()].map((c) => [c.period, c.usageRevisions]);
    const key = JSON.stringify([tenantId, organizationId, period, this.cache.catalogueId(catalogue), fingerprint, revisions, closedKey]);
    const cached = this.cache.get(key);
    if (cached) return cached;
    const view = await this.compute(db, caller, period, catalogue, closed, revisions);
    this.cache.set(key, view);
    return view;
  }

  private async compute(db: PoolClient, caller: BillingCaller, period: string, catalogue: PriceCatalogue, closed: Map<string, ClosedPeriod>, revisions: Record<string, number>): Promise<BillView> {
    const { tenantId, organizationId } = caller;
    const membership = await readMembership(db, tenantId, organizationId, period);
    const structure = await readStructure(db, tenantId, organizationId);
    const base = { period, structure: new Structure(structure), accountNames: membership.accountNames };
    const frozen = closed.get(period);
    if (frozen) return { ...base, ...(await frozenInvoice(db, caller, frozen)) };
    const bill = computeBill(await readUsageSlices(db, tenantId, period, membership, catalogue), catalogue);
    const adjustments: AdjustmentLine[] = [];
    for (const late of closed.values()) {
      if (adjustmentTarget(late.period, (p) => closed.has(p), nextPeriod) !== period) continue;
      if ((revisions[late.period] ?? 0) <= billedRevision(closed, late.period)) continue;
      const again = computeBill(await readUsageSlices(db, tenantId, late.period, await readMembership(db, tenantId, organizationId, late.period), catalogue), catalogue);
      adjustments.push(...adjustmentLines(late.period, again.lines, await billedLines(db, caller, late.period)));
    }
    const adjusted = adjustments.reduce((t, a) => t + a.cost, 0n);
    const usageRevisionsSeen = { [period]: revisions[period] ?? 0, ...Object.fromEntries(adjustments.map((a) => [a.adjustedPeriod, revisions[a.adjustedPeriod] ?? 0])) };
    return { ...base, status: 'OPEN', lines: bill.lines, adjustments, accounts: bill.accounts, total: bill.total + adjusted, standalone: bill.standalone, savings: bill.savings, usageRevisions: usageRevisionsSeen };
  }
}

async function closedPeriods(db: PoolClient, tenantId: string, organizationId: string): Promise<Map<string, ClosedPeriod>> {
  const { rows } = await db.query(`SELECT period, usage_revisions, accounts FROM billing_periods WHERE tenant_id = $1 AND organization_id = $2`, [tenantId, organizationId]);
  return new Map(rows.map((r) => [r.period, { period: r.period, usageRevisions: r.usage_revisions, accounts: r.accounts }]));
}

async function usageRevisions(db: PoolClient, tenantId: string): Promise<Record<string, number>> {
  const { rows } = await db.query(`SELECT to_char(month, 'YYYY-MM') AS month, revision FROM billing_usage_revisions WHERE tenant_id = $1`, [tenantId]);
  return Object.fromEntries(rows.map((r) => [r.month, r.revision]));
}

/** The newest usage revision of a month that any frozen invoice has billed. */
const billedRevision = (closed: Map<string, ClosedPeriod>, period: string) => Math.max(0, ...[...closed.values()].map((c) => c.usageRevisions[period] ?? 0));

/** What was billed for a month: its frozen lines and every adjustment of it frozen since. */
async function billedLines(db: PoolClient, caller: BillingCaller, period: string): Promise<BillLine[]> {
  const { rows } = await db.query(
    `SELECT account_id, parent_id, product_code, usage_type, tags, quantity::text AS quantity, cost::text AS cost FROM billing_invoice_lines
      WHERE tenant_id = $1 AND organization_id = $2 AND ((period = $3 AND adjusted_period IS NULL) OR adjusted_period = $3)`,
    [caller.tenantId, caller.organizationId, period],
  );
  return rows.map(rowToLine);
}

async function frozenInvoice(db: PoolClient, caller: BillingCaller, closed: ClosedPeriod) {
  const { rows } = await db.query(
    `SELECT account_id, parent_id, product_code, usage_type, tags, quantity::text AS quantity, cost::text AS cost, adjusted_period
       FROM billing_invoice_lines WHERE tenant_id = $1 AND organization_id = $2 AND period = $3 ORDER BY line_number`,
    [caller.tenantId, caller.organizationId, closed.period],
  );
  const lines = rows.filter((r) => !r.adjusted_period).map(rowToLine);
  const adjustments = rows.filter((r) => r.adjusted_period).map((r) => ({ ...rowToLine(r), adjustedPeriod: r.adjusted_period as string }));
  const accounts = closed.accounts.map((a) => ({ accountId: a.accountId, cost: parseCents(a.cost), standalone: parseCents(a.standalone), savings: parseCents(a.savings) }));
  const total = [...lines, ...adjustments].reduce((t, l) => t + l.cost, 0n);
  const standalone = accounts.reduce((t, a) => t + a.standalone, 0n);
  const usageCost = lines.reduce((t, l) => t + l.cost, 0n);
  return { status: 'CLOSED' as const, lines, adjustments, accounts, total, standalone, savings: standalone - usageCost, usageRevisions: closed.usageRevisions };
}

const rowToLine = (r: Record<string, string>): BillLine =>
  lineFromData({ accountId: r.account_id, parentId: r.parent_id, productCode: r.product_code, usageType: r.usage_type, tags: r.tags as unknown as Record<string, string>, quantity: r.quantity, cost: r.cost });

/** A member sees its own usage and charges and nothing of other accounts. */
function ownShare(view: BillView, accountId: string): BillView {
  const lines = view.lines.filter((l) => l.accountId === accountId);
  const adjustments = view.adjustments.filter((l) => l.accountId === accountId);
  const accounts = view.accounts.filter((a) => a.accountId === accountId);
  const total = [...lines, ...adjustments].reduce((t, l) => t + l.cost, 0n);
  const standalone = accounts.reduce((t, a) => t + a.standalone, 0n);
  const names = new Map([...view.accountNames].filter(([id]) => id === accountId));
  // Only the part of the tree its own usage sat in: nothing of the other OUs.
  const seen = new Set(lines.flatMap((l) => view.structure.lineage(l.parentId)));
  const structure = new Structure(view.structure.nodes.filter((n) => seen.has(n.id)));
  return { ...view, lines, adjustments, accounts, total, standalone, savings: standalone - lines.reduce((t, l) => t + l.cost, 0n), accountNames: names, structure };
}

