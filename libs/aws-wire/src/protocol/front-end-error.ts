/**
 * Errors of the AWS front end rather than of Organizations (signing, framing, routing): names as
 * AWS JSON services send them, outside the Organizations model.
 */
export type FrontEndErrorType =
  | 'SerializationException'
  | 'UnknownOperationException'
  | 'MissingAuthenticationTokenException'
  | 'IncompleteSignatureException'
  | 'InvalidSignatureException'
  | 'UnrecognizedClientException'
  | 'SignatureDoesNotMatch'
  | 'RequestExpired';

export class FrontEndError extends Error {
  constructor(
    readonly type: FrontEndErrorType,
    message: string,
  ) {
    super(message);
  }
}
