import { Catch, Inject, Injectable, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { UsageRecordRejected } from '@orgs/billing/domain';
import { LOGGER, toOrgsError } from '@orgs/shared/nest';
import type { Logger } from '@orgs/shared/runtime';

const STATUS: Record<string, number> = {
  UnauthenticatedException: 401,
  AccessDeniedException: 403,
  AWSOrganizationsNotInUseException: 400,
  ServiceUnavailableException: 503,
  ConsistencyTimeoutException: 503,
  ServiceException: 500,
};

/**
 * The REST routes' errors, in the shape AWS's JSON protocol uses (`__type` and `message`), plus
 * the line and field of a refused usage record. Also catches the auth guard's refusals.
 */
@Catch()
@Injectable()
export class BillingHttpErrorFilter implements ExceptionFilter {
  constructor(@Inject(LOGGER) private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const error = toOrgsError(exception, this.logger);
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const body: Record<string, unknown> = { __type: error.code, message: error.message };
    if (error.reason) body.reason = error.reason;
    if (error instanceof UsageRecordRejected) Object.assign(body, { line: error.line, field: error.field });
    void reply.status(STATUS[error.code] ?? 400).send(body);
  }
}
