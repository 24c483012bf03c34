import type { ProjectionHandlers } from '@orgs/shared/projector';
import type { ReadModelTransaction } from '@orgs/shared/read-models';
import type { BillingPeriodClosedEvent } from '@orgs/billing/domain';

/** Closed months: their frozen totals (billing_periods) and lines (billing_invoice_lines). */
export const billingPeriodHandlers: ProjectionHandlers = {
  tables: ['billing_periods', 'billing_invoice_lines'],
  eventTypes: new Set<BillingPeriodClosedEvent['type']>(['BillingPeriodClosed']),
  apply: (tx, recorded) => periodClosed(tx, recorded.tenantId, (recorded as unknown as BillingPeriodClosedEvent).data),
};

async function periodClosed(tx: ReadModelTransaction, tenantId: string, data: BillingPeriodClosedEvent['data']): Promise<void> {
  const { organizationId, period, invoice } = data;
  await tx.billingPeriod.create({
    data: {
      tenantId,
      organizationId,
      period,
      closedAt: data.closedAt,
      closedBy: data.closedBy,
      usageRevisions: data.usageRevisions,
      accounts: invoice.accounts,
      total: invoice.total,
      standalone: invoice.standalone,
      savings: invoice.savings,
    },
  });
  const lines = [...invoice.lines.map((l) => ({ ...l, adjustedPeriod: null as string | null })), ...invoice.adjustments];
  await tx.billingInvoiceLine.createMany({
    data: lines.map((line, lineNumber) => ({ tenantId, organizationId, period, lineNumber, ...line, tags: line.tags as Record<string, string> })),
  });
}
