import type { Tags, UsageSlice } from '../bill/compute-bill';
import { dayOf, type PeriodBounds } from '../periods/billing-period';
import type { Quantity } from '../money/decimal';

/** An account's time in one parent of one organization: [from, to), to null while it is still there. */
export interface MembershipInterval {
  accountId: string;
  parentId: string;
  fromMs: number;
  toMs: number | null;
}

/** A usage record as ingested. */
export interface RecordedUsage {
  accountId: string;
  productCode: string;
  usageType: string;
  tags: Tags;
  startMs: number;
  endMs: number;
  quantity: Quantity;
}

/** In one parent for the whole month: its monthly totals can be billed as they are. */
export function coversPeriod(intervals: readonly MembershipInterval[], bounds: PeriodBounds): boolean {
  if (intervals.length !== 1) return false;
  const [only] = intervals;
  return only.fromMs <= bounds.startMs && (only.toMs === null || only.toMs >= bounds.endMs);
}

/**
 * Usage counts toward the organization only while the account was a member, and toward the parent
 * it sat in at the time. A record that spans a join, a move or a departure is split by the time it
 * spent on each side (a record of no duration goes where its instant falls); the share outside
 * every membership is dropped. Shares are rounded down to the quantity's precision, and a record
 * wholly inside memberships gives its last share the remainder, so nothing is lost to rounding.
 */
export function attributeToMembership(records: readonly RecordedUsage[], intervals: readonly MembershipInterval[]): UsageSlice[] {
  const byAccount = new Map<string, MembershipInterval[]>();
  for (const interval of intervals) byAccount.set(interval.accountId, [...(byAccount.get(interval.accountId) ?? []), interval]);
  for (const list of byAccount.values()) list.sort((a, b) => a.fromMs - b.fromMs);
  return records.flatMap((record) => slicesOf(record, byAccount.get(record.accountId) ?? []));
}

function slicesOf(record: RecordedUsage, intervals: readonly MembershipInterval[]): UsageSlice[] {
  const { startMs, endMs } = record;
  const duration = BigInt(endMs - startMs);
  const slices: UsageSlice[] = [];
  let covered = 0n;
  let assigned = 0n;
  for (const interval of intervals) {
    const to = interval.toMs ?? Number.POSITIVE_INFINITY;
    if (duration === 0n) {
      if (startMs >= interval.fromMs && startMs < to) slices.push(slice(record, interval.parentId, startMs, record.quantity));
      continue;
    }
    const from = Math.max(startMs, interval.fromMs);
    const until = Math.min(endMs, to);
    if (until <= from) continue;
    const overlap = BigInt(until - from);
    const quantity: Quantity = (record.quantity * overlap) / duration;
    covered += overlap;
    assigned += quantity;
    slices.push(slice(record, interval.parentId, from, quantity));
  }
  if (duration > 0n && covered === duration && slices.length > 0) slices[slices.length - 1].quantity += record.quantity - assigned;
  return slices;
}

const slice = (record: RecordedUsage, parentId: string, atMs: number, quantity: Quantity): UsageSlice => ({
  accountId: record.accountId,
  parentId,
  productCode: record.productCode,
  usageType: record.usageType,
  tags: record.tags,
  day: dayOf(atMs),
  quantity,
});
