import catalogue from './default-catalogue.json';
import { parsePriceListVersion, type PriceListVersionData } from './price-list-data';
import type { PriceListVersion } from './price-list';

/**
 * What every tenant is charged until it puts prices of its own: compute hours, tiered object
 * storage (tiers of 50 TB and 450 TB, 1 TB = 1,024 GB as in billing.md 3.1) and tiered data
 * transfer out. Example prices, shipped as data.
 */
export const DEFAULT_PRICE_LIST: PriceListVersionData = catalogue as PriceListVersionData;

export const defaultPriceList = (): PriceListVersion => parsePriceListVersion(DEFAULT_PRICE_LIST);
