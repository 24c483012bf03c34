/**
 * The `webhook-id` of an (endpoint, event) pair: the same on every attempt, retry and replay, so
 * that a receiver drops duplicates. `msg_` + the endpoint and the event's place in the log.
 */
export const webhookMessageId = (endpointId: string, eventPosition: bigint | string, index = 0) =>
  `msg_${endpointId}_${eventPosition.toString()}${index > 0 ? `_${index}` : ''}`;

/** 2xx is delivered; 410 Gone disables the endpoint; everything else (timeouts included) is retried. */
export type AttemptOutcome = 'DELIVERED' | 'FAILED' | 'GONE';
export function outcomeOfStatus(status: number | null): AttemptOutcome {
  if (status !== null && status >= 200 && status < 300) return 'DELIVERED';
  if (status === 410) return 'GONE';
  return 'FAILED';
}
