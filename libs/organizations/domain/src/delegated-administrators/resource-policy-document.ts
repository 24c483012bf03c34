import { invalidInput, PolicyType } from '@orgs/shared/kernel';

/** The actions a delegation policy may name, without the `organizations:` prefix (trusted-access.md 5). */
export const RESOURCE_POLICY_ACTIONS = [
  'AttachPolicy', 'CreatePolicy', 'DeletePolicy', 'DescribeAccount', 'DescribeCreateAccountStatus', 'DescribeEffectivePolicy',
  'DescribeHandshake', 'DescribeOrganization', 'DescribeOrganizationalUnit', 'DescribePolicy', 'DescribeResourcePolicy', 'DetachPolicy',
  'DisablePolicyType', 'EnablePolicyType', 'ListAccounts', 'ListAccountsForParent', 'ListAWSServiceAccessForOrganization', 'ListChildren',
  'ListCreateAccountStatus', 'ListDelegatedAdministrators', 'ListDelegatedServicesForAccount', 'ListHandshakesForAccount',
  'ListHandshakesForOrganization', 'ListOrganizationalUnitsForParent', 'ListParents', 'ListPolicies', 'ListPoliciesForTarget', 'ListRoots',
  'ListTagsForResource', 'ListTargetsForPolicy', 'TagResource', 'UntagResource', 'UpdatePolicy',
] as const;

const STATEMENT_KEYS = new Set(['Sid', 'Effect', 'Principal', 'Action', 'Resource', 'Condition']);
const VERSIONS = new Set(['2012-10-17', '2008-10-17']);

/** Where the document is checked: principals and resources must be this organization's. */
export interface ResourcePolicyScope {
  managementAccountId: string;
  organizationId: string;
  isAccountOfOrganization: (accountId: string) => boolean;
}

const badJson = (message: string) => invalidInput('INVALID_RESOURCE_POLICY_JSON', message);
const listOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : [value]);
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** `*` in an IAM pattern matches any run of characters, `?` one. */
const wildcard = (pattern: string) => new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 'i');

/**
 * The shape of a delegation policy (IAM policy grammar, trusted-access.md 5), refused with the
 * InvalidInputException reason AWS gives. Meaning (who may do what) is the policy engine's.
 */
export function assertValidResourcePolicy(content: string, scope: ResourcePolicyScope): void {
  let document: unknown;
  try {
    document = JSON.parse(content);
  } catch {
    throw badJson('The resource policy is not valid JSON.');
  }
  if (!isObject(document)) throw badJson('The resource policy must be a JSON object.');
  if (document.Version !== undefined && !VERSIONS.has(document.Version as string)) throw badJson('Version must be 2012-10-17.');
  const statements = listOf(document.Statement);
  if (document.Statement === undefined || statements.length === 0) throw badJson('The resource policy needs at least one Statement.');
  statements.forEach((statement, i) => assertValidStatement(statement, `Statement[${i}]`, scope));
}

function assertValidStatement(statement: unknown, where: string, scope: ResourcePolicyScope): void {
  if (!isObject(statement)) throw badJson(`${where} must be an object.`);
  const unknown = Object.keys(statement).find((key) => !STATEMENT_KEYS.has(key));
  if (unknown) throw badJson(`${where}: ${unknown} is not supported in a delegation policy.`);
  if (statement.Effect !== 'Allow' && statement.Effect !== 'Deny') throw badJson(`${where}.Effect must be Allow or Deny.`);
  assertValidPrincipal(statement.Principal, where, scope);
  assertValidActions(statement.Action, where);
  assertValidResources(statement.Resource, where, scope);
  if (statement.Condition !== undefined) assertValidCondition(statement.Condition, where);
}

/**
 * An account of this organization: its bare id, or its root user's ARN. Accounts elsewhere are
 * refused (unverified for AWS; here it also keeps one tenant's ids out of another's policy).
 */
function assertValidPrincipal(principal: unknown, where: string, scope: ResourcePolicyScope): void {
  const accounts = isObject(principal) ? listOf(principal.AWS) : [];
  const valid = (p: unknown) => {
    const id = typeof p === 'string' ? /^(?:(\d{12})|arn:aws:iam::(\d{12}):root)$/.exec(p) : null;
    return id !== null && scope.isAccountOfOrganization(id[1] ?? id[2]);
  };
  if (accounts.length === 0 || !accounts.every(valid)) {
    throw invalidInput('INVALID_PRINCIPAL', `${where}.Principal must be {"AWS": the id of an account of this organization, or arn:aws:iam::<that id>:root}.`);
  }
}

function assertValidActions(action: unknown, where: string): void {
  const actions = listOf(action);
  const supported = (a: unknown) => {
    if (typeof a !== 'string' || !/^organizations:/i.test(a)) return false;
    const pattern = wildcard(a.slice('organizations:'.length));
    return RESOURCE_POLICY_ACTIONS.some((name) => pattern.test(name));
  };
  if (action === undefined || actions.length === 0 || !actions.every(supported)) {
    throw invalidInput('UNSUPPORTED_ACTION_IN_RESOURCE_POLICY', `${where}.Action names an action a delegation policy cannot grant.`);
  }
}

const RESOURCE_TYPES = new Set(['root', 'ou', 'account', 'policy']);

/** `*`, or root, OU, account and policy ARNs of this organization (with wildcards). */
function ofThisOrganization(resource: unknown, scope: ResourcePolicyScope): boolean {
  if (resource === '*') return true;
  const prefix = `arn:aws:organizations::${scope.managementAccountId}:`;
  if (typeof resource !== 'string' || !resource.startsWith(prefix)) return false;
  const [type, organization] = resource.slice(prefix.length).split('/');
  return RESOURCE_TYPES.has(type) && organization !== undefined && wildcard(organization).test(scope.organizationId);
}

function assertValidResources(resource: unknown, where: string, scope: ResourcePolicyScope): void {
  const resources = listOf(resource);
  if (resource === undefined || resources.length === 0 || !resources.every((r) => ofThisOrganization(r, scope))) {
    throw invalidInput('UNSUPPORTED_RESOURCE_IN_RESOURCE_POLICY', `${where}.Resource must be "*" or ARNs of this organization's roots, OUs, accounts and policies.`);
  }
}

/** `{ operator: { key: value | [values] } }`; `organizations:PolicyType` values must be policy types. */
function assertValidCondition(condition: unknown, where: string): void {
  if (!isObject(condition) || !Object.values(condition).every(isObject)) throw badJson(`${where}.Condition must map operators to keys.`);
  for (const keys of Object.values(condition) as Record<string, unknown>[]) {
    for (const [key, value] of Object.entries(keys)) {
      if (key.toLowerCase() !== 'organizations:policytype') continue;
      const types = listOf(value);
      const known = (t: unknown) => typeof t === 'string' && PolicyType.some((type) => wildcard(t).test(type));
      if (!types.every(known)) throw invalidInput('UNSUPPORTED_POLICY_TYPE_IN_RESOURCE_POLICY', `${where}.Condition names a policy type that cannot be delegated.`);
    }
  }
}
