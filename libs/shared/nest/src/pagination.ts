import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { assertValidInput, invalidInput } from '@orgs/shared/kernel';

/** Signs page tokens; set PAGINATION_SECRET so tokens survive restarts and span API processes. */
const secret = process.env.PAGINATION_SECRET ?? randomBytes(32).toString('hex');

export interface Page<T> {
  items: T[];
  nextToken: string | null;
}

export interface PageRequest {
  maxResults?: number | null;
  nextToken?: string | null;
}

/**
 * AWS-style paging over an ordered list: `maxResults` in the model's range, an opaque `nextToken`
 * that is signed and bound to the tenant, so a forged token or another tenant's is refused.
 */
export function pageOf<T>(items: T[], request: PageRequest, tenantId: string, defaultSize = 20): Page<T> {
  const { offset, size } = readPageRequest(request, tenantId, defaultSize);
  const page = items.slice(offset, offset + size);
  const next = offset + size < items.length ? encodePageToken(tenantId, offset + size) : null;
  return { items: page, nextToken: next };
}

export function readPageRequest(request: PageRequest, tenantId: string, defaultSize = 20) {
  if (request.maxResults !== undefined && request.maxResults !== null) assertValidInput('MaxResults', 'maxResults', request.maxResults);
  const offset = request.nextToken ? decodePageToken(request.nextToken, tenantId) : 0;
  return { offset, size: request.maxResults ?? defaultSize };
}

export function encodePageToken(tenantId: string, offset: number): string {
  const body = Buffer.from(JSON.stringify({ t: tenantId, o: offset })).toString('base64url');
  return `${body}.${sign(body)}`;
}

function decodePageToken(token: string, tenantId: string): number {
  const [body, signature] = token.split('.');
  const expected = body ? sign(body) : '';
  const valid = signature && signature.length === expected.length && timingSafeEqual(Buffer.from(signature), Buffer.from(expected));
  if (!valid || !body) throw invalidNextToken();
  const payload = JSON.parse(Buffer.from(body, 'base64url').toString()) as { t: string; o: number };
  if (payload.t !== tenantId || !Number.isInteger(payload.o) || payload.o < 0) throw invalidNextToken();
  return payload.o;
}

const sign = (body: string) => createHmac('sha256', secret).update(body).digest('base64url');
const invalidNextToken = () => invalidInput('INVALID_NEXT_TOKEN', 'The specified nextToken is not valid.');
