/**
 * The host pieces outside the browsers: Thunderbird's raw-message prefix, the
 * fetch-based Fetcher against a server on 127.0.0.1, the storage.local Store
 * over a stub of the `messenger` global (the host seam), the inspection
 * phases and their cache, and the dispatcher's input check.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTrustInputs, hostDecryptor, readCertificates, systemClock } from "../../src/core/index.js";
import { HostTimeout, withDeadline } from "../../src/hosts/shared/deadline.js";
import { fetchFetcher } from "../../src/hosts/shared/fetch-fetcher.js";
import { isPrivateAddressUrl } from "../../src/hosts/shared/private-address.js";
import { nodeResolve } from "../../src/cli/node-fetcher.js";
import { InspectionCache, startInspection } from "../../src/hosts/shared/inspection.js";
import type { Messenger } from "../../src/hosts/thunderbird/messenger.js";
import { isRequest } from "../../src/hosts/thunderbird/protocol.js";
import { stripMozillaHeaders } from "../../src/hosts/thunderbird/raw.js";
import { StorageLocalStore } from "../../src/hosts/thunderbird/storage-store.js";

const root = resolve(import.meta.dirname, "../..");
const sample = (name: string) => new Uint8Array(readFileSync(join(root, "samples", name)));

describe("stripMozillaHeaders", () => {
  it("removes the X-Mozilla-Status, -Status2 and -Keys lines Thunderbird prepends, and nothing else", () => {
    const original = sample("01-signed-valid.eml");
    // As Thunderbird 153 returned it from messages.getRaw for a message in Local Folders.
    const stored = new Uint8Array([...new TextEncoder().encode("X-Mozilla-Status: 0001\nX-Mozilla-Status2: 00000000\nX-Mozilla-Keys:                                                                                 \n"), ...original]);
    expect(stripMozillaHeaders(stored)).toEqual(original);
    expect(stripMozillaHeaders(original)).toEqual(original);
    // A header further down is the sender's, not Thunderbird's.
    const later = new TextEncoder().encode("Subject: x\nX-Mozilla-Status: 0001\n\nbody");
    expect(stripMozillaHeaders(later)).toEqual(later);
  });
});

describe("fetchFetcher", () => {
  let server: Server;
  let base: string;
  /** Requests that reached /held, which answers after 300 ms. */
  let held = 0;
  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === "/ok") res.end("hello");
      else if (req.url === "/echo") req.pipe(res);
      else if (req.url === "/big-declared") res.writeHead(200, { "content-length": "100000" }).end(Buffer.alloc(100000));
      else if (req.url === "/big-streamed") {
        res.writeHead(200);
        for (let i = 0; i < 50; i++) res.write(Buffer.alloc(4096));
        res.end();
      } else if (req.url === "/slow") setTimeout(() => res.end("late"), 3000);
      else if (req.url?.startsWith("/held")) {
        held++;
        setTimeout(() => res.end(`answer ${held}`), 300);
      } else res.writeHead(404).end();
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));
  // The server here is on 127.0.0.1, which the default refuses (tested below).
  const f = fetchFetcher({ privateAddresses: "allow" });
  const get = (path: string, extra: Partial<{ timeoutMs: number; maxBytes: number }> = {}) => f.fetch({ url: base + path, method: "GET", timeoutMs: 2000, maxBytes: 65536, ...extra });

  it("GETs bytes and POSTs a body", async () => {
    expect(await get("/ok")).toMatchObject({ ok: true, status: 200, body: new TextEncoder().encode("hello") });
    const posted = await f.fetch({ url: `${base}/echo`, method: "POST", body: new Uint8Array([1, 2, 3]), contentType: "application/ocsp-request", timeoutMs: 2000, maxBytes: 100 });
    expect(posted).toMatchObject({ ok: true, body: new Uint8Array([1, 2, 3]) });
  });

  it("refuses oversized answers, declared or streamed", async () => {
    expect(await get("/big-declared")).toMatchObject({ ok: false, error: "too-large" });
    expect(await get("/big-streamed", { maxBytes: 10000 })).toMatchObject({ ok: false, error: "too-large" });
  });

  it("ten identical requests at once make one request, each caller with its own copy; other URLs and later requests go out", async () => {
    held = 0;
    const answers = await Promise.all(Array.from({ length: 10 }, () => get("/held/a")));
    expect(held).toBe(1);
    expect(answers.every((a) => a.ok && new TextDecoder().decode(a.body) === "answer 1")).toBe(true);
    const bodies = answers.map((a) => (a.ok ? a.body : null));
    expect(new Set(bodies).size).toBe(10);
    await Promise.all([get("/held/a"), get("/held/b"), f.fetch({ url: `${base}/held/a`, method: "POST", body: new Uint8Array([1]), timeoutMs: 2000, maxBytes: 65536 })]);
    expect(held).toBe(4);
  });

  it("gives up after the time-out, reports HTTP errors, and fetches only http(s)", async () => {
    expect(await get("/slow", { timeoutMs: 200 })).toMatchObject({ ok: false, error: "timeout" });
    expect(await get("/missing")).toEqual({ ok: false, error: "http-status", status: 404 });
    expect(await f.fetch({ url: "file:///etc/passwd", method: "GET", timeoutMs: 100, maxBytes: 10 })).toMatchObject({ ok: false, error: "refused" });
  });
});

describe("private addresses", () => {
  it("names of this machine and of private networks, by the RFC that reserves them, and public ones", () => {
    const refused = [
      "http://127.0.0.1/", "http://127.1/", "http://2130706433/", "http://0x7f.0.0.1/", // loopback (RFC 1122), in the spellings URL parsers accept
      "http://localhost:8080/x", "http://LOCALHOST./", "http://ocsp.localhost/", // RFC 6761 section 6.3
      "http://0.0.0.0/", "http://10.1.2.3/", "http://172.16.0.1/", "http://172.31.255.255/", "http://192.168.1.1/cgi-bin/reboot", // RFC 1122, RFC 1918
      "http://100.64.0.1/", "http://169.254.169.254/latest/meta-data/", "http://224.0.0.1/", // RFC 6598, RFC 3927, multicast
      "http://[::1]/", "http://[::]/", "http://[fd00::1]/", "http://[fe80::1]/", "http://[ff02::1]/", "http://[::ffff:192.168.1.1]/", // RFC 4291, RFC 4193
      // The edges of each IPv6 prefix: fe80::/10 runs to febf:..., fc00::/7 covers fc00 to fdff.
      "http://[fe90::1]/", "http://[febf:ffff::1]/", "http://[fc00::1]/", "http://[fdff:ffff::1]/",
      // ... and of the IPv4 ones.
      "http://100.127.255.255/", "http://169.254.0.0/", "http://10.255.255.255/", "http://239.255.255.255/",
    ];
    const allowed = [
      "http://crl.example.com/ca.crl", "http://8.8.8.8/", "http://172.32.0.1/", "http://172.15.255.255/", "http://100.128.0.1/", "http://100.63.255.255/",
      "http://169.253.255.255/", "http://11.0.0.1/", "http://223.255.255.255/", "http://[2001:db8::1]/", "http://[::ffff:8.8.8.8]/", "http://localhost.example.com/",
      // Just outside the IPv6 prefixes: below fe80::/10, above it (fec0::, the retired site-local), below fc00::/7.
      "http://[fe7f::1]/", "http://[fec0::1]/", "http://[fbff::1]/",
      // Not IPv4-mapped (::ffff:0:0/96 needs five zero groups first, then ffff): a global address, and a retired IPv4-compatible one.
      "http://[1::ffff:c0a8:101]/", "http://[::c0a8:101]/",
    ];
    expect(refused.filter((u) => !isPrivateAddressUrl(u))).toEqual([]);
    expect(allowed.filter((u) => isPrivateAddressUrl(u))).toEqual([]);
  });

  it("with a resolver, a name that resolves to a private address is refused before any request, as a literal one is", async () => {
    const asked: string[] = [];
    const fetchFn = (async (url: string) => {
      asked.push(url);
      return new Response("public answer");
    }) as unknown as typeof fetch;
    const names: Record<string, string[]> = { "crl.example.test": ["10.0.0.7"], "ocsp.example.test": ["192.0.2.10", "fd00::5"], "public.example.test": ["192.0.2.10", "2001:db8::1"] };
    const f = fetchFetcher({ fetchFn, resolve: async (h) => names[h] ?? Promise.reject(new Error("NXDOMAIN")) });
    const request = { method: "GET" as const, timeoutMs: 1000, maxBytes: 1000 };
    const refused = { ok: false, error: "refused", detail: "a name that resolves to a local or private-network address" };
    expect(await f.fetch({ url: "http://crl.example.test/ca.crl", ...request })).toEqual(refused);
    // One private answer among several is enough to refuse.
    expect(await f.fetch({ url: "http://ocsp.example.test/", ...request })).toEqual(refused);
    expect(asked).toEqual([]);
    expect(await f.fetch({ url: "http://public.example.test/ca.crl", ...request })).toMatchObject({ ok: true });
    // A name that does not resolve is left to fetch, which fails on it as it would anyway.
    expect(await f.fetch({ url: "http://nowhere.example.test/", ...request })).toMatchObject({ ok: true });
    expect(asked).toEqual(["http://public.example.test/ca.crl", "http://nowhere.example.test/"]);
    // A resolver that never answers costs the request's time-out, no more.
    const stuck = fetchFetcher({ fetchFn, resolve: () => new Promise(() => undefined) });
    expect(await stuck.fetch({ url: "http://slow.example.test/", ...request, timeoutMs: 50 })).toEqual({ ok: false, error: "timeout", detail: "50 ms resolving the name" });
    // The command's resolver is the system's: localhost is 127.0.0.1 in every Debian /etc/hosts.
    expect(await nodeResolve("localhost")).toContain("127.0.0.1");
  });

  it("the default Fetcher sends nothing to them, and does not use an answer that was redirected there", async () => {
    let requests = 0;
    const server = createServer((req, res) => {
      requests++;
      if (req.url === "/hop") res.writeHead(302, { location: `http://127.0.0.1:${(server.address() as AddressInfo).port}/ok` }).end();
      else res.end("secret from inside");
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    try {
      const port = (server.address() as AddressInfo).port;
      const request = { method: "GET" as const, timeoutMs: 2000, maxBytes: 1000 };
      expect(await fetchFetcher().fetch({ url: `http://127.0.0.1:${port}/ok`, ...request })).toEqual({ ok: false, error: "refused", detail: "a local or private-network address" });
      expect(requests).toBe(0);
      // A public name whose server redirects inside: the name stands in for DNS, the redirect is real.
      const viaPublicName: typeof fetch = (input, init) => fetch(String(input).replace("crl.example.com", `127.0.0.1:${port}`), init);
      const redirected = await fetchFetcher({ fetchFn: viaPublicName }).fetch({ url: "http://crl.example.com/hop", ...request });
      expect(redirected).toEqual({ ok: false, error: "refused", detail: "redirected to a local or private-network address" });
      expect(await fetchFetcher({ privateAddresses: "allow" }).fetch({ url: `http://127.0.0.1:${port}/ok`, ...request })).toMatchObject({ ok: true, body: new TextEncoder().encode("secret from inside") });
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});

describe("StorageLocalStore over storage.local", () => {
  it("keeps bytes, lists by prefix and deletes, under its own key prefix", async () => {
    const backing: Record<string, unknown> = { unrelated: 1 };
    const local: Messenger["storage"]["local"] = {
      get: async (keys) => (keys === null ? { ...backing } : Object.fromEntries([keys].flat().filter((k) => k in backing).map((k) => [k, backing[k]]))),
      set: async (items) => void Object.assign(backing, items),
      remove: async (keys) => [keys].flat().forEach((k) => delete backing[k]),
    };
    const store = new StorageLocalStore({ storage: { local } } as Messenger);
    await store.put("trust/anchors/ab", new Uint8Array([0, 255, 7]));
    await store.put("trust/distrust/cd", new Uint8Array([]));
    expect(await store.get("trust/anchors/ab")).toEqual(new Uint8Array([0, 255, 7]));
    expect(await store.list("trust/")).toEqual(["trust/anchors/ab", "trust/distrust/cd"]);
    await store.delete("trust/anchors/ab");
    expect(await store.get("trust/anchors/ab")).toBeNull();
    expect(Object.keys(backing).sort()).toEqual(["store:trust/distrust/cd", "unrelated"]);
  });
});

describe("inspection in two phases", () => {
  const anchors = readCertificates(readFileSync(join(root, "samples/certs/signet-sample-root-ca.pem"))).certificates;
  const trust = () => buildTrustInputs({ extraAnchors: anchors, bundledRoots: false, fetcher: fetchFetcher() });

  it("with a network to ask, the local answer is pending and the final one is not", async () => {
    const i = startInspection(sample("01-signed-valid.eml"), { clock: systemClock, fetcher: fetchFetcher(), trust });
    const local = await i.local;
    expect(local).toMatchObject({ pending: true, report: { verdict: "verified", revocation: "not-checked" } });
    expect(await i.final).toMatchObject({ pending: false, report: { verdict: "verified" } });
    const t = i.timings;
    expect(t.started <= t.raw! && t.raw! <= t.local! && t.local! <= t.final!).toBe(true);
    expect(i.settled).toBe(await i.final);
  });

  it("bytes that never come (getRaw failed) are an error state in both phases, not an exception", async () => {
    const i = startInspection(Promise.reject(new Error("message deleted")), { clock: systemClock, fetcher: fetchFetcher(), trust });
    expect(await i.local).toEqual({ report: null, pending: false, error: "message deleted" });
    expect(await i.final).toEqual({ report: null, pending: false, error: "message deleted" });
  });

  it("unsigned mail and pages without a network are final at once; attached CRLs still count", async () => {
    expect(await startInspection(sample("08-unsigned.eml"), { clock: systemClock, fetcher: fetchFetcher(), trust }).local).toMatchObject({ pending: false });
    const offline = startInspection(sample("11-revoked.eml"), { clock: systemClock, trust: () => buildTrustInputs({ extraAnchors: anchors, bundledRoots: false }) });
    expect(await offline.local).toMatchObject({ pending: false, report: { verdict: "danger", revocation: "revoked" } });
  });

  it("the host decrypts once for both phases", async () => {
    let calls = 0;
    const host = hostDecryptor(async () => (calls++, null));
    const i = startInspection(sample("07-encrypted-to-bob.eml"), { clock: systemClock, fetcher: fetchFetcher(), trust }, [host]);
    await i.final;
    expect(calls).toBe(1);
  });

  it("the cache keeps the newest entries and forgets all when trust changes", () => {
    const cache = new InspectionCache<number>(2);
    const entry = { local: Promise.resolve({ report: null, pending: false }), final: Promise.resolve({ report: null, pending: false }), timings: { started: 0 } };
    cache.set(1, entry);
    cache.set(2, entry);
    cache.get(1);
    cache.set(3, entry);
    expect([cache.get(1), cache.get(2), cache.get(3)].map(Boolean)).toEqual([true, false, true]);
    cache.clear();
    expect(cache.get(1)).toBeUndefined();
  });
});

describe("the dispatcher's input check", () => {
  it("accepts the commands of the protocol and nothing else", () => {
    expect(isRequest({ command: "trust-list" })).toBe(true);
    for (const junk of [null, 1, "trust-list", {}, { command: "eval" }, { command: { toString: () => "trust-list" } }]) expect(isRequest(junk)).toBe(false);
  });
});

describe("the demo page's server (npm start)", () => {
  it("serves the page, the sample list and the samples, on 127.0.0.1 only, and nothing outside them", async () => {
    const { serveDemo, sampleList } = await import("../../scripts/serve-demo.mjs");
    const server = await serveDemo(0);
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      const get = (path: string, init?: RequestInit) => fetch(server.url + path, init);
      expect((await get("")).headers.get("content-type")).toMatch(/text\/html/);
      expect(await (await get("samples.json")).json()).toEqual(sampleList());
      expect(new Uint8Array(await (await get("samples/11-revoked.eml")).arrayBuffer())).toEqual(sample("11-revoked.eml"));
      for (const path of ["samples/../package.json", "samples/%2e%2e/package.json", "..%2fpackage.json", "nope.js"]) expect((await get(path)).status, path).toBe(404);
      expect((await get("samples.json", { method: "POST" })).status).toBe(405);
    } finally {
      await server.close();
    }
  });
});

describe("withDeadline", () => {
  it("passes an answer through, and turns a host call that never answers into a HostTimeout", async () => {
    expect(await withDeadline(Promise.resolve(7), 1000, "late")).toBe(7);
    await expect(withDeadline(Promise.reject(new Error("refused")), 1000, "late")).rejects.toThrow("refused");
    const never = new Promise<number>(() => undefined);
    const started = Date.now();
    await expect(withDeadline(never, 100, "Thunderbird did not answer")).rejects.toBeInstanceOf(HostTimeout);
    expect(Date.now() - started).toBeGreaterThanOrEqual(95);
  });
});
