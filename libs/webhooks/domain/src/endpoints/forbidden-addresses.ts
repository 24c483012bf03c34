import { BlockList, isIP } from 'node:net';

/**
 * Addresses a shared service must never call on a tenant's behalf (server-side request forgery):
 * loopback, private, link-local (cloud metadata at 169.254.169.254 and fd00:ec2::254), CGNAT,
 * unspecified, multicast and reserved ranges, in IPv4 and IPv6 (IPv4-mapped included).
 */
const blocked = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  blocked.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
  ['64:ff9b::', 96],
  ['2001:db8::', 32],
  ['fd00:ec2::', 32],
] as const) {
  blocked.addSubnet(network, prefix, 'ipv6');
}

/** True for an address (IPv4 or IPv6 literal) webhooks may not be sent to. */
export function isForbiddenAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, '');
  const family = isIP(bare);
  if (family === 0) return false;
  if (family === 6) {
    const mapped = bare.toLowerCase().match(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/);
    if (mapped) return blocked.check(mapped[1], 'ipv4');
    return blocked.check(bare, 'ipv6');
  }
  return blocked.check(bare, 'ipv4');
}

export const isIpLiteral = (host: string) => isIP(host.replace(/^\[|\]$/g, '')) !== 0;
