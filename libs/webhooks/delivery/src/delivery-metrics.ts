import { Counter, Histogram } from 'prom-client';
import type { AttemptOutcome } from '@orgs/webhooks/domain';

/** What the dispatcher reports as it goes: every attempt's outcome, and each delivery's delay from append to 2xx. */
export interface DeliveryObserver {
  attempted(outcome: AttemptOutcome, count?: number): void;
  delivered(secondsSinceAppend: number): void;
}

let metrics: { attempts: Counter<'outcome'>; delay: Histogram } | undefined;

/** The worker's metrics (orgs_webhook_*), registered on first use in the thread that serves /metrics. */
export function prometheusObserver(): DeliveryObserver {
  metrics ??= {
    attempts: new Counter({ name: 'orgs_webhook_attempts_total', help: 'Webhook delivery attempts by outcome', labelNames: ['outcome'] }),
    delay: new Histogram({
      name: 'orgs_webhook_delivery_seconds',
      help: "From an event's append to its delivery (2xx)",
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 60, 600],
    }),
  };
  const { attempts, delay } = metrics;
  return { attempted: (outcome, count = 1) => attempts.inc({ outcome }, count), delivered: (seconds) => delay.observe(seconds) };
}
