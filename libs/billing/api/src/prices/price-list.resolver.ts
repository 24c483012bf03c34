import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { CommandHandler } from '@orgs/shared/command-handling';
import { auditMetadataOf, CurrentPrincipal, encodeConsistencyToken, Writes, type Principal } from '@orgs/shared/nest';
import { PRICE_LIST_STREAM, priceListDecider } from '@orgs/billing/domain';
import { BillingScope } from '../billing-scope.service';
import { PutPriceListInput, PutPriceListResponse } from './price-list.types';

/** putPriceList: the tenant's prices for the usage types it names, from a day on. */
@Resolver()
export class PriceListResolver {
  constructor(
    private readonly scope: BillingScope,
    private readonly commands: CommandHandler,
  ) {}

  @Writes()
  @Mutation(() => PutPriceListResponse)
  async putPriceList(@CurrentPrincipal() principal: Principal, @Args('input') input: PutPriceListInput): Promise<PutPriceListResponse> {
    const caller = await this.scope.caller(principal);
    const prices = input.prices.map((p) => ({ ...p, tiers: p.tiers.map((t) => ({ upTo: t.upTo ?? null, rate: t.rate })) }));
    const result = await this.commands.handle({
      tenantId: principal.tenantId,
      streamId: PRICE_LIST_STREAM,
      decider: priceListDecider,
      command: {
        type: 'PutPriceList',
        data: { effectiveFrom: input.effectiveFrom, prices, callerIsManagementAccount: caller.isManagementAccount },
        actingAccountId: principal.accountId,
        at: new Date().toISOString(),
      },
      metadata: auditMetadataOf(principal),
    });
    return { effectiveFrom: input.effectiveFrom, consistencyToken: encodeConsistencyToken(result.checkpoint) };
  }
}
