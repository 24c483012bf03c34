import { decimal, formatCents } from '../money/decimal';
import { attributeToMembership, type MembershipInterval, type RecordedUsage } from '../membership/membership';
import { defaultPriceList } from '../prices/default-catalogue';
import { PriceCatalogue } from '../prices/price-list';
import { computeBill, type ComputedBill } from './compute-bill';

/**
 * The worked examples, every figure worked out by hand in the comments beside it. Prices
 * are the default catalogue's: S3 storage 0.023 for the first 51,200 GB of the month, 0.022 above;
 * m5.large 0.096 an hour; data transfer out 0.09 for the first 10,240 GB, 0.085 above.
 */
const catalogue = new PriceCatalogue([defaultPriceList()]);
const ms = (iso: string) => Date.parse(iso);
const NOV_START = ms('2026-11-01T00:00:00Z');
const root = 'r-abcd';
const [ouA, ouB] = ['ou-abcd-aaaaaaaa', 'ou-abcd-bbbbbbbb'];
const [management, alice, bob] = ['111111111111', '222222222222', '333333333333'];

const member = (accountId: string, parentId = root, from = '2026-01-01T00:00:00Z', to: string | null = null): MembershipInterval => ({
  accountId,
  parentId,
  fromMs: ms(from),
  toMs: to === null ? null : ms(to),
});

/** One record per day of November, each `perDay` of the usage type over that day's 24 hours. */
function daily(accountId: string, productCode: string, usageType: string, perDay: string): RecordedUsage[] {
  return Array.from({ length: 30 }, (_, d) => ({
    accountId,
    productCode,
    usageType,
    tags: {},
    startMs: NOV_START + d * 86_400_000,
    endMs: NOV_START + (d + 1) * 86_400_000,
    quantity: decimal(perDay),
  }));
}

const monthly = (accountId: string, usageType: string, quantity: string): RecordedUsage => ({
  accountId,
  productCode: 'AmazonS3',
  usageType,
  tags: {},
  startMs: NOV_START,
  endMs: ms('2026-12-01T00:00:00Z'),
  quantity: decimal(quantity),
});

const bill = (records: RecordedUsage[], intervals: MembershipInterval[]) => computeBill(attributeToMembership(records, intervals), catalogue);
const costs = (b: ComputedBill) => Object.fromEntries(b.accounts.map((a) => [a.accountId, { cost: formatCents(a.cost), standalone: formatCents(a.standalone), savings: formatCents(a.savings) }]));
const byParent = (b: ComputedBill) =>
  b.lines.reduce<Record<string, string>>((acc, l) => ({ ...acc, [`${l.accountId}@${l.parentId}`]: formatCents(l.cost) }), {});

describe('two accounts whose combined usage crosses a tier that neither reaches alone', () => {
  // Alice stores 40,960 GB and Bob 20,480 GB: each alone stays below the 51,200 GB boundary.
  const result = bill([monthly(alice, 'TimedStorage-ByteHrs', '40960'), monthly(bob, 'TimedStorage-ByteHrs', '20480')], [member(alice), member(bob)]);

  it('bills the organization the tiers of its combined 61,440 GB', () => {
    // 51,200 x 0.023 = 1,177.60 and 10,240 x 0.022 = 225.28: 1,402.88.
    expect(formatCents(result.total)).toBe('1402.88');
  });

  it('costs less than the sum of the standalone bills, and says by how much', () => {
    // Alone: 40,960 x 0.023 = 942.08 and 20,480 x 0.023 = 471.04, 1,413.12 in all; saving 10.24.
    expect(formatCents(result.standalone)).toBe('1413.12');
    expect(formatCents(result.savings)).toBe('10.24');
  });

  it('allocates the blended cost to the cent, the shares adding up to the total', () => {
    // Blended rate 1,402.88 / 61,440. Alice 2/3 of it: 935.25333.. -> 935.25; Bob 1/3: 467.62666.. ->
    // 467.62 rounded down, and the cent left over goes to the larger remainder (Bob's .667): 467.63.
    expect(costs(result)).toEqual({
      [alice]: { cost: '935.25', standalone: '942.08', savings: '6.83' },
      [bob]: { cost: '467.63', standalone: '471.04', savings: '3.41' },
    });
  });

  it('reproduces billing.md 3.1 for three accounts', () => {
    // 71,680 GB: 1,177.60 + 20,480 x 0.022 = 450.56, 1,628.16. Blended: A 930.38, B 465.19, C 232.59.
    const carol = '444444444444';
    const three = bill(
      [monthly(alice, 'TimedStorage-ByteHrs', '40960'), monthly(bob, 'TimedStorage-ByteHrs', '20480'), monthly(carol, 'TimedStorage-ByteHrs', '10240')],
      [member(alice), member(bob), member(carol)],
    );
    expect(Object.fromEntries(three.accounts.map((a) => [a.accountId, formatCents(a.cost)]))).toEqual({ [alice]: '930.38', [bob]: '465.19', [carol]: '232.59' });
    expect([formatCents(three.total), formatCents(three.standalone), formatCents(three.savings)]).toEqual(['1628.16', '1648.64', '20.48']);
  });
});

describe('an account moved between OUs mid-month', () => {
  // Alice runs one m5.large all of November: 30 daily records of 24 hours at 0.096 = 2.304 a day.
  // She sits in OU A until 21 November 06:00, then in OU B.
  const moved = '2026-11-21T06:00:00Z';
  const result = bill(daily(alice, 'AmazonEC2', 'BoxUsage:m5.large', '24'), [member(alice, ouA, '2026-10-01T00:00:00Z', moved), member(alice, ouB, moved)]);

  it('splits the cost between the two OUs by usage time, the day of the move included', () => {
    // OU A: 20 days x 24 h + 6 h of the 21st = 486 h x 0.096 = 46.656; OU B: 9 x 24 + 18 = 234 h = 22.464.
    // Rounded down 46.65 + 22.46 = 69.11; the cent left to the larger remainder (A's .6): 46.66.
    expect(byParent(result)).toEqual({ [`${alice}@${ouA}`]: '46.66', [`${alice}@${ouB}`]: '22.46' });
  });

  it('bills the whole month once: 720 h x 0.096 = 69.12', () => {
    expect(formatCents(result.total)).toBe('69.12');
    expect(result.lines.map((l) => l.quantity)).toEqual([decimal('486'), decimal('234')]);
  });
});

describe('an account that joined mid-month', () => {
  // Management sends 300 GB out every day (9,000 GB); Bob 100 GB a day, but joins on 10 November.
  const joined = '2026-11-10T00:00:00Z';
  const records = [...daily(management, 'AWSDataTransfer', 'DataTransfer-Out-Bytes', '300'), ...daily(bob, 'AWSDataTransfer', 'DataTransfer-Out-Bytes', '100')];
  const result = bill(records, [member(management), member(bob, root, joined)]);

  it('leaves Bob\'s usage before he joined off the organization\'s bill', () => {
    // Bob's 1-9 November (900 GB) are his old owner's; from the 10th: 21 days x 100 = 2,100 GB.
    expect(result.lines.find((l) => l.accountId === bob)?.quantity).toBe(decimal('2100'));
  });

  it('applies the tiers to the 11,100 GB of member usage', () => {
    // 10,240 x 0.09 = 921.60 and 860 x 0.085 = 73.10: 994.70. Blended: management 9,000/11,100 of it
    // = 806.5135.. -> 806.51; Bob 2,100/11,100 = 188.1864.. -> 188.18, plus the left-over cent
    // (remainder .86 against .35): 188.19. Alone: 810.00 and 189.00, saving 4.30.
    expect(costs(result)).toEqual({
      [management]: { cost: '806.51', standalone: '810.00', savings: '3.49' },
      [bob]: { cost: '188.19', standalone: '189.00', savings: '0.81' },
    });
    expect([formatCents(result.total), formatCents(result.savings)]).toEqual(['994.70', '4.30']);
  });
});
