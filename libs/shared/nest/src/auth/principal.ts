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

export interface RequestWithPrincipal {
  headers: Record<string, string | string[] | undefined>;
  ip?: string;
  id?: string;
  principal?: Principal;
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
