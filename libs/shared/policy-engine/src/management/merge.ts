import { isObject, type JsonObject, type JsonValue } from '../document/strict-json';
import { CHILD_CONTROL, isOperatorKey, operatorsAllowed, VALUE_OPERATORS, type ValueOperator } from './operators';

/**
 * The effective policy of one type after some node of the chain, and what the nodes above allow
 * the nodes below to change. Plain JSON, so a read model can store it per node and carry on from
 * it: a child's effective policy is `mergeLevel(parent's state, child's policies)`.
 */
export interface MergeState {
  /** The effective document so far: keys lower-cased, each setting collapsed to its value. */
  values: JsonObject;
  /** Element path (`tags.costcenter.tag_value`) -> the operators lower nodes may still use; absent: all. */
  allowed: Record<string, ValueOperator[]>;
}

export const emptyMergeState = (): MergeState => ({ values: {}, allowed: {} });

const ALL = [...VALUE_OPERATORS];
const same = (a: JsonValue, b: JsonValue) => JSON.stringify(a) === JSON.stringify(b);
const clone = <T extends JsonValue>(value: T): T => structuredClone(value);

/**
 * Applies the policies attached to one node, in attach order, on top of its parent's state
 * (management-policies.md 3.2). Operators the parent forbade are ignored, not refused; of two
 * `@@assign`s at one node the first attached wins; `@@operators_allowed_for_child_policies` from
 * the node's policies intersect, and bind only the nodes below.
 */
export function mergeLevel(parent: MergeState, policies: readonly JsonObject[]): MergeState {
  const level = new LevelMerge(parent);
  for (const policy of policies) level.visit(policy, []);
  return level.result();
}

/** The effective policy of the last node of a chain: its nodes' policies, root first. */
export function effectivePolicy(chain: readonly (readonly JsonObject[])[]): JsonObject {
  return chain.reduce(mergeLevel, emptyMergeState()).values;
}

class LevelMerge {
  private readonly values: JsonObject;
  private readonly declared = new Map<string, ValueOperator[]>();
  private readonly assignedHere = new Set<string>();

  constructor(private readonly parent: MergeState) {
    this.values = clone(parent.values);
  }

  visit(node: JsonObject, path: string[]): void {
    const key = path.join('.');
    if (Array.isArray(node[CHILD_CONTROL])) {
      const ops = operatorsAllowed(node[CHILD_CONTROL] as string[]);
      this.declared.set(key, (this.declared.get(key) ?? ALL).filter((op) => ops.includes(op)));
    }
    if (VALUE_OPERATORS.some((op) => Object.hasOwn(node, op))) this.applySetting(node, path);
    for (const [name, child] of Object.entries(node)) {
      if (!isOperatorKey(name) && isObject(child)) this.visit(child, [...path, name.toLowerCase()]);
    }
  }

  result(): MergeState {
    const allowed = { ...this.parent.allowed };
    for (const [path, ops] of this.declared) allowed[path] = (allowed[path] ?? ALL).filter((op) => ops.includes(op));
    return { values: this.values, allowed };
  }

  private applySetting(node: JsonObject, path: string[]): void {
    const key = path.join('.');
    const exists = valueAt(this.values, path) !== undefined;
    if (!exists && this.insideLockedContainer(path)) return;
    const allowed = this.parent.allowed[key] ?? ALL;
    for (const op of VALUE_OPERATORS) {
      if (!Object.hasOwn(node, op) || !allowed.includes(op)) continue;
      const operand = node[op];
      if (op === '@@assign') {
        if (this.assignedHere.has(key)) continue;
        this.assignedHere.add(key);
        setValueAt(this.values, path, clone(operand));
      } else {
        const current = valueAt(this.values, path);
        const list = Array.isArray(current) ? current : [];
        const given = Array.isArray(operand) ? operand : [operand];
        if (op === '@@append') setValueAt(this.values, path, given.reduce<JsonValue[]>((acc, v) => (acc.some((x) => same(x, v)) ? acc : [...acc, v]), list));
        else if (current !== undefined) setValueAt(this.values, path, list.filter((v) => !given.some((x) => same(x, v))));
      }
    }
  }

  /** A container locked with `@@none` above this node takes no new elements. */
  private insideLockedContainer(path: string[]): boolean {
    for (let i = 0; i < path.length; i++) {
      const ops = this.parent.allowed[path.slice(0, i).join('.')];
      if (i > 0 && ops !== undefined && ops.length === 0) return true;
    }
    return false;
  }
}

function valueAt(root: JsonObject, path: string[]): JsonValue | undefined {
  let node: JsonValue | undefined = root;
  for (const key of path) node = isObject(node) && Object.hasOwn(node, key) ? node[key] : undefined;
  return node;
}

function setValueAt(root: JsonObject, path: string[], value: JsonValue): void {
  let node = root;
  for (const key of path.slice(0, -1)) {
    if (!isObject(node[key])) node[key] = {};
    node = node[key] as JsonObject;
  }
  node[path[path.length - 1]] = value;
}
