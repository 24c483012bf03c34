import { createServer, type Server } from 'node:http';
import { register } from 'prom-client';
import {
  coalescingNotifier,
  createPool,
  EVENTS_APPENDED_CHANNEL,
  EVENTS_PROJECTED_CHANNEL,
  EventStore,
  listenForWakeUps,
  PROJECTOR_APPLICATION_NAME,
} from '@orgs/shared/event-store';
import { composeProjection, encodeProjected, Projector, registerLagMetrics, type Projection } from '@orgs/shared/projector';
import { ProjectionQueue } from '@orgs/shared/queue';
import { applyMigrations, createPrismaClient } from '@orgs/shared/read-models';
import { READ_MODELS_PROJECTION } from '@orgs/shared/projector';
import { prepareDependencies, type Logger, type OrgsConfig } from '@orgs/shared/runtime';
import { organizationHandlers } from '@orgs/organizations/projection';
import { tenantsHandlers } from '@orgs/tenants/projection';

/** Every projection the worker keeps; capabilities whose tables refer to each other share one. */
export const projections: Projection[] = [
  composeProjection(READ_MODELS_PROJECTION, [tenantsHandlers, ...organizationHandlers]),
];

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
  const pool = createPool(config.databaseUrl, { max: 6 });
  // The projector's own (write) transactions must not hold back followers of the log.
  const prisma = createPrismaClient(config.databaseUrl, { max: 4, applicationName: PROJECTOR_APPLICATION_NAME });
  const projector = new Projector(pool, new EventStore(pool), prisma);
  let lastProjected = '';
  const notifyProjected = coalescingNotifier(pool, EVENTS_PROJECTED_CHANNEL, (e) => logger.warn({ err: e }, 'notify failed'), () => lastProjected);
  const queue = new ProjectionQueue({
    connection: { url: config.redisUrl, maxRetriesPerRequest: null },
    prefix: config.redisPrefix,
    projections,
    projector,
    logger,
    batchSize: options.batchSize,
    onProjected: (projection, event) => {
      lastProjected = encodeProjected(projection.name, event);
      notifyProjected();
    },
  });
  queue.start();
  const wake = () => void queue.wake().catch((e) => logger.warn({ err: e }, 'wake-up failed'));
  const listener = await listenForWakeUps(config.databaseUrl, EVENTS_APPENDED_CHANNEL, wake, (e) => logger.warn({ err: e }, 'listener error'));
  const poll = setInterval(wake, SAFETY_POLL_MS);
  registerLagMetrics(pool);
  const server = options.metricsPort === undefined ? undefined : await serveMetrics(options.metricsPort);
  logger.info({ projections: projections.map((p) => p.name), metricsPort: options.metricsPort }, 'worker started');

  return {
    queue,
    async stop() {
      clearInterval(poll);
      await listener.close();
      await queue.close();
      server?.close();
      await prisma.$disconnect();
      await pool.end();
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
