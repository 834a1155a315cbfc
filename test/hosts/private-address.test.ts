/**
 * The private-address guard (src/hosts/shared/private-address.ts) at the
 * edges of every range it refuses: the first and last address inside, and
 * the neighbours just outside, as the registries define them (RFC 6890 and
 * the RFCs cited per row). host-parts.test.ts checks it in URLs as a
 * certificate would write them, and the Fetcher that applies it.
 */
import { describe, expect, it } from "vitest";
import { isPrivateAddress, isPrivateAddressUrl } from "../../src/hosts/shared/private-address.js";

/** [range, first inside, last inside, just below, just above]; the neighbours are public addresses. */
const V4_EDGES: [string, string, string, string | null, string | null][] = [
  ["0.0.0.0/8 (RFC 1122)", "0.0.0.0", "0.255.255.255", null, "1.0.0.0"],
  ["10.0.0.0/8 (RFC 1918)", "10.0.0.0", "10.255.255.255", "9.255.255.255", "11.0.0.0"],
  ["100.64.0.0/10 (RFC 6598)", "100.64.0.0", "100.127.255.255", "100.63.255.255", "100.128.0.0"],
  ["127.0.0.0/8 (RFC 1122)", "127.0.0.0", "127.255.255.255", "126.255.255.255", "128.0.0.0"],
  ["169.254.0.0/16 (RFC 3927)", "169.254.0.0", "169.254.255.255", "169.253.255.255", "169.255.0.0"],
  ["172.16.0.0/12 (RFC 1918)", "172.16.0.0", "172.31.255.255", "172.15.255.255", "172.32.0.0"],
  ["192.168.0.0/16 (RFC 1918)", "192.168.0.0", "192.168.255.255", "192.167.255.255", "192.169.0.0"],
  ["224.0.0.0/3 (RFC 5771)", "224.0.0.0", "255.255.255.255", "223.255.255.255", null],
];

/** The same for IPv6, written as the WHATWG URL parser and resolvers write them. */
const V6_EDGES: [string, string, string, string | null, string | null][] = [
  ["fc00::/7 unique local (RFC 4193)", "fc00::", "fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "fbff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "fe00::"],
  ["fe80::/10 link-local (RFC 4291)", "fe80::", "febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "fe7f:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "fec0::"],
  ["ff00::/8 multicast (RFC 4291)", "ff00::", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "feff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", null],
];

describe("isPrivateAddress: what a resolver answered", () => {
  for (const [range, first, last, below, above] of [...V4_EDGES, ...V6_EDGES]) {
    it(`${range}: both ends inside are private, the neighbours are not`, () => {
      expect([first, last].map(isPrivateAddress)).toEqual([true, true]);
      const outside = [below, above].filter((a): a is string => a !== null);
      expect(outside.map(isPrivateAddress)).toEqual(outside.map(() => false));
    });
  }

  it("::1 and :: are this machine (RFC 4291 section 2.5.2, 2.5.3); ::2 and 1:: are not", () => {
    expect(["::1", "::", "0:0:0:0:0:0:0:1"].map(isPrivateAddress)).toEqual([true, true, true]);
    expect(["::2", "1::", "::1:0", "1::1"].map(isPrivateAddress)).toEqual([false, false, false, false]);
  });

  it("an IPv4-mapped address (::ffff:0:0/96) is judged as the IPv4 address it carries", () => {
    expect(["::ffff:a00:1", "::ffff:7f00:1", "::ffff:c0a8:101"].map(isPrivateAddress)).toEqual([true, true, true]);
    expect(["::ffff:808:808", "::fffe:a00:1", "0:0:0:0:1:ffff:a00:1"].map(isPrivateAddress)).toEqual([false, false, false]);
  });

  it("a zone index is not part of the address; letter case does not matter", () => {
    expect(["fe80::1%eth0", "FE80::1", "FC00::"].map(isPrivateAddress)).toEqual([true, true, true]);
    expect(["2001:DB8::1", "2001:db8:0:0:0:0:0:1", "2001:db8::1%eth0"].map(isPrivateAddress)).toEqual([false, false, false]);
  });

  it("an answer that is no address at all is not trusted to be public", () => {
    const notAddresses = ["", "example.org", "256.1.1.1", "1.2.3", "1.2.3.4.5", "01234.1.1.1", "1:2:3:4:5:6:7", "1:2:3:4:5:6:7:8:9", "1::2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7:8::", "1::2::3", "12345::", "g::1", "::ffff:1.2.3.4", "1e2.0.0.1", "[::1]"];
    expect(notAddresses.filter((a) => !isPrivateAddress(a))).toEqual([]);
  });

  it("public addresses are public", () => {
    expect(["8.8.8.8", "192.0.2.10", "1.1.1.1", "2001:db8::1", "2606:4700::1111", "1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7::"].map(isPrivateAddress)).toEqual([false, false, false, false, false, false, false]);
  });
});

describe("isPrivateAddressUrl: what a certificate names", () => {
  it("localhost and the names under it (RFC 6761 section 6.3), with or without the final dot", () => {
    const local = ["http://localhost/", "http://LOCALHOST./x", "http://ocsp.localhost/", "http://a.b.localhost./"];
    expect(local.filter((u) => !isPrivateAddressUrl(u))).toEqual([]);
    expect(["http://localhost.example/", "http://notlocalhost/", "http://localhostx/"].filter(isPrivateAddressUrl)).toEqual([]);
  });

  it("bracketed IPv6 and every spelling of a private IPv4 address", () => {
    const refused = ["http://[::1]:8080/", "http://[fd00::1]/", "http://10.1.2.3/", "http://127.1/", "http://0x7f.0.0.1/", "http://2130706433/", "https://192.168.0.1./"];
    expect(refused.filter((u) => !isPrivateAddressUrl(u))).toEqual([]);
  });

  it("public hosts, and text that is not a URL (left to the fetcher, which fails on it)", () => {
    expect(["http://ocsp.example.org/", "http://[2001:db8::1]/", "http://8.8.8.8/", "not a url", "http://[::1"].filter(isPrivateAddressUrl)).toEqual([]);
  });
});
