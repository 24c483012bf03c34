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
  /** Per tenant, the catalogue of its latest put: the same object until the next put (bills are cached by it). */
  private readonly built = new Map<string, { puts: number; catalogue: PriceCatalogue }>();

  constructor(private readonly events: EventStore) {}

  async forTenant(tenantId: string): Promise<PriceCatalogue> {
    const puts = await this.events.readStream(tenantId, PRICE_LIST_STREAM);
    const known = this.built.get(tenantId);
    if (known && known.puts === puts.length) return known.catalogue;
    const versions = puts.map((e) => parsePriceListVersion((e as unknown as PriceListPutEvent).data));
    const catalogue = new PriceCatalogue([defaultPriceList(), ...versions]);
    this.built.set(tenantId, { puts: puts.length, catalogue });
    return catalogue;
  }
}
