import { AMOUNT_SCALE, roundToCents, type Amount, type Cents } from './decimal';

const CENTS = AMOUNT_SCALE / 100n;

/**
 * Shares `total` out over `weights` in proportion, in whole cents that add up to the total rounded
 * to cents: each share is rounded down, and the cents left over go one each to the largest
 * remainders (ties to the earlier weight, so the result depends only on the order given). This is
 * the blended-rate allocation: weight = an account's usage, share = usage x (total / usage).
 */
export function allocateCents(total: Amount, weights: readonly bigint[]): Cents[] {
  const whole = weights.reduce((a, b) => a + b, 0n);
  if (whole === 0n) return weights.map(() => 0n);
  const denominator = whole * CENTS;
  const shares = weights.map((weight, index) => {
    const numerator = total * weight;
    return { index, cents: numerator / denominator, remainder: numerator % denominator };
  });
  let left = roundToCents(total) - shares.reduce((a, s) => a + s.cents, 0n);
  const byRemainder = [...shares].sort((x, y) => (x.remainder === y.remainder ? x.index - y.index : x.remainder > y.remainder ? -1 : 1));
  for (const share of byRemainder) {
    if (left <= 0n) break;
    share.cents += 1n;
    left -= 1n;
  }
  return shares.map((s) => s.cents);
}
