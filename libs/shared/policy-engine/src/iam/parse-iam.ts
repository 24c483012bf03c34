import { malformedPolicy } from '../document/malformed';
import { isObject, parseStrictJson, type JsonObject, type JsonValue } from '../document/strict-json';
import { parseConditionOperator } from './condition-operators';
import { invalidConditionValue } from './condition-values';
import type { ConditionClause } from './conditions';
import { statementName, type IamDocument, type IamDocumentKind, type IamStatement, type PrincipalElement } from './iam-document';
import { checkStatementForKind } from './iam-rules';

const TOP_LEVEL = new Set(['Version', 'Id', 'Statement']);
const STATEMENT_KEYS = new Set(['Sid', 'Effect', 'Principal', 'NotPrincipal', 'Action', 'NotAction', 'Resource', 'NotResource', 'Condition']);
const ACTION = /^(\*|[a-z0-9*?-]+:[a-z0-9*?_-]+)$/i;

/**
 * Reads an IAM-grammar document (SCP, RCP, identity or resource-based policy) and refuses it with
 * MalformedPolicyDocumentException naming the statement and the element at fault.
 */
export function parseIamPolicy(content: string, kind: IamDocumentKind): IamDocument {
  const json = parseStrictJson(content);
  if (!isObject(json)) throw malformedPolicy('The policy must be a JSON object.');
  const unknown = Object.keys(json).find((key) => !TOP_LEVEL.has(key));
  if (unknown) throw malformedPolicy(`${unknown}: not a policy element (expected Version, Id, Statement).`);
  if (json.Version !== '2012-10-17') throw malformedPolicy('Version: must be "2012-10-17".');
  const raw = json.Statement;
  if (raw === undefined) throw malformedPolicy('Statement: required.');
  const list = Array.isArray(raw) ? raw : [raw];
  if (list.length === 0) throw malformedPolicy('Statement: must hold at least one statement.');
  const statements = list.map((s, index) => parseStatement(s, index, kind));
  return { version: json.Version, statements };
}

function parseStatement(raw: JsonValue, index: number, kind: IamDocumentKind): IamStatement {
  if (!isObject(raw)) throw malformedPolicy(`${statementName(index)}: must be an object.`);
  const sid = raw.Sid === undefined ? undefined : raw.Sid;
  const name = statementName(index, typeof sid === 'string' ? sid : undefined);
  const at = (element: string) => `${name}.${element}`;
  if (sid !== undefined && typeof sid !== 'string') throw malformedPolicy(`${at('Sid')}: must be a string.`);
  const unknown = Object.keys(raw).find((key) => !STATEMENT_KEYS.has(key));
  if (unknown) throw malformedPolicy(`${at(unknown)}: not a statement element.`);
  if (raw.Effect !== 'Allow' && raw.Effect !== 'Deny') throw malformedPolicy(`${at('Effect')}: must be "Allow" or "Deny".`);
  if ((raw.Action === undefined) === (raw.NotAction === undefined)) throw malformedPolicy(`${name}: needs exactly one of Action and NotAction.`);
  if (raw.Resource !== undefined && raw.NotResource !== undefined) throw malformedPolicy(`${name}: may hold only one of Resource and NotResource.`);
  const statement: IamStatement = {
    index,
    sid,
    effect: raw.Effect,
    principal: principalOf(raw, 'Principal', at),
    notPrincipal: principalOf(raw, 'NotPrincipal', at),
    action: actionsOf(raw, 'Action', at),
    notAction: actionsOf(raw, 'NotAction', at),
    resource: resourcesOf(raw, 'Resource', at),
    notResource: resourcesOf(raw, 'NotResource', at),
    conditions: conditionsOf(raw.Condition, at('Condition')),
  };
  checkStatementForKind(statement, kind, name);
  return statement;
}

function stringList(value: JsonValue, where: string): string[] {
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0) throw malformedPolicy(`${where}: must not be empty.`);
  list.forEach((v, i) => {
    if (typeof v !== 'string' || v.length === 0) throw malformedPolicy(`${where}${Array.isArray(value) ? `[${i}]` : ''}: must be a non-empty string.`);
  });
  return list as string[];
}

function actionsOf(raw: JsonObject, element: 'Action' | 'NotAction', at: (e: string) => string): string[] | undefined {
  if (raw[element] === undefined) return undefined;
  const actions = stringList(raw[element], at(element));
  const bad = actions.find((a) => !ACTION.test(a));
  if (bad) throw malformedPolicy(`${at(element)}: "${bad}" is not "*" or "service:Action".`);
  return actions;
}

function resourcesOf(raw: JsonObject, element: 'Resource' | 'NotResource', at: (e: string) => string): string[] | undefined {
  if (raw[element] === undefined) return undefined;
  const resources = stringList(raw[element], at(element));
  const bad = resources.find((r) => r !== '*' && !(r.startsWith('arn:') && r.split(':').length >= 6));
  if (bad) throw malformedPolicy(`${at(element)}: "${bad}" is not "*" or an ARN.`);
  return resources;
}

function principalOf(raw: JsonObject, element: 'Principal' | 'NotPrincipal', at: (e: string) => string): PrincipalElement | undefined {
  const value = raw[element];
  if (value === undefined) return undefined;
  if (value === '*') return '*';
  if (!isObject(value) || Object.keys(value).length === 0) throw malformedPolicy(`${at(element)}: must be "*" or an object such as {"AWS": [...]}.`);
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, stringList(v, `${at(element)}.${k}`)]));
}

function conditionsOf(raw: JsonValue | undefined, where: string): ConditionClause[] {
  if (raw === undefined) return [];
  if (!isObject(raw)) throw malformedPolicy(`${where}: must be an object of operators.`);
  return Object.entries(raw).flatMap(([name, block]) => {
    const operator = parseConditionOperator(name);
    if (!operator) throw malformedPolicy(`${where}: "${name}" is not a condition operator.`);
    if (!isObject(block) || Object.keys(block).length === 0) throw malformedPolicy(`${where}.${name}: must be an object of condition keys.`);
    return Object.entries(block).map(([key, value]): ConditionClause => {
      const values = conditionValues(value, `${where}.${name}.${key}`);
      const bad = values.map((v) => invalidConditionValue(operator.base.family, v)).find((message) => message !== undefined);
      if (bad) throw malformedPolicy(`${where}.${name}.${key}: ${bad}.`);
      return { operator, key: key.toLowerCase(), values };
    });
  });
}

/** Numbers and booleans may be written unquoted; they compare as their text. */
function conditionValues(value: JsonValue, where: string): string[] {
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0) throw malformedPolicy(`${where}: must hold at least one value.`);
  return list.map((v) => {
    if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') throw malformedPolicy(`${where}: values must be strings, numbers or booleans.`);
    return String(v);
  });
}
