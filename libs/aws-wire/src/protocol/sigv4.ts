import { createHash, timingSafeEqual } from 'node:crypto';
import { Hash } from '@smithy/hash-node';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
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
 * Computes the signature the client should have sent (with @smithy/signature-v4, the SDKs' own
 * signer, over exactly the headers it says it signed) and compares them in constant time.
 */
export async function verifySignature(request: SignedRequest, authorization: Authorization, signingDate: Date, secretAccessKey: string): Promise<void> {
  const signer = signerFor(authorization, secretAccessKey);
  // The signer trusts a declared payload hash: it must be the body's, or the body would be unsigned.
  const declared = headerOf(request, 'x-amz-content-sha256');
  if (declared !== undefined && declared !== createHash('sha256').update(request.body).digest('hex')) {
    throw new FrontEndError('InvalidSignatureException', 'The provided x-amz-content-sha256 header does not match what was computed.');
  }
  const url = new URL(request.url, 'http://wire.invalid');
  const headers: Record<string, string> = {};
  for (const name of authorization.signedHeaders) headers[name] = headerOf(request, name) ?? '';
  const query: Record<string, string> = {};
  for (const [name, value] of url.searchParams) query[name] = value;
  const unsigned = new HttpRequest({ method: request.method, protocol: 'http:', hostname: 'wire.invalid', path: url.pathname, query, headers, body: request.body });
  const signed = await signer.sign(unsigned, { signingDate, signableHeaders: new Set(authorization.signedHeaders), unsignableHeaders: new Set() });
  const expected = /Signature=([0-9a-f]{64})/.exec(String(signed.headers.authorization ?? signed.headers.Authorization))?.[1] ?? '';
  const given = Buffer.from(authorization.signature);
  if (expected.length !== given.length || !timingSafeEqual(Buffer.from(expected), given)) {
    throw new FrontEndError(
      'InvalidSignatureException',
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
    );
  }
}

/**
 * A signer per key, secret and region, kept (a few thousand at most): each caches its derived
 * signing key per day, which saves four HMACs a request.
 */
const signers = new Map<string, SignatureV4>();
const MAX_SIGNERS = 10_000;

function signerFor(authorization: Authorization, secretAccessKey: string): SignatureV4 {
  const id = `${authorization.accessKeyId}/${authorization.region}/${createHash('sha256').update(secretAccessKey).digest('base64')}`;
  let signer = signers.get(id);
  if (!signer) {
    signer = new SignatureV4({
      credentials: { accessKeyId: authorization.accessKeyId, secretAccessKey },
      region: authorization.region,
      service: authorization.service,
      sha256: Hash.bind(null, 'sha256'),
      uriEscapePath: true,
      applyChecksum: false,
    });
    if (signers.size >= MAX_SIGNERS) signers.delete(signers.keys().next().value as string);
    signers.set(id, signer);
  }
  return signer;
}

const basicDate = (date: Date) => date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
