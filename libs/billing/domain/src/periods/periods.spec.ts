import { deciderSpecification } from '@orgs/shared/testing';
import { decimal, formatCents } from '../money/decimal';
import type { BillLine } from '../bill/compute-bill';
import { adjustmentLines, adjustmentTarget, type InvoiceData } from './invoice';
import { billingPeriodsDecider, type BillingPeriodClosedEvent, type CloseBillingPeriodCommand } from './close-billing-period';
import { nextPeriod } from './billing-period';

const invoice: InvoiceData = { lines: [], adjustments: [], accounts: [], total: '0.00', standalone: '0.00', savings: '0.00' };
const close = (period: string, data: Partial<CloseBillingPeriodCommand['data']> = {}, at = '2026-12-02T00:00:00.000Z'): CloseBillingPeriodCommand => ({
  type: 'CloseBillingPeriod',
  data: { organizationId: 'o-abc', period, invoice, usageRevisions: { [period]: 3 }, callerIsManagementAccount: true, ...data },
  actingAccountId: '111111111111',
  at,
});
const closed = (period: string): BillingPeriodClosedEvent => ({
  type: 'BillingPeriodClosed',
  data: { organizationId: 'o-abc', period, invoice, usageRevisions: { [period]: 3 }, closedBy: '111111111111', closedAt: '2026-12-02T00:00:00.000Z' },
});

describe('CloseBillingPeriod', () => {
  const spec = deciderSpecification(billingPeriodsDecider);
  it('freezes a finished month\'s invoice as an event', () => spec.given().when(close('2026-11')).then([closed('2026-11')]));
  it('refuses a month that has not ended', () => spec.given().when(close('2026-12')).thenThrows('InvalidInputException', 'INVALID_END_DATE'));
  it('refuses a month closed already', () => spec.given([closed('2026-11')]).when(close('2026-11')).thenThrows('ConflictException'));
  it('refuses a member account', () => spec.given().when(close('2026-11', { callerIsManagementAccount: false })).thenThrows('AccessDeniedException'));
  it('refuses a period that is no month', () => spec.given().when(close('2026-13')).thenThrows('InvalidInputException', 'INVALID_PATTERN'));
});

describe('late usage of a closed month', () => {
  const line = (accountId: string, quantity: string, cost: bigint): BillLine => ({
    accountId, parentId: 'r-abcd', productCode: 'AmazonS3', usageType: 'TimedStorage-ByteHrs', tags: {}, quantity: decimal(quantity), cost,
  });

  it('is billed as the difference between the month billed again and what was billed for it', () => {
    // Frozen: Alice 40,960 GB = 942.08. Late: Bob's 20,480 GB arrive; billed again the month costs
    // Alice 935.25 and Bob 467.63 (the worked example). Adjustment: Alice -6.83, Bob +467.63.
    const adjustments = adjustmentLines('2026-11', [line('2', '40960', 93525n), line('3', '20480', 46763n)], [line('2', '40960', 94208n)]);
    expect(adjustments.map((a) => [a.accountId, formatCents(a.cost), a.adjustedPeriod])).toEqual([
      ['2', '-6.83', '2026-11'],
      ['3', '467.63', '2026-11'],
    ]);
  });

  it('changes nothing when nothing came late', () => {
    expect(adjustmentLines('2026-11', [line('2', '1', 5n)], [line('2', '1', 5n)])).toEqual([]);
  });

  it('lands on the first month after it that is still open', () => {
    const isClosed = (p: string) => ['2026-10', '2026-11'].includes(p);
    expect(adjustmentTarget('2026-10', isClosed, nextPeriod)).toBe('2026-12');
    expect(adjustmentTarget('2026-12', isClosed, nextPeriod)).toBe('2027-01');
  });
});
