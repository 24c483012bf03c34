/** IPv4 and IPv6 addresses and CIDR ranges as big integers, for `IpAddress` and `NotIpAddress`. */
export interface IpRange {
  version: 4 | 6;
  network: bigint;
  prefix: number;
}

export function parseIp(text: string): { version: 4 | 6; value: bigint } | undefined {
  return text.includes(':') ? parseIpv6(text) : parseIpv4(text);
}

function parseIpv4(text: string): { version: 4; value: bigint } | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255)) return undefined;
  return { version: 4, value: parts.reduce((acc, p) => (acc << 8n) | BigInt(Number(p)), 0n) };
}

function parseIpv6(text: string): { version: 6; value: bigint } | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const head = halves[0] ? halves[0].split(':') : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const missing = 8 - head.length - tail.length;
  if ((halves.length === 1 && missing !== 0) || missing < 0) return undefined;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  if (groups.some((g) => !/^[0-9a-fA-F]{1,4}$/.test(g))) return undefined;
  return { version: 6, value: groups.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g, 16)), 0n) };
}

/** An address without a prefix is a range of one (`/32`, `/128`). */
export function parseCidr(text: string): IpRange | undefined {
  const [address, prefixText, ...rest] = text.trim().split('/');
  const ip = parseIp(address);
  if (!ip || rest.length > 0) return undefined;
  const bits = ip.version === 4 ? 32 : 128;
  const prefix = prefixText === undefined ? bits : Number(prefixText);
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > bits || (prefixText !== undefined && !/^\d+$/.test(prefixText))) return undefined;
  return { version: ip.version, network: mask(ip.value, prefix, bits), prefix };
}

const mask = (value: bigint, prefix: number, bits: number) => (prefix === 0 ? 0n : (value >> BigInt(bits - prefix)) << BigInt(bits - prefix));

export function inRange(range: IpRange, address: string): boolean {
  const ip = parseIp(address);
  if (!ip || ip.version !== range.version) return false;
  return mask(ip.value, range.prefix, ip.version === 4 ? 32 : 128) === range.network;
}
