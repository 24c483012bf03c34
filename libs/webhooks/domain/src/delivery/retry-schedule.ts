/** Standard Webhooks' recommended schedule, after the first attempt: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h. */
export const DEFAULT_RETRY_SCHEDULE_MS = [5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000];

/** `WEBHOOK_RETRY_SCHEDULE`: comma-separated durations, `500ms`, `5s`, `5m`, `2h` (or bare milliseconds). */
export function parseRetrySchedule(value: string | undefined): number[] {
  if (!value?.trim()) return DEFAULT_RETRY_SCHEDULE_MS;
  return value.split(',').map((part) => {
    const match = part.trim().match(/^(\d+(?:\.\d+)?)(ms|s|m|h)?$/);
    if (!match) throw new Error(`WEBHOOK_RETRY_SCHEDULE: "${part}" is not a duration (e.g. 5s, 5m, 2h)`);
    const unit = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 }[(match[2] ?? 'ms') as 'ms' | 's' | 'm' | 'h'];
    return Math.round(Number(match[1]) * unit);
  });
}

/**
 * When to try again after `failedAttempts` failures, or null once the schedule is exhausted (the
 * endpoint is then disabled). Jitter of up to ±20% spreads the retries of many endpoints that
 * failed together; `random` is in [0, 1).
 */
export function nextRetryDelayMs(failedAttempts: number, schedule: readonly number[], random: number): number | null {
  if (failedAttempts < 1 || failedAttempts > schedule.length) return null;
  const base = schedule[failedAttempts - 1];
  return Math.max(0, Math.round(base * (0.8 + 0.4 * random)));
}
