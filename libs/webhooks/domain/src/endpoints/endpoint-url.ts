import { invalidInput } from '@orgs/shared/kernel';
import { isForbiddenAddress, isIpLiteral } from './forbidden-addresses';

export const MAX_URL_LENGTH = 2048;

/**
 * An endpoint's URL must be https to a public host. Hosts the operator names (WEBHOOK_ALLOWED_HOSTS,
 * e.g. 127.0.0.1 for tests) may also be plain http and may resolve anywhere. Names are checked
 * again after DNS resolution at each delivery (see the delivery's address guard).
 */
export function assertValidEndpointUrl(url: string, allowedHosts: readonly string[]): URL {
  if (url.length > MAX_URL_LENGTH) throw invalidInput('MAX_LENGTH_EXCEEDED', `The URL may have at most ${MAX_URL_LENGTH} characters.`);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw invalidInput('INVALID_PATTERN', 'The URL is not a valid absolute URL.');
  }
  if (parsed.username || parsed.password) throw invalidInput('INVALID_PATTERN', 'The URL may not carry credentials.');
  const host = parsed.hostname.toLowerCase();
  if (hostIsAllowed(host, allowedHosts)) {
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw invalidInput('INVALID_PATTERN', 'The URL must be http or https.');
    return parsed;
  }
  if (parsed.protocol !== 'https:') throw invalidInput('INVALID_PATTERN', 'The URL must be https.');
  if (host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.local') || host.endsWith('.internal')) {
    throw invalidInput('INVALID_PATTERN', `The host ${host} is not reachable from the service.`);
  }
  if (isIpLiteral(host) && isForbiddenAddress(host)) {
    throw invalidInput('INVALID_PATTERN', `The address ${host} is loopback, private, link-local or reserved.`);
  }
  if (!isIpLiteral(host) && !host.includes('.')) throw invalidInput('INVALID_PATTERN', `The host ${host} is not a public name.`);
  return parsed;
}

export const hostIsAllowed = (host: string, allowedHosts: readonly string[]) =>
  allowedHosts.some((allowed) => allowed.toLowerCase() === host.replace(/^\[|\]$/g, '').toLowerCase());

/** `WEBHOOK_ALLOWED_HOSTS`: comma-separated host names or addresses. */
export const parseAllowedHosts = (value: string | undefined): string[] =>
  (value ?? '')
    .split(',')
    .map((h) => h.trim())
    .filter(Boolean);
