import { Inject, Injectable } from '@nestjs/common';
import { decodeConsistencyToken, DEFAULT_CONSISTENCY_WAIT_MS, PRISMA, type Principal } from '@orgs/shared/nest';
import { ProjectionWaiter, ProjectionWaiters } from '@orgs/shared/projector';
import { Prisma, queryAsTenant, type PrismaClient } from '@orgs/shared/read-models';
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
export class WebhooksScope {
  private readonly waiter: ProjectionWaiter;

  constructor(
    @Inject(PRISMA) private readonly prisma: PrismaClient,
    waiters: ProjectionWaiters,
  ) {
    this.waiter = waiters.of(WEBHOOKS_PROJECTION);
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
