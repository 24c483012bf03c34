import type { PoolClient } from 'pg';
import type { PriceCatalogue } from '@orgs/billing/domain';

/**
 * Computed bills, kept while nothing they were computed from has changed: the month's (and the
 * adjusted months') usage revisions, the closed periods, the prices, and the organization's
 * membership and structure as billing's projection has them. Membership rows are only ever added
 * or ended (valid_to set once), so their count and count of ended rows grow with every change;
 * the structure's rows are few and hashed whole. A repeated bill then costs a few indexed
 * aggregates instead of pricing every account's usage again.
 */
export class BillCache<T> {
  private readonly entries = new Map<string, T>();
  private readonly catalogueIds = new WeakMap<PriceCatalogue, number>();
  private nextCatalogueId = 1;

  constructor(private readonly capacity = 4) {}

  get(key: string): T | undefined {
    const hit = this.entries.get(key);
    if (hit !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, hit);
    }
    return hit;
  }

  set(key: string, value: T): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
  }

  catalogueId(catalogue: PriceCatalogue): number {
    let id = this.catalogueIds.get(catalogue);
    if (id === undefined) {
      id = this.nextCatalogueId++;
      this.catalogueIds.set(catalogue, id);
    }
    return id;
  }
}

/** What the organization's membership and structure look like now, in a few bytes. */
export async function structureFingerprint(db: PoolClient, tenantId: string, organizationId: string): Promise<string> {
  const { rows } = await db.query(
    `SELECT (SELECT count(*) || ':' || count(valid_to) FROM billing_memberships WHERE tenant_id = $1 AND organization_id = $2) AS memberships,
            (SELECT count(*) || ':' || coalesce(sum(hashtext(id || name || coalesce(parent_id, '') || deleted::text)::bigint), 0)
               FROM billing_structure_nodes WHERE tenant_id = $1 AND organization_id = $2) AS structure`,
    [tenantId, organizationId],
  );
  return `${rows[0].memberships}/${rows[0].structure}`;
}
