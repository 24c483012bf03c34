/**
 * The dispatcher on a thread of its own (see start-webhook-delivery.ts): its own Postgres
 * connections and event loop, so sending does not wait behind the worker's projections, nor they
 * behind it. What only the worker's main thread can do (append the disabling of an endpoint, serve
 * the metrics) goes there as messages.
 */
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { createPool } from '@orgs/shared/event-store';
import { createLogger } from '@orgs/shared/runtime';
import type { AttemptOutcome } from '@orgs/webhooks/domain';
import type { DeliveryObserver } from './delivery-metrics';
import { closeOutboundAgents } from './outbound-http';
import { SecretBox } from './secret-box';
import { WebhookDispatcher } from './webhook-dispatcher';
import type { WebhooksConfig } from './webhooks-config';
import { WebhookSigner } from './webhook-signer';

export interface DispatcherThreadData {
  databaseUrl: string;
  config: WebhooksConfig;
  queuedChannel: string;
  logLevel: string;
  share: { index: number; of: number };
}

export type ToMain =
  | { type: 'started' }
  | { type: 'start-failed'; message: string }
  | { type: 'disable'; id: number; tenantId: string; endpointId: string; reason: 'GONE' | 'RETRIES_EXHAUSTED'; detail: string }
  | { type: 'observed'; attempts: Partial<Record<AttemptOutcome, number>>; delays: number[] }
  | { type: 'stopped' };

export type ToThread = { type: 'stop' } | { type: 'disabled'; id: number; error?: string };

/** How often the thread hands its metrics to the main thread. */
const OBSERVED_EVERY_MS = 500;

/** Counts attempts and delays between hand-overs, so a delivery costs no message of its own. */
function batchingObserver(port: MessagePort): DeliveryObserver & { flush(): void } {
  let attempts: Partial<Record<AttemptOutcome, number>> = {};
  let delays: number[] = [];
  return {
    attempted: (outcome) => void (attempts[outcome] = (attempts[outcome] ?? 0) + 1),
    delivered: (seconds) => void delays.push(seconds),
    flush() {
      if (Object.keys(attempts).length === 0 && delays.length === 0) return;
      port.postMessage({ type: 'observed', attempts, delays } satisfies ToMain);
      attempts = {};
      delays = [];
    },
  };
}

async function run(port: MessagePort, data: DispatcherThreadData): Promise<void> {
  const logger = createLogger('worker', data.logLevel);
  const pool = createPool(data.databaseUrl, { max: 4, applicationName: 'orgs-webhooks' });
  const observer = batchingObserver(port);
  const flushing = setInterval(() => observer.flush(), OBSERVED_EVERY_MS);
  const disabling = new Map<number, { resolve(): void; reject(error: Error): void }>();
  let nextId = 0;
  const dispatcher = new WebhookDispatcher({
    pool,
    databaseUrl: data.databaseUrl,
    config: data.config,
    signer: new WebhookSigner(new SecretBox(data.config.secretsKey as string)),
    logger,
    queuedChannel: data.queuedChannel,
    observer,
    share: data.share,
    disable: (delivery, reason, detail) =>
      new Promise<void>((resolve, reject) => {
        const id = ++nextId;
        disabling.set(id, { resolve, reject });
        port.postMessage({ type: 'disable', id, tenantId: delivery.tenantId, endpointId: delivery.endpointId, reason, detail } satisfies ToMain);
      }),
  });
  port.on('message', (message: ToThread) => {
    if (message.type === 'disabled') {
      const waiting = disabling.get(message.id);
      disabling.delete(message.id);
      if (message.error) waiting?.reject(new Error(message.error));
      else waiting?.resolve();
      return;
    }
    void (async () => {
      await dispatcher.stop();
      clearInterval(flushing);
      observer.flush();
      closeOutboundAgents();
      await pool.end();
      port.postMessage({ type: 'stopped' } satisfies ToMain);
    })();
  });
  try {
    await dispatcher.start();
  } catch (error) {
    port.postMessage({ type: 'start-failed', message: (error as Error).message } satisfies ToMain);
    return;
  }
  port.postMessage({ type: 'started' } satisfies ToMain);
}

if (parentPort) void run(parentPort, workerData as DispatcherThreadData);
