import { decimal, formatDecimal } from '../money/decimal';
import type { PriceListVersion } from './price-list';

/** A price list as events and the API carry it: decimals as strings, never numbers. */
export interface TierData {
  upTo: string | null;
  rate: string;
}
export interface PriceData {
  productCode: string;
  usageType: string;
  unit: string;
  tiers: TierData[];
}
export interface PriceListVersionData {
  effectiveFrom: string;
  prices: PriceData[];
}

export function parsePriceListVersion(data: PriceListVersionData): PriceListVersion {
  return {
    effectiveFrom: data.effectiveFrom,
    prices: data.prices.map((p) => ({
      productCode: p.productCode,
      usageType: p.usageType,
      unit: p.unit,
      tiers: p.tiers.map((t) => ({ upTo: t.upTo === null ? null : decimal(t.upTo), rate: decimal(t.rate) })),
    })),
  };
}

export function priceListVersionData(version: PriceListVersion): PriceListVersionData {
  return {
    effectiveFrom: version.effectiveFrom,
    prices: version.prices.map((p) => ({
      productCode: p.productCode,
      usageType: p.usageType,
      unit: p.unit,
      tiers: p.tiers.map((t) => ({ upTo: t.upTo === null ? null : formatDecimal(t.upTo), rate: formatDecimal(t.rate) })),
    })),
  };
}
