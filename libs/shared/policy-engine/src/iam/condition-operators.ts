export type ConditionFamily = 'String' | 'Numeric' | 'Date' | 'Bool' | 'Binary' | 'Ip' | 'Arn' | 'Null';

export interface BaseOperator {
  name: string;
  family: ConditionFamily;
  /** `...Not...` operators: true only when the request value matches none of the listed values. */
  negated: boolean;
  /** For Numeric and Date: how the request value compares with the policy value. */
  comparison?: 'eq' | 'lt' | 'lte' | 'gt' | 'gte';
  ignoreCase?: boolean;
  like?: boolean;
}

export interface ConditionOperator {
  /** As written in the policy, e.g. `ForAnyValue:StringLikeIfExists`. */
  name: string;
  base: BaseOperator;
  qualifier?: 'ForAnyValue' | 'ForAllValues';
  ifExists: boolean;
}

const op = (name: string, family: ConditionFamily, extra: Partial<BaseOperator> = {}): BaseOperator => ({ name, family, negated: false, ...extra });
const comparisons = (family: 'Numeric' | 'Date'): BaseOperator[] => [
  op(`${family}Equals`, family, { comparison: 'eq' }),
  op(`${family}NotEquals`, family, { comparison: 'eq', negated: true }),
  op(`${family}LessThan`, family, { comparison: 'lt' }),
  op(`${family}LessThanEquals`, family, { comparison: 'lte' }),
  op(`${family}GreaterThan`, family, { comparison: 'gt' }),
  op(`${family}GreaterThanEquals`, family, { comparison: 'gte' }),
];

/** The operators of scp-rcp-evaluation.md 7.2. */
const BASE_OPERATORS: ReadonlyMap<string, BaseOperator> = new Map(
  [
    op('StringEquals', 'String'),
    op('StringNotEquals', 'String', { negated: true }),
    op('StringEqualsIgnoreCase', 'String', { ignoreCase: true }),
    op('StringNotEqualsIgnoreCase', 'String', { ignoreCase: true, negated: true }),
    op('StringLike', 'String', { like: true }),
    op('StringNotLike', 'String', { like: true, negated: true }),
    ...comparisons('Numeric'),
    ...comparisons('Date'),
    op('Bool', 'Bool'),
    op('BinaryEquals', 'Binary'),
    op('IpAddress', 'Ip'),
    op('NotIpAddress', 'Ip', { negated: true }),
    op('ArnEquals', 'Arn'),
    op('ArnLike', 'Arn', { like: true }),
    op('ArnNotEquals', 'Arn', { negated: true }),
    op('ArnNotLike', 'Arn', { like: true, negated: true }),
    op('Null', 'Null'),
  ].map((o) => [o.name, o]),
);

const QUALIFIED = /^(?:(ForAnyValue|ForAllValues):)?([A-Za-z]+?)(IfExists)?$/;

/** `undefined` for an operator IAM does not know; `Null` has no IfExists form. */
export function parseConditionOperator(name: string): ConditionOperator | undefined {
  const match = QUALIFIED.exec(name);
  if (!match) return undefined;
  const base = BASE_OPERATORS.get(match[2]);
  if (!base || (base.family === 'Null' && (match[3] || match[1]))) return undefined;
  return { name, base, qualifier: match[1] as ConditionOperator['qualifier'], ifExists: match[3] !== undefined };
}
