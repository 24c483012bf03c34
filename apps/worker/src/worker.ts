import { createServer, type Server } from 'node:http';
import { register } from 'prom-client';
import type { Pool } from 'pg';
import { CommandHandler } from '@orgs/shared/command-handling';
import {
  APPENDED_NOTIFY_SPACING_MS,
  coalescingNotifier,
  createPool,
  EVENTS_APPENDED_CHANNEL,
  EventStore,
  listenForWakeUps,
  PROJECTOR_APPLICATION_NAME,
  SharedLogReads,
  SnapshotStore,
} from '@orgs/shared/event-store';
import { composeProjection, Projector, READ_MODELS_PROJECTION, registerLagMetrics, type Projection } from '@orgs/shared/projector';
import { FollowerQueue, ReactionDispatcher, registerQueueMetrics, type LogFollower, type Reaction } from '@orgs/shared/queue';
import { applyMigrations, createPrismaClient } from '@orgs/shared/read-models';
import { prepareDependencies, type Logger, type OrgsConfig } from '@orgs/shared/runtime';
import { composePublicEvents, EventSchemas } from '@orgs/shared/kernel';
import { ORGANIZATION_EVENT_UPCASTERS, ORGANIZATION_PUBLIC_EVENTS } from '@orgs/organizations/domain';
import { WEBHOOK_PUBLIC_EVENTS } from '@orgs/webhooks/domain';
import { WEBHOOKS_QUEUED_CHANNEL, webhooksProjection } from '@orgs/webhooks/projection';
import { startWebhookDelivery } from '@orgs/webhooks/delivery';
import { organizationReactions, registerServiceLinkedRoleMetrics } from '@orgs/organizations/jobs';
import { organizationHandlers } from '@orgs/organizations/projection';
import { tenantsHandlers } from '@orgs/tenants/projection';
import { billingProjection } from '@orgs/billing/projection';

/** Every capability's upcasters: projections and reactions read events in today's shape. */
export const EVENT_SCHEMAS = new EventSchemas([...ORGANIZATION_EVENT_UPCASTERS]);

/** What webhooks publish: each capability's public events. */
export const PUBLIC_EVENTS = composePublicEvents([ORGANIZATION_PUBLIC_EVENTS, WEBHOOK_PUBLIC_EVENTS]);

/** Every projection the worker keeps; capabilities whose tables refer to each other share one. */
export const projections: Projection[] = [
  composeProjection(READ_MODELS_PROJECTION, [tenantsHandlers, ...organizationHandlers]),
  billingProjection,
  webhooksProjection(PUBLIC_EVENTS),
];

/** The long work started by events (account creation, expiries, ...). */
export const reactions: Reaction[] = [...organizationReactions];

/** Without a notification, the worker still looks at the log this often. */
const SAFETY_POLL_MS = 1_000;

export interface WorkerOptions {
  metricsPort?: number;
  batchSize?: number;
}

export async function startWorker(config: OrgsConfig, logger: Logger, options: WorkerOptions = {}) {
  await prepareDependencies(config.databaseUrl, config.redisUrl);
  await applyMigrations(config.databaseUrl, { log: (message) => logger.info(message) });
  // The worker reads every tenant's events, so it connects as the owner, outside row-level security.
  const pool = createPool(config.databaseUrl, { max: 8 });
  const events = new EventStore(pool, coalescingNotifier(pool, EVENTS_APPENDED_CHANNEL, (e) => logger.warn({ err: e }, 'notify failed'), undefined, APPENDED_NOTIFY_SPACING_MS), EVENT_SCHEMAS);
  const connection = { url: config.redisUrl, maxRetriesPerRequest: null };
  const { followers, dispatchers, warmUp, close: closeFollowers } = buildFollowers(config, pool, events, connection);
  await warmUp();
  const commands = new CommandHandler(events, new SnapshotStore(pool), (e) => logger.warn({ err: e }, 'snapshot failed'));
  for (const dispatcher of dispatchers) dispatcher.startJobs({ commands, events, pool, logger });
  const webhooks = await startWebhookDelivery({ databaseUrl: config.databaseUrl, pool, commands, logger, queuedChannel: WEBHOOKS_QUEUED_CHANNEL });

  const queue = new FollowerQueue({
    connection,
    prefix: config.redisPrefix,
    followers,
    logger,
    batchSize: options.batchSize,
  });
  queue.start();
  const wake = () => void queue.wake().catch((e) => logger.warn({ err: e }, 'wake-up failed'));
  const listener = await listenForWakeUps(config.databaseUrl, EVENTS_APPENDED_CHANNEL, wake, (e) => logger.warn({ err: e }, 'listener error'));
  const poll = setInterval(wake, SAFETY_POLL_MS);
  registerLagMetrics(pool);
  registerQueueMetrics(() => [queue.queue, ...dispatchers.flatMap((d) => d.bullQueues)]);
  registerServiceLinkedRoleMetrics(pool);
  const server = options.metricsPort === undefined ? undefined : await serveMetrics(options.metricsPort);
  logger.info({ followers: followers.map((f) => f.name), metricsPort: options.metricsPort }, 'worker started');

  return {
    queue,
    async stop() {
      clearInterval(poll);
      await webhooks.stop();
      await listener.close();
      await queue.close();
      await closeFollowers();
      server?.close();
      await pool.end();
    },
  };
}

/**
 * Projections write through a client of their own, named so that followers of the log do not wait for it.
 * Its commits need not wait for the disk: a batch's writes and its checkpoint commit together, so a
 * crash of Postgres can only lose both, and the batch is projected again.
 */
function buildFollowers(config: OrgsConfig, pool: Pool, events: EventStore, connection: { url: string; maxRetriesPerRequest: null }) {
  const prisma = createPrismaClient(config.databaseUrl, { max: 4, applicationName: PROJECTOR_APPLICATION_NAME });
  const writers = createPool(config.databaseUrl, { max: 4, applicationName: PROJECTOR_APPLICATION_NAME, asynchronousCommit: true });
  // The followers are woken together at one checkpoint: one read of the log serves them all.
  const log = new SharedLogReads(events);
  const projector = new Projector(pool, log, prisma, writers);
  const projectionFollowers: LogFollower[] = projections.map((projection) => ({
    name: projection.name,
    runBatch: (size?: number, readSince?: number) => projector.runBatch(projection, size, readSince),
  }));
  const dispatchers = [new ReactionDispatcher(reactions, pool, log, connection, config.redisPrefix)];
  return {
    followers: [...projectionFollowers, ...dispatchers],
    dispatchers,
    // Prisma compiles its query engine on the first model query (about a second): not on an event's way.
    warmUp: () => prisma.projectionCheckpoint.findFirst().then(() => undefined),
    async close() {
      await Promise.all(dispatchers.map((d) => d.close()));
      await prisma.$disconnect();
      await writers.end();
    },
  };
}

async function serveMetrics(port: number): Promise<Server> {
  const server = createServer((request, response) => {
    if (request.url === '/metrics') {
      void register.metrics().then((body) => response.writeHead(200, { 'Content-Type': register.contentType }).end(body));
    } else if (request.url === '/health') {
      response.writeHead(200, { 'Content-Type': 'application/json' }).end('{"status":"ok"}');
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(port, '0.0.0.0', resolve));
  return server;
}
