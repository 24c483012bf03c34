import { Inject } from '@nestjs/common';
import { Args, Query, Resolver } from '@nestjs/graphql';
import type { Pool } from 'pg';
import { readConsistency } from '@orgs/shared/projector';
import { ReadModels } from '../read-models.service';
import { CurrentPrincipal, type Principal } from '../auth/principal';
import { PG_POOL } from '../tokens';
import { ConsistencyResponse } from './consistency.types';

/** The log's last position and each projection's lag, for any API key (no tenant's data in it). */
@Resolver()
export class ConsistencyResolver {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    private readonly readModels: ReadModels,
  ) {}

  @Query(() => ConsistencyResponse, { description: 'Where the log and each projection stand: lag in events and milliseconds.' })
  async consistency(
    @CurrentPrincipal() principal: Principal,
    @Args('consistencyToken', { nullable: true, type: () => String }) consistencyToken?: string | null,
  ): Promise<ConsistencyResponse> {
    await this.readModels.forTenant(principal.tenantId, consistencyToken);
    const { lastPosition, projections } = await readConsistency(this.pool);
    return {
      lastPosition: lastPosition.toString(),
      projections: projections.map((p) => ({ ...p, position: p.position.toString() })),
    };
  }
}
