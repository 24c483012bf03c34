import { accessDenied, assertUnreachable, invalidInput, type Decider } from '@orgs/shared/kernel';
import { parseDecimal } from '../money/decimal';
import { isDay, monthOf } from '../periods/billing-period';
import type { PriceData, PriceListVersionData, TierData } from './price-list-data';

/** The tenant's price list: one stream per tenant (the tenant id is part of every stream's key). */
export const PRICE_LIST_STREAM = 'billing-price-list';
export const MAX_PRICES_PER_PUT = 500;
const NAME = /^[A-Za-z0-9][\w.:/+-]{0,127}$/;

export interface PutPriceListCommand {
  type: 'PutPriceList';
  data: PriceListVersionData & {
    /** Looked up by the caller: only an organization's management account sets prices. */
    callerIsManagementAccount: boolean;
  };
  actingAccountId: string;
  at: string;
}

export type PriceListPutEvent = { type: 'PriceListPut'; data: PriceListVersionData & { putBy: string; putAt: string } };

export interface PriceListState {
  versions: PriceListVersionData[];
}

/**
 * Each put replaces the price of every usage type it names from its effectiveFrom day; usage types
 * it does not name keep theirs. A put may not reach back before the current month: closed months
 * are frozen and open ones are billed at the prices their usage days had.
 */
export const priceListDecider: Decider<PriceListState, PutPriceListCommand, PriceListPutEvent> = {
  stateVersion: 1,
  initialState: () => ({ versions: [] }),
  decide(command) {
    switch (command.type) {
      case 'PutPriceList':
        return putPriceList(command);
      default:
        return assertUnreachable(command.type);
    }
  },
  evolve(state, event) {
    switch (event.type) {
      case 'PriceListPut':
        return { versions: [...state.versions, { effectiveFrom: event.data.effectiveFrom, prices: event.data.prices }] };
      default:
        return assertUnreachable(event.type);
    }
  },
};

function putPriceList(command: PutPriceListCommand): PriceListPutEvent[] {
  const { effectiveFrom, prices, callerIsManagementAccount } = command.data;
  if (!callerIsManagementAccount) throw accessDenied('Only an organization\'s management account can put prices.');
  if (!isDay(effectiveFrom)) throw invalidInput('INVALID_START_DATE', 'effectiveFrom must be a day, YYYY-MM-DD.');
  if (effectiveFrom < `${monthOf(command.at)}-01`) {
    throw invalidInput('START_DATE_TOO_EARLY', 'effectiveFrom may not be before the first day of the current month.');
  }
  if (prices.length === 0) throw invalidInput('INPUT_REQUIRED', 'A price list needs at least one price.');
  if (prices.length > MAX_PRICES_PER_PUT) throw invalidInput('MAX_VALUE_EXCEEDED', `At most ${MAX_PRICES_PER_PUT} prices per put.`);
  const seen = new Set<string>();
  const normalized = prices.map((price, index) => {
    const key = `${price.productCode}/${price.usageType}`;
    if (seen.has(key)) throw invalidInput('INVALID_LIST_MEMBER', `prices[${index}]: ${key} is listed twice.`);
    seen.add(key);
    return validPrice(price, index);
  });
  return [{ type: 'PriceListPut', data: { effectiveFrom, prices: normalized, putBy: command.actingAccountId, putAt: command.at } }];
}

function validPrice(price: PriceData, index: number): PriceData {
  const where = `prices[${index}]`;
  if (!NAME.test(price.productCode)) throw invalidInput('INVALID_PATTERN', `${where}.productCode is not a service code.`);
  if (!NAME.test(price.usageType)) throw invalidInput('INVALID_PATTERN', `${where}.usageType is not a usage type.`);
  if (!price.unit || price.unit.length > 32) throw invalidInput('INPUT_REQUIRED', `${where}.unit is required (at most 32 characters).`);
  if (price.tiers.length === 0) throw invalidInput('INPUT_REQUIRED', `${where}.tiers needs one rate or several tiers.`);
  return { ...price, tiers: validTiers(price.tiers, where) };
}

function validTiers(tiers: TierData[], where: string): TierData[] {
  let previous = 0n;
  return tiers.map((tier, i) => {
    const rate = parseDecimal(tier.rate);
    if (rate === null || rate < 0n) throw invalidInput('MIN_VALUE_EXCEEDED', `${where}.tiers[${i}].rate must be a decimal of at least 0.`);
    const last = i === tiers.length - 1;
    if (last !== (tier.upTo === null)) throw invalidInput('INVALID_LIST_MEMBER', `${where}.tiers: only the last tier is unbounded, and it must be.`);
    if (tier.upTo !== null) {
      const upTo = parseDecimal(tier.upTo);
      if (upTo === null || upTo <= previous) throw invalidInput('MIN_VALUE_EXCEEDED', `${where}.tiers[${i}].upTo must be above the tier before.`);
      previous = upTo;
    }
    return { upTo: tier.upTo === null ? null : tier.upTo.trim(), rate: tier.rate.trim() };
  });
}
