import { Catch, HttpException, type ArgumentsHost } from '@nestjs/common';
import type { GqlExceptionFilter } from '@nestjs/graphql';
import { GraphQLError } from 'graphql';
import { OrgsError } from '@orgs/shared/kernel';
import type { Logger } from '@orgs/shared/runtime';

/** Postgres and network failures that mean "try again later", not "your request is wrong". */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  '57P01',
  '57P03',
  '08006',
  '08001',
  '08003',
  // Prisma: database not reachable, timed out, connection closed, no connection from the pool in time.
  'P1001',
  'P1002',
  'P1017',
  'P2024',
]);
/** pg reports a connection lost mid-query, or a connect that timed out, with a message and no code. */
const UNAVAILABLE_MESSAGES = /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection closed/i;

/** The error, or what it wraps (Prisma's driver adapter error, a cause), says the database did not answer. */
export function isUnavailable(exception: unknown, depth = 0): boolean {
  if (!exception || typeof exception !== 'object' || depth > 4) return false;
  const e = exception as { code?: unknown; message?: unknown; cause?: unknown; meta?: { driverAdapterError?: unknown } };
  if (typeof e.code === 'string' && UNAVAILABLE_CODES.has(e.code)) return true;
  if (typeof e.message === 'string' && UNAVAILABLE_MESSAGES.test(e.message)) return true;
  return isUnavailable(e.cause, depth + 1) || isUnavailable(e.meta?.driverAdapterError, depth + 1);
}

/**
 * The one place errors become GraphQL errors: `extensions.code` is the AWS exception name,
 * `extensions.reason` its reason where it has one. Anything unexpected is a ServiceException,
 * logged, with no internals in the message.
 */
@Catch()
export class GraphqlErrorFilter implements GqlExceptionFilter {
  constructor(private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): unknown {
    const error = toOrgsError(exception, this.logger);
    if (host.getType<string>() !== 'graphql') throw exception;
    return new GraphQLError(error.message, {
      extensions: { code: error.code, ...(error.reason ? { reason: error.reason } : {}), retryable: error.retryable },
    });
  }
}

export function toOrgsError(exception: unknown, logger: Logger): OrgsError {
  if (exception instanceof OrgsError) return exception;
  if (isUnavailable(exception)) {
    logger.warn({ err: exception }, 'dependency unavailable');
    return new OrgsError('ServiceUnavailableException', 'The service is temporarily unavailable. Retry later.', undefined, true);
  }
  if (exception instanceof HttpException && exception.getStatus() < 500) {
    return new OrgsError('InvalidInputException', exception.message, 'INVALID_INPUT');
  }
  logger.error({ err: exception }, 'unexpected error');
  return new OrgsError('ServiceException', 'AWS Organizations can\'t complete your request because of an internal service error. Try again later.', undefined, true);
}
