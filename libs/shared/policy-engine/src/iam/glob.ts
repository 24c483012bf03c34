/** A matcher compiled once per pattern: policies are evaluated far more often than they change. */
export type Matcher = (value: string) => boolean;

const always: Matcher = () => true;
const cache = new Map<string, Matcher>();

/**
 * IAM wildcards: `*` is any run of characters (also none, also `/` and `:`), `?` exactly one.
 * Actions compare ignoring case, ARNs and `StringLike` values exactly.
 */
export function globMatcher(pattern: string, ignoreCase: boolean): Matcher {
  if (pattern === '*') return always;
  const key = `${ignoreCase ? 'i' : 's'}${pattern}`;
  let matcher = cache.get(key);
  if (!matcher) {
    matcher = buildMatcher(pattern, ignoreCase);
    if (cache.size > 50_000) cache.clear();
    cache.set(key, matcher);
  }
  return matcher;
}

function buildMatcher(pattern: string, ignoreCase: boolean): Matcher {
  if (!/[*?]/.test(pattern)) {
    if (!ignoreCase) return (value) => value === pattern;
    const lower = pattern.toLowerCase();
    return (value) => value.toLowerCase() === lower;
  }
  const body = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[\\s\\S]*').replace(/\?/g, '[\\s\\S]');
  const regex = new RegExp(`^${body}$`, ignoreCase ? 'i' : '');
  return (value) => regex.test(value);
}

/** Any of the patterns matches (a list in Action, Resource or a condition is an OR). */
export function anyMatcher(patterns: readonly string[], ignoreCase: boolean): Matcher {
  const matchers = patterns.map((p) => globMatcher(p, ignoreCase));
  if (matchers.includes(always)) return always;
  if (matchers.length === 1) return matchers[0];
  return (value) => matchers.some((m) => m(value));
}

/**
 * ARN operators compare each of the six colon-separated parts on its own, so a `*` never crosses
 * a `:` (scp-rcp-evaluation.md 7.2); the resource part keeps any further colons.
 */
export function arnMatcher(pattern: string): Matcher {
  const parts = splitArn(pattern);
  if (!parts) return () => false;
  const matchers = parts.map((part) => globMatcher(part, false));
  return (value) => {
    const valueParts = splitArn(value);
    return valueParts !== undefined && matchers.every((m, i) => m(valueParts[i]));
  };
}

export function splitArn(arn: string): string[] | undefined {
  const parts = arn.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return undefined;
  return [...parts.slice(0, 5), parts.slice(5).join(':')];
}
