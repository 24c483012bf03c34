import type { PolicyType } from '@orgs/shared/kernel';
import { malformedPolicy } from '../document/malformed';
import { isObject, parseStrictJson, type JsonObject, type JsonValue } from '../document/strict-json';
import { POLICY_TYPES } from '../policy-types';
import { CHILD_CONTROL, isOperatorKey, isValueOperator, VALUE_OPERATORS } from './operators';
import type { ContainerSchema, Schema, SettingSchema } from './schema';
import { MANAGEMENT_SCHEMAS } from './schemas';

const CHILD_CONTROL_VALUES = ['@@all', '@@none', ...VALUE_OPERATORS];

/**
 * Reads a management policy and refuses it with MalformedPolicyDocumentException naming the
 * element path: the `@@` operator syntax for every management type, and the type's own schema
 * where the reference gives one (tag, backup, AI opt-out, chat, EC2).
 */
export function parseManagementPolicy(content: string, type: PolicyType): JsonObject {
  const json = parseStrictJson(content);
  if (!isObject(json)) throw malformedPolicy('The policy must be a JSON object.');
  const schema = MANAGEMENT_SCHEMAS[type];
  const top = POLICY_TYPES[type].topLevelKey;
  if (top) {
    const keys = Object.keys(json);
    if (keys.length !== 1 || keys[0] !== top) throw malformedPolicy(`The top-level element must be "${top}" alone.`);
  }
  checkNode(json, schema, '');
  return json;
}

function fail(path: string, message: string): never {
  throw malformedPolicy(`${path || 'policy'}: ${message}.`);
}

const join = (path: string, key: string) => (path ? `${path}.${key}` : key);

function checkNode(node: JsonValue, schema: Schema | undefined, path: string): void {
  if (!isObject(node)) fail(path, 'must be an object');
  if (Object.hasOwn(node, CHILD_CONTROL)) checkChildControl(node[CHILD_CONTROL], schema?.childControls, join(path, CHILD_CONTROL));
  const isSetting = schema ? schema.kind === 'setting' : VALUE_OPERATORS.some((op) => Object.hasOwn(node, op));
  if (isSetting) return checkSetting(node, schema as SettingSchema | undefined, path);
  for (const key of Object.keys(node)) {
    if (isOperatorKey(key) && key !== CHILD_CONTROL) fail(join(path, key), isValueOperator(key) ? 'value operators belong on a setting, not a container' : 'not an operator');
  }
  if (!schema) {
    for (const [key, child] of Object.entries(node)) if (!isOperatorKey(key)) checkNode(child, undefined, join(path, key));
    return;
  }
  checkContainer(node, schema as ContainerSchema, path);
}

function checkContainer(node: JsonObject, schema: ContainerSchema, path: string): void {
  const data = Object.keys(node).filter((key) => !isOperatorKey(key));
  const seen = new Set<string>();
  for (const key of data) {
    const lower = key.toLowerCase();
    // Keys compare ignoring case when policies merge, so two spellings of one key are one key twice.
    if (seen.has(lower)) fail(join(path, key), 'appears twice (keys are not case-sensitive)');
    seen.add(lower);
    const element = schema.elements?.[key];
    if (element) checkNode(node[key], element, join(path, key));
    else if (schema.entries && !schema.elements?.[lower]) {
      const refused = schema.entryKey?.(key);
      if (refused) fail(join(path, key), refused);
      checkNode(node[key], schema.entries, join(path, key));
    } else fail(join(path, key), 'not an element of this policy type here');
  }
  const missing = schema.required?.find((key) => !data.includes(key));
  if (missing) fail(join(path, missing), 'required');
  const entryCount = data.filter((key) => !schema.elements?.[key]).length;
  if (schema.maxEntries !== undefined && entryCount > schema.maxEntries) fail(path, `at most ${schema.maxEntries} entries`);
  const crossField = schema.check?.(node, path.split('.').pop() ?? '');
  if (crossField) fail(path, crossField);
}

function checkSetting(node: JsonObject, schema: SettingSchema | undefined, path: string): void {
  const allowedOps = schema?.operators ?? (schema && !schema.multi ? ['@@assign'] : VALUE_OPERATORS);
  for (const [key, operand] of Object.entries(node)) {
    if (key === CHILD_CONTROL) continue;
    if (!isOperatorKey(key)) fail(join(path, key), 'a setting holds only operators');
    if (!isValueOperator(key)) fail(join(path, key), 'not an operator');
    if (!allowedOps.includes(key)) fail(join(path, key), schema && !schema.multi ? 'only @@assign may set a single value' : 'operator not allowed here');
    checkOperand(operand, schema, key === '@@assign', join(path, key));
  }
}

function checkOperand(operand: JsonValue, schema: SettingSchema | undefined, assign: boolean, path: string): void {
  const multi = schema ? schema.multi : Array.isArray(operand) || !assign;
  if (multi !== Array.isArray(operand)) fail(path, multi ? 'must be a list of values' : 'must be a single value, not a list');
  const values = Array.isArray(operand) ? operand : [operand];
  values.forEach((value, i) => {
    if (isObject(value) || Array.isArray(value)) fail(Array.isArray(operand) ? `${path}[${i}]` : path, 'values are strings, numbers or booleans');
    const refused = schema?.value?.(value);
    if (refused) fail(Array.isArray(operand) ? `${path}[${i}]` : path, refused);
  });
}

function checkChildControl(value: JsonValue, allowed: readonly string[] | undefined, path: string): void {
  if (!Array.isArray(value) || value.length === 0) fail(path, 'must be a non-empty list');
  const valid = allowed ?? CHILD_CONTROL_VALUES;
  const bad = value.find((v) => typeof v !== 'string' || !valid.includes(v));
  if (bad !== undefined) fail(path, `${JSON.stringify(bad)} is not one of ${valid.join(', ')}`);
  if (value.length > 1 && value.some((v) => v === '@@all' || v === '@@none')) fail(path, '@@all and @@none stand alone');
}
