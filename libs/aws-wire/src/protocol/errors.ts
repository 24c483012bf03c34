import { awsShape, awsShapes, OrgsError } from '@orgs/shared/kernel';
import { toOrgsError } from '@orgs/shared/nest';
import type { Logger } from '@orgs/shared/runtime';
import { FrontEndError } from './front-end-error';

export { FrontEndError, type FrontEndErrorType } from './front-end-error';

export interface WireError {
  status: number;
  type: string;
  body: { __type: string; Message: string; Reason?: string };
}

/** Codes of Orgs' own that no AWS client knows: each answered as the nearest AWS error. */
const OWN_CODES: Record<string, string> = {
  UnauthenticatedException: 'UnrecognizedClientException',
  ApiKeyNotFoundException: 'InvalidInputException',
  AccessKeyNotFoundException: 'InvalidInputException',
  TenantNotFoundException: 'UnrecognizedClientException',
};

/**
 * Any failure as the AWS body: `__type` the exception's shape name, `Message`, and `Reason` where
 * the shape has one. 400 for every client error (throttling included, as Organizations does), 500
 * for ServiceException and for retryable conditions (so SDKs retry them).
 */
export function wireErrorOf(error: unknown, logger: Logger): WireError {
  if (error instanceof FrontEndError) return { status: 400, type: error.type, body: { __type: error.type, Message: error.message } };
  const orgs: OrgsError = toOrgsError(error, logger);
  const type = OWN_CODES[orgs.code] ?? orgs.code;
  const hasReason = Boolean(awsShapes[type] && awsShape(type).members?.Reason);
  const body = { __type: type, Message: orgs.message, ...(hasReason && orgs.reason ? { Reason: orgs.reason } : {}) };
  const serverFault = type === 'ServiceException' || (orgs.retryable && type !== 'TooManyRequestsException' && type !== 'ConcurrentModificationException');
  return { status: serverFault ? 500 : 400, type, body };
}
