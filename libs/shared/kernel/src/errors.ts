import type { AwsExceptionName, ConstraintViolationExceptionReason, InvalidInputExceptionReason } from './aws-model/generated';

/** Codes of our own, for conditions AWS has no exception for. */
export type OrgsErrorCode =
  | AwsExceptionName
  /** Postgres or Redis did not answer: retry later (HTTP 503 semantics). */
  | 'ServiceUnavailableException'
  /** A read waited for its consistency token longer than allowed. */
  | 'ConsistencyTimeoutException'
  | 'UnauthenticatedException'
  /** No API key with that id in the caller's tenant. */
  | 'ApiKeyNotFoundException'
  /** No access key with that id in the caller's tenant. */
  | 'AccessKeyNotFoundException'
  /** The operator named a tenant that does not exist. */
  | 'TenantNotFoundException'
  /** No recorded access sample with that id in the organization (previewPolicyChange's samples). */
  | 'AccessSampleNotFoundException'
  /** No webhook endpoint with that id belongs to the caller's account. */
  | 'WebhookEndpointNotFoundException';

/**
 * Every refusal the service makes. `code` is the AWS exception name and becomes the GraphQL
 * `extensions.code`; `reason` is the AWS reason enum where the exception has one.
 */
export class OrgsError extends Error {
  constructor(
    readonly code: OrgsErrorCode,
    message: string,
    readonly reason?: string,
    readonly retryable = false,
  ) {
    super(message);
    this.name = code;
  }
}

export const invalidInput = (reason: InvalidInputExceptionReason, message: string) =>
  new OrgsError('InvalidInputException', message, reason);

export const accessDenied = (message = 'You don\'t have permissions to access this resource.') =>
  new OrgsError('AccessDeniedException', message);

export const constraintViolation = (reason: ConstraintViolationExceptionReason, message: string) =>
  new OrgsError('ConstraintViolationException', message, reason);
