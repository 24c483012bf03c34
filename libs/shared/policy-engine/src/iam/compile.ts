import { compileCondition, type ConditionTest } from './conditions';
import { anyMatcher, globMatcher, type Matcher } from './glob';
import type { IamDocument, IamStatement, PrincipalElement } from './iam-document';
import { principalNamed, type RequestPrincipal } from './principal';
import { resolveVariables, type RequestContext } from './request-context';

/** A statement ready to test requests against: its patterns compiled once. */
export interface CompiledStatement {
  index: number;
  sid?: string;
  effect: 'Allow' | 'Deny';
  appliesTo(request: EvaluatedRequest): boolean;
}

export interface CompiledPolicy {
  id: string;
  name: string;
  statements: readonly CompiledStatement[];
}

/** One request as statements see it. */
export interface EvaluatedRequest {
  action: string;
  resource: string;
  principal: RequestPrincipal;
  context: RequestContext;
}

export function compilePolicy(id: string, name: string, document: IamDocument): CompiledPolicy {
  return { id, name, statements: document.statements.map(compileStatement) };
}

/** Action first: it is the cheapest test and the one most statements fail. */
function compileStatement(statement: IamStatement): CompiledStatement {
  const action = partMatcher(statement.action, statement.notAction, true);
  const resource = resourceMatcher(statement);
  const principal = principalMatcher(statement.principal, statement.notPrincipal);
  const conditions: ConditionTest[] = statement.conditions.map(compileCondition);
  return {
    index: statement.index,
    sid: statement.sid,
    effect: statement.effect,
    appliesTo: (request) =>
      action(request.action) && resource(request) && principal(request.principal) && conditions.every((test) => test(request.context)),
  };
}

function partMatcher(positive: readonly string[] | undefined, negative: readonly string[] | undefined, ignoreCase: boolean): Matcher {
  if (positive) return anyMatcher(positive, ignoreCase);
  if (negative) {
    const excluded = anyMatcher(negative, ignoreCase);
    return (value) => !excluded(value);
  }
  return () => true;
}

/** Resource ARNs may hold policy variables; those are filled in from the request, per request. */
function resourceMatcher(statement: IamStatement): (request: EvaluatedRequest) => boolean {
  const patterns = statement.resource ?? statement.notResource;
  if (!patterns) return () => true;
  const negate = statement.resource === undefined;
  if (!patterns.some((p) => p.includes('${'))) {
    const matcher = anyMatcher(patterns, false);
    return negate ? (r) => !matcher(r.resource) : (r) => matcher(r.resource);
  }
  return (request) => {
    const resolved = patterns.map((p) => resolveVariables(p, request.context)).filter((p): p is string => p !== undefined);
    const matches = resolved.some((p) => globMatcher(p, false)(request.resource));
    return negate ? !matches : matches;
  };
}

function principalMatcher(principal: PrincipalElement | undefined, notPrincipal: PrincipalElement | undefined): (p: RequestPrincipal) => boolean {
  if (principal !== undefined) return (p) => principalNamed(principal, p);
  if (notPrincipal !== undefined) return (p) => !principalNamed(notPrincipal, p);
  return () => true;
}
