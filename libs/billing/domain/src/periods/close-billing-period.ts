import { accessDenied, assertUnreachable, invalidInput, OrgsError, type Decider } from '@orgs/shared/kernel';
import { assertPeriod, boundsOf } from './billing-period';
import type { InvoiceData } from './invoice';

/** Each organization's billing periods: one stream per organization. */
export const billingPeriodsStreamId = (organizationId: string) => `billing-periods-${organizationId}`;

export interface CloseBillingPeriodCommand {
  type: 'CloseBillingPeriod';
  data: {
    organizationId: string;
    period: string;
    /** The month's bill, computed by the caller from the read models just before: what gets frozen. */
    invoice: InvoiceData;
    /** Per month, how much usage the invoice saw (see usage revisions): later usage is late. */
    usageRevisions: Record<string, number>;
    callerIsManagementAccount: boolean;
  };
  actingAccountId: string;
  at: string;
}

export type BillingPeriodClosedEvent = {
  type: 'BillingPeriodClosed';
  data: { organizationId: string; period: string; invoice: InvoiceData; usageRevisions: Record<string, number>; closedBy: string; closedAt: string };
};

export interface BillingPeriodsState {
  closed: Record<string, { closedAt: string }>;
}

export const billingPeriodsDecider: Decider<BillingPeriodsState, CloseBillingPeriodCommand, BillingPeriodClosedEvent> = {
  stateVersion: 1,
  initialState: () => ({ closed: {} }),
  decide(command, state) {
    switch (command.type) {
      case 'CloseBillingPeriod':
        return closeBillingPeriod(command, state);
      default:
        return assertUnreachable(command.type);
    }
  },
  evolve(state, event) {
    switch (event.type) {
      case 'BillingPeriodClosed':
        return { closed: { ...state.closed, [event.data.period]: { closedAt: event.data.closedAt } } };
      default:
        return assertUnreachable(event.type);
    }
  },
};

/** Freezes a finished month's invoice. The month must be over; a month closes once. */
function closeBillingPeriod(command: CloseBillingPeriodCommand, state: BillingPeriodsState): BillingPeriodClosedEvent[] {
  const { organizationId, period, invoice, usageRevisions, callerIsManagementAccount } = command.data;
  if (!callerIsManagementAccount) throw accessDenied('Only the management account can close a billing period.');
  assertPeriod(period);
  if (boundsOf(period).endMs > Date.parse(command.at)) {
    throw invalidInput('INVALID_END_DATE', `Billing period ${period} has not ended yet.`);
  }
  if (Object.hasOwn(state.closed, period)) throw new OrgsError('ConflictException', `Billing period ${period} is already closed.`);
  return [{ type: 'BillingPeriodClosed', data: { organizationId, period, invoice, usageRevisions, closedBy: command.actingAccountId, closedAt: command.at } }];
}
