import type { ConditionOperator } from './condition-operators';
import { decodeBase64, parseDate, parseNumber } from './condition-values';
import { anyMatcher, arnMatcher, type Matcher } from './glob';
import { inRange, parseCidr } from './ip';
import { resolveVariables, type RequestContext } from './request-context';

/** One key test of a Condition block, compiled: true when the request satisfies it. */
export type ConditionTest = (context: RequestContext) => boolean;

export interface ConditionClause {
  operator: ConditionOperator;
  /** Lower-cased: condition key names are case-insensitive. */
  key: string;
  values: readonly string[];
}

/**
 * The rules of scp-rcp-evaluation.md 7.1-7.4: several values are an OR, a negated operator is true
 * when no value matches (so also when the key is absent), IfExists is true for an absent key, Null
 * tests presence, ForAllValues is vacuously true and ForAnyValue false on an absent or empty key.
 */
export function compileCondition({ operator, key, values }: ConditionClause): ConditionTest {
  const { base, qualifier, ifExists } = operator;
  if (base.family === 'Null') {
    const wantsAbsent = values.map((v) => v.toLowerCase() === 'true');
    return (context) => {
      const present = (context.get(key)?.length ?? 0) > 0;
      return wantsAbsent.some((absent) => absent !== present);
    };
  }
  const positive = positiveTest(operator, values);
  const single = base.negated ? (value: string, c: RequestContext) => !positive(value, c) : positive;
  return (context) => {
    const request = context.get(key);
    if (qualifier === 'ForAllValues') return !request || request.every((value) => single(value, context));
    if (qualifier === 'ForAnyValue') return !!request && request.some((value) => single(value, context));
    if (!request || request.length === 0) return ifExists || base.negated;
    const anyMatches = request.some((value) => positive(value, context));
    return base.negated ? !anyMatches : anyMatches;
  };
}

type ValueTest = (requestValue: string, context: RequestContext) => boolean;

/** Whether one request value matches at least one policy value, ignoring the operator's negation. */
function positiveTest(operator: ConditionOperator, values: readonly string[]): ValueTest {
  const literal = values.filter((v) => !v.includes('${'));
  const variable = values.filter((v) => v.includes('${'));
  const fixed = literalTest(operator, literal);
  if (variable.length === 0) return fixed;
  return (value, context) => {
    if (fixed(value, context)) return true;
    const resolved = variable.map((v) => resolveVariables(v, context)).filter((v): v is string => v !== undefined);
    return resolved.length > 0 && literalTest(operator, resolved)(value, context);
  };
}

function literalTest(operator: ConditionOperator, values: readonly string[]): ValueTest {
  const { base } = operator;
  switch (base.family) {
    case 'String':
      return stringTest(values, !!base.like, !!base.ignoreCase);
    case 'Numeric':
      return orderedTest(values.map(parseNumber), parseNumber, base.comparison ?? 'eq');
    case 'Date':
      return orderedTest(values.map(parseDate), parseDate, base.comparison ?? 'eq');
    case 'Bool': {
      const wanted = new Set(values.map((v) => v.toLowerCase()));
      return (value) => wanted.has(value.toLowerCase());
    }
    case 'Binary': {
      const wanted = new Set(values.map(decodeBase64).filter((v) => v !== undefined));
      return (value) => wanted.has(decodeBase64(value) ?? '\u0000');
    }
    case 'Ip': {
      const ranges = values.map(parseCidr).filter((r) => r !== undefined);
      return (value) => ranges.some((range) => inRange(range, value));
    }
    case 'Arn': {
      const matchers = values.map(arnMatcher);
      return (value) => matchers.some((m) => m(value));
    }
    default:
      return () => false;
  }
}

function stringTest(values: readonly string[], like: boolean, ignoreCase: boolean): ValueTest {
  if (like) {
    const matcher: Matcher = anyMatcher(values, false);
    return (value) => matcher(value);
  }
  if (ignoreCase) {
    const wanted = new Set(values.map((v) => v.toLowerCase()));
    return (value) => wanted.has(value.toLowerCase());
  }
  if (values.length === 1) return (value) => value === values[0];
  const wanted = new Set(values);
  return (value) => wanted.has(value);
}

const COMPARE = {
  eq: (a: number, b: number) => a === b,
  lt: (a: number, b: number) => a < b,
  lte: (a: number, b: number) => a <= b,
  gt: (a: number, b: number) => a > b,
  gte: (a: number, b: number) => a >= b,
};

function orderedTest(policy: number[], parse: (text: string) => number, comparison: keyof typeof COMPARE): ValueTest {
  const compare = COMPARE[comparison];
  return (value) => {
    const request = parse(value);
    return !Number.isNaN(request) && policy.some((p) => !Number.isNaN(p) && compare(request, p));
  };
}

