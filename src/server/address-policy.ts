/**
 * Which addresses the relay may connect to. The relay fetches URLs that a
 * stranger's certificate names, on behalf of anyone who can reach it, so
 * without this table it would be a way into the network it runs in: the
 * cloud's metadata service, the organisation's intranet, the machine itself.
 *
 * The rule is an allow-list of the global unicast space with the special
 * purpose blocks cut out of it (IANA's IPv4 and IPv6 Special-Purpose Address
 * Registries, RFC 6890), and addresses that carry an IPv4 address inside IPv6
 * are judged by the IPv4 address they carry. Parsing is ipaddr.js's.
 */
import ipaddr from "ipaddr.js";

type Cidr = [string, string];

/** IPv4 blocks refused, each with why. Everything else in IPv4 is public unicast. */
const REFUSED_V4: readonly Cidr[] = [
  ["0.0.0.0/8", "this network (RFC 791; Linux connects 0.0.0.0 to the machine itself)"],
  ["10.0.0.0/8", "private network (RFC 1918)"],
  ["100.64.0.0/10", "carrier-grade NAT (RFC 6598)"],
  ["127.0.0.0/8", "loopback (RFC 1122)"],
  ["169.254.0.0/16", "link-local, where cloud metadata services answer (RFC 3927)"],
  ["172.16.0.0/12", "private network (RFC 1918)"],
  ["192.0.0.0/24", "IETF protocol assignments (RFC 6890)"],
  ["192.0.2.0/24", "documentation, TEST-NET-1 (RFC 5737)"],
  ["192.88.99.0/24", "6to4 relay anycast, deprecated (RFC 7526)"],
  ["192.168.0.0/16", "private network (RFC 1918)"],
  ["198.18.0.0/15", "benchmarking (RFC 2544)"],
  ["198.51.100.0/24", "documentation, TEST-NET-2 (RFC 5737)"],
  ["203.0.113.0/24", "documentation, TEST-NET-3 (RFC 5737)"],
  ["224.0.0.0/4", "multicast (RFC 5771)"],
  ["240.0.0.0/4", "reserved, and the limited broadcast address (RFC 1112, RFC 919)"],
];

/** IPv6: only global unicast 2000::/3 is public (RFC 4291 section 2.4); these blocks inside it are not. */
const GLOBAL_UNICAST_V6 = "2000::/3";
const REFUSED_V6: readonly Cidr[] = [
  ["2001::/23", "IETF protocol assignments, Teredo and ORCHID among them (RFC 2928, RFC 4380)"],
  ["2001:db8::/32", "documentation (RFC 3849)"],
  ["3fff::/20", "documentation (RFC 9637)"],
];

/** IPv6 forms that carry an IPv4 address, judged by it: [block, where the IPv4 address sits (first bit), name]. */
const EMBEDDING_V6: readonly [string, number, string][] = [
  ["::ffff:0:0/96", 96, "IPv4-mapped (RFC 4291 section 2.5.5.2)"],
  ["64:ff9b::/96", 96, "NAT64 well-known prefix (RFC 6052)"],
  ["2002::/16", 16, "6to4 (RFC 3056)"],
];

/** Outside 2000::/3, a few blocks worth naming in a refusal (RFC 4291, RFC 4193, RFC 8215, RFC 6666). */
const NAMED_V6: readonly Cidr[] = [
  ["::1/128", "loopback (RFC 4291)"],
  ["::/128", "unspecified address (RFC 4291)"],
  ["::/96", "IPv4-compatible, deprecated (RFC 4291 section 2.5.5.1)"],
  ["64:ff9b:1::/48", "local-use NAT64 (RFC 8215)"],
  ["100::/64", "discard-only (RFC 6666)"],
  ["fc00::/7", "unique local (RFC 4193)"],
  ["fe80::/10", "link-local (RFC 4291)"],
  ["fec0::/10", "site-local, deprecated (RFC 3879)"],
  ["ff00::/8", "multicast (RFC 4291)"],
];

type Address = ipaddr.IPv4 | ipaddr.IPv6;
const parsed = (list: readonly Cidr[]) => list.map(([cidr, why]) => [ipaddr.parseCIDR(cidr), why] as const);
const V4 = parsed(REFUSED_V4);
const V6 = parsed(REFUSED_V6);
const V6_NAMED = parsed(NAMED_V6);
const V6_GLOBAL = ipaddr.parseCIDR(GLOBAL_UNICAST_V6);
const V6_EMBEDDING = EMBEDDING_V6.map(([cidr, at, name]) => [ipaddr.parseCIDR(cidr), at, name] as const);

/** The IPv4 address held at bit `at` of an IPv6 address. */
function embeddedV4(address: ipaddr.IPv6, at: number): ipaddr.IPv4 {
  const bytes = address.toByteArray().slice(at / 8, at / 8 + 4);
  return new ipaddr.IPv4(bytes);
}

function refusalV4(address: ipaddr.IPv4): string | null {
  for (const [range, why] of V4) if (address.match(range)) return why;
  return null;
}

function refusalV6(address: ipaddr.IPv6): string | null {
  for (const [range, at, name] of V6_EMBEDDING) {
    if (!address.match(range)) continue;
    const inner = refusalV4(embeddedV4(address, at));
    return inner === null ? null : `${name} form of ${inner}`;
  }
  if (!address.match(V6_GLOBAL)) {
    for (const [range, why] of V6_NAMED) if (address.match(range)) return why;
    return "outside global unicast 2000::/3 (RFC 4291 section 2.4)";
  }
  for (const [range, why] of V6) if (address.match(range)) return why;
  return null;
}

/** A set of addresses an operator allows although the table refuses them (tests name 127.0.0.1; a company its PKI's subnet). */
export class AddressAllowList {
  private readonly ranges: [Address, number][];
  constructor(cidrs: readonly string[] = []) {
    for (const c of cidrs) if (!isAddressOrCidr(c)) throw new Error(`not an address or CIDR range: ${c}`);
    this.ranges = cidrs.map((c) => (c.includes("/") ? ipaddr.parseCIDR(c) : ([ipaddr.parse(c), ipaddr.parse(c).kind() === "ipv4" ? 32 : 128] as [Address, number])));
  }
  /** Whether `address` falls in one of the ranges; an IPv4-mapped address matches its IPv4 ranges. */
  has(address: Address): boolean {
    const plain = address.kind() === "ipv6" && (address as ipaddr.IPv6).isIPv4MappedAddress() ? (address as ipaddr.IPv6).toIPv4Address() : address;
    return this.ranges.some(([base, bits]) => base.kind() === plain.kind() && plain.match([base, bits]));
  }
  get size(): number {
    return this.ranges.length;
  }
}

/** An IPv6 address, or an IPv4 one in four decimal parts (ipaddr.js also reads "0x7f.1" and "2130706433", which no resolver answers and no operator means). */
function isPlainAddress(s: string): boolean {
  return ipaddr.IPv6.isValid(s) || ipaddr.IPv4.isValidFourPartDecimal(s);
}

/** Whether `cidr` is an address or an address/prefix (for the command's options). */
export function isAddressOrCidr(cidr: string): boolean {
  return isPlainAddress(cidr.split("/")[0]!) && (!cidr.includes("/") || ipaddr.isValidCIDR(cidr));
}

/**
 * Why the relay must not connect to `address` (an IPv4 dotted quad or an IPv6 address, with or
 * without a zone), or null when it may. What cannot be read as an address is refused.
 */
export function addressRefusal(address: string, allow: AddressAllowList = new AddressAllowList()): string | null {
  // ipaddr.js reads a zone index (RFC 4007 section 11: "fe80::1%eth0") as part of an IPv6 address; it names an interface, not the address.
  if (!isPlainAddress(address)) return "not an IP address";
  const parsed = ipaddr.parse(address);
  if (allow.has(parsed)) return null;
  return parsed.kind() === "ipv4" ? refusalV4(parsed as ipaddr.IPv4) : refusalV6(parsed as ipaddr.IPv6);
}
