/** A request's condition keys, named case-insensitively (keys are stored lower-cased), each with one or more values. */
export type RequestContext = ReadonlyMap<string, readonly string[]>;

export type ContextValue = string | number | boolean | readonly (string | number | boolean)[];

/** From the caller's `{key: value | [values]}`: numbers and booleans become the strings IAM compares. */
export function requestContext(values: Readonly<Record<string, ContextValue | null | undefined>>): Map<string, readonly string[]> {
  const context = new Map<string, readonly string[]>();
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined || value === null) continue;
    context.set(key.toLowerCase(), (Array.isArray(value) ? value : [value]).map(String));
  }
  return context;
}

const VARIABLE = /\$\{([^}]+)\}/g;
const ESCAPES: Record<string, string> = { '*': '*', '?': '?', $: '$' };

/**
 * Replaces `${aws:username}`-style policy variables with the request's value. A variable whose key
 * the request lacks makes the whole string unusable (undefined): the reference leaves that case
 * open, and matching nothing is the safe reading.
 */
export function resolveVariables(text: string, context: RequestContext): string | undefined {
  if (!text.includes('${')) return text;
  let unresolved = false;
  const resolved = text.replace(VARIABLE, (_, name: string) => {
    if (Object.hasOwn(ESCAPES, name)) return ESCAPES[name];
    const value = context.get(name.toLowerCase());
    if (!value || value.length !== 1) unresolved = true;
    return value?.[0] ?? '';
  });
  return unresolved ? undefined : resolved;
}
