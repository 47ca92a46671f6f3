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
import ipaddr from 'ipaddr.js';

/**
 * Addresses are judged by ipaddr.js's tables of the IANA special-purpose
 * registries (`range()`): anything but `unicast` (loopback, private, link
 * local, carrier-grade NAT, documentation, benchmarking, AS112, multicast,
 * reserved, ...) is refused. Beside them, two rules of ours: an address that
 * carries an IPv4 address (IPv4-mapped or -translated, NAT64's well-known
 * prefix, 6to4) is judged by that address, and the deprecated IPv4-compatible
 * block ::/96 (RFC 4291), which ipaddr.js calls unicast, is refused.
 */
const IPV4_COMPATIBLE = ipaddr.IPv6.parseCIDR('::/96');
const NAT64_WELL_KNOWN = ipaddr.IPv6.parseCIDR('64:ff9b::/96');

/** The IPv4 address an IPv6 address carries by one of the embeddings above, if it carries one. */
function embeddedV4(address: ipaddr.IPv6): ipaddr.IPv4 | undefined {
  const bytes = address.toByteArray();
  switch (address.range()) {
    case 'ipv4Mapped':
    case 'rfc6145':
      return new ipaddr.IPv4(bytes.slice(12, 16));
    case 'rfc6052':
      return address.match(NAT64_WELL_KNOWN) ? new ipaddr.IPv4(bytes.slice(12, 16)) : undefined;
    case '6to4':
      return new ipaddr.IPv4(bytes.slice(2, 6));
    default:
      return undefined;
  }
}

function isSpecial(address: ipaddr.IPv4 | ipaddr.IPv6): boolean {
  if (address.kind() === 'ipv4') return address.range() !== 'unicast';
  const v6 = address as ipaddr.IPv6;
  const v4 = embeddedV4(v6);
  if (v4) return isSpecial(v4);
  return v6.range() !== 'unicast' || v6.match(IPV4_COMPATIBLE);
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
    if (bytes && isSpecial(new ipaddr.IPv4(bytes))) return bytes.join('.');
  }
  const service = WILDCARD_DNS.find((suffix) => under(host, suffix));
  if (!service) return undefined;
  for (const label of host.slice(0, -service.length - 1).split(/[.]/)) {
    // Eight hex digits (nip.io: 7f000001), or IPv6 with dashes for colons (sslip.io: --1, fe80--1).
    const hex = /(?:^|-)([0-9a-f]{8})$/.exec(label)?.[1];
    if (hex) {
      const bytes = [0, 2, 4, 6].map((i) => Number.parseInt(hex.slice(i, i + 2), 16));
      if (isSpecial(new ipaddr.IPv4(bytes))) return bytes.join('.');
    }
    if (label.includes('--') || /^[0-9a-f]{1,4}(-[0-9a-f]{1,4}){7}$/.test(label)) {
      const v6 = label.replace(/-/g, ':');
      if (ipaddr.IPv6.isValid(v6)) {
        const address = ipaddr.IPv6.parse(v6);
        if (isSpecial(address)) return address.toString();
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
  if (ipaddr.IPv4.isValidFourPartDecimal(host)) return isSpecial(ipaddr.IPv4.parse(host)) ? address : undefined;
  if (ipaddr.IPv6.isValid(host)) return isSpecial(ipaddr.IPv6.parse(host)) ? address : undefined;
  if (host.includes(':')) return address;
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
