/**
 * AIA caIssuers fetching (src/core/path/aia-source.ts, RFC 5280 section
 * 4.2.2.1): what is fetched, what is not (ldap, over the limit, an address
 * already answered), what each answer is read as (a DER certificate, a
 * certs-only PKCS#7 from `openssl crl2pkcs7`, anything else), and the record
 * kept of each attempt. The network is the Fetcher port, answered here.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AiaIssuerSource, CertificatePool, type CertificateView, type Fetcher, type FetchRequest, type FetchResult } from "../../src/core/index.js";
import { parseCaIssuersResponse } from "../../src/core/path/aia-source.js";
import { ScenarioPki } from "../helpers/scenario-pki.js";

let pki: ScenarioPki;
let interDer: Uint8Array;
let bundle: Uint8Array;
const views = new Map<string, CertificateView>();

beforeAll(() => {
  pki = new ScenarioPki();
  pki.build([
    { name: "Root" },
    { name: "Inter", issuer: "Root" },
    { name: "Inter2", issuer: "Root" },
    { name: "Leaf", issuer: "Inter", email: "alice@example.org", caIssuers: "http://aia.example/inter.cer" },
    // Two addresses, the first of which LDAP (RFC 5280 allows it; no host here speaks it).
    { name: "LeafLdap", issuer: "Inter", email: "alice@example.org", extraExtensions: ["authorityInfoAccess=caIssuers;URI:ldap://dir.example/cn=Inter,caIssuers;URI:http://aia.example/p7c"] },
    // An ldap URL with "http://" inside it: the scheme is what counts, not the text.
    { name: "LeafLdapHttp", issuer: "Inter", email: "alice@example.org", caIssuers: "ldap://dir.example/cn=Inter?http://aia.example/p7c" },
    { name: "LeafTwo", issuer: "Inter", email: "alice@example.org", extraExtensions: ["authorityInfoAccess=caIssuers;URI:http://a.example/1.cer,caIssuers;URI:http://b.example/2.cer"] },
  ]);
  for (const n of ["Root", "Inter", "Inter2", "Leaf", "LeafLdap", "LeafLdapHttp", "LeafTwo"]) views.set(n, pki.view(n));
  interDer = new Uint8Array(pki.run(["x509", "-in", pki.get("Inter").cert, "-outform", "DER"]));
  pki.write("two.pem", Buffer.concat([pki.read(pki.get("Inter").cert), pki.read(pki.get("Inter2").cert)]));
  bundle = new Uint8Array(pki.run(["crl2pkcs7", "-nocrl", "-certfile", "two.pem", "-outform", "DER"]));
});
afterAll(() => pki.cleanup());

/** The Fetcher port, answering by URL and keeping every request. */
function fetcher(answers: Record<string, FetchResult>): Fetcher & { requests: FetchRequest[] } {
  const requests: FetchRequest[] = [];
  return { requests, fetch: async (req) => (requests.push(req), answers[req.url] ?? { ok: false, error: "http-status", status: 404 }) };
}
const ok = (body: Uint8Array): FetchResult => ({ ok: true, status: 200, contentType: null, body });

describe("parseCaIssuersResponse", () => {
  it("a DER certificate, or every certificate of a certs-only PKCS#7; nothing from anything else", async () => {
    const fp = async (list: CertificateView[]) => Promise.all(list.map((c) => c.fingerprintHex()));
    expect(await fp(parseCaIssuersResponse(interDer))).toEqual([await views.get("Inter")!.fingerprintHex()]);
    expect((await fp(parseCaIssuersResponse(bundle))).sort()).toEqual([await views.get("Inter")!.fingerprintHex(), await views.get("Inter2")!.fingerprintHex()].sort());
    expect(parseCaIssuersResponse(new TextEncoder().encode("<html>not found</html>"))).toEqual([]);
    // A ContentInfo of another type (id-data) is not a certificate bundle.
    const data = new Uint8Array([0x30, 0x11, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x01, 0xa0, 0x04, 0x04, 0x02, 0x68, 0x69]);
    expect(parseCaIssuersResponse(data)).toEqual([]);
    // A SignedData whose inside does not parse.
    expect(parseCaIssuersResponse(new Uint8Array([0x30, 0x0f, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02, 0xa0, 0x02, 0x05, 0x00]))).toEqual([]);
  });
});

describe("AiaIssuerSource", () => {
  it("fetches the certificate's address with the time-out and size cap, reads the answer, caches what it found", async () => {
    const f = fetcher({ "http://aia.example/inter.cer": ok(interDer) });
    const cache = new CertificatePool("cache");
    const aia = new AiaIssuerSource(f, cache, { timeoutMs: 1234, maxBytes: 5678, maxFetches: 64 });
    const found = await aia.issuersOf(views.get("Leaf")!);
    expect(found.length).toBe(1);
    expect(f.requests).toEqual([{ url: "http://aia.example/inter.cer", method: "GET", timeoutMs: 1234, maxBytes: 5678 }]);
    expect(aia.fetched).toEqual([{ url: "http://aia.example/inter.cer", outcome: "ok", certificates: 1 }]);
    expect(cache.size).toBe(1);
    // Asked again: answered from what it has, no second request, no second record.
    expect((await aia.issuersOf(views.get("Leaf")!)).length).toBe(1);
    expect([f.requests.length, aia.fetched.length]).toEqual([1, 1]);
  });

  it("an ldap address is recorded as skipped and not fetched; the http one after it is", async () => {
    const f = fetcher({ "http://aia.example/p7c": ok(bundle) });
    const aia = new AiaIssuerSource(f, undefined);
    expect((await aia.issuersOf(views.get("LeafLdap")!)).length).toBe(2);
    expect(f.requests.map((r) => r.url)).toEqual(["http://aia.example/p7c"]);
    expect(aia.fetched).toEqual([
      { url: "ldap://dir.example/cn=Inter", outcome: "skipped", detail: "only http and https URLs are fetched", certificates: 0 },
      { url: "http://aia.example/p7c", outcome: "ok", certificates: 2 },
    ]);
    const inside = new AiaIssuerSource(f, undefined);
    expect(await inside.issuersOf(views.get("LeafLdapHttp")!)).toEqual([]);
    expect([f.requests.length, inside.fetched.map((r) => r.outcome)]).toEqual([1, ["skipped"]]);
  });

  it("a failed fetch and an unreadable answer are recorded as such, and not fetched again", async () => {
    const f = fetcher({ "http://a.example/1.cer": { ok: false, error: "timeout", detail: "5000 ms" }, "http://b.example/2.cer": ok(new TextEncoder().encode("garbage")) });
    const aia = new AiaIssuerSource(f, undefined);
    expect(await aia.issuersOf(views.get("LeafTwo")!)).toEqual([]);
    expect(aia.fetched).toEqual([
      { url: "http://a.example/1.cer", outcome: "failed", detail: "5000 ms", certificates: 0 },
      { url: "http://b.example/2.cer", outcome: "unparsable", certificates: 0 },
    ]);
    await aia.issuersOf(views.get("LeafTwo")!);
    expect(f.requests.length).toBe(2);
    // Without a detail, the error names the failure.
    const g = fetcher({});
    const other = new AiaIssuerSource(g, undefined);
    await other.issuersOf(views.get("Leaf")!);
    expect(other.fetched).toEqual([{ url: "http://aia.example/inter.cer", outcome: "failed", detail: "http-status", certificates: 0 }]);
  });

  it("no more distinct addresses than maxFetches", async () => {
    const f = fetcher({});
    const aia = new AiaIssuerSource(f, undefined, { timeoutMs: 1000, maxBytes: 1000, maxFetches: 1 });
    await aia.issuersOf(views.get("LeafTwo")!);
    expect(f.requests.map((r) => r.url)).toEqual(["http://a.example/1.cer"]);
  });
});
