import fc from 'fast-check';
import { Hash } from '@smithy/hash-node';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { checkScope, parseAuthorization, verifySignature, type SignedRequest } from './sigv4';

const credentials = { accessKeyId: 'AKIAAAAAAAAAAAAAAAAA', secretAccessKey: 'x'.repeat(40) };
const now = new Date('2026-12-03T12:00:00Z');
const body = '{"ParentId":"r-abcd"}';

/** A request signed as an SDK signs it (for region and service), at `signingDate`. */
async function signed(options: { region?: string; service?: string; signingDate?: Date; secret?: string } = {}): Promise<SignedRequest> {
  const signer = new SignatureV4({
    credentials: { ...credentials, secretAccessKey: options.secret ?? credentials.secretAccessKey },
    region: options.region ?? 'us-east-1',
    service: options.service ?? 'organizations',
    sha256: Hash.bind(null, 'sha256'),
  });
  const request = new HttpRequest({
    method: 'POST',
    protocol: 'http:',
    hostname: '127.0.0.1',
    port: 3000,
    path: '/',
    headers: { host: '127.0.0.1:3000', 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSOrganizationsV20161128.ListChildren' },
    body,
  });
  const result = await signer.sign(request, { signingDate: options.signingDate ?? now });
  return { method: 'POST', url: '/', headers: Object.fromEntries(Object.entries(result.headers).map(([k, v]) => [k.toLowerCase(), v])), body };
}

async function verdict(request: SignedRequest, secret = credentials.secretAccessKey): Promise<string> {
  try {
    const authorization = parseAuthorization(request);
    const date = checkScope(request, authorization, now.getTime());
    await verifySignature(request, authorization, date, secret);
    return 'ok';
  } catch (error) {
    return (error as { type: string }).type;
  }
}

describe('SigV4 verification', () => {
  it('accepts a request signed by the SDK signer, in any region', async () => {
    expect(await verdict(await signed())).toBe('ok');
    expect(await verdict(await signed({ region: 'eu-west-3' }))).toBe('ok');
  });

  it('refuses another secret and a changed body with InvalidSignatureException', async () => {
    expect(await verdict(await signed({ secret: 'y'.repeat(40) }))).toBe('InvalidSignatureException');
    expect(await verdict({ ...(await signed()), body: '{"ParentId":"r-efgh"}' })).toBe('InvalidSignatureException');
  });

  it('refuses a changed signed header with InvalidSignatureException', async () => {
    const request = await signed();
    expect(await verdict({ ...request, headers: { ...request.headers, 'x-amz-target': 'AWSOrganizationsV20161128.DeleteOrganization' } })).toBe('InvalidSignatureException');
  });

  it('refuses a clock more than 15 minutes off with RequestExpired, and accepts 14 minutes', async () => {
    expect(await verdict(await signed({ signingDate: new Date(now.getTime() - 16 * 60_000) }))).toBe('RequestExpired');
    expect(await verdict(await signed({ signingDate: new Date(now.getTime() + 16 * 60_000) }))).toBe('RequestExpired');
    expect(await verdict(await signed({ signingDate: new Date(now.getTime() - 14 * 60_000) }))).toBe('ok');
  });

  it('refuses a scope of another service with SignatureDoesNotMatch', async () => {
    expect(await verdict(await signed({ service: 'iam' }))).toBe('SignatureDoesNotMatch');
  });

  it('refuses a missing or malformed Authorization header', async () => {
    const request = await signed();
    expect(await verdict({ ...request, headers: { ...request.headers, authorization: undefined } })).toBe('MissingAuthenticationTokenException');
    expect(await verdict({ ...request, headers: { ...request.headers, authorization: 'Bearer orgs_key' } })).toBe('IncompleteSignatureException');
  });

  it('refuses a declared payload hash that is not the body\'s', async () => {
    const request = await signed();
    const declared = { ...request, headers: { ...request.headers, 'x-amz-content-sha256': 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' } };
    expect(await verdict(declared)).toBe('InvalidSignatureException');
  });

  it('derives the signing key again for another secret under the same key id (a cached key never signs for it)', async () => {
    expect(await verdict(await signed())).toBe('ok');
    expect(await verdict(await signed(), 'y'.repeat(40))).toBe('InvalidSignatureException');
    expect(await verdict(await signed({ secret: 'y'.repeat(40) }), 'y'.repeat(40))).toBe('ok');
    expect(await verdict(await signed())).toBe('ok');
  });

  it('agrees with the SDK signer on any signed headers, query, body, region and date (and refuses the body changed)', async () => {
    const blank = fc.constantFrom(' ', '  ', '\t', ' \t ');
    const headerValue = fc.tuple(fc.option(blank, { nil: '' }), fc.stringMatching(/^[A-Za-z0-9=;,.:/_-]{1,12}$/), blank, fc.stringMatching(/^[A-Za-z0-9]{1,8}$/), fc.option(blank, { nil: '' })).map((parts) => parts.join(''));
    const extraHeaders = fc.dictionary(fc.constantFrom('x-amz-target', 'x-orgs-min-position', 'content-type', 'x-amz-user-agent', 'amz-sdk-request', 'x-custom'), headerValue);
    const query = fc.dictionary(fc.stringMatching(/^[A-Za-z0-9_.~-]{1,6}$/), fc.stringMatching(/^[A-Za-z0-9 _.~!*'()-]{0,8}$/), { maxKeys: 3 });
    const body = fc.string({ maxLength: 60 });
    const region = fc.constantFrom('us-east-1', 'eu-central-1', 'ap-southeast-2');
    const offsetS = fc.integer({ min: -14 * 60, max: 14 * 60 });
    await fc.assert(
      fc.asyncProperty(extraHeaders, query, body, region, offsetS, async (headers, params, payload, regionName, offset) => {
        const signingDate = new Date(now.getTime() + offset * 1000);
        const signer = new SignatureV4({ credentials, region: regionName, service: 'organizations', sha256: Hash.bind(null, 'sha256') });
        const unsigned = new HttpRequest({ method: 'POST', protocol: 'http:', hostname: '127.0.0.1', port: 3000, path: '/', query: params, headers: { host: '127.0.0.1:3000', ...headers }, body: payload });
        const result = await signer.sign(unsigned, { signingDate });
        const search = Object.entries(params).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
        const request: SignedRequest = {
          method: 'POST',
          url: search ? `/?${search}` : '/',
          headers: Object.fromEntries(Object.entries(result.headers).map(([k, v]) => [k.toLowerCase(), v])),
          body: payload,
        };
        expect(await verdict(request)).toBe('ok');
        expect(await verdict({ ...request, body: `${payload} ` })).toBe('InvalidSignatureException');
      }),
      { numRuns: 150 },
    );
  });
});
