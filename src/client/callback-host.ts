/**
 * Which callback hosts are refused: Connect would call them from its own
 * network, so a callback URL on a loopback, private or otherwise
 * special-purpose address is a way to make Connect call somewhere it should
 * not (SSRF). The host is judged as the WHATWG URL parser leaves it
 * (`new URL(...).hostname`), which has already turned 0x7f.1, 2130706433 and
 * 0177.0.0.1 into 127.0.0.1 and compressed IPv6.
 *
 * Names are judged by what they say, without DNS: a single-label name (the
 * resolver completes it with its own network's search domains:
 * `http://metadata/`), a name under a special-use or never-delegated suffix
 * (`metadata.google.internal`, `printer.local`, `router.home.arpa`), a name
 * that spells out a special-purpose address for wildcard DNS to resolve
 * (`127.0.0.1.nip.io`, `10-0-0-1.sslip.io`, `7f000001.nip.io`), and names
 * published to resolve to loopback (`localtest.me`). A name that merely
 * resolves to a private address, or is rebound to one later, is not caught
 * here: that needs the resolver Connect uses, at the moment it calls.
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

/** Suffixes no public callback host can have, with why: [suffix, reason]. */
const SPECIAL_SUFFIXES: readonly (readonly [string, string])[] = [
  ['internal', 'reserved for private networks (ICANN, 2024)'],
  ['local', 'resolved by multicast DNS on the local link (RFC 6762)'],
  ['home.arpa', 'reserved for home networks (RFC 8375)'],
  ['arpa', 'DNS infrastructure, not hosts'],
  ['test', 'reserved for testing (RFC 6761)'],
  ['invalid', 'reserved never to resolve (RFC 6761)'],
  ['example', 'reserved for documentation (RFC 6761)'],
  ['onion', 'a Tor onion service (RFC 7686)'],
  ['alt', 'resolved outside the DNS (RFC 9476)'],
  ['corp', 'never to be delegated (ICANN name-collision TLD)'],
  ['home', 'never to be delegated (ICANN name-collision TLD)'],
  ['mail', 'never to be delegated (ICANN name-collision TLD)'],
  ['lan', 'not a delegated top-level domain: it resolves only inside a network'],
  ['intranet', 'not a delegated top-level domain: it resolves only inside a network'],
  ['localdomain', 'not a delegated top-level domain: it resolves only inside a network'],
  ['private', 'not a delegated top-level domain: it resolves only inside a network'],
];

/** Public names published to resolve to 127.0.0.1, each with every name under it. */
const LOOPBACK_NAMES = ['localtest.me', 'lvh.me', 'vcap.me', 'lacolhost.com', 'localhost.direct'];

/** Wildcard DNS services that resolve a name to the address it spells (dotted, dashed, or eight hex digits). */
const WILDCARD_DNS = ['nip.io', 'sslip.io', 'xip.io', 'traefik.me'];

const under = (host: string, suffix: string) => host === suffix || host.endsWith(`.${suffix}`);

/** Four decimal parts (the pattern already matched one to three digits each) as bytes, unless one is over 255. */
const octets = (parts: readonly string[]): number[] | undefined => {
  const bytes = parts.map(Number);
  return bytes.every((b) => b <= 255) ? bytes : undefined;
};

/** The special-purpose address a name spells out for wildcard DNS, if it spells one. */
function spelledAddress(host: string): string | undefined {
  // Four decimal octets joined by dots or dashes, as labels or inside one: 127.0.0.1.nip.io, app-10-0-0-1.sslip.io.
  for (const match of host.matchAll(/(?<![\d])(\d{1,3})([.-])(\d{1,3})\2(\d{1,3})\2(\d{1,3})(?![\d])/g)) {
    const bytes = octets([match[1]!, match[3]!, match[4]!, match[5]!]);
    if (bytes && isSpecialV4(bytes)) return bytes.join('.');
  }
  const service = WILDCARD_DNS.find((suffix) => under(host, suffix));
  if (!service) return undefined;
  for (const label of host.slice(0, -service.length - 1).split(/[.]/)) {
    // Eight hex digits (nip.io: 7f000001), or IPv6 with dashes for colons (sslip.io: --1, fe80--1).
    const hex = /(?:^|-)([0-9a-f]{8})$/.exec(label)?.[1];
    if (hex) {
      const bytes = [0, 2, 4, 6].map((i) => Number.parseInt(hex.slice(i, i + 2), 16));
      if (isSpecialV4(bytes)) return bytes.join('.');
    }
    if (label.includes('--') || /^[0-9a-f]{1,4}(-[0-9a-f]{1,4}){7}$/.test(label)) {
      const v6 = label.replace(/-/g, ':');
      if (URL.canParse(`http://[${v6}]/`)) {
        const normal = new URL(`http://[${v6}]/`).hostname.slice(1, -1);
        if (isSpecialV6(v6Bytes(normal))) return normal;
      }
    }
  }
  return undefined;
}

/**
 * Why a URL's hostname is not a public callback host, or undefined when it
 * may be one: `localhost` or a name under it (RFC 6761), an IP literal in a
 * special-purpose block (an IPv6 address embedding such an IPv4 address
 * included), or a name that tells it resolves inside a network (see above).
 */
export function nonPublicHost(hostname: string): string | undefined {
  const host = hostname
    .toLowerCase()
    .replace(/^\[|\]$/g, '')
    .replace(/\.+$/, '');
  const address = 'localhost or a loopback, private or special-purpose address';
  if (host === 'localhost' || host.endsWith('.localhost')) return address;
  if (/^\d+\.\d+\.\d+\.\d+$/.test(host)) return isSpecialV4(v4Bytes(host)) ? address : undefined;
  if (host.includes(':')) return isSpecialV6(v6Bytes(host)) ? address : undefined;
  if (!host.includes('.')) return "a single-label name, which a resolver completes with its own network's domains";
  const suffix = SPECIAL_SUFFIXES.find(([name]) => under(host, name));
  if (suffix) return `a name under .${suffix[0]}, ${suffix[1]}`;
  if (LOOPBACK_NAMES.some((name) => under(host, name))) return 'a name published to resolve to 127.0.0.1';
  const spelled = spelledAddress(host);
  if (spelled) return `a name that spells out the special-purpose address ${spelled}, for wildcard DNS to resolve`;
  return undefined;
}

/** Whether a hostname is refused as a callback host: `nonPublicHost` gives the reason. */
export const isNonPublicHost = (hostname: string): boolean => nonPublicHost(hostname) !== undefined;
