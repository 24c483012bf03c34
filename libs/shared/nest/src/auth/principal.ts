import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';

export type PrincipalRole = 'ADMIN' | 'READ_ONLY';

/** Who is calling: fixed by the API key, never by the request's own arguments. */
export interface Principal {
  tenantId: string;
  accountId: string;
  role: PrincipalRole;
  apiKeyId: string;
  /** For the audit trail: the request's id (x-request-id, else generated) and where it came from. */
  requestId: string;
  sourceAddress: string;
}

/** The installation's operator, authenticated by the operator token: no tenant, no account. */
export interface OperatorCaller {
  operator: true;
  requestId: string;
  sourceAddress: string;
}

/** Whoever a request acts as: an API key's principal or the operator. */
export type Caller = Principal | OperatorCaller;

export const isOperator = (caller: Caller): caller is OperatorCaller => 'operator' in caller && caller.operator === true;

export interface RequestWithPrincipal {
  headers: Record<string, string | string[] | undefined>;
  ip?: string;
  id?: string;
  principal?: Principal;
  operator?: OperatorCaller;
}

export function requestOf(context: ExecutionContext): RequestWithPrincipal {
  if (context.getType<string>() === 'graphql') return GqlExecutionContext.create(context).getContext().req;
  return context.switchToHttp().getRequest();
}

/** The caller, as the auth guard established it. */
export const CurrentPrincipal = createParamDecorator((_: unknown, context: ExecutionContext): Principal => {
  const principal = requestOf(context).principal;
  if (!principal) throw new Error('No principal on an authenticated request: is the resolver marked @OperatorOnly?');
  return principal;
});

/** The caller of an @OperatorOnly or @OperatorOrWrites operation: the operator or an API key's principal. */
export const CurrentCaller = createParamDecorator((_: unknown, context: ExecutionContext): Caller => {
  const request = requestOf(context);
  const caller = request.principal ?? request.operator;
  if (!caller) throw new Error('No caller on an authenticated request: is the resolver marked @Public?');
  return caller;
});

/**
 * What every event records about who caused it (the audit trail): the key (or the operator), the
 * acting account, the request's id and source address. The request id doubles as the correlation id.
 */
export function auditMetadataOf(caller: Caller) {
  const common = { requestId: caller.requestId, sourceAddress: caller.sourceAddress, correlationId: caller.requestId };
  if (isOperator(caller)) return { principal: 'operator', ...common };
  return { principal: `apikey/${caller.apiKeyId}`, actingAccountId: caller.accountId, ...common };
}
