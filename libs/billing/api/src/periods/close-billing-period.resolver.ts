import { Args, Field, InputType, Mutation, ObjectType, Resolver } from '@nestjs/graphql';
import { CommandHandler } from '@orgs/shared/command-handling';
import { auditMetadataOf, CurrentPrincipal, encodeConsistencyToken, Writes, type Principal } from '@orgs/shared/nest';
import { assertPeriod, billingPeriodsDecider, billingPeriodsStreamId, formatCents, invoiceData } from '@orgs/billing/domain';
import { BillingScope } from '../billing-scope.service';
import { Bills } from '../bill/bill.service';

@InputType()
export class CloseBillingPeriodInput {
  @Field({ description: 'YYYY-MM: a month that has ended.' }) period!: string;
}

@ObjectType()
export class CloseBillingPeriodResponse {
  @Field() period!: string;
  @Field({ description: 'The frozen invoice\'s total, USD.' }) total!: string;
  @Field() consistencyToken!: string;
}

/**
 * closeBillingPeriod: the month's bill, computed now, is frozen into the BillingPeriodClosed event.
 * Usage for the month that arrives later is billed as adjustments of the next open month.
 */
@Resolver()
export class CloseBillingPeriodResolver {
  constructor(
    private readonly scope: BillingScope,
    private readonly bills: Bills,
    private readonly commands: CommandHandler,
  ) {}

  @Writes()
  @Mutation(() => CloseBillingPeriodResponse)
  async closeBillingPeriod(@CurrentPrincipal() principal: Principal, @Args('input') input: CloseBillingPeriodInput): Promise<CloseBillingPeriodResponse> {
    assertPeriod(input.period);
    const caller = await this.scope.caller(principal);
    // A member is refused before its (partial) bill is computed; the domain checks again.
    const view = caller.isManagementAccount ? await this.bills.bill(caller, input.period) : null;
    const result = await this.commands.handle({
      tenantId: principal.tenantId,
      streamId: billingPeriodsStreamId(caller.organizationId),
      decider: billingPeriodsDecider,
      command: {
        type: 'CloseBillingPeriod',
        data: {
          organizationId: caller.organizationId,
          period: input.period,
          invoice: view ? invoiceData({ ...view }, view.adjustments) : invoiceData({ lines: [], accounts: [], total: 0n, standalone: 0n, savings: 0n }, []),
          usageRevisions: view?.usageRevisions ?? {},
          callerIsManagementAccount: caller.isManagementAccount,
        },
        actingAccountId: principal.accountId,
        at: new Date().toISOString(),
      },
      metadata: auditMetadataOf(principal),
    });
    return { period: input.period, total: formatCents(view?.total ?? 0n), consistencyToken: encodeConsistencyToken(result.checkpoint) };
  }
}
