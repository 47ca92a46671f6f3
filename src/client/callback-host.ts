/**
 * Which callback hosts are refused: Connect would call them from its own
 * network, so a callback URL on a loopback, private or otherwise
 * special-purpose address is a way to make Connect call somewhere it should
 * not (SSRF). The host is judged as the WHATWG URL parser leaves it
 * (`new URL(...).hostname`), which has already turned 0x7f.1, 2130706433 and
 * 0177.0.0.1 into 127.0.0.1 and compressed IPv6. No DNS is done: a name that
 * merely resolves to a private address is not caught here.
 */

/** [first address, prefix length]: the IANA IPv4 Special-Purpose Address Registry, plus multicast. */
const IPV4_SPECIAL: readonly (readonly [string, number])[] = [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8], // private use
  ['100.64.0.0', 10], // shared address space (carrier-grade NAT)
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link local, cloud metadata services
  ['172.16.0.0', 12], // private use
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation (TEST-NET-1)
  ['192.31.196.0', 24], // AS112-v4
  ['192.52.193.0', 24], // AMT
  ['192.88.99.0', 24], // deprecated 6to4 relay anycast
  ['192.168.0.0', 16], // private use
  ['192.175.48.0', 24], // direct delegation AS112
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation (TEST-NET-2)
  ['203.0.113.0', 24], // documentation (TEST-NET-3)
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, and 255.255.255.255 limited broadcast
];

/** The IANA IPv6 Special-Purpose Address Registry, plus multicast and the deprecated site-local block. */
const IPV6_SPECIAL: readonly (readonly [string, number])[] = [
  ['::', 96], // unspecified, loopback and the deprecated IPv4-compatible addresses
  ['64:ff9b:1::', 48], // local-use IPv4/IPv6 translation
  ['100::', 64], // discard-only
  ['2001::', 23], // IETF protocol assignments (Teredo, benchmarking, ORCHID, ...)
  ['2001:db8::', 32], // documentation
  ['2620:4f:8000::', 48], // direct delegation AS112
  ['3fff::', 20], // documentation
  ['5f00::', 16], // segment routing
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link local
  ['fec0::', 10], // deprecated site local
  ['ff00::', 8], // multicast
];

/** Prefixes whose addresses carry an IPv4 address, judged by the IPv4 rules: [prefix, length, bit offset of the v4]. */
const IPV6_EMBEDDING: readonly (readonly [string, number, number])[] = [
  ['::ffff:0:0', 96, 96], // IPv4-mapped
  ['::ffff:0:0:0', 96, 96], // IPv4-translated (SIIT)
  ['64:ff9b::', 96, 96], // NAT64 well-known prefix
  ['2002::', 16, 16], // 6to4
];

const v4Bytes = (address: string): number[] => address.split('.').map(Number);

function v6Bytes(address: string): number[] {
  let text = address;
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = v4Bytes(dotted[1]!);
    text = `${text.slice(0, dotted.index)}${((a! << 8) | b!).toString(16)}:${((c! << 8) | d!).toString(16)}`;
  }
  const [head, tail] = text.split('::') as [string, string | undefined];
  const groups = (part: string | undefined) => (part ? part.split(':').map((g) => Number.parseInt(g, 16)) : []);
  const front = groups(head);
  const back = groups(tail);
  const all = tail === undefined ? front : [...front, ...Array(8 - front.length - back.length).fill(0), ...back];
  return all.flatMap((g) => [g >> 8, g & 255]);
}

const inPrefix = (bytes: readonly number[], prefix: readonly number[], length: number): boolean => {
  for (let bit = 0; bit < length; bit++) {
    const mask = 0x80 >> (bit % 8);
    if ((bytes[bit >> 3]! & mask) !== (prefix[bit >> 3]! & mask)) return false;
  }
  return true;
};

const isSpecialV4 = (bytes: readonly number[]) => IPV4_SPECIAL.some(([net, len]) => inPrefix(bytes, v4Bytes(net), len));

function isSpecialV6(bytes: readonly number[]): boolean {
  for (const [net, len, offset] of IPV6_EMBEDDING) {
    if (inPrefix(bytes, v6Bytes(net), len)) return isSpecialV4(bytes.slice(offset / 8, offset / 8 + 4));
  }
  return IPV6_SPECIAL.some(([net, len]) => inPrefix(bytes, v6Bytes(net), len));
}

/**
 * Whether a URL's hostname is `localhost` or a name under it (RFC 6761), with
 * or without a trailing dot, or an IP literal in a special-purpose block, an
 * IPv6 address embedding such an IPv4 address included.
 */
export function isNonPublicHost(hostname: string): boolean {
  const host = hostname
    .toLowerCase()
    .replace(/^\[|\]$/g, '')
    .replace(/\.+$/, '');
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (/^\d+\.\d+\.\d+\.\d+$/.test(host)) return isSpecialV4(v4Bytes(host));
  if (host.includes(':')) return isSpecialV6(v6Bytes(host));
  return false;
}
