import DataLoader from 'dataloader';
import { Prisma, queryAsTenant, type PrismaClient } from '@orgs/shared/read-models';
import type { AccountNode, GraphTag, OrganizationalUnitNode } from './graph.types';

/** A page of one parent's children: `first` rows after the cursor `after` (an id). */
export interface ChildrenPageKey {
  parentId: string;
  first: number;
  after: string | null;
}

export interface ChildrenPage<T> {
  rows: T[];
  hasNextPage: boolean;
}

/**
 * One request's batched reads of the tree. Every parent asked for at one level of the query is
 * loaded by one statement (per page shape), so a whole tree costs a number of statements that
 * grows with its depth, never with its size.
 */
export class GraphLoaders {
  readonly organizationalUnits: DataLoader<ChildrenPageKey, ChildrenPage<OrganizationalUnitNode>, string>;
  readonly accounts: DataLoader<ChildrenPageKey, ChildrenPage<AccountNode>, string>;
  readonly tags: DataLoader<string, GraphTag[]>;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly tenantId: string,
  ) {
    const cacheKeyFn = (k: ChildrenPageKey) => `${k.parentId}|${k.first}|${k.after ?? ''}`;
    this.organizationalUnits = new DataLoader((keys) => this.pages<OrganizationalUnitNode>(keys, 'organizational_units'), { cacheKeyFn });
    this.accounts = new DataLoader((keys) => this.pages<AccountNode>(keys, 'accounts'), { cacheKeyFn });
    this.tags = new DataLoader((ids) => this.loadTags(ids));
  }

  private async pages<T extends { parentId: string | null; id: string }>(
    keys: readonly ChildrenPageKey[],
    table: 'organizational_units' | 'accounts',
  ): Promise<ChildrenPage<T>[]> {
    const byShape = new Map<string, ChildrenPageKey[]>();
    for (const key of keys) {
      const shape = `${key.first}|${key.after ?? ''}`;
      byShape.set(shape, [...(byShape.get(shape) ?? []), key]);
    }
    // Keyed by page shape and parent: one query may ask for two pages of the same parent.
    const rowsByPage = new Map<string, T[]>();
    for (const [shape, group] of byShape) {
      const { first, after } = group[0];
      const rows = await this.childRows<T>(table, group.map((k) => k.parentId), first + 1, after);
      for (const row of rows) {
        const page = `${shape}|${row.parentId as string}`; // the query selects by parent, so there is one
        const siblings = rowsByPage.get(page);
        if (siblings) siblings.push(row);
        else rowsByPage.set(page, [row]);
      }
    }
    return keys.map((key) => {
      const rows = rowsByPage.get(`${key.first}|${key.after ?? ''}|${key.parentId}`) ?? [];
      return { rows: rows.slice(0, key.first), hasNextPage: rows.length > key.first };
    });
  }

  /** The first `limit` children of each parent, in id order (PostgreSQL stops each partition early). */
  private childRows<T>(table: 'organizational_units' | 'accounts', parentIds: string[], limit: number, after: string | null): Promise<T[]> {
    const columns = table === 'accounts' ? ACCOUNT_COLUMNS : OU_COLUMNS;
    return queryAsTenant<T>(
      this.prisma,
      this.tenantId,
      Prisma.sql`SELECT * FROM (
          SELECT ${columns}, row_number() OVER (PARTITION BY c.parent_id ORDER BY c.id) AS n
            FROM ${Prisma.raw(table)} c
           WHERE c.tenant_id = ${this.tenantId}::uuid AND c.parent_id = ANY(${parentIds}) AND (${after}::text IS NULL OR c.id > ${after})
        ) page WHERE page.n <= ${limit} ORDER BY page."parentId", page.id`,
    );
  }

  private async loadTags(resourceIds: readonly string[]): Promise<GraphTag[][]> {
    const rows = await queryAsTenant<{ resourceId: string; key: string; value: string }>(
      this.prisma,
      this.tenantId,
      Prisma.sql`SELECT resource_id AS "resourceId", key, value FROM resource_tags
                  WHERE tenant_id = ${this.tenantId}::uuid AND resource_id = ANY(${[...resourceIds]}) ORDER BY key`,
    );
    const byResource = new Map<string, GraphTag[]>();
    for (const { resourceId, key, value } of rows) {
      const tags = byResource.get(resourceId);
      if (tags) tags.push({ key, value });
      else byResource.set(resourceId, [{ key, value }]);
    }
    return resourceIds.map((id) => byResource.get(id) ?? []);
  }
}

const OU_COLUMNS = Prisma.sql`c.id, c.arn, c.name, c.path, c.parent_id AS "parentId", c.depth`;
const ACCOUNT_COLUMNS = Prisma.sql`c.id, c.arn, c.name, c.email, c.status, c.state, c.joined_method AS "joinedMethod",
  c.joined_timestamp AS "joinedTimestamp", c.path, c.parent_id AS "parentId"`;
