/**
 * Revocation of a whole path (src/core/revocation/check-chain.ts): which
 * source is asked in which order, what is cached and when a cached answer is
 * asked again, the deadline, and what each failed source leaves in the
 * evidence. The network is the Fetcher port (a host seam): here it answers
 * from OpenSSL's own material, the CA's CRLs from `openssl ca -gencrl` and
 * OCSP answers from `openssl ocsp` run on the request Signet sent.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FetchRequest, FetchResult, Fetcher, RevocationProblem } from "../../src/core/index.js";
import { smimeProfile } from "../../src/core/policy/profile.js";
import { checkChainRevocation, summarizeRevocation, type RevocationContext } from "../../src/core/revocation/check-chain.js";
import { parseCrl } from "../../src/core/revocation/crl.js";
import { parseOcspResponse, type ParsedOcsp } from "../../src/core/revocation/ocsp.js";
import type { CertificateView } from "../../src/core/x509/certificate.js";
import { MemoryStore } from "../helpers/memory-store.js";
import { ScenarioPki } from "../helpers/scenario-pki.js";

const OCSP_URL = "http://ocsp.test/inter";
const INTER_CRL = "http://crl.test/inter.crl";
const ROOT_CRL = "http://crl.test/root.crl";
const DAY = 86_400_000;

let pki: ScenarioPki;
let chain: CertificateView[];
let revokedChain: CertificateView[];

/** The network as OpenSSL's responder and CA would answer it; each request is logged as "METHOD url". */
class OpensslNetwork implements Fetcher {
  requests: string[] = [];
  down = new Set<string>();
  /** Days the OCSP responder's answers are valid (-ndays); null leaves nextUpdate out. */
  ocspDays: number | null = 1;
  /** The CA database the responder reads; one without the certificate makes it answer unknown. */
  ocspIndex = "index.txt";
  /** The time-out of each request, in order. */
  timeouts: number[] = [];
  /** The CRLs served, in order (DER). */
  servedCrls: Buffer[] = [];
  /** Who signs the OCSP answers (a certificate of the PKI); the CA itself by default. */
  ocspSigner = "Inter";
  /** Answer every OCSP request with this response instead (an answer about another certificate, say). */
  ocspAnswer: Uint8Array | null = null;
  private n = 0;
  async fetch(r: FetchRequest): Promise<FetchResult> {
    this.requests.push(`${r.method} ${r.url.startsWith(OCSP_URL) ? OCSP_URL : r.url}`);
    this.timeouts.push(r.timeoutMs);
    if ([...this.down].some((u) => r.url.startsWith(u))) return { ok: false, error: "network", detail: "down for the test" };
    if (r.url === INTER_CRL || r.url === ROOT_CRL) {
      const crl = pki.gencrl(r.url === INTER_CRL ? "Inter" : "Root");
      this.servedCrls.push(crl);
      return ok(crl);
    }
    // OCSP: GET is refused here, so Signet posts (RFC 6960 appendix A.1 allows both).
    if (r.url.startsWith(OCSP_URL) && r.method === "POST" && r.body) {
      if (this.ocspAnswer) return ok(this.ocspAnswer);
      const id = this.n++;
      pki.write(`net-req-${id}.der`, r.body);
      const signer = pki.get(this.ocspSigner);
      const days = this.ocspDays === null ? [] : ["-ndays", String(this.ocspDays)];
      pki.run(["ocsp", "-index", this.ocspIndex, "-CA", pki.get("Inter").cert, "-rsigner", signer.cert, "-rkey", signer.key, "-reqin", `net-req-${id}.der`, "-respout", `net-resp-${id}.der`, ...days]);
      return ok(pki.read(`net-resp-${id}.der`));
    }
    return { ok: false, error: "http-status", status: 405 };
  }
}
const ok = (body: Uint8Array): FetchResult => ({ ok: true, status: 200, contentType: null, body: new Uint8Array(body) });

beforeAll(() => {
  pki = new ScenarioPki();
  pki.build([
    { name: "Root" },
    // The intermediate publishes both: CRLs are asked first for a CA, so its OCSP responder (which
    // answers nothing here) is never reached while the CRL answers.
    { name: "Inter", issuer: "Root", ca: true, crl: ROOT_CRL, ocsp: "http://ocsp.test/root" },
    { name: "Quiet", issuer: "Inter", email: "q@example.org" },
    { name: "UnsaidLeaf", issuer: "Inter", email: "u@example.org", crl: INTER_CRL },
    { name: "Leaf", issuer: "Inter", email: "alice@example.org", ocsp: OCSP_URL, crl: INTER_CRL },
    { name: "RevokedLeaf", issuer: "Inter", email: "mallory@example.org", ocsp: OCSP_URL, crl: INTER_CRL },
    { name: "NotAResponder", issuer: "Inter", eku: "emailProtection", keyUsage: "critical,digitalSignature" },
  ]);
  pki.revoke("Inter", "RevokedLeaf", "keyCompromise");
  // Revoked without a reason code: the CRL entry has none (RFC 5280 section 5.3.1 says to leave it out rather than write unspecified).
  pki.revoke("Inter", "UnsaidLeaf");
  chain = ["Leaf", "Inter", "Root"].map((n) => pki.view(n));
  revokedChain = ["RevokedLeaf", "Inter", "Root"].map((n) => pki.view(n));
  pki.build([
    { name: "OcspOnlyLeaf", issuer: "Inter", email: "o@example.org", ocsp: OCSP_URL },
    { name: "CrlOnlyLeaf", issuer: "Inter", email: "c@example.org", crl: INTER_CRL },
    // A distribution point named by an rfc822Name and a URI: only the URI is an address to fetch.
    { name: "MixedNamesLeaf", issuer: "Inter", email: "m@example.org", extraExtensions: ["crlDistributionPoints=dp", "[dp]", `fullname=email:crl@example.org,URI:${INTER_CRL}`] },
  ]);
  pki.issueV1("V1Leaf", "Inter");
  // A CA database that holds none of the certificates: the responder answers unknown for each.
  pki.write("empty-index.txt", "");
});
afterAll(() => pki.cleanup());

/**
 * The S/MIME profile, soft mode, with a deadline far beyond what OpenSSL needs on a loaded machine
 * (the default ten seconds could pass while it works, and the deadline has its own test).
 */
const policy = (options: Parameters<typeof smimeProfile>[0] = {}) => smimeProfile({ revocation: "soft", revocationDeadlineMs: 600_000, ...options });

function context(net: OpensslNetwork, store: MemoryStore, extra: Partial<RevocationContext> & { at?: Date } = {}): RevocationContext {
  const { at, ...rest } = extra;
  return {
    policy: policy(at ? { validationTime: at } : {}),
    fetcher: net,
    store,
    embeddedCrls: [],
    embeddedOcsp: [],
    suppliedCrls: [],
    candidates: chain.concat(revokedChain),
    signerValid: async () => true,
    now: () => Date.now(),
    ...rest,
  };
}

/** The evidence without its times, which OpenSSL sets from the clock. */
const sources = (evidence: { certificate: number; status: string; source?: string; url?: string; fromCache?: boolean; problems?: RevocationProblem[] }[]) =>
  evidence.map((e) => ({ certificate: e.certificate, status: e.status, source: e.source, url: e.url, fromCache: e.fromCache, ...(e.problems ? { problems: e.problems } : {}) }));

describe("checkChainRevocation over the network", () => {
  it("the signer by OCSP, the intermediate by its CA's CRL; asked again, both come from the cache and nothing is fetched", async () => {
    const net = new OpensslNetwork();
    const store = new MemoryStore();
    const first = await checkChainRevocation(chain, context(net, store));
    expect(sources(first.evidence)).toEqual([
      { certificate: 0, status: "good", source: "ocsp", url: OCSP_URL, fromCache: false },
      { certificate: 1, status: "good", source: "crl", url: ROOT_CRL, fromCache: false },
    ]);
    expect(first.evidence[0]!.producedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(first.issues).toEqual([]);
    expect(net.requests).toEqual([`GET ${OCSP_URL}`, `POST ${OCSP_URL}`, `GET ${ROOT_CRL}`]);
    const again = await checkChainRevocation(chain, context(net, store));
    expect(sources(again.evidence)).toEqual([
      { certificate: 0, status: "good", source: "ocsp", url: undefined, fromCache: true },
      { certificate: 1, status: "good", source: "crl", url: ROOT_CRL, fromCache: true },
    ]);
    expect(net.requests).toHaveLength(3);
  });

  it("a cached OCSP answer past its nextUpdate is asked for again, not used, and not a reason to give up on OCSP", async () => {
    const net = new OpensslNetwork();
    const store = new MemoryStore();
    await checkChainRevocation(chain, context(net, store, { policy: policy({ revocationDepth: "signer" }) }));
    // Two days on, the cached answer (valid one day) is stale; the responder now answers for three.
    net.ocspDays = 3;
    const later = await checkChainRevocation(chain, context(net, store, { policy: policy({ revocationDepth: "signer", validationTime: new Date(Date.now() + 2 * DAY) }) }));
    expect(sources(later.evidence)).toEqual([{ certificate: 0, status: "good", source: "ocsp", url: OCSP_URL, fromCache: false }]);
    expect(net.requests.filter((r) => r.startsWith("POST"))).toHaveLength(2);
  });

  it("a cached CRL past its nextUpdate is fetched again; the fresh one replaces it in the cache", async () => {
    const net = new OpensslNetwork();
    const store = new MemoryStore();
    const signerOnly = { revocationDepth: "signer" as const };
    net.down.add(OCSP_URL);
    await checkChainRevocation(chain, context(net, store, { policy: policy(signerOnly) }));
    expect(net.requests.filter((r) => r === `GET ${INTER_CRL}`)).toHaveLength(1);
    // Eight days on, the CRL (valid seven) is stale in the cache; the CA's next one is fetched.
    const later = await checkChainRevocation(chain, context(net, store, { policy: policy({ ...signerOnly, validationTime: new Date(Date.now() + 8 * DAY) }) }));
    expect(net.requests.filter((r) => r === `GET ${INTER_CRL}`)).toHaveLength(2);
    // The CA's new CRL is itself dated now, valid seven days: at eight days it is stale too, and said so.
    expect(sources(later.evidence)[0]).toMatchObject({ status: "unknown" });
    expect(later.evidence[0]!.problems).toContainEqual({ source: "crl", url: INTER_CRL, code: "crl-stale" });
  });

  it("the OCSP responder out of reach: the CRL answers, and what failed stays in the evidence", async () => {
    const net = new OpensslNetwork();
    net.down.add(OCSP_URL);
    const r = await checkChainRevocation(chain, context(net, new MemoryStore()));
    expect(sources(r.evidence)[0]).toEqual({
      certificate: 0, status: "good", source: "crl", url: INTER_CRL, fromCache: false,
      problems: [{ source: "ocsp", url: OCSP_URL, code: "fetch-failed", method: "POST", error: "network", detail: "down for the test" }],
    });
  });

  it("revoked by OCSP: the revoked issue with its reason, date and source", async () => {
    const r = await checkChainRevocation(revokedChain, context(new OpensslNetwork(), new MemoryStore()));
    expect(r.evidence[0]).toMatchObject({ status: "revoked", source: "ocsp", reason: "keyCompromise" });
    expect(r.issues).toEqual([{ code: "revoked", severity: "error", params: { reason: "keyCompromise", date: r.evidence[0]!.revocationDate, source: "ocsp" }, certificate: 0 }]);
  });

  it("an attached OCSP answer that cannot be trusted is said, and the network is still asked", async () => {
    const id = "embedded";
    const leaf = pki.get("Leaf");
    pki.run(["ocsp", "-issuer", pki.get("Inter").cert, "-cert", leaf.cert, "-no_nonce", "-reqout", `${id}-req.der`]);
    pki.run(["ocsp", "-index", "index.txt", "-CA", pki.get("Inter").cert, "-rsigner", pki.get("NotAResponder").cert, "-rkey", pki.get("NotAResponder").key, "-reqin", `${id}-req.der`, "-respout", `${id}-resp.der`, "-ndays", "1"]);
    const attached = parseOcspResponse(new Uint8Array(pki.read(`${id}-resp.der`))) as ParsedOcsp;
    const net = new OpensslNetwork();
    const r = await checkChainRevocation(chain, context(net, new MemoryStore(), { embeddedOcsp: [attached], policy: policy({ revocationDepth: "signer" }) }));
    expect(sources(r.evidence)).toEqual([
      { certificate: 0, status: "good", source: "ocsp", url: OCSP_URL, fromCache: false, problems: [{ source: "embedded-ocsp", code: "ocsp-responder-lacks-eku" }] },
    ]);
  });

  it("past the deadline nothing more is fetched, each source skipped says so, and the status is unknown (revocation-unavailable)", async () => {
    const net = new OpensslNetwork();
    let calls = 0;
    // The deadline is set on the first reading of the clock; every later reading is past it.
    const now = () => (calls++ === 0 ? 0 : 10_000_000);
    const r = await checkChainRevocation(chain, context(net, new MemoryStore(), { now, policy: policy({ revocationDepth: "signer" }) }));
    expect(net.requests).toEqual([]);
    expect(r.evidence).toEqual([
      { certificate: 0, status: "unknown", problems: [{ source: "ocsp", url: OCSP_URL, code: "deadline-reached" }, { source: "crl", url: INTER_CRL, code: "deadline-reached" }] },
    ]);
    expect(r.issues).toEqual([{ code: "revocation-unavailable", severity: "warning", params: { problems: r.evidence[0]!.problems }, certificate: 0 }]);
  });

  it("a certificate that publishes nothing and carries nothing: not-checked, quietly, in soft mode; unknown, an error, in hard mode", async () => {
    const quiet = ["Quiet", "Inter", "Root"].map((n) => pki.view(n));
    const soft = await checkChainRevocation(quiet, context(new OpensslNetwork(), new MemoryStore(), { policy: policy({ revocationDepth: "signer" }) }));
    expect([soft.evidence, soft.issues]).toEqual([[{ certificate: 0, status: "not-checked", problems: [{ code: "nothing-published" }] }], []]);
    const hard = await checkChainRevocation(quiet, context(new OpensslNetwork(), new MemoryStore(), { policy: policy({ revocation: "hard", revocationDepth: "signer" }) }));
    expect(hard.issues).toEqual([{ code: "revocation-unknown", severity: "error", params: { problems: [{ code: "nothing-published" }] }, certificate: 0 }]);
  });

  it("revoked on a CRL entry without a reason: the issue says unspecified (RFC 5280 section 5.3.1)", async () => {
    const r = await checkChainRevocation(["UnsaidLeaf", "Inter", "Root"].map((n) => pki.view(n)), context(new OpensslNetwork(), new MemoryStore(), { policy: policy({ revocationDepth: "signer" }) }));
    expect(r.evidence[0]).toMatchObject({ status: "revoked", source: "crl", reason: null });
    expect(r.issues).toEqual([{ code: "revoked", severity: "error", params: { reason: "unspecified", date: r.evidence[0]!.revocationDate, source: "crl" }, certificate: 0 }]);
  });

  it("the issue for an unknown status names the most telling problem, wherever it stands among the others", async () => {
    // OCSP out of reach, and the only CRL at hand stale: stale, not unavailable.
    const net = new OpensslNetwork();
    net.down.add(OCSP_URL);
    const stale = await checkChainRevocation(chain, context(net, new MemoryStore(), { policy: policy({ revocationDepth: "signer", validationTime: new Date(Date.now() + 8 * DAY) }) }));
    expect(stale.evidence[0]!.problems).toEqual([
      { source: "ocsp", url: OCSP_URL, code: "fetch-failed", method: "POST", error: "network", detail: "down for the test" },
      { source: "crl", url: INTER_CRL, code: "crl-stale" },
    ]);
    expect(stale.issues.map((i) => i.code)).toEqual(["revocation-stale"]);
  });
});

describe("checkChainRevocation: answers that do not count", () => {
  const signerOnly = () => policy({ revocationDepth: "signer" });

  it("an OCSP answer about another certificate, or signed by someone not authorised, is said, and the CRL answers", async () => {
    // The responder's answer for RevokedLeaf, given back to a question about Leaf.
    const other = new OpensslNetwork();
    await checkChainRevocation(revokedChain, context(other, new MemoryStore(), { policy: signerOnly() }));
    const net = new OpensslNetwork();
    net.ocspAnswer = pki.read(`net-resp-0.der`);
    const aboutAnother = await checkChainRevocation(chain, context(net, new MemoryStore(), { policy: signerOnly() }));
    expect(sources(aboutAnother.evidence)).toEqual([
      { certificate: 0, status: "good", source: "crl", url: INTER_CRL, fromCache: false, problems: [{ source: "ocsp", url: OCSP_URL, code: "ocsp-other-certificate" }] },
    ]);
    const unauthorised = new OpensslNetwork();
    unauthorised.ocspSigner = "NotAResponder";
    const r = await checkChainRevocation(chain, context(unauthorised, new MemoryStore(), { policy: signerOnly() }));
    expect(r.evidence[0]!.problems).toEqual([{ source: "ocsp", url: OCSP_URL, code: "ocsp-responder-lacks-eku" }]);
    expect(r.evidence[0]).toMatchObject({ status: "good", source: "crl" });
  });

  it("a certificate that publishes where to ask, with no network to ask it: unknown (revocation-unavailable), never 'not checked'", async () => {
    const r = await checkChainRevocation(chain, { ...context(new OpensslNetwork(), new MemoryStore(), { policy: signerOnly() }), fetcher: undefined });
    expect(r.evidence).toEqual([{ certificate: 0, status: "unknown", problems: [] }]);
    expect(r.issues.map((i) => [i.code, i.severity])).toEqual([["revocation-unavailable", "warning"]]);
  });

  it("a CRL supplied by the caller (the CLI's --crl) answers before the network, named supplied-crl", async () => {
    const supplied = parseCrl(new Uint8Array(pki.gencrl("Inter")));
    if ("error" in supplied) throw new Error(supplied.error);
    const net = new OpensslNetwork();
    net.down.add(OCSP_URL);
    const r = await checkChainRevocation(revokedChain, context(net, new MemoryStore(), { policy: signerOnly(), suppliedCrls: [supplied] }));
    expect(r.evidence[0]).toMatchObject({ status: "revoked", source: "supplied-crl", reason: "keyCompromise" });
    expect(net.requests.filter((x) => x.includes("crl.test"))).toEqual([]);
  });
});

describe("checkChainRevocation: the edges of each source", () => {
  const signerOnly = (extra: Parameters<typeof smimeProfile>[0] = {}) => policy({ revocationDepth: "signer", ...extra });
  const parsedCrl = (der: Uint8Array) => {
    const crl = parseCrl(der);
    if ("error" in crl) throw new Error(crl.error);
    return crl;
  };

  it("a version 1 certificate, with no extensions at all, is checked against the CRLs at hand, and publishes nothing to ask", async () => {
    const v1 = ["V1Leaf", "Inter", "Root"].map((n) => pki.view(n));
    expect(v1[0]!.cert.extensions).toBeUndefined();
    const net = new OpensslNetwork();
    const r = await checkChainRevocation(v1, context(net, new MemoryStore(), { policy: signerOnly(), suppliedCrls: [parsedCrl(new Uint8Array(pki.gencrl("Inter")))] }));
    expect(sources(r.evidence)).toEqual([{ certificate: 0, status: "good", source: "supplied-crl", url: undefined, fromCache: undefined }]);
    expect(net.requests).toEqual([]);
  });

  it("of a distribution point's names only the URI is fetched: no other name is taken for an address", async () => {
    const net = new OpensslNetwork();
    const r = await checkChainRevocation(["MixedNamesLeaf", "Inter", "Root"].map((n) => pki.view(n)), context(net, new MemoryStore(), { policy: signerOnly() }));
    expect(sources(r.evidence)).toEqual([{ certificate: 0, status: "good", source: "crl", url: INTER_CRL, fromCache: false }]);
    expect(net.requests).toEqual([`GET ${INTER_CRL}`]);
  });

  it("a certificate that names only an OCSP responder, or only a CRL, with no network to ask: unknown, not 'not checked'", async () => {
    for (const name of ["OcspOnlyLeaf", "CrlOnlyLeaf"]) {
      const r = await checkChainRevocation([name, "Inter", "Root"].map((n) => pki.view(n)), { ...context(new OpensslNetwork(), new MemoryStore(), { policy: signerOnly() }), fetcher: undefined });
      expect([name, r.evidence]).toEqual([name, [{ certificate: 0, status: "unknown", problems: [] }]]);
    }
  });

  it("a good answer carries no revocation date or reason; a CRL's answer carries the CRL's own nextUpdate", async () => {
    const net = new OpensslNetwork();
    net.down.add(OCSP_URL);
    const r = await checkChainRevocation(chain, context(net, new MemoryStore(), { policy: signerOnly() }));
    const e = r.evidence[0]!;
    expect(Object.keys(e)).not.toContain("revocationDate");
    expect(Object.keys(e)).not.toContain("reason");
    pki.write("served.crl", net.servedCrls[0]!);
    const next = pki.run(["crl", "-inform", "DER", "-in", "served.crl", "-noout", "-nextupdate"]).toString().trim().replace(/^nextUpdate=/, "");
    expect(e.nextUpdate).toBe(new Date(next).toISOString());
  });

  it("an OCSP answer without nextUpdate (newer information is always available, RFC 6960 section 4.2.2.1) is good with nextUpdate null, and has no revocation date", async () => {
    const net = new OpensslNetwork();
    net.ocspDays = null;
    const r = await checkChainRevocation(chain, context(net, new MemoryStore(), { policy: signerOnly() }));
    expect(r.evidence[0]).toMatchObject({ status: "good", source: "ocsp", nextUpdate: null });
    expect(Object.keys(r.evidence[0]!)).not.toContain("revocationDate");
  });

  it("an attached OCSP answer that is good answers, with no problem said and nothing fetched", async () => {
    pki.run(["ocsp", "-issuer", pki.get("Inter").cert, "-cert", pki.get("Leaf").cert, "-no_nonce", "-reqout", "good-req.der"]);
    pki.run(["ocsp", "-index", "index.txt", "-CA", pki.get("Inter").cert, "-rsigner", pki.get("Inter").cert, "-rkey", pki.get("Inter").key, "-reqin", "good-req.der", "-respout", "good-resp.der", "-ndays", "1"]);
    const attached = parseOcspResponse(new Uint8Array(pki.read("good-resp.der"))) as ParsedOcsp;
    const net = new OpensslNetwork();
    const r = await checkChainRevocation(chain, context(net, new MemoryStore(), { policy: signerOnly(), embeddedOcsp: [attached] }));
    expect(sources(r.evidence)).toEqual([{ certificate: 0, status: "good", source: "embedded-ocsp", url: undefined, fromCache: undefined }]);
    expect(net.requests).toEqual([]);
  });

  it("an attached answer that the responder does not know the certificate is said as the message's, and the responder is asked", async () => {
    pki.run(["ocsp", "-issuer", pki.get("Inter").cert, "-cert", pki.get("Leaf").cert, "-no_nonce", "-reqout", "unknown-req.der"]);
    pki.run(["ocsp", "-index", "empty-index.txt", "-CA", pki.get("Inter").cert, "-rsigner", pki.get("Inter").cert, "-rkey", pki.get("Inter").key, "-reqin", "unknown-req.der", "-respout", "unknown-resp.der", "-ndays", "1"]);
    const attached = parseOcspResponse(new Uint8Array(pki.read("unknown-resp.der"))) as ParsedOcsp;
    const r = await checkChainRevocation(chain, context(new OpensslNetwork(), new MemoryStore(), { policy: signerOnly(), embeddedOcsp: [attached] }));
    expect(sources(r.evidence)).toEqual([
      { certificate: 0, status: "good", source: "ocsp", url: OCSP_URL, fromCache: false, problems: [{ source: "embedded-ocsp", code: "ocsp-unknown-certificate" }] },
    ]);
  });

  it("the responder does not know the certificate: said, nothing cached, and the CRL answers", async () => {
    const net = new OpensslNetwork();
    net.ocspIndex = "empty-index.txt";
    const store = new MemoryStore();
    const r = await checkChainRevocation(chain, context(net, store, { policy: signerOnly() }));
    expect(sources(r.evidence)).toEqual([
      { certificate: 0, status: "good", source: "crl", url: INTER_CRL, fromCache: false, problems: [{ source: "ocsp", url: OCSP_URL, code: "ocsp-unknown-certificate" }] },
    ]);
    expect(await store.list("revocation/ocsp/")).toEqual([]);
  });

  it("a cached OCSP answer of unknown is said and the responder asked again; cached bytes that are no OCSP response are passed over", async () => {
    // The unknown answer is cached where the check keeps it, found by letting a good answer be cached first.
    const store = new MemoryStore();
    await checkChainRevocation(chain, context(new OpensslNetwork(), store, { policy: signerOnly() }));
    const [key] = await store.list("revocation/ocsp/");
    const unknownNet = new OpensslNetwork();
    unknownNet.ocspIndex = "empty-index.txt";
    unknownNet.ocspAnswer = null;
    await checkChainRevocation(chain, context(unknownNet, new MemoryStore(), { policy: signerOnly() }));
    const unknownAnswer = pki.read("net-resp-0.der");
    for (const [cached, said] of [[unknownAnswer, [{ source: "cached-ocsp", code: "ocsp-unknown-certificate" }]], [Buffer.from("not an OCSP response"), []]] as const) {
      await store.put(key!, new Uint8Array(cached));
      const net = new OpensslNetwork();
      const r = await checkChainRevocation(chain, context(net, store, { policy: signerOnly() }));
      expect(sources(r.evidence)).toEqual([{ certificate: 0, status: "good", source: "ocsp", url: OCSP_URL, fromCache: false, ...(said.length ? { problems: said } : {}) }]);
      expect(net.requests.filter((x) => x.startsWith("POST"))).toHaveLength(1);
    }
  });

  it("answers are cached under revocation/ocsp/ and revocation/crl/ and a SHA-256, one per certificate and one per CRL address", async () => {
    const store = new MemoryStore();
    await checkChainRevocation(chain, context(new OpensslNetwork(), store));
    await checkChainRevocation(revokedChain, context(new OpensslNetwork(), store));
    const keys = await store.list("revocation/");
    expect(keys.every((k) => /^revocation\/(ocsp|crl)\/[0-9a-f]{64}$/.test(k))).toBe(true);
    // Leaf and RevokedLeaf each by OCSP; the intermediate by the root's CRL, once for both paths.
    expect([(await store.list("revocation/ocsp/")).length, (await store.list("revocation/crl/")).length]).toEqual([2, 1]);
  });

  it("each request's time-out is the smaller of five seconds and the time left to the deadline", async () => {
    const net = new OpensslNetwork();
    net.down.add(OCSP_URL);
    await checkChainRevocation(chain, context(net, new MemoryStore(), { policy: signerOnly() }));
    expect(net.timeouts).toEqual([5000, 5000, 5000]); // OCSP by GET, then POST, then the CRL
    // The clock stands at 50 s: the deadline one second ahead leaves one second for each request.
    const short = new OpensslNetwork();
    short.down.add(OCSP_URL);
    await checkChainRevocation(chain, context(short, new MemoryStore(), { now: () => 50_000, policy: signerOnly({ revocationDeadlineMs: 1000 }) }));
    expect(short.timeouts).toEqual([1000, 1000, 1000]);
  });

  it("at the deadline itself nothing is fetched: no time is left for a request", async () => {
    const net = new OpensslNetwork();
    let reading = 0;
    // The deadline is set at the first reading (50 s + 1 s); every later reading is exactly the deadline.
    const now = () => (reading++ === 0 ? 50_000 : 51_000);
    const r = await checkChainRevocation(chain, context(net, new MemoryStore(), { now, policy: signerOnly({ revocationDeadlineMs: 1000 }) }));
    expect(net.requests).toEqual([]);
    expect(r.evidence[0]!.problems).toEqual([{ source: "ocsp", url: OCSP_URL, code: "deadline-reached" }, { source: "crl", url: INTER_CRL, code: "deadline-reached" }]);
  });

  it("a cached CRL counts up to its nextUpdate, that instant included (RFC 5280 section 6.3.3 (a)), as crl-check counts it", async () => {
    const net = new OpensslNetwork();
    net.down.add(OCSP_URL);
    const store = new MemoryStore();
    const first = await checkChainRevocation(chain, context(net, store, { policy: signerOnly() }));
    const nextUpdate = new Date(first.evidence[0]!.nextUpdate!);
    const atTheEnd = await checkChainRevocation(chain, context(net, store, { policy: signerOnly({ validationTime: nextUpdate }) }));
    expect(sources(atTheEnd.evidence)[0]).toMatchObject({ status: "good", source: "crl", fromCache: true });
    expect(net.requests.filter((x) => x === `GET ${INTER_CRL}`)).toHaveLength(1);
  });

  it("a cached CRL without nextUpdate (RFC 5280 section 5.1.2.5 allows it to be left out) is used, and its answer's nextUpdate is null", async () => {
    const net = new OpensslNetwork();
    net.down.add(OCSP_URL);
    const store = new MemoryStore();
    await checkChainRevocation(chain, context(net, store, { policy: signerOnly() }));
    const [key] = await store.list("revocation/crl/");
    await store.put(key!, pki.craftCrl("Inter", { thisUpdate: new Date(Date.now() - DAY), nextUpdate: null, crlNumber: { value: 9000, critical: false } }));
    const r = await checkChainRevocation(chain, context(net, store, { policy: signerOnly({ validationTime: new Date(Date.now() + 400 * DAY) }) }));
    expect(sources(r.evidence)[0]).toMatchObject({ status: "good", source: "crl", fromCache: true });
    expect(r.evidence[0]!.nextUpdate).toBeNull();
    expect(net.requests.filter((x) => x === `GET ${INTER_CRL}`)).toHaveLength(1);
  });

  it("a response the certificate's issuer did not authorise, and no CRL to be had: revocation-response-invalid", async () => {
    const net = new OpensslNetwork();
    net.ocspSigner = "NotAResponder";
    net.down.add(INTER_CRL);
    const r = await checkChainRevocation(chain, context(net, new MemoryStore(), { policy: signerOnly() }));
    expect(r.evidence[0]!.problems).toEqual([
      { source: "ocsp", url: OCSP_URL, code: "ocsp-responder-lacks-eku" },
      { source: "crl", url: INTER_CRL, code: "fetch-failed", error: "network", detail: "down for the test" },
    ]);
    expect(r.issues.map((i) => i.code)).toEqual(["revocation-response-invalid"]);
  });
});

describe("summarizeRevocation", () => {
  it("revoked over unknown over good; good with unchecked CAs above is good; nothing checked is not-checked", () => {
    const e = (status: "good" | "revoked" | "unknown" | "not-checked") => ({ certificate: 0, status });
    expect([
      summarizeRevocation([e("good"), e("revoked"), e("unknown")]),
      summarizeRevocation([e("good"), e("unknown")]),
      summarizeRevocation([e("good"), e("not-checked")]),
      summarizeRevocation([e("not-checked")]),
      summarizeRevocation([]),
    ]).toEqual(["revoked", "unknown", "good", "not-checked", "not-checked"]);
  });
});
