import { allocateCents } from '../money/allocate';
import { roundToCents, type Amount, type Cents, type Quantity } from '../money/decimal';
import { priceKey, tieredCost, type PriceCatalogue } from '../prices/price-list';

export type Tags = Readonly<Record<string, string>>;

/** Usage that counts toward the organization: a member's, in the parent it sat in at the time. */
export interface UsageSlice {
  accountId: string;
  /** The root or OU the account was in when the usage happened. */
  parentId: string;
  productCode: string;
  usageType: string;
  tags: Tags;
  /** tagsKey(tags), when the reader has it already (the usage tables store it). */
  tagsKey?: string;
  /** The day the usage is priced on (YYYY-MM-DD, UTC): its place in the month's usage order. */
  day: string;
  quantity: Quantity;
}

/** One invoice line: an account's usage of a usage type in one parent with one set of tags. */
export interface BillLine {
  accountId: string;
  parentId: string;
  productCode: string;
  usageType: string;
  tags: Tags;
  quantity: Quantity;
  /** The blended cost, rounded to cents: the only rounding there is. */
  cost: Cents;
}

export interface AccountCharge {
  accountId: string;
  cost: Cents;
  /** What the account's own usage would have cost with its own tiers. */
  standalone: Cents;
  savings: Cents;
}

export interface ComputedBill {
  lines: BillLine[];
  accounts: AccountCharge[];
  total: Cents;
  standalone: Cents;
  savings: Cents;
}

export const tagsKey = (tags: Tags) => {
  const keys = Object.keys(tags);
  return keys.length === 0 ? '' : JSON.stringify(keys.sort().map((k) => [k, tags[k]]));
};

/**
 * The month's bill. For each usage type, the organization's combined usage runs through the tiers
 * in usage order (day by day, at each day's price), giving the consolidated cost; that cost is
 * allocated back to the lines at the blended rate (cost / usage) in whole cents that add up to the
 * consolidated cost; each account's standalone cost runs its own usage through its own tiers.
 */
export function computeBill(slices: readonly UsageSlice[], catalogue: PriceCatalogue): ComputedBill {
  const lines: BillLine[] = [];
  const standalone = new Map<string, Cents>();
  for (const group of groupBy(slices, (s) => priceKey(s.productCode, s.usageType)).values()) {
    const merged = mergeLines(group);
    const cents = allocateCents(usageCost(group, catalogue), merged.map((l) => l.quantity));
    merged.forEach((l, i) => lines.push({ accountId: l.accountId, parentId: l.parentId, productCode: l.productCode, usageType: l.usageType, tags: l.tags, quantity: l.quantity, cost: cents[i] }));
    for (const [accountId, own] of groupBy(group, (s) => s.accountId)) {
      standalone.set(accountId, (standalone.get(accountId) ?? 0n) + roundToCents(usageCost(own, catalogue)));
    }
  }
  return summarize(lines, standalone);
}

/** Usage priced in day order through the tiers, the cumulative position carrying across price changes. */
export function usageCost(group: readonly UsageSlice[], catalogue: PriceCatalogue): Amount {
  const byDay = new Map<string, Quantity>();
  for (const s of group) byDay.set(s.day, (byDay.get(s.day) ?? 0n) + s.quantity);
  const { productCode, usageType } = group[0];
  let position = 0n;
  let total = 0n;
  for (const day of [...byDay.keys()].sort()) {
    const price = catalogue.priceOn(productCode, usageType, day);
    if (!price) throw new Error(`No price for ${productCode} ${usageType} on ${day}`);
    const quantity = byDay.get(day) as Quantity;
    total += tieredCost(price.tiers, position, position + quantity);
    position += quantity;
  }
  return total;
}

type UnpricedLine = Omit<BillLine, 'cost'> & { key: string };

/** Slices of one usage type merged per account, parent and tags, in key order (the tie-break of the allocation). */
function mergeLines(group: readonly UsageSlice[]): UnpricedLine[] {
  const byKey = new Map<string, UnpricedLine>();
  for (const s of group) {
    const key = `${s.accountId}\u0000${s.parentId}\u0000${s.tagsKey ?? tagsKey(s.tags)}`;
    const line = byKey.get(key);
    if (line) line.quantity += s.quantity;
    else byKey.set(key, { key, accountId: s.accountId, parentId: s.parentId, productCode: s.productCode, usageType: s.usageType, tags: s.tags, quantity: s.quantity });
  }
  return [...byKey.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

function summarize(lines: BillLine[], standaloneByAccount: Map<string, Cents>): ComputedBill {
  const costByAccount = new Map<string, Cents>();
  for (const line of lines) costByAccount.set(line.accountId, (costByAccount.get(line.accountId) ?? 0n) + line.cost);
  const accounts = [...costByAccount.entries()]
    .map(([accountId, cost]) => {
      const own = standaloneByAccount.get(accountId) ?? 0n;
      return { accountId, cost, standalone: own, savings: own - cost };
    })
    .sort((a, b) => (a.accountId < b.accountId ? -1 : 1));
  const total = accounts.reduce((t, a) => t + a.cost, 0n);
  const standalone = accounts.reduce((t, a) => t + a.standalone, 0n);
  return { lines, accounts, total, standalone, savings: standalone - total };
}

export function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}
