import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { createPool } from '@orgs/shared/event-store';
import { registerLagMetrics } from '@orgs/shared/projector';
import { applyMigrations } from '@orgs/shared/read-models';
import { prepareDependencies, type Logger, type OrgsConfig } from '@orgs/shared/runtime';
import { AppModule } from './app.module';

/** Starts the API: dependencies checked, migrations applied, GraphQL at /graphql. */
export async function startApi(config: OrgsConfig, logger: Logger): Promise<NestFastifyApplication> {
  await prepareDependencies(config.databaseUrl, config.redisUrl);
  await applyMigrations(config.databaseUrl, { log: (message) => logger.info(message) });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, logger), new FastifyAdapter(), {
    logger: ['error', 'warn'],
  });
  app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
  registerLagMetrics(createPool(config.databaseUrl, { max: 2 }));
  await app.listen(config.port, '0.0.0.0');
  logger.info({ port: config.port }, 'API listening: GraphQL at /graphql, /health, /metrics');
  return app;
}
