import { parseAllowedHosts, parseRetrySchedule } from '@orgs/webhooks/domain';

export interface WebhooksConfig {
  secretsKey: string | undefined;
  /** Hosts that may be plain http and resolve anywhere (tests: 127.0.0.1). */
  allowedHosts: string[];
  retryScheduleMs: number[];
  timeoutMs: number;
  /** How much of a response body is read and kept. */
  responseExcerptBytes: number;
  /** How long a rotated-out secret keeps signing. */
  previousSecretValidityMs: number;
  /** Endpoints delivered to at once by one worker. */
  concurrency: number;
  /** Dispatcher threads per worker, each with its own lanes (an endpoint is held by one of them). */
  threads: number;
  /** How long delivery attempts are kept (0: for ever). */
  attemptRetentionMs: number;
}

export function loadWebhooksConfig(env: NodeJS.ProcessEnv = process.env): WebhooksConfig {
  return {
    secretsKey: env.WEBHOOK_SECRETS_KEY || undefined,
    allowedHosts: parseAllowedHosts(env.WEBHOOK_ALLOWED_HOSTS),
    retryScheduleMs: parseRetrySchedule(env.WEBHOOK_RETRY_SCHEDULE),
    timeoutMs: Number(env.WEBHOOK_TIMEOUT_MS ?? 15_000),
    responseExcerptBytes: Number(env.WEBHOOK_RESPONSE_EXCERPT_BYTES ?? 1_024),
    previousSecretValidityMs: Number(env.WEBHOOK_PREVIOUS_SECRET_VALIDITY_MS ?? 24 * 3_600_000),
    concurrency: Number(env.WEBHOOK_CONCURRENCY ?? 64),
    threads: Math.max(1, Number(env.WEBHOOK_DISPATCHER_THREADS ?? 2)),
    attemptRetentionMs: Number(env.WEBHOOK_ATTEMPT_RETENTION_DAYS ?? 30) * 86_400_000,
  };
}
