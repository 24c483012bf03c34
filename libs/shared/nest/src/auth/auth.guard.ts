import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { randomUUID, timingSafeEqual } from 'node:crypto';
import { accessDenied, OrgsError } from '@orgs/shared/kernel';
import type { OrgsConfig } from '@orgs/shared/runtime';
import { ORGS_CONFIG } from '../tokens';
import { ACCESS_KEY, type Access } from './access.decorators';
import { ApiKeyPrincipals } from './api-key-principals';
import { requestOf, type RequestWithPrincipal } from './principal';

/**
 * Guards every resolver and route (registered globally): an API key by default, ADMIN for
 * @Writes, the operator token for @OperatorOnly, either of the two for @OperatorOrWrites, nothing
 * for @Public.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly principals: ApiKeyPrincipals,
    @Inject(ORGS_CONFIG) private readonly config: OrgsConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const access =
      this.reflector.getAllAndOverride<Access>(ACCESS_KEY, [context.getHandler(), context.getClass()]) ?? 'read';
    if (access === 'public') return true;
    const request = requestOf(context);
    const token = bearerToken(request);
    if (access === 'operator' && !this.isOperatorToken(token)) throw accessDenied('This operation needs the operator token.');
    if (access === 'operator' || (access.startsWith('operator-or-') && this.isOperatorToken(token))) {
      request.operator = { operator: true, requestId: requestIdOf(request), sourceAddress: sourceAddressOf(request) };
      return true;
    }
    const principal = token ? await this.principals.find(token) : null;
    if (!principal) throw unauthenticated();
    const needsAdmin = access === 'write' || access === 'operator-or-write';
    if (needsAdmin && principal.role !== 'ADMIN') throw accessDenied('This API key is read-only.');
    request.principal = { ...principal, requestId: requestIdOf(request), sourceAddress: sourceAddressOf(request) };
    return true;
  }

  private isOperatorToken(token: string | undefined): boolean {
    const expected = this.config.operatorToken;
    return Boolean(expected && token && safeEqual(token, expected));
  }
}

function bearerToken(request: RequestWithPrincipal): string | undefined {
  const header = request.headers.authorization;
  const value = Array.isArray(header) ? header[0] : header;
  return value?.match(/^Bearer\s+(\S+)$/i)?.[1];
}

function requestIdOf(request: RequestWithPrincipal): string {
  const header = request.headers['x-request-id'];
  const given = Array.isArray(header) ? header[0] : header;
  return given && /^[\w.:-]{1,128}$/.test(given) ? given : (request.id ?? randomUUID());
}

const sourceAddressOf = (request: RequestWithPrincipal) => request.ip ?? 'unknown';

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

const unauthenticated = () =>
  new OrgsError('UnauthenticatedException', 'Send a valid API key as `Authorization: Bearer <key>`.');
