/**
 * Hosts a certificate from a stranger must not make Signet reach on its own:
 * the machine itself and the private networks around it. A signed message
 * names its own AIA, CRL and OCSP URLs, and the add-on fetches them when the
 * message is merely opened, so `http://192.168.1.1/...` in a certificate
 * would otherwise be a request to the reader's router from inside their
 * network. Only literal addresses and `localhost` names can be recognised
 * here (an extension cannot resolve DNS first); a public name that resolves
 * to a private address, or redirects there, is beyond this check.
 */

/** IPv4 ranges that are not public (RFC 6890's special-purpose registry, the parts that reach local machines). */
const PRIVATE_V4: [number, number][] = [
  [0x00000000, 8], // 0.0.0.0/8 "this network" (RFC 1122 section 3.2.1.3); Linux treats 0.0.0.0 as localhost
  [0x0a000000, 8], // 10.0.0.0/8 private (RFC 1918)
  [0x64400000, 10], // 100.64.0.0/10 carrier-grade NAT (RFC 6598)
  [0x7f000000, 8], // 127.0.0.0/8 loopback (RFC 1122)
  [0xa9fe0000, 16], // 169.254.0.0/16 link-local (RFC 3927), cloud metadata services
  [0xac100000, 12], // 172.16.0.0/12 private (RFC 1918)
  [0xc0a80000, 16], // 192.168.0.0/16 private (RFC 1918)
  [0xe0000000, 3], // 224.0.0.0/3 multicast and reserved (RFC 5771, RFC 1112)
];

function parseV4(host: string): number | null {
  const parts = host.split(".");
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255)) return null;
  return parts.reduce((n, p) => n * 256 + Number(p), 0);
}

function privateV4(address: number): boolean {
  return PRIVATE_V4.some(([base, bits]) => Math.floor(address / 2 ** (32 - bits)) === Math.floor(base / 2 ** (32 - bits)));
}

/** The 8 groups of an IPv6 literal as the WHATWG URL parser writes it (compressed, hex only, no IPv4 tail). */
function parseV6(host: string): number[] | null {
  const halves = host.split("::");
  if (halves.length > 2) return null;
  const read = (s: string) => (s === "" ? [] : s.split(":").map((g) => (/^[0-9a-f]{1,4}$/i.test(g) ? parseInt(g, 16) : NaN)));
  const head = read(halves[0]!);
  const tail = halves.length === 2 ? read(halves[1]!) : [];
  const known = head.length + tail.length;
  // Eight groups without "::"; with it, at most seven written, as "::" stands for one group of zeros or more (RFC 4291 section 2.2).
  if ([...head, ...tail].some(Number.isNaN) || (halves.length === 1 ? known !== 8 : known > 7)) return null;
  return [...head, ...Array<number>(8 - known).fill(0), ...tail];
}

function privateV6(g: number[]): boolean {
  const first = g[0]!;
  if (g.every((x, i) => x === (i === 7 ? 1 : 0)) || g.every((x) => x === 0)) return true; // ::1 loopback, :: unspecified (RFC 4291)
  // ::ffff:a.b.c.d, an IPv4 address in IPv6 clothing (RFC 4291 section 2.5.5.2).
  if (g.slice(0, 5).every((x) => x === 0) && g[5] === 0xffff) return privateV4(g[6]! * 65536 + g[7]!);
  if ((first & 0xfe00) === 0xfc00) return true; // fc00::/7 unique local (RFC 4193)
  if ((first & 0xffc0) === 0xfe80) return true; // fe80::/10 link-local (RFC 4291)
  return (first & 0xff00) === 0xff00; // ff00::/8 multicast
}

/** True when an address a name resolved to (IPv4 dotted quad or IPv6, without brackets) is this machine's or a private network's. */
export function isPrivateAddress(address: string): boolean {
  const v4 = parseV4(address);
  if (v4 !== null) return privateV4(v4);
  // A zone index ("%eth0", RFC 4007 section 11) names the interface, not the address.
  // Stryker disable next-line Regex: ".*" runs to the end with or without the "$"
  const groups = parseV6(address.replace(/%.*$/, ""));
  // An answer that is neither form is not trusted to be public.
  return groups === null || privateV6(groups);
}

/** True when `url` names this machine or a private network by address or as localhost. */
export function isPrivateAddressUrl(url: string): boolean {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return false;
  }
  // RFC 6761 section 6.3: localhost and every name under it are the machine itself.
  const name = host.endsWith(".") ? host.slice(0, -1) : host;
  if (name === "localhost" || name.endsWith(".localhost")) return true;
  // The URL parser writes an IPv6 host in brackets, and only an IPv6 host.
  if (host.startsWith("[")) return isPrivateAddress(host.slice(1, -1));
  // The WHATWG URL parser has already turned 0x7f.1, 127.1, 2130706433 and the like into dotted quads.
  const v4 = parseV4(name);
  return v4 !== null && privateV4(v4);
}
