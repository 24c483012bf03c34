import { Inject, Injectable } from '@nestjs/common';
import { ProjectionWaiter } from '@orgs/shared/projector';
import { forTenant, type PrismaClient, type TenantReadModels } from '@orgs/shared/read-models';
import { decodeConsistencyToken } from './consistency-token';
import { PRISMA } from './tokens';

/** How long a read waits for its consistency token before failing with a retryable error. */
export const DEFAULT_CONSISTENCY_WAIT_MS = Number(process.env.CONSISTENCY_WAIT_MS ?? 2_000);

/** The read side for resolvers: one tenant's rows only, optionally after a given write. */
@Injectable()
export class ReadModels {
  constructor(
    @Inject(PRISMA) private readonly prisma: PrismaClient,
    private readonly waiter: ProjectionWaiter,
  ) {}

  async forTenant(tenantId: string, consistencyToken?: string | null): Promise<TenantReadModels> {
    if (consistencyToken) await this.waiter.waitFor(decodeConsistencyToken(consistencyToken), DEFAULT_CONSISTENCY_WAIT_MS);
    return forTenant(this.prisma, tenantId);
  }
}
