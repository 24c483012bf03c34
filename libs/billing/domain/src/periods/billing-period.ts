import { invalidInput } from '@orgs/shared/kernel';

/** A billing period is a calendar month in UTC, named YYYY-MM. */
const PERIOD = /^(\d{4})-(0[1-9]|1[0-2])$/;
const DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export const isPeriod = (text: string) => PERIOD.test(text);
export const isDay = (text: string) => DAY.test(text) && new Date(`${text}T00:00:00Z`).toISOString().startsWith(text);

export function assertPeriod(period: string): void {
  if (!isPeriod(period)) throw invalidInput('INVALID_PATTERN', 'period must be a month, YYYY-MM.');
}

/** The month (YYYY-MM) of an ISO instant, in UTC. */
export const monthOf = (instant: string | number | Date) => new Date(instant).toISOString().slice(0, 7);
export const dayOf = (instant: string | number | Date) => new Date(instant).toISOString().slice(0, 10);

export interface PeriodBounds {
  /** First day, YYYY-MM-DD. */
  firstDay: string;
  /** First day of the next month. */
  nextFirstDay: string;
  startMs: number;
  endMs: number;
}

export function boundsOf(period: string): PeriodBounds {
  assertPeriod(period);
  const [year, month] = period.split('-').map(Number);
  const start = Date.UTC(year, month - 1, 1);
  const end = Date.UTC(year, month, 1);
  return { firstDay: dayOf(start), nextFirstDay: dayOf(end), startMs: start, endMs: end };
}

export const nextPeriod = (period: string) => monthOf(boundsOf(period).endMs);
export const previousPeriod = (period: string) => monthOf(boundsOf(period).startMs - 1);
