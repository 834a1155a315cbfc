/**
 * Revocation over the network, on 127.0.0.1 only: OpenSSL's responder answers
 * our OCSP requests (a small server runs `openssl ocsp -reqin/-respout` per
 * request, so OpenSSL both reads our request and signs the answer), and CRLs
 * come from `openssl ca -gencrl`. The CLI's real Fetcher carries the traffic.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// The responders here listen on 127.0.0.1, which the default Fetcher refuses (private-address.ts).
import { privateNetworkFetcher } from "../../src/cli/node-fetcher.js";
import type { FetchRequest } from "../../src/core/index.js";
import { checkWithCrls } from "../../src/core/revocation/crl-check.js";
import { fetchCrl, fetchOcsp } from "../../src/core/revocation/fetch.js";
import { smimeProfile } from "../../src/core/policy/profile.js";
import { checkWithOcsp } from "../../src/core/revocation/ocsp.js";
import { ocspGetUrl, responseNonce } from "../../src/core/revocation/ocsp-request.js";
import { ScenarioPki } from "../helpers/scenario-pki.js";

let pki: ScenarioPki;
/** The default profile at `at`: the algorithm policy applies to OCSP answers as to every signature. */
const policyAt = (at: Date) => smimeProfile({ validationTime: at });
let server: Server;
let base = "";
let crl: Uint8Array = new Uint8Array();
let lastAnswer: Uint8Array = new Uint8Array();
let noNonceAnswer: Uint8Array = new Uint8Array();
const seen: string[] = [];
/** The content type of each POST, in order. */
const postedTypes: (string | undefined)[] = [];

beforeAll(async () => {
  pki = new ScenarioPki();
  pki.build([{ name: "CA" }, { name: "Good", issuer: "CA", email: "g@example.org" }, { name: "Revoked", issuer: "CA", email: "r@example.org" }]);
  pki.revoke("CA", "Revoked", "superseded");
  crl = pki.gencrl("CA");
  // OpenSSL's answer to a request made without a nonce (-no_nonce): a responder that ignores nonces answers so.
  pki.run(["ocsp", "-issuer", pki.get("CA").cert, "-cert", pki.get("Good").cert, "-no_nonce", "-reqout", "no-nonce-req.der"]);
  pki.run(["ocsp", "-index", "index.txt", "-CA", pki.get("CA").cert, "-rsigner", pki.get("CA").cert, "-rkey", pki.get("CA").key, "-reqin", "no-nonce-req.der", "-respout", "no-nonce-resp.der", "-ndays", "1"]);
  noNonceAnswer = pki.read("no-nonce-resp.der");
  let n = 0;
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      seen.push(`${req.method} ${req.url!.split("/")[1]}`);
      if (req.method === "POST") postedTypes.push(req.headers["content-type"]);
      if (req.url === "/slow") return; // never answers
      if (req.url === "/big") return void res.end(Buffer.alloc(200_000));
      if (req.url === "/crl") return void res.end(crl);
      if (req.url === "/crl.pem") return void res.end(pki.run(["crl", "-inform", "DER"], crl));
      if (req.url?.startsWith("/garbage")) return void res.end("this is not DER");
      if (req.url?.startsWith("/missing")) return void res.writeHead(404).end();
      // An answer recorded for an earlier request, given back whatever is asked: a replay.
      if (req.url?.startsWith("/replay")) return void res.end(lastAnswer);
      if (req.url?.startsWith("/nononce")) return void res.end(noNonceAnswer);
      const der = req.method === "POST" ? Buffer.concat(chunks) : Buffer.from(decodeURIComponent(req.url!.slice("/ocsp/".length)), "base64");
      const id = n++;
      pki.write(`req-${id}.der`, der);
      pki.run(["ocsp", "-index", "index.txt", "-CA", pki.get("CA").cert, "-rsigner", pki.get("CA").cert, "-rkey", pki.get("CA").key, "-reqin", `req-${id}.der`, "-respout", `resp-${id}.der`, "-ndays", "1"]);
      res.writeHead(200, { "content-type": "application/ocsp-response" });
      lastAnswer = pki.read(`resp-${id}.der`);
      res.end(lastAnswer);
    });
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((done) => server.close(() => done()));
  pki.cleanup();
});

const view = (name: string) => pki.view(name);

describe("OCSP over HTTP against openssl ocsp", () => {
  it("a short request goes by GET, and the answer is good", async () => {
    const r = await fetchOcsp(privateNetworkFetcher, `${base}/ocsp`, view("Good"), view("CA"));
    expect(r.ok && r.method).toBe("GET");
    expect(seen).toContain("GET ocsp");
    if (!r.ok) throw new Error(r.problem.code);
    expect((await checkWithOcsp(view("Good"), [view("CA")], r.value, policyAt(new Date()))).status).toBe("good");
  });

  it("with a nonce the request goes by POST, OpenSSL echoes the nonce, and a revoked certificate is revoked", async () => {
    const nonce = crypto.getRandomValues(new Uint8Array(32));
    const r = await fetchOcsp(privateNetworkFetcher, `${base}/ocsp`, view("Revoked"), view("CA"), undefined, nonce);
    if (!r.ok) throw new Error(r.problem.code);
    expect(r.method).toBe("POST");
    expect(await checkWithOcsp(view("Revoked"), [view("CA")], r.value, policyAt(new Date()))).toMatchObject({ status: "revoked", single: { reason: "superseded" } });
  });

  it("the nonce OpenSSL echoes is ours; an answer echoing another request's nonce is refused as a replay (RFC 8954 section 2.1)", async () => {
    const mine = new Uint8Array(32).fill(7);
    const first = await fetchOcsp(privateNetworkFetcher, `${base}/ocsp`, view("Good"), view("CA"), undefined, mine);
    if (!first.ok || !first.value.basic) throw new Error("no answer");
    expect([...responseNonce(first.value.basic)!]).toEqual([...mine]);
    // The recorded answer, given back to a request with another nonce.
    const replayed = await fetchOcsp(privateNetworkFetcher, `${base}/replay`, view("Good"), view("CA"), undefined, new Uint8Array(32).fill(9));
    expect(replayed).toEqual({ ok: false, url: `${base}/replay`, problem: { code: "ocsp-nonce-mismatch" } });
    // Without a nonce of ours there is nothing to compare: the answer is taken, and judged on its own.
    expect((await fetchOcsp(privateNetworkFetcher, `${base}/replay`, view("Good"), view("CA"))).ok).toBe(true);
  });

  it("with a nonce nothing goes by GET (each request is unique, so no cache could serve it), and the POST is typed application/ocsp-request (RFC 6960 appendix A.1)", async () => {
    const [before, typesBefore] = [seen.length, postedTypes.length];
    // What the core asks of the Fetcher, before the network sees it.
    const asked: string[] = [];
    const recording = { fetch: (req: FetchRequest) => (asked.push(`${req.method} ${req.url}`), privateNetworkFetcher.fetch(req)) };
    const r = await fetchOcsp(recording, `${base}/ocsp`, view("Good"), view("CA"), undefined, new Uint8Array(16).fill(3));
    expect(r.ok).toBe(true);
    expect(asked).toEqual([`POST ${base}/ocsp`]);
    expect(seen.slice(before)).toEqual(["POST ocsp"]);
    expect(postedTypes.slice(typesBefore)).toEqual(["application/ocsp-request"]);
  });

  it("a responder that leaves our nonce out may (RFC 8954 section 2.1): the answer is taken, with no nonce to compare", async () => {
    const r = await fetchOcsp(privateNetworkFetcher, `${base}/nononce`, view("Good"), view("CA"), undefined, new Uint8Array(16).fill(4));
    if (!r.ok || !r.value.basic) throw new Error("no answer");
    expect(responseNonce(r.value.basic)).toBeNull();
    expect((await checkWithOcsp(view("Good"), [view("CA")], r.value, policyAt(new Date()))).status).toBe("good");
  });

  it("the nonce is read from the nonce extension (1.3.6.1.5.5.7.48.1.2), not from whichever extension comes first", () => {
    const extension = (extnID: string, value: asn1js.AsnType) => new pkijs.Extension({ extnID, extnValue: value.toBER(false) });
    const basic = new pkijs.BasicOCSPResponse({
      tbsResponseData: new pkijs.ResponseData({
        responseExtensions: [extension("1.3.6.1.4.1.99999.1", new asn1js.OctetString({ valueHex: new Uint8Array([9, 9]).buffer })), extension("1.3.6.1.5.5.7.48.1.2", new asn1js.OctetString({ valueHex: new Uint8Array([1, 2, 3]).buffer }))],
      }),
    });
    expect([...responseNonce(basic)!]).toEqual([1, 2, 3]);
  });

  it("the GET form: the base64 of the request after the responder's address, without doubling its slash; 255 bytes or more go by POST", () => {
    const request = new Uint8Array([1, 2, 3]); // base64 "AQID"
    expect([ocspGetUrl("http://ocsp.example/", request), ocspGetUrl("http://ocsp.example", request)]).toEqual(["http://ocsp.example/AQID", "http://ocsp.example/AQID"]);
    const responder = (length: number) => `http://ocsp.example/${"a".repeat(length - "http://ocsp.example/".length)}`;
    // The responder, a slash and "AQID": 5 bytes more than the responder's address.
    expect(ocspGetUrl(responder(249), request)).toHaveLength(254);
    expect(ocspGetUrl(responder(250), request)).toBeNull();
  });

  it("an answer that is not OCSP, or none at all (404), is said with the method that got it; ldap is unsupported", async () => {
    const garbage = await fetchOcsp(privateNetworkFetcher, `${base}/garbage`, view("Good"), view("CA"), undefined, new Uint8Array(16));
    expect(garbage).toMatchObject({ ok: false, problem: { code: "ocsp-unreadable", detail: expect.any(String) } });
    // GET first (no nonce), then POST: the last attempt's problem is kept.
    expect(await fetchOcsp(privateNetworkFetcher, `${base}/missing`, view("Good"), view("CA"))).toEqual({ ok: false, url: `${base}/missing`, problem: { code: "fetch-failed", method: "POST", error: "http-status", status: 404 } });
    expect(seen.filter((r) => r.startsWith("GET missing") || r.startsWith("POST missing"))).toEqual(["GET missing", "POST missing"]);
    expect(await fetchOcsp(privateNetworkFetcher, "ldap://ocsp.example.com/", view("Good"), view("CA"))).toEqual({ ok: false, url: "ldap://ocsp.example.com/", problem: { code: "unsupported-scheme", scheme: "ldap" } });
  });

  it("a responder that never answers times out within the limit; a huge answer is refused; ldap is unsupported", async () => {
    const opts = { timeoutMs: 300, maxOcspBytes: 64 * 1024, maxCrlBytes: 1024 };
    const slow = await fetchOcsp(privateNetworkFetcher, `${base}/slow`, view("Good"), view("CA"), opts, new Uint8Array(16));
    expect(slow).toMatchObject({ ok: false, problem: { code: "fetch-failed", method: "POST", error: "timeout" } });
    const big = await fetchOcsp(privateNetworkFetcher, `${base}/big`, view("Good"), view("CA"), opts, new Uint8Array(16));
    expect(big).toMatchObject({ ok: false, problem: { code: "fetch-failed", method: "POST", error: "too-large" } });
    expect(await fetchCrl(privateNetworkFetcher, "ldap://ldap.example.com/cn=CA?certificateRevocationList")).toEqual({
      ok: false,
      url: "ldap://ldap.example.com/cn=CA?certificateRevocationList",
      problem: { code: "unsupported-scheme", scheme: "ldap" },
    });
  });
});

describe("CRLs over HTTP, as DER or PEM", () => {
  it("a CRL served as PEM is the same CRL; bytes that are no CRL, or a 404, are said", async () => {
    const pem = await fetchCrl(privateNetworkFetcher, `${base}/crl.pem`);
    expect(pem.ok && Buffer.from(pem.value.der).equals(Buffer.from(crl))).toBe(true);
    expect(await fetchCrl(privateNetworkFetcher, `${base}/garbage.crl`)).toEqual({ ok: false, url: `${base}/garbage.crl`, problem: { code: "crl-unreadable", detail: "not a DER SEQUENCE" } });
    expect(await fetchCrl(privateNetworkFetcher, `${base}/missing.crl`)).toEqual({ ok: false, url: `${base}/missing.crl`, problem: { code: "fetch-failed", error: "http-status", status: 404 } });
  });

  it("only an address that begins with http:// or https:// is fetched: one that only mentions it further on is not", async () => {
    const url = "ldap://ldap.example.com/cn=CA?next=http://crl.example/ca.crl";
    expect(await fetchCrl(privateNetworkFetcher, url)).toEqual({ ok: false, url, problem: { code: "unsupported-scheme", scheme: "ldap" } });
  });
});

describe("CRLs over HTTP", () => {
  it("a fetched CRL decides good and revoked", async () => {
    const r = await fetchCrl(privateNetworkFetcher, `${base}/crl`);
    if (!r.ok) throw new Error(r.problem.code);
    expect(r.method).toBe("GET");
    const ctx = { crls: [r.value], candidates: [view("CA")], signerValid: async () => true, policy: policyAt(new Date()) };
    expect((await checkWithCrls(view("Good"), view("CA"), ctx)).status).toBe("good");
    expect(await checkWithCrls(view("Revoked"), view("CA"), ctx)).toMatchObject({ status: "revoked", entry: { reason: "superseded" } });
  });
});
