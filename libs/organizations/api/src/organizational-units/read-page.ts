import { encodePageToken, readPageRequest, type Page, type PageRequest } from '@orgs/shared/nest';

/**
 * One page of an ordered read-model query: reads one row more than asked to learn whether a next
 * page exists. The request must have been checked with readPageRequest before any read.
 */
export async function readPage<T>(request: PageRequest, tenantId: string, fetch: (skip: number, take: number) => Promise<T[]>): Promise<Page<T>> {
  const { offset, size } = readPageRequest(request, tenantId);
  const rows = await fetch(offset, size + 1);
  return { items: rows.slice(0, size), nextToken: rows.length > size ? encodePageToken(tenantId, offset + size) : null };
}
