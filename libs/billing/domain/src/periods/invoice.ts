import { decimal, formatCents, formatDecimal, parseCents } from '../money/decimal';
import type { AccountCharge, BillLine, ComputedBill, Tags } from '../bill/compute-bill';
import { tagsKey } from '../bill/compute-bill';

/** A frozen invoice as the BillingPeriodClosed event carries it: decimals as strings. */
export interface InvoiceLineData {
  accountId: string;
  parentId: string;
  productCode: string;
  usageType: string;
  tags: Tags;
  quantity: string;
  cost: string;
}
export interface AdjustmentLineData extends InvoiceLineData {
  /** The closed month whose late usage this line bills. */
  adjustedPeriod: string;
}
export interface InvoiceData {
  lines: InvoiceLineData[];
  adjustments: AdjustmentLineData[];
  accounts: { accountId: string; cost: string; standalone: string; savings: string }[];
  total: string;
  standalone: string;
  savings: string;
}

export interface AdjustmentLine extends BillLine {
  adjustedPeriod: string;
}

const lineData = (line: BillLine): InvoiceLineData => ({
  accountId: line.accountId,
  parentId: line.parentId,
  productCode: line.productCode,
  usageType: line.usageType,
  tags: line.tags,
  quantity: formatDecimal(line.quantity),
  cost: formatCents(line.cost),
});

export const lineFromData = (data: InvoiceLineData): BillLine => ({ ...data, quantity: decimal(data.quantity), cost: parseCents(data.cost) });

export function invoiceData(bill: ComputedBill, adjustments: readonly AdjustmentLine[]): InvoiceData {
  const accounts = bill.accounts.map((a: AccountCharge) => ({
    accountId: a.accountId,
    cost: formatCents(a.cost),
    standalone: formatCents(a.standalone),
    savings: formatCents(a.savings),
  }));
  return {
    lines: bill.lines.map(lineData),
    adjustments: adjustments.map((a) => ({ ...lineData(a), adjustedPeriod: a.adjustedPeriod })),
    accounts,
    total: formatCents(bill.total),
    standalone: formatCents(bill.standalone),
    savings: formatCents(bill.savings),
  };
}

const lineKey = (l: BillLine) => [l.accountId, l.parentId, l.productCode, l.usageType, tagsKey(l.tags)].join('\u0000');

/**
 * Late usage of a closed month: the month billed again with everything now known, less what was
 * billed for it already (its frozen invoice and any adjustments frozen since), line by line. Only
 * lines that changed are returned; tiers are applied to the month's whole usage, so late usage
 * gets the tier the month reached, not the first one.
 */
export function adjustmentLines(adjustedPeriod: string, recomputed: readonly BillLine[], billed: readonly BillLine[]): AdjustmentLine[] {
  const delta = new Map<string, AdjustmentLine>();
  const add = (line: BillLine, sign: 1n | -1n) => {
    const key = lineKey(line);
    const current = delta.get(key) ?? { ...line, quantity: 0n, cost: 0n, adjustedPeriod };
    delta.set(key, { ...current, quantity: current.quantity + sign * line.quantity, cost: current.cost + sign * line.cost });
  };
  for (const line of recomputed) add(line, 1n);
  for (const line of billed) add(line, -1n);
  return [...delta.values()].filter((l) => l.quantity !== 0n || l.cost !== 0n);
}

/** Where a closed month's late usage is billed: the first month after it that is still open. */
export function adjustmentTarget(period: string, isClosed: (period: string) => boolean, next: (period: string) => string): string {
  let target = next(period);
  while (isClosed(target)) target = next(target);
  return target;
}
