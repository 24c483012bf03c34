import { OrgsError, type InvalidInputExceptionReason } from '@orgs/shared/kernel';
import { parseDecimal, type Quantity } from '../money/decimal';
import { dayOf } from '../periods/billing-period';
import type { Price } from '../prices/price-list';

/** A usage record as a caller sends it (GraphQL) or a Cost and Usage Report row carries it (CSV). */
export interface UsageRecordInput {
  accountId: string;
  productCode: string;
  usageType: string;
  region?: string | null;
  quantity: string;
  unit?: string | null;
  usageStart: string;
  usageEnd: string;
  tags?: Record<string, string>;
}

export interface ValidUsageRecord {
  accountId: string;
  productCode: string;
  usageType: string;
  region: string;
  quantity: Quantity;
  unit: string;
  startMs: number;
  endMs: number;
  tags: Record<string, string>;
}

/** What validation looks up: the tenant's accounts and its prices. */
export interface UsageLookups {
  isTenantAccount(accountId: string): boolean;
  priceOn(productCode: string, usageType: string, day: string): Price | undefined;
}

/** The field names a rejection reports, per source: GraphQL member names or CUR column names. */
export type UsageFieldNames = Record<keyof UsageRecordInput, string>;

export const GRAPHQL_USAGE_FIELDS: UsageFieldNames = {
  accountId: 'accountId',
  productCode: 'productCode',
  usageType: 'usageType',
  region: 'region',
  quantity: 'quantity',
  unit: 'unit',
  usageStart: 'usageStart',
  usageEnd: 'usageEnd',
  tags: 'tags',
};

/** A bad record: the whole batch is refused, naming the record's line (1-based) and field. */
export class UsageRecordRejected extends OrgsError {
  constructor(
    code: 'InvalidInputException' | 'AccountNotFoundException',
    readonly line: number,
    readonly field: string,
    problem: string,
    reason?: InvalidInputExceptionReason,
  ) {
    super(code, `Line ${line}, ${field}: ${problem}. Nothing of the batch was recorded.`, reason);
  }
}

const ACCOUNT_ID = /^\d{12}$/;
const NAME = /^[A-Za-z0-9][\w.:/+-]{0,127}$/;
const REGION = /^[a-z0-9-]{0,32}$/;
const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-](\d{2}):?(\d{2}))$/;

export function validateUsageRecord(input: UsageRecordInput, line: number, lookups: UsageLookups, names = GRAPHQL_USAGE_FIELDS): ValidUsageRecord {
  const reject = (field: keyof UsageRecordInput, problem: string, reason: InvalidInputExceptionReason) =>
    new UsageRecordRejected('InvalidInputException', line, names[field], problem, reason);
  if (!ACCOUNT_ID.test(input.accountId ?? '')) throw reject('accountId', 'an account id is 12 digits', 'INVALID_PATTERN');
  // One answer for "no such account" and "another tenant's": whether an id exists elsewhere is not this tenant's to know.
  if (!lookups.isTenantAccount(input.accountId)) {
    throw new UsageRecordRejected('AccountNotFoundException', line, names.accountId, `account ${input.accountId} is not an account of this tenant`);
  }
  if (!NAME.test(input.productCode ?? '')) throw reject('productCode', 'a service code is required', 'INVALID_PATTERN');
  if (!NAME.test(input.usageType ?? '')) throw reject('usageType', 'a usage type is required', 'INVALID_PATTERN');
  const region = input.region ?? '';
  if (!REGION.test(region)) throw reject('region', 'not a region name', 'INVALID_PATTERN');
  const quantity = parseDecimal(input.quantity ?? '');
  if (quantity === null) throw reject('quantity', 'not a decimal of at most 10 places', 'INVALID_PATTERN');
  if (quantity < 0n) throw reject('quantity', 'a quantity may not be negative', 'MIN_VALUE_EXCEEDED');
  const startMs = instant(input.usageStart);
  if (startMs === null) throw reject('usageStart', 'not an ISO 8601 time with a zone', 'INVALID_START_DATE');
  const endMs = instant(input.usageEnd);
  if (endMs === null) throw reject('usageEnd', 'not an ISO 8601 time with a zone', 'INVALID_END_DATE');
  if (endMs < startMs) throw reject('usageEnd', 'the usage ends before it starts', 'END_DATE_TOO_EARLY');
  const price = lookups.priceOn(input.productCode, input.usageType, dayOf(startMs));
  if (!price) throw reject('usageType', `${input.productCode} has no price for usage type ${input.usageType}`, 'INVALID_ENUM');
  if (input.unit && input.unit !== price.unit) throw reject('unit', `${input.usageType} is priced per ${price.unit}`, 'INVALID_ENUM');
  const tags = input.tags ?? {};
  for (const [key, value] of Object.entries(tags)) {
    if (key.length === 0 || key.length > 128 || value.length > 256) throw reject('tags', `tag ${key.slice(0, 20)} is too long or empty`, 'MAX_LENGTH_EXCEEDED');
  }
  return { accountId: input.accountId, productCode: input.productCode, usageType: input.usageType, region, quantity, unit: price.unit, startMs, endMs, tags };
}

/**
 * Every field in range (Date.parse would take 30 February as 1 March, and 24:00): the same instants
 * the CSV path's set-based check (libs/billing/api cur-copy.ts) lets Postgres cast.
 */
function instant(text: string | undefined): number | null {
  const match = text ? INSTANT.exec(text) : null;
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map((part) => Number(part ?? 0));
  const [zoneHours, zoneMinutes] = [Number(match[9] ?? 0), Number(match[10] ?? 0)];
  const dayExists = new Date(Date.UTC(year, month - 1, day)).getUTCDate() === day && month >= 1 && month <= 12;
  if (year < 1 || !dayExists || hour > 23 || minute > 59 || second > 59 || zoneHours > 15 || zoneMinutes > 59) return null;
  const ms = Date.parse(text as string);
  return Number.isNaN(ms) ? null : ms;
}
