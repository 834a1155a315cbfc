/**
 * The relay's address table, on address values only: nothing here connects
 * anywhere. Each refused block is probed at its edges, and the public
 * addresses just outside them must pass, so that a table that refuses too
 * much fails as surely as one that refuses too little.
 */
import { describe, expect, it } from "vitest";
import { addressRefusal, AddressAllowList, isAddressOrCidr } from "../../src/server/address-policy.js";

const refused = (a: string, allow?: AddressAllowList) => addressRefusal(a, allow);

describe("IPv4", () => {
  it.each([
    ["0.0.0.0", /this network/],
    ["0.255.255.255", /this network/],
    ["10.0.0.1", /RFC 1918/],
    ["10.255.255.255", /RFC 1918/],
    ["100.64.0.1", /carrier-grade NAT/],
    ["100.127.255.255", /carrier-grade NAT/],
    ["127.0.0.1", /loopback/],
    ["127.255.255.254", /loopback/],
    ["169.254.169.254", /link-local.*metadata/],
    ["172.16.0.1", /RFC 1918/],
    ["172.31.255.255", /RFC 1918/],
    ["192.0.0.8", /IETF protocol assignments/],
    ["192.0.2.10", /TEST-NET-1/],
    ["192.88.99.1", /6to4 relay/],
    ["192.168.1.1", /RFC 1918/],
    ["198.18.0.1", /benchmarking/],
    ["198.19.255.255", /benchmarking/],
    ["198.51.100.7", /TEST-NET-2/],
    ["203.0.113.9", /TEST-NET-3/],
    ["224.0.0.251", /multicast/],
    ["239.255.255.250", /multicast/],
    ["240.0.0.1", /reserved/],
    ["255.255.255.255", /reserved|broadcast/],
  ])("%s is refused", (address, why) => expect(refused(address)).toMatch(why));

  it.each(["1.1.1.1", "8.8.8.8", "9.255.255.255", "11.0.0.0", "100.63.255.255", "100.128.0.0", "126.255.255.255", "128.0.0.0", "169.253.255.255", "169.255.0.0", "172.15.255.255", "172.32.0.0", "192.0.1.255", "192.0.3.0", "192.167.255.255", "192.169.0.0", "198.17.255.255", "198.20.0.0", "223.255.255.255"])(
    "%s, just outside the blocks, is public",
    (address) => expect(refused(address)).toBeNull(),
  );

  it("only four decimal parts are an address: the other forms ipaddr.js reads are refused as no address", () => {
    for (const odd of ["0x7f.0.0.1", "2130706433", "127.1", "017.0.0.1", "1.2.3", "example.org", "", "1.2.3.4.5"]) expect(refused(odd), odd).toBe("not an IP address");
  });
});

describe("IPv6", () => {
  it.each([
    ["::1", /loopback/],
    ["::", /unspecified/],
    ["::7f00:1", /IPv4-compatible/],
    ["fe80::1", /link-local/],
    ["fe80::1%eth0", /link-local/],
    ["fc00::1", /unique local/],
    ["fd12:3456::1", /unique local/],
    ["fec0::1", /site-local/],
    ["ff02::1", /multicast/],
    ["100::1", /discard-only/],
    ["2001:db8::1", /documentation/],
    ["3fff::1", /documentation/],
    ["2001::1", /IETF protocol assignments/],
    ["2001:1ff:ffff::1", /IETF protocol assignments/],
    ["64:ff9b:1::a00:1", /local-use NAT64/],
    ["4000::1", /outside global unicast/],
    ["1::1", /outside global unicast/],
  ])("%s is refused", (address, why) => expect(refused(address)).toMatch(why));

  it("an IPv4 address inside IPv6 is judged by the IPv4 address it carries", () => {
    expect(refused("::ffff:127.0.0.1")).toMatch(/IPv4-mapped.*loopback/);
    expect(refused("::ffff:7f00:1")).toMatch(/IPv4-mapped.*loopback/);
    expect(refused("::ffff:169.254.169.254")).toMatch(/IPv4-mapped.*link-local/);
    expect(refused("::ffff:8.8.8.8")).toBeNull();
    expect(refused("64:ff9b::10.0.0.1")).toMatch(/NAT64.*RFC 1918/);
    expect(refused("64:ff9b::c0a8:101")).toMatch(/NAT64.*RFC 1918/);
    expect(refused("64:ff9b::8.8.8.8")).toBeNull();
    expect(refused("2002:7f00:1::1")).toMatch(/6to4.*loopback/);
    expect(refused("2002:a9fe:a9fe::")).toMatch(/6to4.*link-local/);
    expect(refused("2002:808:808::1")).toBeNull();
  });

  it.each(["2606:4700:4700::1111", "2a00:1450:4001:80b::200e", "2001:200::1", "2c0f:fb50::1", "3ffe::1"])("%s, global unicast, is public", (address) => expect(refused(address)).toBeNull());
});

describe("the operator's allow-list", () => {
  it("lets the named addresses and ranges through, and nothing beside them", () => {
    const allow = new AddressAllowList(["127.0.0.1", "10.20.0.0/16", "fd00::/8"]);
    expect(refused("127.0.0.1", allow)).toBeNull();
    expect(refused("127.0.0.2", allow)).toMatch(/loopback/);
    expect(refused("10.20.255.1", allow)).toBeNull();
    expect(refused("10.21.0.1", allow)).toMatch(/RFC 1918/);
    expect(refused("fd00::5", allow)).toBeNull();
    expect(refused("fc00::5", allow)).toMatch(/unique local/);
    // The IPv4-mapped form of an allowed address is that address.
    expect(refused("::ffff:127.0.0.1", allow)).toBeNull();
    expect(allow.size).toBe(3);
  });

  it("an empty list allows nothing the table refuses", () => expect(refused("127.0.0.1", new AddressAllowList([]))).toMatch(/loopback/));

  it("the command's check reads addresses and CIDR ranges, and nothing else", () => {
    for (const ok of ["127.0.0.1", "10.0.0.0/8", "::1", "fd00::/8"]) expect(isAddressOrCidr(ok), ok).toBe(true);
    for (const bad of ["localhost", "10.0.0.0/33", "10.0.0", "", "::1/129", "10.0.0.0/8/8", "0x7f.0.0.1/8"]) expect(isAddressOrCidr(bad), bad).toBe(false);
  });

  it("a list naming anything but addresses and ranges is refused when it is made, not matched loosely later", () => {
    expect(() => new AddressAllowList(["10.0.0.0/8", "intranet.example.org"])).toThrow("not an address or CIDR range: intranet.example.org");
    expect(() => new AddressAllowList(["127.1"])).toThrow("not an address or CIDR range: 127.1");
  });
});
