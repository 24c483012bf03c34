/** The value-setting operators of management policies (management-policies.md 2.1). */
export const VALUE_OPERATORS = ['@@assign', '@@append', '@@remove'] as const;
export type ValueOperator = (typeof VALUE_OPERATORS)[number];
export const CHILD_CONTROL = '@@operators_allowed_for_child_policies';

export const isOperatorKey = (key: string) => key.startsWith('@@');
export const isValueOperator = (key: string): key is ValueOperator => (VALUE_OPERATORS as readonly string[]).includes(key);

/** `["@@all"]` is every operator, `["@@none"]` none, otherwise the listed ones. */
export function operatorsAllowed(values: readonly string[]): ValueOperator[] {
  if (values.includes('@@all')) return [...VALUE_OPERATORS];
  if (values.includes('@@none')) return [];
  return VALUE_OPERATORS.filter((op) => values.includes(op));
}
