import { max, min, type Amount, type Quantity, type Rate } from '../money/decimal';

/** A band of the month's cumulative usage: up to `upTo` (exclusive of what the tiers before took), or unbounded. */
export interface Tier {
  upTo: Quantity | null;
  rate: Rate;
}

/** The price of one service's usage type: one rate is one unbounded tier. */
export interface Price {
  productCode: string;
  usageType: string;
  unit: string;
  tiers: Tier[];
}

/** Prices that apply from a day (UTC, inclusive) until a later version names the same usage type. */
export interface PriceListVersion {
  effectiveFrom: string;
  prices: Price[];
}

export const priceKey = (productCode: string, usageType: string) => `${productCode}\u0000${usageType}`;

/**
 * The default catalogue first, then the tenant's puts in the order they were put. For each usage
 * type the version with the latest effectiveFrom on or before the day wins (a later put of the
 * same date replaces an earlier one).
 */
export class PriceCatalogue {
  private readonly byKey = new Map<string, { effectiveFrom: string; price: Price }[]>();

  constructor(versions: readonly PriceListVersion[]) {
    for (const version of versions) {
      for (const price of version.prices) {
        const key = priceKey(price.productCode, price.usageType);
        const list = (this.byKey.get(key) ?? []).filter((v) => v.effectiveFrom !== version.effectiveFrom);
        list.push({ effectiveFrom: version.effectiveFrom, price });
        list.sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
        this.byKey.set(key, list);
      }
    }
  }

  /** The price on a day (YYYY-MM-DD), or undefined when the usage type has none yet. */
  priceOn(productCode: string, usageType: string, day: string): Price | undefined {
    const list = this.byKey.get(priceKey(productCode, usageType)) ?? [];
    let found: Price | undefined;
    for (const version of list) if (version.effectiveFrom <= day) found = version.price;
    return found;
  }

  /** Days inside [from, to) on which a usage type's price changes: usage is priced day by day across them. */
  changesWithin(productCode: string, usageType: string, from: string, to: string): string[] {
    const list = this.byKey.get(priceKey(productCode, usageType)) ?? [];
    return list.map((v) => v.effectiveFrom).filter((day) => day > from && day < to);
  }

  /** Every usage type that has a price changing inside [from, to). */
  keysChangingWithin(from: string, to: string): string[] {
    return [...this.byKey.entries()].filter(([, list]) => list.some((v) => v.effectiveFrom > from && v.effectiveFrom < to)).map(([key]) => key);
  }

  /** Every usage type with the day its first price applies from and its unit (null when versions differ). */
  priceKeys(): { productCode: string; usageType: string; firstFrom: string; unit: string | null; versions: { effectiveFrom: string; unit: string }[] }[] {
    return [...this.byKey.values()].map((list) => {
      const { productCode, usageType, unit } = list[0].price;
      const versions = list.map((v) => ({ effectiveFrom: v.effectiveFrom, unit: v.price.unit }));
      return { productCode, usageType, firstFrom: list[0].effectiveFrom, unit: versions.every((v) => v.unit === unit) ? unit : null, versions };
    });
  }

  prices(): Price[] {
    return [...this.byKey.values()].map((list) => list[list.length - 1].price);
  }
}

/**
 * The cost of the usage between two points of the month's cumulative usage, [from, to), under a
 * price's tiers: each tier charges its rate for the part of the interval that falls inside it.
 */
export function tieredCost(tiers: readonly Tier[], from: Quantity, to: Quantity): Amount {
  let total = 0n;
  let lower = 0n;
  for (const tier of tiers) {
    const upper = tier.upTo;
    const start = max(from, lower);
    const end = upper === null ? to : min(to, upper);
    if (end > start) total += (end - start) * tier.rate;
    if (upper === null || upper >= to) break;
    lower = upper;
  }
  return total;
}
