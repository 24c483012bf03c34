import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { Pool } from 'pg';
import { EVENTS_PROJECTED_CHANNEL, listenForWakeUps, type WakeUpListener } from '@orgs/shared/event-store';
import { decodeConsistencyToken, DEFAULT_CONSISTENCY_WAIT_MS, LOGGER, ORGS_CONFIG, PG_POOL, PRISMA, type Principal } from '@orgs/shared/nest';
import { decodeProjected, ProjectionWaiter } from '@orgs/shared/projector';
import { Prisma, queryAsTenant, type PrismaClient } from '@orgs/shared/read-models';
import type { Logger, OrgsConfig } from '@orgs/shared/runtime';
import { WEBHOOKS_PROJECTION, webhookEndpointNotFound, type EndpointScope } from '@orgs/webhooks/domain';

export interface EndpointRow {
  id: string;
  owner_account_id: string;
  organization_id: string | null;
  account_id: string | null;
  url: string;
  description: string;
  event_types: string[];
  status: string;
  disabled_reason: string | null;
  previous_valid_until: Date | null;
  created_at: Date;
  updated_at: Date;
}

/**
 * Who may receive what, and read-your-writes for the webhooks projection (its own checkpoint).
 * A management account's endpoints receive its organization's events; any other account's, only
 * the events about itself.
 */
@Injectable()
export class WebhooksScope implements OnModuleInit, OnModuleDestroy {
  private readonly waiter: ProjectionWaiter;
  private listener?: WakeUpListener;

  constructor(
    @Inject(PRISMA) private readonly prisma: PrismaClient,
    @Inject(PG_POOL) pool: Pool,
    @Inject(ORGS_CONFIG) private readonly config: OrgsConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.waiter = new ProjectionWaiter(pool, WEBHOOKS_PROJECTION);
  }

  async onModuleInit(): Promise<void> {
    this.listener = await listenForWakeUps(
      this.config.databaseUrl,
      EVENTS_PROJECTED_CHANNEL,
      (payload) => {
        const announced = decodeProjected(payload);
        if (announced && announced.name !== WEBHOOKS_PROJECTION) return;
        void this.waiter.projected(announced?.checkpoint).catch((e) => this.logger.warn({ err: e }, 'webhooks checkpoint read failed'));
      },
      (e) => this.logger.warn({ err: e }, 'webhooks projection listener error'),
    );
  }

  async onModuleDestroy(): Promise<void> {
    await this.listener?.close();
  }

  async waitFor(consistencyToken?: string | null): Promise<void> {
    if (consistencyToken) await this.waiter.waitFor(decodeConsistencyToken(consistencyToken), DEFAULT_CONSISTENCY_WAIT_MS);
  }

  async scopeOf(principal: Principal): Promise<EndpointScope> {
    const [row] = await this.sql<{ organization_id: string | null; master_account_id: string | null }>(
      principal,
      Prisma.sql`SELECT a.organization_id, o.master_account_id FROM accounts a
                   LEFT JOIN organizations o ON o.tenant_id = a.tenant_id AND o.id = a.organization_id
                  WHERE a.tenant_id = ${principal.tenantId}::uuid AND a.id = ${principal.accountId}`,
    );
    const organizationId = row?.organization_id ?? null;
    const isManagement = organizationId !== null && row?.master_account_id === principal.accountId;
    return { organizationId, accountId: isManagement ? null : principal.accountId };
  }

  async endpoints(principal: Principal, consistencyToken?: string | null): Promise<EndpointRow[]> {
    await this.waitFor(consistencyToken);
    return this.sql<EndpointRow>(
      principal,
      Prisma.sql`SELECT * FROM webhook_endpoints WHERE tenant_id = ${principal.tenantId}::uuid AND owner_account_id = ${principal.accountId}
                   AND status <> 'DELETED' ORDER BY created_at, id`,
    );
  }

  /** The caller's own endpoint, else WebhookEndpointNotFoundException. */
  async ownEndpoint(principal: Principal, endpointId: string, consistencyToken?: string | null): Promise<EndpointRow> {
    await this.waitFor(consistencyToken);
    const [row] = await this.sql<EndpointRow>(
      principal,
      Prisma.sql`SELECT * FROM webhook_endpoints WHERE tenant_id = ${principal.tenantId}::uuid AND id = ${endpointId}
                   AND owner_account_id = ${principal.accountId} AND status <> 'DELETED'`,
    );
    if (!row) throw webhookEndpointNotFound(endpointId);
    return row;
  }

  sql<T>(principal: Principal, statement: Prisma.Sql): Promise<T[]> {
    return queryAsTenant<T>(this.prisma, principal.tenantId, statement);
  }
}
