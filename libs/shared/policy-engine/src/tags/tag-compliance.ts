import { isObject, type JsonObject, type JsonValue } from '../document/strict-json';

/** Compliance details of one resource (tag-policy-compliance.md 2.1), or null when it was never tagged. */
export interface TagCompliance {
  compliant: boolean;
  /** Keys on the resource whose capitalization is wrong. */
  noncompliantKeys: string[];
  /** Keys whose value is not allowed, or whose capitalization is wrong (AWS's wording includes both). */
  keysWithNoncompliantValues: string[];
  /** Required keys (`report_required_tag_for`) the resource lacks; reported beside, not in, `compliant`. */
  missingTagKeys: string[];
}

interface GovernedKey {
  policyKey: string;
  expectedKey: string;
  /** Absent: any value; empty: none. */
  allowedValues?: string[];
  requiredFor: string[];
  hasTagKey: boolean;
}

const strings = (value: JsonValue | undefined) => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : undefined);

function governedKeys(effective: JsonObject | undefined): GovernedKey[] {
  const tags = effective && isObject(effective.tags) ? effective.tags : {};
  return Object.entries(tags).flatMap(([policyKey, entry]) => {
    if (!isObject(entry)) return [];
    const tagKey = typeof entry.tag_key === 'string' ? entry.tag_key : undefined;
    return [{ policyKey, expectedKey: tagKey ?? policyKey.toLowerCase(), allowedValues: strings(entry.tag_value), requiredFor: strings(entry.report_required_tag_for) ?? [], hasTagKey: tagKey !== undefined }];
  });
}

/** A policy value holds at most one `*`, which matches any run of characters, also none. */
function valueAllowed(allowed: string[], value: string): boolean {
  return allowed.some((pattern) => {
    const star = pattern.indexOf('*');
    if (star < 0) return pattern === value;
    const [head, tail] = [pattern.slice(0, star), pattern.slice(star + 1)];
    return value.length >= head.length + tail.length && value.startsWith(head) && value.endsWith(tail);
  });
}

/** `ec2:instance` is listed by itself, by `ec2:ALL_SUPPORTED` or by the older `ec2:*`. */
const typeListed = (listed: string[], resourceType: string) =>
  listed.some((t) => t === resourceType || ((t.endsWith(':ALL_SUPPORTED') || t.endsWith(':*')) && resourceType.startsWith(t.slice(0, t.indexOf(':') + 1))));

/**
 * The reference evaluation (tag-policy-compliance.md 6): a tag is governed when its key equals a
 * policy key ignoring case; its key must then have the expected capitalization and its value be
 * allowed. Tags no policy key governs are ignored.
 */
export function evaluateTagCompliance(tags: Readonly<Record<string, string>>, effective: JsonObject | undefined, resourceType?: string, everTagged = true): TagCompliance | null {
  if (!everTagged && Object.keys(tags).length === 0) return null;
  const governed = governedKeys(effective);
  const noncompliantKeys = new Set<string>();
  const badValues = new Set<string>();
  for (const [key, value] of Object.entries(tags)) {
    const rule = governed.find((g) => g.policyKey.toLowerCase() === key.toLowerCase());
    if (!rule) continue;
    if (key !== rule.expectedKey) {
      noncompliantKeys.add(key);
      badValues.add(key);
    }
    if (rule.allowedValues && !valueAllowed(rule.allowedValues, value)) badValues.add(key);
  }
  const missingTagKeys = resourceType
    ? governed
        .filter((g) => typeListed(g.requiredFor, resourceType))
        .filter((g) => !Object.keys(tags).some((k) => (g.hasTagKey ? k === g.expectedKey : k.toLowerCase() === g.policyKey.toLowerCase())))
        .map((g) => g.expectedKey)
    : [];
  return { compliant: noncompliantKeys.size === 0 && badValues.size === 0, noncompliantKeys: [...noncompliantKeys], keysWithNoncompliantValues: [...badValues], missingTagKeys };
}

/**
 * Enforcement (section 4): a tagging request on an enforced resource type is refused when a tag it
 * sets is governed and breaks its rule. Returns the offending keys; empty when allowed.
 */
export function tagPolicyViolations(requestTags: Readonly<Record<string, string>>, effective: JsonObject | undefined, resourceType: string): string[] {
  const tags = effective && isObject(effective.tags) ? effective.tags : {};
  const enforced = Object.values(tags).some((entry) => isObject(entry) && typeListed(strings(entry.enforced_for) ?? [], resourceType));
  if (!enforced || Object.keys(requestTags).length === 0) return [];
  const details = evaluateTagCompliance(requestTags, effective);
  return details ? details.keysWithNoncompliantValues : [];
}
