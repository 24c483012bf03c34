import { parseCidr } from './ip';
import type { ConditionFamily } from './condition-operators';

/** ISO 8601 (W3C profile) or epoch seconds, in milliseconds; NaN when neither. */
export function parseDate(text: string): number {
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  if (!/^\d{4}-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?)?$/.test(text)) return NaN;
  return Date.parse(text);
}

export const parseNumber = (text: string) => (/^-?\d+(\.\d+)?$/.test(text.trim()) ? Number(text) : NaN);

export function decodeBase64(text: string): string | undefined {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) return undefined;
  return Buffer.from(text, 'base64').toString('hex');
}

/**
 * Why a policy value cannot be used with an operator family, or undefined when it can. Values
 * holding policy variables are checked when the request fills them in.
 */
export function invalidConditionValue(family: ConditionFamily, value: string): string | undefined {
  if (value.includes('${')) return family === 'String' || family === 'Arn' || family === 'Bool' ? undefined : 'policy variables are not allowed with this operator';
  switch (family) {
    case 'Numeric':
      return Number.isNaN(parseNumber(value)) ? `"${value}" is not a number` : undefined;
    case 'Date':
      return Number.isNaN(parseDate(value)) ? `"${value}" is not an ISO 8601 date or epoch seconds` : undefined;
    case 'Bool':
    case 'Null':
      return /^(true|false)$/i.test(value) ? undefined : `"${value}" is not "true" or "false"`;
    case 'Binary':
      return decodeBase64(value) === undefined ? `"${value}" is not base64` : undefined;
    case 'Ip':
      return parseCidr(value) ? undefined : `"${value}" is not an IP address or CIDR range`;
    default:
      return undefined;
  }
}
