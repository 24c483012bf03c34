import { assertUnreachable } from '@orgs/shared/kernel';
import type { Cents, Quantity } from '../money/decimal';
import type { BillLine } from './compute-bill';

export type GroupDimension = 'ORGANIZATIONAL_UNIT' | 'ACCOUNT' | 'SERVICE' | 'USAGE_TYPE' | 'TAG';
export interface GroupDefinition {
  dimension: GroupDimension;
  /** The tag key, for TAG. */
  tagKey?: string;
}

export interface BillGroup {
  /** One key per group definition, in their order; '' for usage without the tag. */
  keys: string[];
  cost: Cents;
  /** Only when grouped by usage type: quantities of different usage types do not add up. */
  quantity: Quantity | null;
}

export interface BillFilter {
  accountIds?: readonly string[];
  /** Usage of accounts anywhere below these OUs (or the root). */
  organizationalUnitIds?: readonly string[];
  productCodes?: readonly string[];
  usageTypes?: readonly string[];
  tags?: readonly { key: string; values: readonly string[] }[];
}

/** The organization's tree as billing knows it: every root and OU the period's usage may sit in. */
export interface StructureNode {
  id: string;
  name: string;
  type: 'ROOT' | 'ORGANIZATIONAL_UNIT';
  parentId: string | null;
}

export class Structure {
  private readonly byId: Map<string, StructureNode>;

  constructor(readonly nodes: readonly StructureNode[]) {
    this.byId = new Map(nodes.map((n) => [n.id, n]));
  }

  get(id: string): StructureNode | undefined {
    return this.byId.get(id);
  }

  /** The parent itself, then each ancestor up to the root. */
  lineage(parentId: string): string[] {
    const chain: string[] = [];
    for (let id: string | null = parentId; id !== null && chain.length < 10; id = this.byId.get(id)?.parentId ?? null) chain.push(id);
    return chain;
  }

  childrenOf(id: string): StructureNode[] {
    return this.nodes.filter((n) => n.parentId === id);
  }
}

export function filterLines(lines: readonly BillLine[], filter: BillFilter, structure: Structure): BillLine[] {
  const inSet = (values: readonly string[] | undefined) => (values && values.length > 0 ? new Set(values) : null);
  const accounts = inSet(filter.accountIds);
  const services = inSet(filter.productCodes);
  const usageTypes = inSet(filter.usageTypes);
  const units = inSet(filter.organizationalUnitIds);
  return lines.filter(
    (line) =>
      (!accounts || accounts.has(line.accountId)) &&
      (!services || services.has(line.productCode)) &&
      (!usageTypes || usageTypes.has(line.usageType)) &&
      (!units || structure.lineage(line.parentId).some((id) => units.has(id))) &&
      (filter.tags ?? []).every((tag) => tag.values.includes(line.tags[tag.key] ?? '')),
  );
}

function keyOf(line: BillLine, group: GroupDefinition): string {
  switch (group.dimension) {
    case 'ORGANIZATIONAL_UNIT':
      return line.parentId;
    case 'ACCOUNT':
      return line.accountId;
    case 'SERVICE':
      return line.productCode;
    case 'USAGE_TYPE':
      return line.usageType;
    case 'TAG':
      return line.tags[group.tagKey ?? ''] ?? '';
    default:
      return assertUnreachable(group.dimension);
  }
}

/** Sums of line costs per combination of keys, the costliest first. */
export function groupLines(lines: readonly BillLine[], groups: readonly GroupDefinition[]): BillGroup[] {
  const withQuantity = groups.some((g) => g.dimension === 'USAGE_TYPE');
  const byKey = new Map<string, BillGroup>();
  // Tens of thousands of lines per bill: one key string per line, the keys array only per group.
  for (const line of lines) {
    let id = keyOf(line, groups[0] ?? NO_GROUP);
    for (let i = 1; i < groups.length; i++) id += `\u0000${keyOf(line, groups[i])}`;
    let group = byKey.get(id);
    if (!group) byKey.set(id, (group = { keys: groups.map((g) => keyOf(line, g)), cost: 0n, quantity: withQuantity ? 0n : null }));
    group.cost += line.cost;
    if (group.quantity !== null) group.quantity += line.quantity;
  }
  return [...byKey.values()].sort((a, b) => (a.cost === b.cost ? (a.keys.join() < b.keys.join() ? -1 : 1) : a.cost > b.cost ? -1 : 1));
}

const NO_GROUP: GroupDefinition = { dimension: 'TAG', tagKey: '\u0000' };

export interface CostNode {
  id: string;
  type: 'ROOT' | 'ORGANIZATIONAL_UNIT' | 'ACCOUNT';
  name: string;
  /** Everything below the node, for a root or OU; the account's usage in that parent, for an account. */
  cost: Cents;
}

/** One level of the drill-down: a root or OU with its rolled-up cost, and its OUs and accounts. */
export function drillDown(lines: readonly BillLine[], structure: Structure, nodeId: string, accountName: (id: string) => string) {
  const rolledUp = new Map<string, Cents>();
  const accountsHere = new Map<string, Cents>();
  for (const line of lines) {
    for (const id of structure.lineage(line.parentId)) rolledUp.set(id, (rolledUp.get(id) ?? 0n) + line.cost);
    if (line.parentId === nodeId) accountsHere.set(line.accountId, (accountsHere.get(line.accountId) ?? 0n) + line.cost);
  }
  const node = structure.get(nodeId);
  if (!node) return null;
  const units: CostNode[] = structure.childrenOf(nodeId).map((n) => ({ id: n.id, type: n.type, name: n.name, cost: rolledUp.get(n.id) ?? 0n }));
  const accounts: CostNode[] = [...accountsHere.entries()].map(([id, cost]) => ({ id, type: 'ACCOUNT', name: accountName(id), cost }));
  const children = [...units, ...accounts].sort((a, b) => (a.cost === b.cost ? (a.id < b.id ? -1 : 1) : a.cost > b.cost ? -1 : 1));
  return { node: { id: node.id, type: node.type, name: node.name, cost: rolledUp.get(node.id) ?? 0n }, children };
}
