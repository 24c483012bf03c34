import { Inject, Injectable } from '@nestjs/common';
import { ProjectionWaiter } from '@orgs/shared/projector';
import { forTenant, type PrismaClient, type TenantReadModels } from '@orgs/shared/read-models';
import { decodeConsistencyToken } from './consistency-token';
import { PRISMA } from './tokens';

/** How long a read waits for its consistency token before failing with a retryable error. */
export const DEFAULT_CONSISTENCY_WAIT_MS = Number(process.env.CONSISTENCY_WAIT_MS ?? 2_000);

const MAX_CACHED_TENANTS = 10_000;

/** The read side for resolvers: one tenant's rows only, optionally after a given write. */
@Injectable()
export class ReadModels {
  constructor(
    @Inject(PRISMA) private readonly prisma: PrismaClient,
    private readonly waiter: ProjectionWaiter,
  ) {}

  /** Extending a client costs about a millisecond: keep each tenant's (they hold no connection). */
  private readonly clients = new Map<string, TenantReadModels>();

  async forTenant(tenantId: string, consistencyToken?: string | null): Promise<TenantReadModels> {
    if (consistencyToken) await this.waiter.waitFor(decodeConsistencyToken(consistencyToken), DEFAULT_CONSISTENCY_WAIT_MS);
    let client = this.clients.get(tenantId);
    if (!client) {
      client = forTenant(this.prisma, tenantId);
      if (this.clients.size >= MAX_CACHED_TENANTS) this.clients.delete(this.clients.keys().next().value as string);
      this.clients.set(tenantId, client);
    }
    return client;
  }
}
