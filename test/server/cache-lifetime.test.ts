/**
 * How long the relay shares an answer (cache-lifetime.ts), with CRLs and OCSP
 * responses made by OpenSSL whose nextUpdate OpenSSL sets (-crl_nextupdate,
 * -ndays / -nmin), and Cache-Control as RFC 9111 section 5.2.2 defines it;
 * and the in-memory cache's expiry and size bound.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cacheLifetimeMs, type CacheableAnswer } from "../../src/server/cache-lifetime.js";
import { cacheKey, decodeAnswer, encodeAnswer, MemoryRelayCache } from "../../src/server/relay-cache.js";
import { ScenarioPki } from "../helpers/scenario-pki.js";

const HOUR = 3_600_000;
let pki: ScenarioPki;
let crlIn3h: Uint8Array;
let ocspIn30min: Uint8Array;
let ocspNoNext: Uint8Array;
/** Taken once the answers are made: OpenSSL dates an OCSP answer's nextUpdate from its own clock when it makes it. */
let now = new Date();

beforeAll(() => {
  pki = new ScenarioPki();
  pki.build([{ name: "Root" }, { name: "Alice", issuer: "Root", email: "alice@example.org" }]);
  crlIn3h = pki.gencrl("Root", { lastUpdate: new Date(now.getTime() - HOUR), nextUpdate: new Date(now.getTime() + 3 * HOUR) });
  pki.run(["ocsp", "-issuer", pki.get("Root").cert, "-cert", pki.get("Alice").cert, "-no_nonce", "-reqout", "q.der"]);
  const respond = (out: string, extra: string[]) => pki.run(["ocsp", "-index", "index.txt", "-CA", pki.get("Root").cert, "-rsigner", pki.get("Root").cert, "-rkey", pki.get("Root").key, "-reqin", "q.der", "-respout", out, ...extra]);
  respond("r30.der", ["-nmin", "30"]);
  respond("rnone.der", []);
  ocspIn30min = pki.read("r30.der");
  ocspNoNext = pki.read("rnone.der");
  now = new Date();
});
afterAll(() => pki.cleanup());

const answer = (over: Partial<CacheableAnswer>): CacheableAnswer => ({ contentType: "application/pkix-crl", body: crlIn3h, cacheControl: null, expires: null, age: null, ...over });
const within = (ms: number, expected: number, slackMs = 120_000) => {
  expect(ms).toBeGreaterThan(expected - slackMs);
  expect(ms).toBeLessThanOrEqual(expected);
};

describe("cacheLifetimeMs", () => {
  it("a CRL is kept until its nextUpdate, under the relay's ceiling", () => {
    within(cacheLifetimeMs(answer({}), now, 24 * HOUR), 3 * HOUR);
    expect(cacheLifetimeMs(answer({}), now, HOUR)).toBe(HOUR);
  });

  it("an OCSP answer until its nextUpdate; one without nextUpdate is not kept (RFC 6960 section 2.4)", () => {
    within(cacheLifetimeMs(answer({ contentType: "application/ocsp-response", body: ocspIn30min }), now, 24 * HOUR), 30 * 60_000);
    within(cacheLifetimeMs(answer({ contentType: "Application/OCSP-Response; x=1", body: ocspIn30min }), now, 24 * HOUR), 30 * 60_000);
    expect(cacheLifetimeMs(answer({ contentType: "application/ocsp-response", body: ocspNoNext }), now)).toBe(0);
    // An OCSP answer served under another type is read as a CRL, which it is not: the ceiling alone holds.
    expect(cacheLifetimeMs(answer({ contentType: "application/octet-stream", body: ocspNoNext }), now, HOUR)).toBe(HOUR);
  });

  it("Cache-Control: no-store, no-cache and private keep nothing; max-age less Age shortens; s-maxage rules for a shared cache", () => {
    for (const cc of ["no-store", "no-cache", "private", "max-age=600, private", "No-Store"]) expect(cacheLifetimeMs(answer({ cacheControl: cc }), now), cc).toBe(0);
    expect(cacheLifetimeMs(answer({ cacheControl: "max-age=600" }), now)).toBe(600_000);
    expect(cacheLifetimeMs(answer({ cacheControl: "max-age=600", age: "100" }), now)).toBe(500_000);
    expect(cacheLifetimeMs(answer({ cacheControl: "max-age=60, s-maxage=900" }), now)).toBe(900_000);
    expect(cacheLifetimeMs(answer({ cacheControl: 'max-age="300"' }), now)).toBe(300_000);
    // A max-age that is no delta-seconds (RFC 9111 section 1.2.2) makes the answer stale (section 4.2.1): not kept.
    for (const cc of ["max-age=abc", "max-age=60x", "max-age=x60", "max-age=-1", "max-age", "max-age=", "s-maxage=soon, max-age=60"]) expect(cacheLifetimeMs(answer({ cacheControl: cc }), now, 24 * HOUR), cc).toBe(0);
    expect(cacheLifetimeMs(answer({ cacheControl: "max-age=600", age: "1x" }), now)).toBe(600_000);
    // max-age never outlasts nextUpdate (RFC 5019 section 6.2).
    within(cacheLifetimeMs(answer({ cacheControl: "max-age=86400" }), now, 24 * HOUR), 3 * HOUR);
  });

  it("Expires counts when there is no max-age, and an unreadable one means expired (RFC 9111 section 5.3)", () => {
    const cert = new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x01]);
    expect(cacheLifetimeMs(answer({ contentType: "application/pkix-cert", body: cert, expires: new Date(now.getTime() + 600_000).toUTCString() }), now)).toBeGreaterThan(598_000);
    expect(cacheLifetimeMs(answer({ contentType: "application/pkix-cert", body: cert, expires: "0" }), now)).toBe(0);
    // A certificate with no word on caching is kept for the ceiling.
    expect(cacheLifetimeMs(answer({ contentType: "application/pkix-cert", body: cert }), now, HOUR)).toBe(HOUR);
  });
});

describe("the in-memory cache", () => {
  it("forgets an answer when its time is up", async () => {
    let t = 1000;
    const cache = new MemoryRelayCache(1024, () => t);
    const a = { status: 200, contentType: "application/pkix-crl", body: new Uint8Array(10), fetchedAt: 0 };
    await cache.set("k", a, 500);
    expect(await cache.get("k")).toBe(a);
    t = 1499;
    expect(await cache.get("k")).toBe(a);
    t = 1500;
    expect(await cache.get("k")).toBeNull();
    await cache.set("z", a, 0);
    expect(await cache.get("z")).toBeNull();
  });

  it("an answer not to be kept, or larger than the whole cache, pushes nothing out; one that fills it exactly stays", async () => {
    const cache = new MemoryRelayCache(100);
    const sized = (n: number) => ({ status: 200, contentType: null, body: new Uint8Array(n), fetchedAt: 0 });
    await cache.set("a", sized(60), 60_000);
    await cache.set("zero", sized(60), 0);
    await cache.set("huge", sized(101), 60_000);
    expect(await cache.get("a")).not.toBeNull();
    await cache.set("b", sized(40), 60_000);
    expect([await cache.get("a"), await cache.get("b")].map((x) => x !== null)).toEqual([true, true]);
    const exact = new MemoryRelayCache(100);
    await exact.set("all", sized(100), 60_000);
    expect(await exact.get("all")).not.toBeNull();
  });

  it("holds at most its size, dropping the least recently used first", async () => {
    const cache = new MemoryRelayCache(100);
    const sized = (n: number) => ({ status: 200, contentType: null, body: new Uint8Array(n), fetchedAt: 0 });
    await cache.set("a", sized(40), 60_000);
    await cache.set("b", sized(40), 60_000);
    await cache.get("a");
    await cache.set("c", sized(40), 60_000);
    expect([await cache.get("a"), await cache.get("b"), await cache.get("c")].map((x) => x !== null)).toEqual([true, false, true]);
    await cache.set("huge", sized(101), 60_000);
    expect(await cache.get("huge")).toBeNull();
  });

  it("keys by method, URL and body; the stored form reads back, and damaged forms read as absent", () => {
    expect(cacheKey("GET", "http://a/x", undefined)).not.toBe(cacheKey("POST", "http://a/x", undefined));
    expect(cacheKey("POST", "http://a/x", new Uint8Array([1]))).not.toBe(cacheKey("POST", "http://a/x", new Uint8Array([2])));
    const a = { status: 200, contentType: "application/ocsp-response", body: new Uint8Array([0x30, 0x0a, 0x0a, 1]), fetchedAt: 42 };
    expect(decodeAnswer(encodeAnswer(a))).toEqual(a);
    expect(cacheKey("GET", "http://a/x", undefined)).toMatch(/^signet:relay:v1:[0-9a-f]{64}$/);
    // Without its newline a head is no head, even when what is there would read as JSON without its last byte.
    for (const bad of ["no newline", "{bad json\n", '{"status":"200","fetchedAt":1}\n', '{"status":200,"fetchedAt":"1"}\n', '{"status":200,"fetchedAt":1}}']) expect(decodeAnswer(Buffer.from(bad)), bad).toBeNull();
    expect(decodeAnswer(Buffer.from('{"status":200,"fetchedAt":1,"contentType":5}\nx'))).toEqual({ status: 200, fetchedAt: 1, contentType: null, body: new Uint8Array([0x78]) });
  });
});
