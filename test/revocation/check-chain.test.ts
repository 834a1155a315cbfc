/**
 * Revocation of a whole path (src/core/revocation/check-chain.ts): which
 * source is asked in which order, what is cached and when a cached answer is
 * asked again, the deadline, and what each failed source leaves in the
 * evidence. The network is the Fetcher port (a host seam): here it answers
 * from OpenSSL's own material, the CA's CRLs from `openssl ca -gencrl` and
 * OCSP answers from `openssl ocsp` run on the request Signet sent.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FetchRequest, FetchResult, Fetcher } from "../../src/core/index.js";
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
  /** Days the OCSP responder's answers are valid (-ndays). */
  ocspDays = 1;
  /** Who signs the OCSP answers (a certificate of the PKI); the CA itself by default. */
  ocspSigner = "Inter";
  /** Answer every OCSP request with this response instead (an answer about another certificate, say). */
  ocspAnswer: Uint8Array | null = null;
  private n = 0;
  async fetch(r: FetchRequest): Promise<FetchResult> {
    this.requests.push(`${r.method} ${r.url.startsWith(OCSP_URL) ? OCSP_URL : r.url}`);
    if ([...this.down].some((u) => r.url.startsWith(u))) return { ok: false, error: "network", detail: "down for the test" };
    if (r.url === INTER_CRL) return ok(pki.gencrl("Inter"));
    if (r.url === ROOT_CRL) return ok(pki.gencrl("Root"));
    // OCSP: GET is refused here, so Signet posts (RFC 6960 appendix A.1 allows both).
    if (r.url.startsWith(OCSP_URL) && r.method === "POST" && r.body) {
      if (this.ocspAnswer) return ok(this.ocspAnswer);
      const id = this.n++;
      pki.write(`net-req-${id}.der`, r.body);
      const signer = pki.get(this.ocspSigner);
      pki.run(["ocsp", "-index", "index.txt", "-CA", pki.get("Inter").cert, "-rsigner", signer.cert, "-rkey", signer.key, "-reqin", `net-req-${id}.der`, "-respout", `net-resp-${id}.der`, "-ndays", String(this.ocspDays)]);
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
const sources = (evidence: { certificate: number; status: string; source?: string; url?: string; fromCache?: boolean; problems?: string[] }[]) =>
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
    expect(later.evidence[0]!.problems).toContain(`CRL ${INTER_CRL}: stale CRL`);
  });

  it("the OCSP responder out of reach: the CRL answers, and what failed stays in the evidence", async () => {
    const net = new OpensslNetwork();
    net.down.add(OCSP_URL);
    const r = await checkChainRevocation(chain, context(net, new MemoryStore()));
    expect(sources(r.evidence)[0]).toEqual({
      certificate: 0, status: "good", source: "crl", url: INTER_CRL, fromCache: false,
      problems: [`OCSP ${OCSP_URL}: POST network: down for the test`],
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
      { certificate: 0, status: "good", source: "ocsp", url: OCSP_URL, fromCache: false, problems: ["embedded OCSP: responder certificate lacks id-kp-OCSPSigning"] },
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
      { certificate: 0, status: "unknown", problems: [`OCSP ${OCSP_URL}: not tried, revocation deadline reached`, `CRL ${INTER_CRL}: not tried, revocation deadline reached`] },
    ]);
    expect(r.issues).toEqual([{ code: "revocation-unavailable", severity: "warning", params: { problems: r.evidence[0]!.problems }, certificate: 0 }]);
  });

  it("a certificate that publishes nothing and carries nothing: not-checked, quietly, in soft mode; unknown, an error, in hard mode", async () => {
    const quiet = ["Quiet", "Inter", "Root"].map((n) => pki.view(n));
    const soft = await checkChainRevocation(quiet, context(new OpensslNetwork(), new MemoryStore(), { policy: policy({ revocationDepth: "signer" }) }));
    expect([soft.evidence, soft.issues]).toEqual([[{ certificate: 0, status: "not-checked", problems: ["no revocation information published or attached"] }], []]);
    const hard = await checkChainRevocation(quiet, context(new OpensslNetwork(), new MemoryStore(), { policy: policy({ revocation: "hard", revocationDepth: "signer" }) }));
    expect(hard.issues).toEqual([{ code: "revocation-unknown", severity: "error", params: { problems: ["no revocation information published or attached"] }, certificate: 0 }]);
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
    expect(stale.evidence[0]!.problems).toEqual([`OCSP ${OCSP_URL}: POST network: down for the test`, `CRL ${INTER_CRL}: stale CRL`]);
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
      { certificate: 0, status: "good", source: "crl", url: INTER_CRL, fromCache: false, problems: [`OCSP ${OCSP_URL}: the answer is about another certificate`] },
    ]);
    const unauthorised = new OpensslNetwork();
    unauthorised.ocspSigner = "NotAResponder";
    const r = await checkChainRevocation(chain, context(unauthorised, new MemoryStore(), { policy: signerOnly() }));
    expect(r.evidence[0]!.problems).toEqual([`OCSP ${OCSP_URL}: responder certificate lacks id-kp-OCSPSigning`]);
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
