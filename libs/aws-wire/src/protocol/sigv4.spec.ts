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
});
