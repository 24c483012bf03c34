import { OrgsError, invalidInput } from '@orgs/shared/kernel';
import { compilePolicy, evaluate, parseIamPolicy, requestContext, type CompiledPolicy, type ContextValue } from '@orgs/shared/policy-engine';
import { RESOURCE_POLICY_ACTIONS } from './resource-policy-document';

/** One call of a member account, as the delegation policy judges it. */
export interface DelegationRequest {
  /** The AWS operation name (`CreatePolicy`). */
  operation: string;
  accountId: string;
  /**
   * The ARNs the call acts on; IAM authorises each (AttachPolicy: the policy and the target). None:
   * the operation names no resource and is judged on `*`, which only `"Resource": "*"` statements match.
   */
  resources?: readonly string[];
  /** Condition keys of the request: `organizations:PolicyType`, `aws:TagKeys`, `aws:RequestTag/<key>`. */
  context?: Readonly<Record<string, ContextValue | undefined>>;
}

const SUPPORTED = new Set<string>(RESOURCE_POLICY_ACTIONS);
const compiled = new Map<string, CompiledPolicy>();
const CACHE_LIMIT = 1_000;

/**
 * The policy engine's reading of a stored delegation policy. Its content passed
 * assertValidResourcePolicy (which takes the 2008 Version, or none); the engine's grammar is the
 * 2012 one with the same elements, so the document is read as 2012-10-17.
 */
export function compileDelegationPolicy(content: string): CompiledPolicy {
  let policy = compiled.get(content);
  if (!policy) {
    const document = JSON.parse(content) as Record<string, unknown>;
    policy = compilePolicy('resource-policy', 'delegation policy', parseIamPolicy(JSON.stringify({ ...document, Version: '2012-10-17' }), 'RESOURCE_BASED'));
    if (compiled.size >= CACHE_LIMIT) compiled.clear();
    compiled.set(content, policy);
  }
  return policy;
}

/** Put-time check that the engine can evaluate the document: its refusals become INVALID_RESOURCE_POLICY_JSON. */
export function assertEvaluableDelegationPolicy(content: string): void {
  try {
    compileDelegationPolicy(content);
  } catch (error) {
    if (error instanceof OrgsError) throw invalidInput('INVALID_RESOURCE_POLICY_JSON', error.message);
    throw error;
  }
}

/**
 * Whether the organization's delegation policy lets the member account make this call, evaluated
 * by the policy engine that serves the access simulator: a cross-account request of the account's
 * root user (the caller's own IAM side is the API key's, which allows) against the policy as the
 * resource-based policy. Every resource must be allowed; any matching Deny refuses. Operations a
 * delegation policy cannot name (CreateAccount, PutResourcePolicy, ...) are never granted.
 */
export function delegationPolicyAllows(content: string | null, request: DelegationRequest): boolean {
  if (!content || !SUPPORTED.has(request.operation)) return false;
  let policy: CompiledPolicy;
  try {
    policy = compileDelegationPolicy(content);
  } catch {
    // Put before the engine checked documents at put time: a document it cannot read grants nothing.
    return false;
  }
  const principal = { kind: 'ROOT' as const, arn: `arn:aws:iam::${request.accountId}:root`, accountId: request.accountId };
  const context = requestContext({ 'aws:PrincipalAccount': request.accountId, 'aws:PrincipalArn': principal.arn, ...request.context });
  const resources = request.resources && request.resources.length > 0 ? request.resources : ['*'];
  return resources.every(
    (resource) =>
      evaluate({ request: { action: `organizations:${request.operation}`, resource, principal, context }, resourcePolicy: policy, sameAccount: false }).decision === 'ALLOWED',
  );
}
