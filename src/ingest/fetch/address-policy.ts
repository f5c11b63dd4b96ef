import net from 'node:net';

/**
 * Which network addresses an outgoing fetch may connect to. Everything that is not the public internet
 * is refused: loopback, private ranges, carrier-grade NAT, link-local (which holds the cloud metadata
 * services at 169.254.169.254 and fd00:ec2::254), multicast, reserved and documentation ranges, and
 * IPv6 forms that embed one of those IPv4 addresses (mapped, NAT64, 6to4).
 */
const BLOCKED_V4: Array<[string, number, string]> = [
  ['0.0.0.0', 8, 'a reserved address'],
  ['10.0.0.0', 8, 'a private network address'],
  ['100.64.0.0', 10, 'a private network address'],
  ['127.0.0.0', 8, 'a loopback address (this machine)'],
  ['169.254.0.0', 16, 'a link-local address (where cloud metadata services live)'],
  ['172.16.0.0', 12, 'a private network address'],
  ['192.0.0.0', 24, 'a reserved address'],
  ['192.0.2.0', 24, 'a documentation address'],
  ['192.88.99.0', 24, 'a reserved address'],
  ['192.168.0.0', 16, 'a private network address'],
  ['198.18.0.0', 15, 'a reserved address'],
  ['198.51.100.0', 24, 'a documentation address'],
  ['203.0.113.0', 24, 'a documentation address'],
  ['224.0.0.0', 4, 'a multicast address'],
  ['240.0.0.0', 4, 'a reserved address'],
];
const BLOCKED_V6: Array<[string, number, string]> = [
  ['::', 128, 'a reserved address'],
  ['::1', 128, 'a loopback address (this machine)'],
  ['100::', 64, 'a reserved address'],
  ['2001:db8::', 32, 'a documentation address'],
  ['fc00::', 7, 'a private network address'],
  ['fe80::', 10, 'a link-local address'],
  ['fec0::', 10, 'a reserved address'],
  ['ff00::', 8, 'a multicast address'],
];

function buildList(ranges: Array<[string, number, string]>, type: 'ipv4' | 'ipv6') {
  return ranges.map(([address, prefix, reason]) => {
    const list = new net.BlockList();
    list.addSubnet(address, prefix, type);
    return { list, type, reason };
  });
}
const V4 = buildList(BLOCKED_V4, 'ipv4');
const V6 = buildList(BLOCKED_V6, 'ipv6');

export interface AddressPolicy {
  /** Loopback addresses only, and only for tests that serve pages from a local server. */
  allowLoopback?: boolean;
}

/**
 * Why an address may not be connected to, or undefined when it is a public address.
 *
 * @example blockedReason('169.254.169.254') // 'a link-local address (where cloud metadata services live)'
 */
export function blockedReason(address: string, policy: AddressPolicy = {}): string | undefined {
  const ip = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const family = net.isIP(ip);
  if (family === 0) return 'not an IP address';
  if (family === 6) {
    const embedded = embeddedIpv4(ip);
    if (embedded) return blockedReason(embedded, policy);
  }
  if (policy.allowLoopback && isLoopback(ip)) return undefined;
  const ranges = family === 4 ? V4 : V6;
  return ranges.find((range) => range.list.check(ip, range.type))?.reason;
}

function isLoopback(ip: string): boolean {
  return ip === '::1' || (net.isIPv4(ip) && ip.startsWith('127.'));
}

/** The IPv4 address inside an IPv4-mapped (::ffff:a.b.c.d), NAT64 (64:ff9b::/96) or 6to4 (2002::/16) address. */
function embeddedIpv4(ip: string): string | undefined {
  const groups = expandIpv6(ip);
  if (!groups) return undefined;
  const v4 = (hi: number, lo: number) => `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
  const zeros = (from: number, to: number) => groups.slice(from, to).every((g) => g === 0);
  if (zeros(0, 5) && groups[5] === 0xffff) return v4(groups[6]!, groups[7]!);
  if (zeros(0, 6) && (groups[6] !== 0 || groups[7]! > 1)) return v4(groups[6]!, groups[7]!); // ::a.b.c.d (deprecated)
  if (groups[0] === 0x64 && groups[1] === 0xff9b && zeros(2, 6)) return v4(groups[6]!, groups[7]!);
  if (groups[0] === 0x2002) return v4(groups[1]!, groups[2]!);
  return undefined;
}

function expandIpv6(ip: string): number[] | undefined {
  let text = ip.toLowerCase();
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted?.[1]) {
    const parts = dotted[1].split('.').map(Number);
    text = `${text.slice(0, -dotted[1].length)}${((parts[0]! << 8) | parts[1]!).toString(16)}:${((parts[2]! << 8) | parts[3]!).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const missing = 8 - left.length - right.length;
  if (tail === undefined ? left.length !== 8 : missing < 0) return undefined;
  const groups = [...left, ...Array<string>(tail === undefined ? 0 : missing).fill('0'), ...right].map((g) =>
    Number.parseInt(g || '0', 16),
  );
  return groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff) ? groups : undefined;
}

/** The kind of a refusal reason, for catalogue messages: loopback, private, linkLocal, multicast, … */
export function reasonKind(reason: string): string {
  const kind = /loopback|private|link-local|multicast|documentation|reserved/.exec(reason)?.[0] ?? 'reserved';
  return kind === 'link-local' ? 'linkLocal' : kind;
}
