import { existsSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Pool } from 'pg';
import type { CommandHandler } from '@orgs/shared/command-handling';
import type { Logger } from '@orgs/shared/runtime';
import { webhookEndpointDecider, webhookEndpointStreamId } from '@orgs/webhooks/domain';
import { pruneDeliveryAttempts } from './attempt-pruning';
import { prometheusObserver, type DeliveryObserver } from './delivery-metrics';
import type { DispatcherThreadData, ToMain, ToThread } from './dispatcher-thread';
import { closeOutboundAgents } from './outbound-http';
import { SecretBox } from './secret-box';
import { WebhookDispatcher } from './webhook-dispatcher';
import { loadWebhooksConfig, type WebhooksConfig } from './webhooks-config';
import { WebhookSigner } from './webhook-signer';

export interface WebhookDeliveryDeps {
  databaseUrl: string;
  pool: Pool;
  commands: CommandHandler;
  logger: Logger;
  queuedChannel: string;
  env?: NodeJS.ProcessEnv;
}

type Disable = (endpoint: { tenantId: string; endpointId: string }, reason: 'GONE' | 'RETRIES_EXHAUSTED', detail: string) => Promise<void>;

/** The compiled thread entry; absent when running from TypeScript sources (Jest), where the dispatcher runs in the calling thread. */
const THREAD_ENTRY = path.join(__dirname, 'dispatcher-thread.js');
const STOP_TIMEOUT_MS = 10_000;
const RESTART_DELAY_MS = 1_000;
/** How often old delivery attempts are pruned (and once soon after start). */
const PRUNE_EVERY_MS = 3_600_000;
const FIRST_PRUNE_AFTER_MS = 60_000;

/**
 * The worker's webhook delivery; without WEBHOOK_SECRETS_KEY nothing can be signed, so it does not
 * start. The dispatcher runs on threads of its own (WEBHOOK_DISPATCHER_THREADS, 2): sending was
 * most of the worker's CPU, and on one event loop with the projections each waited for the other
 * (on 2 cores, the worker's one thread was 90% busy at 3,000 deliveries/s); an endpoint's lane
 * answers are handled one after another on a thread, so two threads halve a round on two cores.
 */
export async function startWebhookDelivery(deps: WebhookDeliveryDeps): Promise<{ stop(): Promise<void> }> {
  const config = loadWebhooksConfig(deps.env);
  if (!config.secretsKey) {
    deps.logger.warn('WEBHOOK_SECRETS_KEY is not set: webhooks are not delivered');
    return { stop: async () => undefined };
  }
  const disable: Disable = async (endpoint, reason, detail) => {
    deps.logger.warn({ endpoint: endpoint.endpointId, reason, detail }, 'webhook endpoint disabled');
    await deps.commands.handle({
      tenantId: endpoint.tenantId,
      streamId: webhookEndpointStreamId(endpoint.endpointId),
      decider: webhookEndpointDecider,
      command: { type: 'DisableFailingWebhookEndpoint', data: { reason, detail }, actingAccountId: 'webhook-delivery', at: new Date().toISOString() },
      metadata: { principal: 'webhook-delivery' },
    });
  };
  const observer = prometheusObserver();
  const pruning = prunePeriodically(deps, config);
  if (existsSync(THREAD_ENTRY)) {
    // The worker's concurrency shared out: each thread has its own lanes and lock connection.
    const perThread = { ...config, concurrency: Math.ceil(config.concurrency / config.threads) };
    const threads = await Promise.all(Array.from({ length: config.threads }, (_, index) => DispatcherThread.start(deps, perThread, { index, of: config.threads }, disable, observer)));
    return {
      async stop() {
        pruning.stop();
        await Promise.all(threads.map((t) => t.stop()));
      },
    };
  }
  const dispatcher = new WebhookDispatcher({ pool: deps.pool, databaseUrl: deps.databaseUrl, config, signer: new WebhookSigner(new SecretBox(config.secretsKey)), logger: deps.logger, queuedChannel: deps.queuedChannel, observer, disable });
  await dispatcher.start();
  return {
    async stop() {
      pruning.stop();
      await dispatcher.stop();
      closeOutboundAgents();
    },
  };
}

/** Attempts older than the retention go (WEBHOOK_ATTEMPT_RETENTION_DAYS); every worker may do it, the deletes do not conflict. */
function prunePeriodically(deps: WebhookDeliveryDeps, config: WebhooksConfig): { stop(): void } {
  if (!(config.attemptRetentionMs > 0)) return { stop: () => undefined };
  const prune = () =>
    void pruneDeliveryAttempts(deps.pool, new Date(Date.now() - config.attemptRetentionMs)).then(
      (pruned) => pruned > 0 && deps.logger.info({ pruned }, 'old webhook delivery attempts pruned'),
      (error) => deps.logger.warn({ err: error }, 'pruning webhook delivery attempts failed'),
    );
  const first = setTimeout(prune, FIRST_PRUNE_AFTER_MS);
  const every = setInterval(prune, PRUNE_EVERY_MS);
  first.unref();
  every.unref();
  return {
    stop() {
      clearTimeout(first);
      clearInterval(every);
    },
  };
}

/** The dispatcher's thread, started again if it ever ends unasked (its locks went with its connections). */
class DispatcherThread {
  private worker?: Worker;
  private stopping = false;

  private constructor(
    private readonly deps: WebhookDeliveryDeps,
    private readonly data: DispatcherThreadData,
    private readonly disable: Disable,
    private readonly observer: DeliveryObserver,
  ) {}

  static async start(deps: WebhookDeliveryDeps, config: WebhooksConfig, share: { index: number; of: number }, disable: Disable, observer: DeliveryObserver): Promise<DispatcherThread> {
    const thread = new DispatcherThread(deps, { databaseUrl: deps.databaseUrl, config, queuedChannel: deps.queuedChannel, logLevel: deps.logger.level, share }, disable, observer);
    await thread.spawn();
    return thread;
  }

  private spawn(): Promise<void> {
    const worker = new Worker(THREAD_ENTRY, { workerData: this.data });
    this.worker = worker;
    return new Promise<void>((resolve, reject) => {
      worker.on('message', (message: ToMain) => {
        if (message.type === 'started') resolve();
        else if (message.type === 'start-failed') reject(new Error(`webhook dispatcher did not start: ${message.message}`));
        else this.onMessage(worker, message);
      });
      worker.on('error', (error) => this.deps.logger.error({ err: error }, 'webhook dispatcher thread failed'));
      worker.on('exit', (code) => {
        reject(new Error(`webhook dispatcher thread exited (${code}) before it started`));
        if (this.stopping || this.worker !== worker) return;
        this.deps.logger.error({ code }, 'webhook dispatcher thread exited; starting it again');
        setTimeout(() => void this.spawn().catch((error) => this.deps.logger.error({ err: error }, 'webhook dispatcher restart failed')), RESTART_DELAY_MS).unref();
      });
    });
  }

  private onMessage(worker: Worker, message: ToMain): void {
    if (message.type === 'observed') {
      for (const [outcome, n] of Object.entries(message.attempts)) this.observer.attempted(outcome as keyof typeof message.attempts, n);
      for (const seconds of message.delays) this.observer.delivered(seconds);
    } else if (message.type === 'disable') {
      void this.disable(message, message.reason, message.detail).then(
        () => worker.postMessage({ type: 'disabled', id: message.id } satisfies ToThread),
        (error: Error) => worker.postMessage({ type: 'disabled', id: message.id, error: error.message } satisfies ToThread),
      );
    }
  }

  async stop(): Promise<void> {
    this.stopping = true;
    const worker = this.worker;
    if (!worker) return;
    const stopped = new Promise<void>((resolve) => {
      worker.on('message', (message: ToMain) => message.type === 'stopped' && resolve());
      worker.once('exit', () => resolve());
    });
    worker.postMessage({ type: 'stop' } satisfies ToThread);
    const timer = setTimeout(() => void worker.terminate(), STOP_TIMEOUT_MS);
    await stopped;
    clearTimeout(timer);
    await worker.terminate();
  }
}
