import { isForbiddenAddress } from '../endpoints/forbidden-addresses';
import { nextRetryDelayMs, parseRetrySchedule, DEFAULT_RETRY_SCHEDULE_MS } from './retry-schedule';
import { outcomeOfStatus, webhookMessageId } from './webhook-id';

describe('delivery rules', () => {
  it('the default schedule is 5s, 5m, 30m, 2h, 5h, 10h, 10h', () =>
    expect(parseRetrySchedule(undefined)).toEqual([5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000]));

  it('parses a configured schedule', () => expect(parseRetrySchedule('200ms, 1s,2m,1h,50')).toEqual([200, 1_000, 120_000, 3_600_000, 50]));

  it('refuses a schedule it cannot read', () => expect(() => parseRetrySchedule('5 minutes')).toThrow('WEBHOOK_RETRY_SCHEDULE'));

  it('backs off along the schedule with up to 20% jitter, then gives up', () => {
    expect(nextRetryDelayMs(1, DEFAULT_RETRY_SCHEDULE_MS, 0)).toBe(4_000);
    expect(nextRetryDelayMs(1, DEFAULT_RETRY_SCHEDULE_MS, 0.999999)).toBe(6_000);
    expect(nextRetryDelayMs(2, DEFAULT_RETRY_SCHEDULE_MS, 0.5)).toBe(300_000);
    expect(nextRetryDelayMs(7, DEFAULT_RETRY_SCHEDULE_MS, 0.5)).toBe(36_000_000);
    expect(nextRetryDelayMs(8, DEFAULT_RETRY_SCHEDULE_MS, 0.5)).toBeNull();
  });

  it('2xx delivers, 410 is gone, anything else fails', () => {
    expect([200, 204, 299].map(outcomeOfStatus)).toEqual(['DELIVERED', 'DELIVERED', 'DELIVERED']);
    expect(outcomeOfStatus(410)).toBe('GONE');
    expect([null, 301, 400, 500].map(outcomeOfStatus)).toEqual(['FAILED', 'FAILED', 'FAILED', 'FAILED']);
  });

  it('webhook ids are stable per endpoint and event', () => {
    expect(webhookMessageId('we-abc', 42n)).toBe(webhookMessageId('we-abc', '42'));
    expect(webhookMessageId('we-abc', 42n)).not.toBe(webhookMessageId('we-abd', 42n));
    expect(webhookMessageId('we-abc', 42n, 1)).not.toBe(webhookMessageId('we-abc', 42n));
  });

  it.each(['127.0.0.1', '10.0.0.1', '172.16.5.4', '192.168.0.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', 'fe80::1', 'fd00:ec2::254', '::ffff:127.0.0.1', '::ffff:10.1.2.3'])(
    '%s is forbidden',
    (address) => expect(isForbiddenAddress(address)).toBe(true),
  );

  it.each(['93.184.216.34', '8.8.8.8', '2606:4700:4700::1111', '::ffff:8.8.8.8'])('%s is public', (address) => expect(isForbiddenAddress(address)).toBe(false));
});
