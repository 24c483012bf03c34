import { invalidInput } from '@orgs/shared/kernel';
import {
  drillDown,
  filterLines,
  formatCents,
  formatDecimal,
  groupLines,
  type BillFilter,
  type BillLine,
  type GroupDefinition,
} from '@orgs/billing/domain';
import type { BillView } from './bill.service';
import type { Bill, BillDrillDown, BillFilterInput, BillGroupByInput, BillLineItem } from './bill.types';

export const MAX_GROUP_BY = 3;

export function groupDefinitions(groupBy: BillGroupByInput[] | null | undefined): GroupDefinition[] {
  const groups = groupBy ?? [];
  if (groups.length > MAX_GROUP_BY) throw invalidInput('MAX_LIMIT_EXCEEDED_FILTER', `groupBy: at most ${MAX_GROUP_BY} dimensions.`);
  return groups.map((g) => {
    if (g.dimension === 'TAG' && !g.tagKey) throw invalidInput('INPUT_REQUIRED', 'groupBy: TAG needs a tagKey.');
    return { dimension: g.dimension, tagKey: g.tagKey ?? undefined };
  });
}

export function billFilter(input: BillFilterInput | null | undefined): BillFilter {
  return {
    accountIds: input?.accountIds ?? undefined,
    organizationalUnitIds: input?.organizationalUnitIds ?? undefined,
    productCodes: input?.productCodes ?? undefined,
    usageTypes: input?.usageTypes ?? undefined,
    tags: input?.tags ?? undefined,
  };
}

type AnyLine = BillLine & { adjustedPeriod?: string };

/**
 * Breakdowns of a view, computed once per view (views are cached while their inputs are unchanged,
 * bill-cache.ts): asking for the same grouping again costs nothing. Results are never mutated.
 */
const derived = new WeakMap<BillView, Map<string, unknown>>();
function memo<T>(view: BillView, key: string, compute: () => T): T {
  let entries = derived.get(view);
  if (!entries) derived.set(view, (entries = new Map()));
  if (!entries.has(key)) {
    if (entries.size >= 64) entries.clear();
    entries.set(key, compute());
  }
  return entries.get(key) as T;
}

/**
 * The bill as GraphQL shows it: totals of everything the caller may see; filter and groupBy shape
 * the breakdowns. The breakdowns are getters, read only when the query selects them: tens of
 * thousands of line items are not formatted for a query of totals.
 */
export function billOf(view: BillView, groups: GroupDefinition[], filter: BillFilter, drillFrom: string | null | undefined): Bill {
  const filterKey = JSON.stringify(filter);
  const lines: AnyLine[] = memo(view, `lines:${filterKey}`, () => filterLines([...view.lines, ...view.adjustments], filter, view.structure));
  const rootId = view.structure.nodes.find((n) => n.type === 'ROOT')?.id;
  return {
    period: view.period,
    status: view.status,
    currencyCode: 'USD',
    total: formatCents(view.total),
    standaloneTotal: formatCents(view.standalone),
    savings: formatCents(view.savings),
    adjustmentsTotal: formatCents(view.adjustments.reduce((t, a) => t + a.cost, 0n)),
    get groups() {
      return memo(view, `groups:${filterKey}:${JSON.stringify(groups)}`, () =>
        groupLines(lines, groups).map((g) => ({ keys: g.keys, cost: formatCents(g.cost), quantity: g.quantity === null ? null : formatDecimal(g.quantity) })),
      );
    },
    get drillDown() {
      return memo(view, `drill:${filterKey}:${drillFrom ?? rootId}`, () => drill(view, lines, drillFrom ?? rootId));
    },
    get accounts() {
      return view.accounts.map((a) => ({
      accountId: a.accountId,
      accountName: view.accountNames.get(a.accountId) ?? a.accountId,
      cost: formatCents(a.cost),
      standaloneCost: formatCents(a.standalone),
      savings: formatCents(a.savings),
      }));
    },
    get lineItems() {
      return lines.map(lineItem);
    },
  };
}

function drill(view: BillView, lines: AnyLine[], nodeId: string | undefined): BillDrillDown | null {
  if (!nodeId) return null;
  const level = drillDown(lines, view.structure, nodeId, (id) => view.accountNames.get(id) ?? id);
  if (!level) return null;
  const node = (n: { id: string; type: string; name: string; cost: bigint }) => ({ ...n, cost: formatCents(n.cost) });
  return { node: node(level.node), children: level.children.map(node) };
}

export function lineItem(line: AnyLine): BillLineItem {
  return {
    lineType: line.adjustedPeriod ? 'ADJUSTMENT' : 'USAGE',
    adjustedPeriod: line.adjustedPeriod ?? null,
    accountId: line.accountId,
    parentId: line.parentId,
    productCode: line.productCode,
    usageType: line.usageType,
    tags: Object.entries(line.tags).map(([key, value]) => ({ key, value })),
    quantity: formatDecimal(line.quantity),
    cost: formatCents(line.cost),
  };
}
