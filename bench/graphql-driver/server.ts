/**
 * Server child: boots one minimal NestJS GraphQL app (code-first, in-memory
 * schema, a single `{ ping }` query) with the requested driver, listens on
 * 127.0.0.1:<free port> and reports the port to the parent over IPC.
 *
 * It runs in its own process so that the load generator (autocannon, in the
 * parent) does not compete with the server for the same event loop.
 */
import 'reflect-metadata'; // before any decorator runs
import type { AddressInfo } from 'node:net';
import type { INestApplication, LogLevel } from '@nestjs/common';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { GraphQLModule, Query, Resolver } from '@nestjs/graphql';
import { DriverId, HOST } from './config';

/** Messages exchanged with the parent over the IPC channel. */
export type ChildMessage = { type: 'ready'; port: number } | { type: 'failed'; message: string };
export type ParentMessage = { type: 'close' };

// Only warnings/errors: no bootstrap chatter, and Nest never logs per request.
const NEST_LOG_LEVELS: LogLevel[] = ['error', 'warn'];

@Resolver()
class PingResolver {
  @Query(() => String)
  ping(): string {
    return 'pong';
  }
}

/*
 * Each driver's packages are imported lazily, so a child only loads the stack
 * it benchmarks (no Apollo code in the Mercurius process and vice versa).
 * GraphiQL is off for both: it is a dev tool and only Apollo would add a plugin.
 */

async function createApolloExpressApp(): Promise<INestApplication> {
  const { ApolloDriver } = await import('@nestjs/apollo');

  @Module({
    imports: [GraphQLModule.forRoot({ driver: ApolloDriver, autoSchemaFile: true, graphiql: false })],
    providers: [PingResolver],
  })
  class ApolloExpressBenchModule {}

  // Default adapter = Express.
  return NestFactory.create(ApolloExpressBenchModule, { logger: NEST_LOG_LEVELS, abortOnError: false });
}

async function createMercuriusFastifyApp(): Promise<INestApplication> {
  const { MercuriusDriver } = await import('@nestjs/mercurius');
  const { FastifyAdapter } = await import('@nestjs/platform-fastify');

  @Module({
    imports: [GraphQLModule.forRoot({ driver: MercuriusDriver, autoSchemaFile: true, graphiql: false })],
    providers: [PingResolver],
  })
  class MercuriusFastifyBenchModule {}

  // Fastify's own logger is off by default; say so explicitly (no request logs).
  return NestFactory.create(MercuriusFastifyBenchModule, new FastifyAdapter({ logger: false }), {
    logger: NEST_LOG_LEVELS,
    abortOnError: false,
  });
}

const APP_FACTORIES: Record<DriverId, () => Promise<INestApplication>> = {
  apollo_express: createApolloExpressApp,
  mercurius_fastify: createMercuriusFastifyApp,
};

/** Resolves once the message is handed to the IPC channel (safe to exit after). */
function send(message: ChildMessage): Promise<void> {
  return new Promise((resolve) => process.send!(message, () => resolve()));
}

export async function runServerChild(driver: string | undefined): Promise<void> {
  if (!process.send) throw new Error('server mode must be started by the benchmark (needs an IPC channel)');
  // If the parent dies (watchdog, Ctrl-C) the IPC channel closes: never linger.
  process.on('disconnect', () => process.exit(0));

  try {
    const factory = APP_FACTORIES[driver as DriverId];
    if (!factory) throw new Error(`unknown driver "${driver}"`);
    const app = await factory();
    await app.listen(0, HOST);
    const { port } = app.getHttpServer().address() as AddressInfo;

    process.on('message', async (message: ParentMessage) => {
      if (message.type !== 'close') return;
      await app.close();
      process.exit(0);
    });
    await send({ type: 'ready', port });
  } catch (error) {
    await send({ type: 'failed', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    process.exit(1);
  }
}
