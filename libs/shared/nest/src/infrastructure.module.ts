import { Global, Inject, Module, type DynamicModule, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import type { Pool } from 'pg';
import { CommandHandler } from '@orgs/shared/command-handling';
import { NO_UPCASTERS, type EventSchemas } from '@orgs/shared/kernel';
import {
  APP_ROLE,
  APPEND_CALLS_IN_FLIGHT,
  APPENDED_NOTIFY_SPACING_MS,
  coalescingNotifier,
  createPool,
  EVENTS_APPENDED_CHANNEL,
  EVENTS_PROJECTED_CHANNEL,
  EventStore,
  listenForWakeUps,
  SnapshotStore,
  type WakeUpListener,
} from '@orgs/shared/event-store';
import { ProjectionWaiter, ProjectionWaiters, READ_MODELS_CHANGED_CHANNEL, READ_MODELS_PROJECTION, ReadModelChanges } from '@orgs/shared/projector';
import { createPrismaClient, type PrismaClient } from '@orgs/shared/read-models';
import { AccessKeyPrincipals } from './auth/access-key-principals';
import { ApiKeyPrincipals } from './auth/api-key-principals';
import { ConsistencyResolver } from './consistency/consistency.resolver';
import { AuthGuard } from './auth/auth.guard';
import type { OrgsConfig } from '@orgs/shared/runtime';
import type { Logger } from '@orgs/shared/runtime';
import { ReadModels } from './read-models.service';
import { APPEND_POOL, ORGS_CONFIG, LOGGER, PG_POOL, PRISMA } from './tokens';

/**
 * What every API capability needs: the event store and command handler (as the RLS-bound
 * `orgs_app` role), the read models, the auth guard, and the waiter for read-your-writes.
 */
@Global()
@Module({})
export class OrgsInfrastructureModule implements OnModuleInit, OnModuleDestroy {
  private listener?: WakeUpListener;

  constructor(
    @Inject(ORGS_CONFIG) private readonly config: OrgsConfig,
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(APPEND_POOL) private readonly appendPool: Pool,
    @Inject(PRISMA) private readonly prisma: PrismaClient,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly waiters: ProjectionWaiters,
    private readonly changes: ReadModelChanges,
  ) {}

  /** `eventSchemas`: every capability's upcasters, so that commands decide on events in today's shape. */
  static forRoot(config: OrgsConfig, logger: Logger, eventSchemas: EventSchemas = NO_UPCASTERS): DynamicModule {
    const providers = [
      { provide: ORGS_CONFIG, useValue: config },
      { provide: LOGGER, useValue: logger },
      { provide: PG_POOL, useFactory: () => createPool(config.databaseUrl, { role: APP_ROLE, max: 10 }) },
      { provide: PRISMA, useFactory: () => createPrismaClient(config.databaseUrl, { role: APP_ROLE, max: 10, applicationName: 'orgs-api' }) },
      {
        provide: APPEND_POOL,
        useFactory: () => createPool(config.databaseUrl, { role: APP_ROLE, max: APPEND_CALLS_IN_FLIGHT, applicationName: 'orgs-appends' }),
      },
      {
        provide: EventStore,
        inject: [PG_POOL, APPEND_POOL],
        useFactory: (pool: Pool, appendPool: Pool) =>
          new EventStore(
            pool,
            coalescingNotifier(pool, EVENTS_APPENDED_CHANNEL, (e) => logger.warn({ err: e }, 'notify failed'), undefined, APPENDED_NOTIFY_SPACING_MS),
            eventSchemas,
            appendPool,
          ),
      },
      { provide: SnapshotStore, inject: [PG_POOL], useFactory: (pool: Pool) => new SnapshotStore(pool) },
      {
        provide: CommandHandler,
        inject: [EventStore, SnapshotStore],
        useFactory: (events: EventStore, snapshots: SnapshotStore) =>
          new CommandHandler(events, snapshots, (e) => logger.warn({ err: e }, 'snapshot failed')),
      },
      { provide: ProjectionWaiters, inject: [PG_POOL], useFactory: (pool: Pool) => new ProjectionWaiters(pool) },
      { provide: ProjectionWaiter, inject: [ProjectionWaiters], useFactory: (waiters: ProjectionWaiters) => waiters.of(READ_MODELS_PROJECTION) },
      { provide: APP_GUARD, useClass: AuthGuard },
      ReadModels,
      { provide: ReadModelChanges, useFactory: () => new ReadModelChanges() },
      ApiKeyPrincipals,
      AccessKeyPrincipals,
      ConsistencyResolver,
    ];
    return {
      module: OrgsInfrastructureModule,
      providers,
      exports: [ORGS_CONFIG, LOGGER, PG_POOL, PRISMA, EventStore, CommandHandler, ProjectionWaiter, ProjectionWaiters, ReadModels, ReadModelChanges, AccessKeyPrincipals],
    };
  }

  /**
   * One connection for both channels: a change announcement (sent inside a projection batch) is
   * handled before the notification that the batch is projected wakes the readers waiting for it.
   */
  async onModuleInit(): Promise<void> {
    this.listener = await listenForWakeUps(
      this.config.databaseUrl,
      [READ_MODELS_CHANGED_CHANNEL, EVENTS_PROJECTED_CHANNEL],
      (payload, channel) => {
        if (channel === READ_MODELS_CHANGED_CHANNEL) return this.changes.received(payload);
        void this.waiters.projected(payload).catch((e) => this.logger.warn({ err: e }, 'checkpoint read failed'));
      },
      (e) => this.logger.warn({ err: e }, 'projection listener error'),
    );
  }

  async onModuleDestroy(): Promise<void> {
    await this.listener?.close();
    await this.prisma.$disconnect();
    await this.pool.end();
    await this.appendPool.end();
  }
}
