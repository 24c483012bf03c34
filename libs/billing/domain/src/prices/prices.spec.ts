import { deciderSpecification } from '@orgs/shared/testing';
import { decimal, formatCents, roundToCents } from '../money/decimal';
import { usageCost } from '../bill/compute-bill';
import { defaultPriceList } from './default-catalogue';
import { PriceCatalogue, tieredCost } from './price-list';
import { parsePriceListVersion, type PriceData } from './price-list-data';
import { priceListDecider, type PutPriceListCommand } from './put-price-list';

const s3 = (tiers: PriceData['tiers']): PriceData => ({ productCode: 'AmazonS3', usageType: 'TimedStorage-ByteHrs', unit: 'GB-Mo', tiers });
const at = '2026-11-05T10:00:00.000Z';
const put = (data: Partial<PutPriceListCommand['data']> = {}): PutPriceListCommand => ({
  type: 'PutPriceList',
  data: { effectiveFrom: '2026-11-16', prices: [s3([{ upTo: '51200', rate: '0.020' }, { upTo: null, rate: '0.019' }])], callerIsManagementAccount: true, ...data },
  actingAccountId: '111111111111',
  at,
});

describe('tiers', () => {
  const tiers = defaultPriceList().prices.find((p) => p.usageType === 'TimedStorage-ByteHrs')!.tiers;

  it('charges each part of an interval at the rate of the tier it falls in', () => {
    // 50,000..60,000 GB: 1,200 x 0.023 = 27.60 and 8,800 x 0.022 = 193.60.
    expect(formatCents(roundToCents(tieredCost(tiers, decimal('50000'), decimal('60000'))))).toBe('221.20');
  });

  it('reaches the unbounded last tier', () => {
    // 512,000..513,000 GB: 1,000 x 0.021.
    expect(formatCents(roundToCents(tieredCost(tiers, decimal('512000'), decimal('513000'))))).toBe('21.00');
  });
});

describe('prices that change mid-month', () => {
  const change = parsePriceListVersion({ effectiveFrom: '2026-11-16', prices: [s3([{ upTo: '51200', rate: '0.020' }, { upTo: null, rate: '0.019' }])] });
  const catalogue = new PriceCatalogue([defaultPriceList(), change]);
  const slice = (day: string, quantity: string) => ({ accountId: '1', parentId: 'r', productCode: 'AmazonS3', usageType: 'TimedStorage-ByteHrs', tags: {}, day, quantity: decimal(quantity) });

  it('price usage in usage order, the month\'s tier position carrying across the change', () => {
    // 1-15 Nov: 30,000 GB at 0.023 = 690.00. From the 16th the new tiers, from position 30,000:
    // 21,200 x 0.020 = 424.00 and 8,800 x 0.019 = 167.20. Total 1,281.20.
    expect(formatCents(roundToCents(usageCost([slice('2026-11-20', '30000'), slice('2026-11-03', '30000')], catalogue)))).toBe('1281.20');
  });

  it('finds the price in force on a day, and the changes within a month', () => {
    expect(catalogue.priceOn('AmazonS3', 'TimedStorage-ByteHrs', '2026-11-15')?.tiers[0].rate).toBe(decimal('0.023'));
    expect(catalogue.priceOn('AmazonS3', 'TimedStorage-ByteHrs', '2026-11-16')?.tiers[0].rate).toBe(decimal('0.020'));
    expect(catalogue.keysChangingWithin('2026-11-01', '2026-12-01')).toHaveLength(1);
    expect(catalogue.priceOn('AmazonS3', 'NoSuchUsage', '2026-11-16')).toBeUndefined();
  });
});

describe('PutPriceList', () => {
  const spec = deciderSpecification(priceListDecider);

  it('puts the prices from their day, normalized', () => {
    spec.given().when(put()).then([{ type: 'PriceListPut', data: { effectiveFrom: '2026-11-16', prices: put().data.prices, putBy: '111111111111', putAt: at } }]);
  });

  it('refuses a member account', () => spec.given().when(put({ callerIsManagementAccount: false })).thenThrows('AccessDeniedException'));
  it('refuses a day before the current month', () => spec.given().when(put({ effectiveFrom: '2026-10-31' })).thenThrows('InvalidInputException', 'START_DATE_TOO_EARLY'));
  it('refuses a day that does not exist', () => spec.given().when(put({ effectiveFrom: '2026-11-31' })).thenThrows('InvalidInputException', 'INVALID_START_DATE'));
  it('refuses an empty list', () => spec.given().when(put({ prices: [] })).thenThrows('InvalidInputException', 'INPUT_REQUIRED'));
  it('refuses a usage type listed twice', () => spec.given().when(put({ prices: [s3([{ upTo: null, rate: '1' }]), s3([{ upTo: null, rate: '2' }])] })).thenThrows('InvalidInputException', 'INVALID_LIST_MEMBER'));
  it('refuses a negative rate', () => spec.given().when(put({ prices: [s3([{ upTo: null, rate: '-0.1' }])] })).thenThrows('InvalidInputException', 'MIN_VALUE_EXCEEDED'));
  it('refuses a bounded last tier', () => spec.given().when(put({ prices: [s3([{ upTo: '10', rate: '0.1' }])] })).thenThrows('InvalidInputException', 'INVALID_LIST_MEMBER'));
  it('refuses tiers out of order', () =>
    spec.given().when(put({ prices: [s3([{ upTo: '10', rate: '0.1' }, { upTo: '5', rate: '0.1' }, { upTo: null, rate: '0' }])] })).thenThrows('InvalidInputException', 'MIN_VALUE_EXCEEDED'));
  it('refuses a usage type that is no name', () => spec.given().when(put({ prices: [{ ...s3([{ upTo: null, rate: '1' }]), usageType: ' ' }] })).thenThrows('InvalidInputException', 'INVALID_PATTERN'));
});
