/**
 * Revocation in the report, end to end: certificates from `openssl ca` name an
 * OCSP responder and a CRL on 127.0.0.1, where a small server has OpenSSL's
 * responder answer (`openssl ocsp -reqin/-respout`) and serves the CA's CRL;
 * messages come from `openssl cms -sign`. The CLI's Fetcher carries the traffic.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// The responders here listen on 127.0.0.1, which the default Fetcher refuses (private-address.ts).
import { privateNetworkFetcher } from "../../src/cli/node-fetcher.js";
import { fetchFetcher } from "../../src/hosts/shared/fetch-fetcher.js";
import { inspectMessage, TrustStore, type InspectOptions, type Ports, type SecurityReport } from "../../src/core/index.js";
import { attachCrls } from "../helpers/cms-build.js";
import { signers } from "../helpers/inspect.js";
import { assertReportInvariants } from "../helpers/invariants.js";
import { MemoryStore } from "../helpers/memory-store.js";
import { ScenarioPki } from "../helpers/scenario-pki.js";

let pki: ScenarioPki;
let server: Server;
let crl: Uint8Array = new Uint8Array();
const state = { ocspDown: false, crlDown: false, ocspRequests: 0, crlRequests: 0, ocspMethod: "", holdMs: 0 };

beforeAll(async () => {
  pki = new ScenarioPki();
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      if (req.url!.startsWith("/crl")) {
        state.crlRequests++;
        if (state.crlDown) return void res.writeHead(503).end();
        return void res.end(crl);
      }
      state.ocspRequests++;
      state.ocspMethod = req.method!;
      if (state.ocspDown) return void res.writeHead(503).end();
      const der = req.method === "POST" ? Buffer.concat(chunks) : Buffer.from(decodeURIComponent(req.url!.slice("/ocsp/".length)), "base64");
      const id = state.ocspRequests;
      pki.write(`q-${id}.der`, der);
      pki.run(["ocsp", "-index", "index.txt", "-CA", pki.get("Root").cert, "-rsigner", pki.get("Root").cert, "-rkey", pki.get("Root").key, "-reqin", `q-${id}.der`, "-respout", `r-${id}.der`, "-ndays", "1"]);
      setTimeout(() => res.end(pki.read(`r-${id}.der`)), state.holdMs);
    });
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const urls = { ocsp: `${base}/ocsp`, crl: `${base}/crl` };
  pki.build([
    { name: "Root" },
    { name: "Good", issuer: "Root", email: "alice@example.org", ...urls },
    { name: "Revoked", issuer: "Root", email: "alice@example.org", ...urls },
    { name: "Offline", issuer: "Root", email: "alice@example.org" },
  ]);
  pki.revoke("Root", "Revoked", "keyCompromise");
  crl = pki.gencrl("Root");
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((done) => server.close(() => done()));
  pki.cleanup();
});

async function inspectFrom(
  signer: string,
  options: InspectOptions = {},
  ports: Partial<Ports> = {},
  crls: Uint8Array[] = [],
  ocsp: Uint8Array[] = [],
): Promise<SecurityReport> {
  const signed = pki.sign({ signers: [{ who: pki.get(signer) }], content: "Content-Type: text/plain\n\nrevocation\n" });
  const msg = crls.length || ocsp.length ? attachCrls(signed, crls, ocsp) : signed;
  const anchor = pki.view("Root");
  const trust = { store: await TrustStore.create([{ certificate: anchor, source: "option" as const }]) };
  const r = await inspectMessage(msg, { clock: { now: () => new Date() }, fetcher: privateNetworkFetcher, ...ports }, { trust, ...options });
  assertReportInvariants(r);
  return r;
}

const reset = () => Object.assign(state, { ocspDown: false, crlDown: false, ocspRequests: 0, crlRequests: 0, holdMs: 0 });

describe("revocation in the report", () => {
  it("good, by OCSP from the issuing CA: verified, with the evidence", async () => {
    reset();
    const r = await inspectFrom("Good");
    expect([r.revocation, r.verdict]).toEqual(["good", "verified"]);
    const e = signers(r)[0]!.revocationEvidence![0]!;
    expect(e).toMatchObject({ certificate: 0, status: "good", source: "ocsp", fromCache: false, responder: "O=Signet Scenario, CN=Root" });
    expect(e.url).toMatch(/\/ocsp$/);
    // Without a nonce (the default) the short request goes by GET (RFC 6960 appendix A.1).
    expect(state.ocspMethod).toBe("GET");
    expect(Date.parse(e.nextUpdate!)).toBeGreaterThan(Date.now());
  });

  it("revoked: the reason OpenSSL's responder gives, verdict danger (asked with a nonce, by POST)", async () => {
    reset();
    const r = await inspectFrom("Revoked", { ocspNonce: true });
    expect(state.ocspMethod).toBe("POST");
    expect([r.revocation, r.verdict]).toEqual(["revoked", "danger"]);
    expect(r.issues.find((i) => i.code === "revoked")).toMatchObject({ severity: "error", where: { certificate: 0 }, params: { reason: "keyCompromise", source: "ocsp" } });
  });

  it("with the add-on's default Fetcher, a certificate pointing at 127.0.0.1 gets no request: revocation unknown, and why", async () => {
    reset();
    const r = await inspectFrom("Good", {}, { fetcher: fetchFetcher() });
    expect(state.ocspRequests + state.crlRequests).toBe(0);
    expect([r.revocation, r.verdict]).toEqual(["unknown", "warning"]);
    expect(r.issues.map((i) => i.code)).toEqual(["revocation-unavailable"]);
    const problems = signers(r)[0]!.revocationEvidence![0]!.problems ?? [];
    expect(problems.length).toBeGreaterThan(0);
    for (const p of problems) expect(p).toMatchObject({ code: "fetch-failed", error: "refused", detail: expect.stringMatching(/local or private-network address/) });
  });

  it("OCSP down: the CRL answers instead", async () => {
    reset();
    state.ocspDown = true;
    const r = await inspectFrom("Revoked");
    const e = signers(r)[0]!.revocationEvidence![0]!;
    expect(e).toMatchObject({ status: "revoked", source: "crl", reason: "keyCompromise" });
    expect(e.problems?.[0]).toMatchObject({ source: "ocsp", code: "fetch-failed", error: "http-status", status: 503 });
  });

  it("everything down: a warning in soft mode, danger in hard mode", async () => {
    reset();
    Object.assign(state, { ocspDown: true, crlDown: true });
    const soft = await inspectFrom("Good");
    expect([soft.revocation, soft.verdict]).toEqual(["unknown", "warning"]);
    expect(soft.issues.map((i) => [i.code, i.severity])).toEqual([["revocation-unavailable", "warning"]]);
    const hard = await inspectFrom("Good", { revocation: "hard" });
    expect([hard.revocation, hard.verdict]).toEqual(["unknown", "danger"]);
    const off = await inspectFrom("Good", { revocation: "off" });
    expect([off.revocation, off.verdict]).toEqual(["not-checked", "verified"]);
  });

  it("answers are cached: ten messages from one sender cost one OCSP request", async () => {
    reset();
    const store = new MemoryStore();
    for (let i = 0; i < 10; i++) expect((await inspectFrom("Good", {}, { store })).revocation).toBe("good");
    expect(state.ocspRequests).toBe(1);
    expect(signers(await inspectFrom("Good", {}, { store }))[0]!.revocationEvidence![0]).toMatchObject({ source: "ocsp", fromCache: true });
  });

  it("ten messages from one signer inspected at once (a reader scrolling fast) cost one OCSP request, and all are good", async () => {
    reset();
    // The responder holds its answer, so that all ten ask while the first request is under way.
    state.holdMs = 1500;
    const reports = await Promise.all(Array.from({ length: 10 }, () => inspectFrom("Good")));
    expect(state.ocspRequests).toBe(1);
    expect(reports.map((r) => r.revocation)).toEqual(Array(10).fill("good"));
  });

  it("a CRL or an OCSP response attached to the message answers offline; no source at all is not-checked in soft mode", async () => {
    reset();
    const attached = await inspectFrom("Revoked", {}, { fetcher: undefined }, [crl]);
    expect(attached.signature).toBe("valid");
    expect(signers(attached)[0]!.revocationEvidence![0]).toMatchObject({ status: "revoked", source: "embedded-crl" });
    expect(state.ocspRequests + state.crlRequests).toBe(0);
    // An OCSP response attached as otherRevInfo (RFC 5940), made by openssl ocsp for this certificate.
    pki.run(["ocsp", "-issuer", pki.get("Root").cert, "-cert", pki.get("Revoked").cert, "-no_nonce", "-reqout", "att-req.der"]);
    pki.run(["ocsp", "-index", "index.txt", "-CA", pki.get("Root").cert, "-rsigner", pki.get("Root").cert, "-rkey", pki.get("Root").key, "-reqin", "att-req.der", "-respout", "att-resp.der", "-ndays", "1"]);
    const stapled = await inspectFrom("Revoked", {}, { fetcher: undefined }, [], [new Uint8Array(pki.read("att-resp.der"))]);
    expect(signers(stapled)[0]!.revocationEvidence![0]).toMatchObject({ status: "revoked", source: "embedded-ocsp", reason: "keyCompromise" });
    expect(state.ocspRequests + state.crlRequests).toBe(0);
    const none = await inspectFrom("Offline", {}, { fetcher: undefined });
    expect([none.revocation, none.verdict, none.issues]).toEqual(["not-checked", "verified", []]);
    const noneHard = await inspectFrom("Offline", { revocation: "hard" }, { fetcher: undefined });
    expect(noneHard.issues.map((i) => i.code)).toEqual(["revocation-unknown"]);
  });

  it("an attached OCSP response that cannot be read is passed over: the attached CRL still answers", async () => {
    reset();
    // SEQUENCE { INTEGER 1 }: not an OCSPResponse (RFC 6960 section 4.2.1), whose first field is an ENUMERATED.
    const junk = Uint8Array.from([0x30, 0x03, 0x02, 0x01, 0x01]);
    const r = await inspectFrom("Revoked", {}, { fetcher: undefined }, [crl], [junk]);
    expect([r.revocation, signers(r)[0]!.revocationEvidence![0]]).toMatchObject(["revoked", { status: "revoked", source: "embedded-crl" }]);
  });
});
