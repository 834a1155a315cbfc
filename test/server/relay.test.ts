/**
 * The relay against real listeners on 127.0.0.1: a "CA" that serves an
 * OpenSSL CRL and OpenSSL's OCSP answers, and misbehaves on other paths. The
 * relay runs as `signet serve` runs it (startHost), with only 127.0.0.1 and
 * the CA's port allowed where a test says so. No traffic leaves loopback: the
 * names in these tests resolve through a resolver the test gives the relay.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Agent, fetch as undiciFetch } from "undici";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startHost, type RunningHost, type ServeSettings } from "../../src/server/serve.js";
import { contentRefusal, DEFAULT_UPSTREAM_POLICY, targetRefusal } from "../../src/server/upstream.js";
import { relayFetcher } from "../../src/hosts/outlook/relay-fetcher.js";
import type { Resolver } from "../../src/server/pinned-lookup.js";
import { ScenarioPki } from "../helpers/scenario-pki.js";
import { testServeSettings } from "../helpers/serve-settings.js";

let pki: ScenarioPki;
let ca: Server;
let caPort = 0;
let crl: Buffer;
let ocspRequest: Buffer;
let ocspResponse: Buffer;
const hits = new Map<string, number>();
/** What the last request to each path looked like when it reached the CA. */
const seen = new Map<string, { method: string; headers: Record<string, string | string[] | undefined>; bodyLength: number }>();
let closedPort = 0;
const dir = mkdtempSync(join(tmpdir(), "signet-relay-"));
const running: RunningHost[] = [];

beforeAll(async () => {
  pki = new ScenarioPki();
  pki.build([{ name: "Root" }, { name: "Alice", issuer: "Root", email: "alice@example.org" }]);
  crl = pki.gencrl("Root", { days: 7 });
  pki.run(["ocsp", "-issuer", pki.get("Root").cert, "-cert", pki.get("Alice").cert, "-no_nonce", "-reqout", "q.der"]);
  pki.run(["ocsp", "-index", "index.txt", "-CA", pki.get("Root").cert, "-rsigner", pki.get("Root").cert, "-rkey", pki.get("Root").key, "-reqin", "q.der", "-respout", "r.der", "-ndays", "1"]);
  ocspRequest = Buffer.from(pki.read("q.der"));
  ocspResponse = Buffer.from(pki.read("r.der"));
  ca = createServer((req, res) => {
    const path = req.url!.split("?")[0]!;
    hits.set(path, (hits.get(path) ?? 0) + 1);
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      seen.set(path, { method: req.method!, headers: req.headers, bodyLength: Buffer.concat(chunks).length });
      switch (path) {
        case "/loose.crl":
          return void res.writeHead(200, { "content-type": " Application/PKIX-CRL ; charset=binary" }).end(crl);
        case "/lying-length.crl":
          res.writeHead(200, { "content-type": "application/pkix-crl", "content-length": "10000000" });
          return void res.write(Buffer.alloc(10, 0x30));
        case "/no-location":
          return void res.writeHead(302).end();
        case "/no-type.crl":
          return void res.writeHead(200).end(crl);
        case "/two-cc.crl":
          return void res.writeHead(200, [["content-type", "application/pkix-crl"], ["cache-control", "private"], ["cache-control", "max-age=600"]]).end(crl);
        case "/multiple":
          return void res.writeHead(300).end();
        case "/multiple-located":
          return void res.writeHead(300, { location: "/root.crl" }).end();
        case "/exact.crl":
          return void res.writeHead(200, { "content-type": "application/pkix-crl", "content-length": "300000" }).end(Buffer.alloc(300_000, 0x30));
        case "/located.crl":
          return void res.writeHead(200, { "content-type": "application/pkix-crl", location: "/page.html" }).end(crl);
        case "/bad-located":
          return void res.writeHead(400, { location: "/root.crl" }).end();
        case "/expired.crl":
          return void res.writeHead(200, { "content-type": "application/pkix-crl", expires: "Thu, 01 Jan 2026 00:00:00 GMT" }).end(crl);
        case "/aged.crl":
          return void res.writeHead(200, { "content-type": "application/pkix-crl", "cache-control": "max-age=10", age: "10" }).end(crl);
        case "/ocsp-any":
          return void res.writeHead(200, { "content-type": "application/ocsp-response" }).end(ocspResponse);
        case "/root.crl":
          return void res.writeHead(200, { "content-type": "application/pkix-crl" }).end(crl);
        case "/untyped.crl":
          return void res.writeHead(200, { "content-type": "application/octet-stream" }).end(crl);
        case "/nostore.crl":
          return void res.writeHead(200, { "content-type": "application/pkix-crl", "cache-control": "no-store" }).end(crl);
        case "/page.html":
          return void res.writeHead(200, { "content-type": "text/html" }).end("<html>an intranet page</html>");
        case "/untyped-text":
          return void res.writeHead(200, { "content-type": "application/octet-stream" }).end("not DER at all");
        case "/big.crl":
          return void res.writeHead(200, { "content-type": "application/pkix-crl" }).end(Buffer.alloc(300_000, 0x30));
        case "/big-chunked.crl":
          res.writeHead(200, { "content-type": "application/pkix-crl" });
          for (let i = 0; i < 30; i++) res.write(Buffer.alloc(10_000, 0x30));
          return void res.end();
        case "/slow.crl":
          return void setTimeout(() => res.writeHead(200, { "content-type": "application/pkix-crl" }).end(crl), 3000);
        case "/moved":
          return void res.writeHead(302, { location: "/root.crl" }).end();
        case "/moved-inside":
          return void res.writeHead(302, { location: `http://127.0.0.2:${caPort}/root.crl` }).end();
        case "/moved-by-name":
          return void res.writeHead(301, { location: `http://intranet.example.test:${caPort}/root.crl` }).end();
        case "/moved-ftp":
          return void res.writeHead(302, { location: "ftp://ca.example.test/root.crl" }).end();
        case "/loop":
          return void res.writeHead(302, { location: "/loop" }).end();
        case "/ocsp":
          if (req.method !== "POST" || !Buffer.concat(chunks).equals(ocspRequest)) return void res.writeHead(400).end();
          return void res.writeHead(200, { "content-type": "application/ocsp-response" }).end(ocspResponse);
        case "/ocsp-html":
          return void res.writeHead(200, { "content-type": "text/html" }).end("<html></html>");
        default:
          return void res.writeHead(404).end();
      }
    });
  });
  await new Promise<void>((done) => ca.listen(0, "127.0.0.1", done));
  caPort = (ca.address() as AddressInfo).port;
  // A port with nothing listening: opened and closed again.
  const probe = createServer();
  await new Promise<void>((done) => probe.listen(0, "127.0.0.1", done));
  closedPort = (probe.address() as AddressInfo).port;
  await new Promise<void>((done) => probe.close(() => done()));
});

afterAll(async () => {
  await Promise.all(running.map((h) => h.close()));
  ca.closeAllConnections();
  await new Promise<void>((done) => ca.close(() => done()));
  pki.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

beforeEach(() => {
  hits.clear();
  seen.clear();
});

/** Names the tests use, resolved without DNS; every other name fails to resolve. */
const names: Record<string, string[]> = { "ca.example.test": ["127.0.0.1"], "intranet.example.test": ["10.1.2.3"], "mixed.example.test": ["127.0.0.1", "192.168.0.5"] };
let lookups: string[] = [];
const testResolver: Resolver = async (hostname) => {
  lookups.push(hostname);
  const answers = names[hostname];
  if (!answers) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND" });
  return answers.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
};

async function relay(overrides: Partial<ServeSettings> = {}): Promise<RunningHost> {
  const host = await startHost(testServeSettings(dir, { allowAddresses: ["127.0.0.1"], allowPorts: [caPort], resolve: testResolver, ...overrides }));
  running.push(host);
  return host;
}

interface Ask {
  url: string;
  method?: "GET" | "POST";
  body?: Buffer;
  origin?: string | null;
  headers?: Record<string, string>;
}

async function ask(host: RunningHost, a: Ask) {
  const headers: Record<string, string> = { "x-signet-url": a.url, "x-signet-method": a.method ?? "GET", ...a.headers };
  if (a.origin !== null) headers.origin = a.origin ?? host.origin;
  if (a.method === "POST") headers["content-type"] = "application/ocsp-request";
  const res = await fetch(`${host.url}/relay`, { method: "POST", headers, ...(a.body ? { body: new Uint8Array(a.body) } : {}) });
  const bytes = Buffer.from(await res.arrayBuffer());
  const json = res.headers.get("content-type")?.startsWith("application/json") ? (JSON.parse(bytes.toString()) as { error: string; detail: string; status?: number }) : null;
  return { status: res.status, bytes, json, cache: res.headers.get("x-signet-cache"), type: res.headers.get("content-type"), headers: res.headers };
}

const at = (path: string, host = "127.0.0.1") => `http://${host}:${caPort}${path}`;

describe("what the relay refuses to reach", () => {
  it("by default, a loopback listener is refused before any connection is made", async () => {
    const strict = await relay({ allowAddresses: [], allowPorts: [] });
    const r = await ask(strict, { url: `http://127.0.0.1/root.crl` });
    expect(r.status).toBe(403);
    expect(r.json).toMatchObject({ error: "refused", detail: expect.stringMatching(/127\.0\.0\.1: loopback/) });
    const onPort = await ask(strict, { url: at("/root.crl") });
    expect(onPort.json).toMatchObject({ error: "refused", detail: `port ${caPort} is not allowed` });
    expect(hits.size).toBe(0);
  });

  it("with the address and port allowed, the same listener answers", async () => {
    const r = await ask(await relay(), { url: at("/root.crl") });
    expect(r.status).toBe(200);
    expect(r.type).toBe("application/pkix-crl");
    expect(r.bytes.equals(crl)).toBe(true);
    expect(hits.get("/root.crl")).toBe(1);
  });

  it("a name is checked by the address it resolves to, resolved once and connected to as checked", async () => {
    const host = await relay();
    lookups = [];
    expect((await ask(host, { url: at("/root.crl", "ca.example.test") })).status).toBe(200);
    // One lookup for one connection: the check and the connect use the same answer (no rebinding window).
    expect(lookups).toEqual(["ca.example.test"]);
    const inside = await ask(host, { url: at("/root.crl", "intranet.example.test") });
    expect(inside.json).toMatchObject({ error: "refused", detail: "intranet.example.test: private network (RFC 1918)" });
    // One private answer among allowed ones refuses the name.
    const mixed = await ask(host, { url: at("/root.crl", "mixed.example.test") });
    expect(mixed.json).toMatchObject({ error: "refused", detail: expect.stringContaining("mixed.example.test: private network") });
    expect(hits.get("/root.crl")).toBe(1);
  });

  it("the machine's own name, through the system resolver, is loopback and refused", async () => {
    const system = await relay({ allowAddresses: [], allowPorts: [], resolve: undefined });
    const r = await ask(system, { url: "http://localhost/root.crl" });
    expect(r.json).toMatchObject({ error: "refused", detail: expect.stringMatching(/^localhost: (loopback|IPv4-mapped)/) });
  });

  it("schemes, credentials and literal forms of refused addresses", async () => {
    const host = await relay({ allowAddresses: [], allowPorts: [] });
    const cases: [string, RegExp][] = [
      ["ftp://ca.example.test/root.crl", /scheme ftp:/],
      ["file:///etc/passwd", /scheme file:/],
      ["http://user:pw@ca.example.test/x", /credentials/],
      ["http://0x7f.1/x", /127\.0\.0\.1: loopback/],
      ["http://2130706433/x", /127\.0\.0\.1: loopback/],
      ["http://[::ffff:169.254.169.254]/latest/meta-data", /IPv4-mapped.*link-local/],
      ["http://[fd00::1]/x", /unique local/],
      ["http://[64:ff9b::a00:1]/x", /NAT64.*private/],
      ["http://10.100.200.123/x", /10\.100\.200\.123: private network/],
      ["https://[::1]/x", /::1: loopback/],
      ["http://user@ca.example.test/x", /credentials/],
      ["not a url", /not a URL/],
    ];
    for (const [url, why] of cases) expect((await ask(host, { url })).json?.detail, url).toMatch(why);
  });

  it("a redirect is followed only to where a first request could go", async () => {
    const host = await relay();
    const ok = await ask(host, { url: at("/moved") });
    expect(ok.status).toBe(200);
    expect(ok.bytes.equals(crl)).toBe(true);
    expect((await ask(host, { url: at("/moved-inside") })).json).toMatchObject({ error: "refused", detail: "redirected to 127.0.0.2: loopback (RFC 1122)" });
    expect((await ask(host, { url: at("/moved-by-name") })).json).toMatchObject({ error: "refused", detail: "intranet.example.test: private network (RFC 1918)" });
    expect((await ask(host, { url: at("/moved-ftp") })).json).toMatchObject({ error: "refused", detail: "redirected to scheme ftp: (only http and https)" });
    expect((await ask(host, { url: at("/loop") })).json).toMatchObject({ error: "refused", detail: "more than 3 redirects" });
    expect(hits.get("/loop")).toBe(4);
  });
});

describe("what the relay refuses to pass on", () => {
  it("answers of other content types: an HTML page, or untyped bytes that are not DER", async () => {
    const host = await relay();
    expect((await ask(host, { url: at("/page.html") })).json).toMatchObject({ error: "refused", detail: 'content type "text/html" is not a certificate, CRL or OCSP response' });
    expect((await ask(host, { url: at("/untyped-text") })).json).toMatchObject({ error: "refused", detail: '"application/octet-stream" that is not DER' });
    expect((await ask(host, { url: at("/untyped.crl") })).status).toBe(200);
    expect((await ask(host, { url: at("/ocsp-html"), method: "POST", body: ocspRequest })).json).toMatchObject({ error: "refused", detail: 'an OCSP request answered with "text/html"' });
  });

  it("answers over the size cap, declared or streamed", async () => {
    const host = await relay();
    const cap = { "x-signet-max-bytes": "100000" };
    expect((await ask(host, { url: at("/big.crl"), headers: cap })).json).toMatchObject({ error: "too-large", detail: "over 100000 bytes" });
    expect((await ask(host, { url: at("/big-chunked.crl"), headers: cap })).json).toMatchObject({ error: "too-large", detail: "over 100000 bytes" });
    expect((await ask(host, { url: at("/big.crl") })).status).toBe(200);
  });

  it("an answer that takes longer than the time-out", async () => {
    const host = await relay();
    // The CA answers after 3 s; without the time-out this would be its answer.
    const r = await ask(host, { url: at("/slow.crl"), headers: { "x-signet-timeout-ms": "400" } });
    expect(r.status).toBe(504);
    expect(r.json).toMatchObject({ error: "timeout", detail: "400 ms" });
  });

  it("an upstream error status is reported, not relayed", async () => {
    const r = await ask(await relay(), { url: at("/nothing-here") });
    expect(r.json).toMatchObject({ error: "http-status", status: 404 });
  });
});

describe("the checks on a target and an answer, as values", () => {
  const policy = (ports: number[]) => ({ ...DEFAULT_UPSTREAM_POLICY, ports: new Set(ports) });
  it("the default port is the scheme's", () => {
    expect(targetRefusal(new URL("https://8.8.8.8/x"), policy([443]))).toBeNull();
    expect(targetRefusal(new URL("http://8.8.8.8/x"), policy([443]))).toBe("port 80 is not allowed");
    expect(targetRefusal(new URL("http://8.8.8.8/x"), policy([80]))).toBeNull();
    expect(targetRefusal(new URL("https://8.8.8.8/x"), policy([80]))).toBe("port 443 is not allowed");
    expect(targetRefusal(new URL("https://ca.example.org:8443/x"), policy([443]))).toBe("port 8443 is not allowed");
  });

  it("an answer's type and first byte", () => {
    expect(contentRefusal("GET", null, new Uint8Array([0x30]))).toBeNull();
    expect(contentRefusal("GET", null, new Uint8Array([0x3c]))).toBe('"no content type" that is not DER');
    expect(contentRefusal("POST", null, new Uint8Array([0x30]))).toBe('an OCSP request answered with "no content type"');
    expect(contentRefusal("GET", "application/pkix-cert", new Uint8Array([0x2d]))).toBeNull();
  });
});

describe("what the relay sends and answers", () => {
  it("upstream gets the OCSP request as OCSP, a GET with no body, and the relay's own User-Agent; nothing of the pane's", async () => {
    const host = await relay();
    await ask(host, { url: at("/ocsp"), method: "POST", body: ocspRequest, headers: { cookie: "session=1", "x-forwarded-for": "192.0.2.1" } });
    const post = seen.get("/ocsp")!;
    expect([post.method, post.headers["content-type"], post.headers.accept, post.headers["user-agent"], post.bodyLength]).toEqual(["POST", "application/ocsp-request", "application/ocsp-response", "Signet-relay/test", ocspRequest.length]);
    expect([post.headers.cookie, post.headers["x-forwarded-for"], post.headers.origin]).toEqual([undefined, undefined, undefined]);
    // A GET sent with a body (the pane never does) goes upstream without it.
    const res = await fetch(`${host.url}/relay`, { method: "POST", headers: { origin: host.origin, "x-signet-url": at("/root.crl"), "x-signet-method": "GET", "content-type": "application/octet-stream" }, body: new Uint8Array([1, 2, 3]) });
    expect(res.status).toBe(200);
    const get = seen.get("/root.crl")!;
    expect([get.method, get.headers["content-type"], get.headers.accept, get.bodyLength]).toEqual(["GET", undefined, "*/*", 0]);
  });

  it("answers say no-store to the pane, with the cache's word and the answer's age; refusals carry their kind", async () => {
    const host = await relay();
    const miss = await ask(host, { url: at("/loose.crl") });
    const hit = await ask(host, { url: at("/loose.crl") });
    expect([miss.status, miss.type, miss.headers.get("cache-control"), miss.cache]).toEqual([200, "Application/PKIX-CRL ; charset=binary", "no-store", "miss"]);
    expect([hit.status, hit.type, hit.headers.get("cache-control"), hit.cache]).toEqual([200, "Application/PKIX-CRL ; charset=binary", "no-store", "hit"]);
    expect(["0", "1"]).toContain(hit.headers.get("age"));
    const refused = await ask(host, { url: at("/page.html") });
    expect([refused.headers.get("x-signet-error"), refused.headers.get("cache-control")]).toEqual(["refused", "no-store"]);
  });

  it("a request that names no target, or another method, is refused in words", async () => {
    const host = await relay();
    const noUrl = await fetch(`${host.url}/relay`, { method: "POST", headers: { origin: host.origin, "x-signet-method": "GET" } });
    expect(await noUrl.json()).toEqual({ error: "refused", detail: "x-signet-url and x-signet-method (GET or POST) are required" });
    expect((await ask(host, { url: at("/root.crl"), headers: { "x-signet-method": "PUT" } })).json).toEqual({ error: "refused", detail: "x-signet-url and x-signet-method (GET or POST) are required" });
    expect(hits.size).toBe(0);
  });

  it("redirects only from a 3xx with a Location; other statuses are reported, a Location beside a 200 ignored", async () => {
    const host = await relay();
    expect((await ask(host, { url: at("/no-location") })).json).toMatchObject({ error: "http-status", status: 302, detail: "HTTP 302" });
    expect((await ask(host, { url: at("/multiple") })).json).toMatchObject({ error: "http-status", status: 300 });
    expect((await ask(host, { url: at("/bad-located") })).json).toMatchObject({ error: "http-status", status: 400 });
    expect(hits.get("/root.crl")).toBeUndefined();
    expect((await ask(host, { url: at("/multiple-located") })).bytes.equals(crl)).toBe(true);
    const located = await ask(host, { url: at("/located.crl") });
    expect([located.status, located.bytes.equals(crl)]).toEqual([200, true]);
    expect(hits.get("/page.html")).toBeUndefined();
  });

  it("a declared length over the cap is refused before the body is read; an answer of exactly the cap passes", async () => {
    const host = await relay();
    // The body never ends: read, it would end in the time-out instead.
    const lying = await ask(host, { url: at("/lying-length.crl"), headers: { "x-signet-max-bytes": "100000", "x-signet-timeout-ms": "3000" } });
    expect(lying.json).toMatchObject({ error: "too-large", detail: "over 100000 bytes" });
    expect((await ask(host, { url: at("/exact.crl"), headers: { "x-signet-max-bytes": "300000" } })).status).toBe(200);
    expect((await ask(host, { url: at("/exact.crl?again"), headers: { "x-signet-max-bytes": "299999" } })).json).toMatchObject({ error: "too-large" });
    expect((await ask(host, { url: at("/big.crl"), headers: { "x-signet-max-bytes": "300000" } })).status).toBe(200);
    expect((await ask(host, { url: at("/big-chunked.crl"), headers: { "x-signet-max-bytes": "300000" } })).status).toBe(200);
  });

  it("limits the pane names that cannot be read fall back to the relay's own", async () => {
    const host = await relay();
    // Each on its own URL: an answer from the cache would not reach the limit at all.
    for (const value of ["abc", "0", "-5", "100000x", "x100000", "1e9", ""]) {
      const r = await ask(host, { url: at(`/big.crl?${encodeURIComponent(value)}`), headers: { "x-signet-max-bytes": value } });
      expect([value, r.status, r.cache], value).toEqual([value, 200, "miss"]);
    }
  });

  it("a port with nothing listening is a network failure, not a refusal", async () => {
    const host = await relay({ allowPorts: [caPort, closedPort] });
    expect((await ask(host, { url: at("/x.crl").replace(String(caPort), String(closedPort)) })).json).toMatchObject({ error: "network" });
  });

  it("logs each request's outcome, method, the CA's host, status and time: no path, no query, no client", async () => {
    const lines: Record<string, unknown>[] = [];
    const host = await relay({ log: (line) => lines.push(line) });
    await ask(host, { url: at("/root.crl?serial=1234") });
    await ask(host, { url: at("/root.crl?serial=1234") });
    await ask(host, { url: at("/page.html") });
    await ask(host, { url: "http://10.0.0.1/x", headers: { "x-signet-method": "POST" } });
    await ask(host, { url: at("/nothing") });
    await ask(host, { url: at("/root.crl"), origin: null });
    await ask(host, { url: "not a url", headers: { "x-signet-method": "DELETE" } });
    await fetch(`${host.url}/relay`, { method: "POST", headers: { origin: host.origin } });
    expect(lines.map((l) => [l.event, l.outcome, l.method, l.host, l.status])).toEqual([
      ["relay", "miss", "GET", `127.0.0.1:${caPort}`, 200],
      ["relay", "hit", "GET", `127.0.0.1:${caPort}`, 200],
      ["relay", "refused", "GET", `127.0.0.1:${caPort}`, undefined],
      ["relay", "refused", "POST", "10.0.0.1", undefined],
      ["relay", "http-status", "GET", `127.0.0.1:${caPort}`, 404],
      ["relay", "refused", "GET", `127.0.0.1:${caPort}`, undefined],
      ["relay", "refused", "DELETE", null, undefined],
      ["relay", "refused", "?", null, undefined],
    ]);
    expect(lines.map((l) => Object.keys(l).sort().join(","))).toEqual(lines.map((l) => (l.status === undefined ? "event,host,method,ms,outcome" : "event,host,method,ms,outcome,status")));
    for (const l of lines) {
      expect(l.ms).toBeGreaterThanOrEqual(0);
      expect(l.ms).toBeLessThan(30_000);
    }
    expect(JSON.stringify(lines)).not.toMatch(/root\.crl|serial|page\.html/);
  });
});

describe("who may use the relay", () => {
  it("a request without the pane's Origin, or with another, is refused", async () => {
    const host = await relay();
    expect((await ask(host, { url: at("/root.crl"), origin: null })).json).toMatchObject({ error: "refused", detail: "a request without the pane's Origin" });
    expect((await ask(host, { url: at("/root.crl"), origin: "https://evil.example" })).json).toMatchObject({ error: "refused", detail: "origin https://evil.example may not use this relay" });
    expect(hits.size).toBe(0);
  });

  it("a POST carries only an OCSP request, and the relay answers with OpenSSL's OCSP response", async () => {
    const host = await relay();
    const r = await ask(host, { url: at("/ocsp"), method: "POST", body: ocspRequest });
    expect(r.status).toBe(200);
    expect(r.type).toBe("application/ocsp-response");
    expect(r.bytes.equals(ocspResponse)).toBe(true);
    const other = await fetch(`${host.url}/relay`, { method: "POST", headers: { origin: host.origin, "x-signet-url": at("/ocsp"), "x-signet-method": "POST", "content-type": "application/octet-stream" }, body: new Uint8Array(ocspRequest) });
    expect(other.status).toBe(403);
    expect(((await other.json()) as { detail: string }).detail).toBe("a POST relays only an OCSP request (application/ocsp-request)");
  });

  it("a POST with an empty body is no OCSP request", async () => {
    const host = await relay();
    const r = await fetch(`${host.url}/relay`, { method: "POST", headers: { origin: host.origin, "x-signet-url": at("/ocsp-any"), "x-signet-method": "POST", "content-type": "application/ocsp-request" }, body: new Uint8Array(0) });
    expect(await r.json()).toEqual({ error: "refused", detail: "a POST relays only an OCSP request (application/ocsp-request)" });
    expect(hits.size).toBe(0);
  });

  it("past the rate limit a client gets 429 until the minute is over", async () => {
    const host = await relay({ ratePerMinute: 3 });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await ask(host, { url: at("/root.crl") })).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
  });

  it("the pane's files and the manifest are served outside the rate limit", async () => {
    const host = await relay({ ratePerMinute: 1 });
    for (let i = 0; i < 3; i++) expect((await fetch(`${host.url}/manifest.xml`)).status).toBe(200);
  });
});

describe("the pane's Fetcher over the relay (outlook/relay-fetcher.ts)", () => {
  /** Node's fetch with the Origin header a browser adds to the pane's cross-path POST. */
  const fromPane = (host: RunningHost) => relayFetcher(`${host.url}/relay`, (input, init) => fetch(input, { ...init, headers: { ...(init?.headers as Record<string, string>), origin: host.origin } }));
  const get = (url: string, over: { maxBytes?: number; timeoutMs?: number } = {}) => ({ url, method: "GET" as const, timeoutMs: over.timeoutMs ?? 5000, maxBytes: over.maxBytes ?? 1_000_000 });

  it("gives the core the CRL, and the relay's refusals as the core's FetchResult kinds", async () => {
    const host = await relay();
    const fetcher = fromPane(host);
    const ok = await fetcher.fetch(get(at("/root.crl")));
    expect(ok.ok && Buffer.from(ok.body).equals(crl)).toBe(true);
    expect(await fetcher.fetch(get(at("/page.html")))).toMatchObject({ ok: false, error: "refused", detail: expect.stringMatching(/^relay: content type "text\/html"/) });
    expect(await fetcher.fetch(get(at("/big.crl"), { maxBytes: 1000 }))).toMatchObject({ ok: false, error: "too-large" });
    expect(await fetcher.fetch(get(at("/nothing")))).toMatchObject({ ok: false, error: "http-status", status: 404 });
    expect(await fetcher.fetch(get(`http://10.0.0.1:${caPort}/x.crl`))).toMatchObject({ ok: false, error: "refused", detail: "relay: 10.0.0.1: private network (RFC 1918)" });
    // A URL with non-ASCII characters travels in the form the URL parser writes, and is refused for what it names.
    expect(await fetcher.fetch(get(`http://bücher.example.test:${caPort}/ä.crl`))).toMatchObject({ ok: false, error: "network" });
    expect(await fetcher.fetch(get("not a url"))).toMatchObject({ ok: false, error: "refused", detail: "not a URL" });
  });

  it("past the rate limit, the core is told so in words", async () => {
    const host = await relay({ ratePerMinute: 1 });
    const fetcher = fromPane(host);
    await fetcher.fetch(get(at("/root.crl")));
    expect(await fetcher.fetch(get(at("/untyped.crl")))).toEqual({ ok: false, error: "refused", detail: "relay: too many requests from this computer; try again in a minute" });
  });
});

describe("the shared cache", () => {
  it("answers a second request from the cache: one upstream request", async () => {
    const host = await relay();
    const first = await ask(host, { url: at("/root.crl") });
    const second = await ask(host, { url: at("/root.crl") });
    expect([first.cache, second.cache]).toEqual(["miss", "hit"]);
    expect(second.bytes.equals(crl)).toBe(true);
    expect(hits.get("/root.crl")).toBe(1);
    const ocsp1 = await ask(host, { url: at("/ocsp"), method: "POST", body: ocspRequest });
    const ocsp2 = await ask(host, { url: at("/ocsp"), method: "POST", body: ocspRequest });
    expect([ocsp1.cache, ocsp2.cache]).toEqual(["miss", "hit"]);
    expect(hits.get("/ocsp")).toBe(1);
  });

  it("two OCSP requests are two answers: the body is part of the key", async () => {
    const host = await relay();
    const other = Buffer.from(ocspRequest);
    other[other.length - 1]! ^= 1;
    expect((await ask(host, { url: at("/ocsp-any"), method: "POST", body: ocspRequest })).cache).toBe("miss");
    expect((await ask(host, { url: at("/ocsp-any"), method: "POST", body: other })).cache).toBe("miss");
    expect((await ask(host, { url: at("/ocsp-any"), method: "POST", body: ocspRequest })).cache).toBe("hit");
    expect(hits.get("/ocsp-any")).toBe(2);
  });

  it("an answer with no content type goes to the pane as application/octet-stream, fetched or from the cache", async () => {
    const host = await relay();
    const first = await ask(host, { url: at("/no-type.crl") });
    const second = await ask(host, { url: at("/no-type.crl") });
    expect([first.type, first.cache, second.type, second.cache]).toEqual(["application/octet-stream", "miss", "application/octet-stream", "hit"]);
  });

  it("repeated Cache-Control headers are read as one list (RFC 9110 section 5.3): private among them keeps nothing", async () => {
    const host = await relay();
    await ask(host, { url: at("/two-cc.crl") });
    expect((await ask(host, { url: at("/two-cc.crl") })).cache).toBe("miss");
  });

  it("an expired Expires and a max-age used up by Age keep nothing", async () => {
    const host = await relay();
    for (const path of ["/expired.crl", "/aged.crl"]) {
      await ask(host, { url: at(path) });
      expect((await ask(host, { url: at(path) })).cache, path).toBe("miss");
      expect(hits.get(path), path).toBe(2);
    }
  });

  it("keeps nothing its publisher marks no-store, and no refusal", async () => {
    const host = await relay();
    await ask(host, { url: at("/nostore.crl") });
    expect((await ask(host, { url: at("/nostore.crl") })).cache).toBe("miss");
    expect(hits.get("/nostore.crl")).toBe(2);
    await ask(host, { url: at("/page.html") });
    await ask(host, { url: at("/page.html") });
    expect(hits.get("/page.html")).toBe(2);
  });
});

describe("over HTTPS with the development certificate", () => {
  it("serves the manifest with its URLs on the server's origin, to a client that trusts that certificate", async () => {
    const host = await relay({ plainHttp: false });
    expect(host.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const { readFileSync } = await import("node:fs");
    const ca = readFileSync(host.devCertificate!);
    const dispatcher = new Agent({ connect: { ca, servername: "localhost" } });
    const res = await undiciFetch(`${host.url}/manifest.xml`, { dispatcher });
    const xml = await res.text();
    expect(res.status).toBe(200);
    expect(xml).toContain(`<SourceLocation DefaultValue="${host.origin}/taskpane.html"/>`);
    expect(xml).not.toContain("https://localhost:8443");
    await dispatcher.close();
  });

  it("plain HTTP is refused on anything but loopback", async () => {
    await expect(relay({ host: "0.0.0.0" })).rejects.toThrow(/--plain-http listens only on a loopback address/);
  });
});
