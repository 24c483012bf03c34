import { decimal } from '../money/decimal';
import { defaultPriceList } from '../prices/default-catalogue';
import { PriceCatalogue } from '../prices/price-list';
import { validateUsageRecord, type UsageRecordInput } from './usage-record';

const catalogue = new PriceCatalogue([defaultPriceList()]);
const lookups = { isTenantAccount: (id: string) => id === '111111111111', priceOn: catalogue.priceOn.bind(catalogue) };
const record = (change: Partial<UsageRecordInput> = {}): UsageRecordInput => ({
  accountId: '111111111111',
  productCode: 'AmazonEC2',
  usageType: 'BoxUsage:t3.micro',
  region: 'us-east-1',
  quantity: '1.5',
  usageStart: '2026-11-03T10:00:00Z',
  usageEnd: '2026-11-03T11:30:00Z',
  ...change,
});
const rejection = (change: Partial<UsageRecordInput>) => {
  try {
    validateUsageRecord(record(change), 7, lookups);
  } catch (error) {
    return error;
  }
  throw new Error('accepted');
};

describe('a usage record', () => {
  it('is accepted with its quantity exact and its unit from the price list', () => {
    expect(validateUsageRecord(record(), 1, lookups)).toMatchObject({ quantity: decimal('1.5'), unit: 'Hrs', startMs: Date.parse('2026-11-03T10:00:00Z') });
  });

  it.each([
    ['an unknown account', { accountId: '999999999999' }, 'AccountNotFoundException', undefined, 'accountId'],
    ['a negative quantity', { quantity: '-1' }, 'InvalidInputException', 'MIN_VALUE_EXCEEDED', 'quantity'],
    ['a quantity that is no decimal', { quantity: '1e3' }, 'InvalidInputException', 'INVALID_PATTERN', 'quantity'],
    ['an end before the start', { usageEnd: '2026-11-03T09:00:00Z' }, 'InvalidInputException', 'END_DATE_TOO_EARLY', 'usageEnd'],
    ['an unknown usage type', { usageType: 'BoxUsage:x9.huge' }, 'InvalidInputException', 'INVALID_ENUM', 'usageType'],
    ['a time without a zone', { usageStart: '2026-11-03 10:00' }, 'InvalidInputException', 'INVALID_START_DATE', 'usageStart'],
    ['a day that does not exist', { usageStart: '2026-11-31T10:00:00Z' }, 'InvalidInputException', 'INVALID_START_DATE', 'usageStart'],
    ['an hour past 23', { usageEnd: '2026-11-03T24:00:00Z' }, 'InvalidInputException', 'INVALID_END_DATE', 'usageEnd'],
    ['a zone beyond 15 hours', { usageEnd: '2026-11-03T11:30:00+16:00' }, 'InvalidInputException', 'INVALID_END_DATE', 'usageEnd'],
    ['a unit other than the price\'s', { unit: 'GB' }, 'InvalidInputException', 'INVALID_ENUM', 'unit'],
    ['an account id that is no id', { accountId: '12' }, 'InvalidInputException', 'INVALID_PATTERN', 'accountId'],
  ])('is refused for %s, naming its line and field', (_, change, code, reason, field) => {
    const error = rejection(change);
    expect(error).toMatchObject({ code, line: 7, field, ...(reason ? { reason } : {}) });
    expect((error as Error).message).toMatch(new RegExp(`^Line 7, ${field}: `));
  });
});
