import { Injectable } from '@nestjs/common';
import { EventStore } from '@orgs/shared/event-store';
import {
  defaultPriceList,
  parsePriceListVersion,
  PRICE_LIST_STREAM,
  PriceCatalogue,
  type PriceListPutEvent,
} from '@orgs/billing/domain';

/**
 * The tenant's prices, read from its price-list stream (the write side: a few small events), so
 * usage validated right after a put already knows the new usage types.
 */
@Injectable()
export class PriceCatalogues {
  constructor(private readonly events: EventStore) {}

  async forTenant(tenantId: string): Promise<PriceCatalogue> {
    const puts = await this.events.readStream(tenantId, PRICE_LIST_STREAM);
    const versions = puts.map((e) => parsePriceListVersion((e as unknown as PriceListPutEvent).data));
    return new PriceCatalogue([defaultPriceList(), ...versions]);
  }
}
