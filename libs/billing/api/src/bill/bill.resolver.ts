import { Args, Query, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal, type Principal } from '@orgs/shared/nest';
import { assertPeriod } from '@orgs/billing/domain';
import { BillingScope } from '../billing-scope.service';
import { billFilter, billOf, groupDefinitions } from './bill-query';
import { Bills } from './bill.service';
import { BillFilterInput, BillGroupByInput, BillResponse } from './bill.types';

const optional = { nullable: true };

/** bill: the month's charges, whole for the management account, a member's own share for a member. */
@Resolver()
export class BillResolver {
  constructor(
    private readonly scope: BillingScope,
    private readonly bills: Bills,
  ) {}

  @Query(() => BillResponse)
  async bill(
    @CurrentPrincipal() principal: Principal,
    @Args('period', { description: 'YYYY-MM (UTC).' }) period: string,
    @Args('groupBy', { ...optional, type: () => [BillGroupByInput] }) groupBy?: BillGroupByInput[] | null,
    @Args('filter', { ...optional, type: () => BillFilterInput }) filter?: BillFilterInput | null,
    @Args('drillDownFrom', { ...optional, type: () => String, description: 'A root or OU id; the root by default.' }) drillDownFrom?: string | null,
    @Args('consistencyToken', { ...optional, type: () => String }) consistencyToken?: string | null,
  ): Promise<BillResponse> {
    assertPeriod(period);
    const groups = groupDefinitions(groupBy);
    const caller = await this.scope.caller(principal, consistencyToken);
    const view = await this.bills.bill(caller, period);
    return { bill: billOf(view, groups, billFilter(filter), drillDownFrom) };
  }
}
