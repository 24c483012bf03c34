import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { getCanonicalQuery } from '@smithy/signature-v4';
import { FrontEndError } from './front-end-error';

/** Signature Version 4 as AWS verifies it: service `organizations`, any region, 15 minutes of clock skew. */
export const SIGNING_SERVICE = 'organizations';
export const MAX_CLOCK_SKEW_MS = 15 * 60_000;

export interface SignedRequest {
  method: string;
  /** The path and query as received, e.g. `/`. */
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface Authorization {
  accessKeyId: string;
  date: string;
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
}

const AUTHORIZATION = /^AWS4-HMAC-SHA256 Credential=([^/\s,]+)\/(\d{8})\/([^/\s,]+)\/([^/\s,]+)\/aws4_request,\s*SignedHeaders=([a-z0-9;_.-]+),\s*Signature=([0-9a-f]{64})$/;

const headerOf = (request: SignedRequest, name: string) => {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(',') : value;
};

/** The Authorization header's parts; a missing or malformed one is refused as AWS's front end does. */
export function parseAuthorization(request: SignedRequest): Authorization {
  const header = headerOf(request, 'authorization');
  if (!header) throw new FrontEndError('MissingAuthenticationTokenException', 'Missing Authentication Token');
  const match = AUTHORIZATION.exec(header.trim());
  if (!match) throw new FrontEndError('IncompleteSignatureException', `Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' of AWS4-HMAC-SHA256.`);
  const [, accessKeyId, date, region, service, signedHeaders, signature] = match;
  return { accessKeyId, date, region, service, signedHeaders: signedHeaders.split(';'), signature };
}

/** Checks everything that needs no secret: the scope's service and date, the signed headers, the clock. */
export function checkScope(request: SignedRequest, authorization: Authorization, now = Date.now()): Date {
  if (authorization.service !== SIGNING_SERVICE) {
    throw new FrontEndError('SignatureDoesNotMatch', `Credential should be scoped to correct service: '${SIGNING_SERVICE}'.`);
  }
  for (const required of ['host', 'x-amz-date']) {
    if (!authorization.signedHeaders.includes(required)) throw new FrontEndError('IncompleteSignatureException', `'${required}' must be a signed header.`);
  }
  const amzDate = headerOf(request, 'x-amz-date') ?? '';
  const parsed = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(amzDate);
  if (!parsed) throw new FrontEndError('IncompleteSignatureException', 'X-Amz-Date must be an ISO 8601 basic date, e.g. 20161128T000000Z.');
  const signingDate = new Date(Date.UTC(+parsed[1], +parsed[2] - 1, +parsed[3], +parsed[4], +parsed[5], +parsed[6]));
  if (amzDate.slice(0, 8) !== authorization.date) {
    throw new FrontEndError('SignatureDoesNotMatch', `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${authorization.date}' != '${amzDate.slice(0, 8)}'.`);
  }
  const skew = signingDate.getTime() - now;
  if (Math.abs(skew) > MAX_CLOCK_SKEW_MS) {
    const bound = basicDate(new Date(skew < 0 ? now - MAX_CLOCK_SKEW_MS : now + MAX_CLOCK_SKEW_MS));
    const relation = skew < 0 ? `earlier than ${bound} (${basicDate(new Date(now))} - 15 min.)` : `later than ${bound} (${basicDate(new Date(now))} + 15 min.)`;
    throw new FrontEndError('RequestExpired', `Signature expired: ${amzDate} is now ${relation}`);
  }
  return signingDate;
}

/**
 * Computes the signature the client should have sent, as AWS's front end and the SDKs' signer
 * (@smithy/signature-v4) do, over exactly the headers it says it signed, and compares the two in
 * constant time. Written out rather than run through the SDK's signer, which clones the request
 * and goes through promises and generic header filtering: the work per request is one SHA-256 of
 * the body, one of the canonical request and one HMAC, with the signing key derived once a day.
 */
export function verifySignature(request: SignedRequest, authorization: Authorization, signingDate: Date, secretAccessKey: string): void {
  const bodyHash = sha256Hex(request.body);
  // The client may declare the payload hash; it must then be the body's, or the body would be unsigned.
  const declared = headerOf(request, PAYLOAD_HASH_HEADER);
  if (declared !== undefined && declared !== bodyHash) {
    throw new FrontEndError('InvalidSignatureException', 'The provided x-amz-content-sha256 header does not match what was computed.');
  }
  const amzDate = basicDate(signingDate);
  const scope = `${authorization.date}/${authorization.region}/${authorization.service}/aws4_request`;
  const stringToSign = `AWS4-HMAC-SHA256\n${amzDate}\n${scope}\n${sha256Hex(canonicalRequest(request, authorization, amzDate, bodyHash))}`;
  const expected = createHmac('sha256', signingKey(authorization, secretAccessKey)).update(stringToSign).digest();
  const given = Buffer.from(authorization.signature, 'hex');
  if (given.length !== expected.length || !timingSafeEqual(expected, given)) {
    throw new FrontEndError(
      'InvalidSignatureException',
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
    );
  }
}

const PAYLOAD_HASH_HEADER = 'x-amz-content-sha256';

const sha256Hex = (data: string) => createHash('sha256').update(data).digest('hex');

/**
 * The canonical request: method, path, query, the signed headers (sorted, values with runs of
 * blanks folded), their names, the payload hash. X-Amz-Date is the checked signing date; a signed
 * `date` header is left out, as the SDKs' signer leaves it out.
 */
export function canonicalRequest(request: SignedRequest, authorization: Authorization, amzDate: string, payloadHash: string): string {
  const names = [...new Set(authorization.signedHeaders)].filter((name) => name !== 'date' && name !== 'authorization').sort();
  let headers = '';
  for (const name of names) headers += `${name}:${name === 'x-amz-date' ? amzDate : canonicalHeaderValue(headerOf(request, name) ?? '')}\n`;
  const { path, query } = canonicalPathAndQuery(request.url);
  return `${request.method}\n${path}\n${query}\n${headers}\n${names.join(';')}\n${payloadHash}`;
}

const canonicalHeaderValue = (value: string) => value.replace(/[\r\n]/g, ' ').replace(/[ \t]+/g, ' ').replace(/^ | $/g, '');

/** `/` (where every AWS JSON 1.1 request goes) at once; any other URL as the SDKs' signer canonicalizes it. */
function canonicalPathAndQuery(url: string): { path: string; query: string } {
  if (url === '/') return { path: '/', query: '' };
  const parsed = new URL(url, 'http://wire.invalid');
  const query: Record<string, string> = {};
  for (const [name, value] of parsed.searchParams) query[name] = value;
  return { path: canonicalPath(parsed.pathname), query: getCanonicalQuery({ query } as never) };
}

/** Empty and `.` segments dropped, `..` resolved, then URI-encoded once more (every service but S3 double-encodes). */
function canonicalPath(path: string): string {
  const segments: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  const normalized = `${path.startsWith('/') ? '/' : ''}${segments.join('/')}${segments.length > 0 && path.endsWith('/') ? '/' : ''}`;
  return encodeURIComponent(normalized)
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%2F/g, '/');
}

/**
 * Signing keys derived from a secret for a day, region and service (four HMACs), kept per key and
 * scope with the secret they came from, so another secret under the same id never reuses one.
 * Bounded: the oldest entry goes first.
 */
const signingKeys = new Map<string, { secret: string; key: Buffer }>();
const MAX_SIGNING_KEYS = 10_000;

function signingKey(authorization: Authorization, secretAccessKey: string): Buffer {
  const id = `${authorization.accessKeyId}/${authorization.date}/${authorization.region}/${authorization.service}`;
  const cached = signingKeys.get(id);
  if (cached && cached.secret === secretAccessKey) return cached.key;
  let key = createHmac('sha256', `AWS4${secretAccessKey}`).update(authorization.date).digest();
  for (const part of [authorization.region, authorization.service, 'aws4_request']) key = createHmac('sha256', key).update(part).digest();
  if (!cached && signingKeys.size >= MAX_SIGNING_KEYS) signingKeys.delete(signingKeys.keys().next().value as string);
  signingKeys.set(id, { secret: secretAccessKey, key });
  return key;
}

const basicDate = (date: Date) => date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
