/**
 * The path search (src/core/path/builder.ts) driven directly: which candidate
 * issuer is tried first and why (RFC 4158 section 3.5), what each attempt
 * records, where the search stops (the budget, with its figures), and what it
 * says when nobody issued the top certificate. Certificates come from
 * `openssl ca`; the validator is the real one (validatePath), and the only
 * stand-in is the clock the deadline reads.
 */
import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AiaIssuerSource, CertificatePool, readCertificates, TrustStore, type CertificateView, type Fetcher } from "../../src/core/index.js";
import { buildPath, rank, type BuildContext, type PathAttempt } from "../../src/core/path/builder.js";
import { DEFAULT_PATH_BUDGET, type PathBudget } from "../../src/core/path/budget.js";
import type { IssuerSource } from "../../src/core/path/issuer-source.js";
import { validatePath } from "../../src/core/policy/path-validation.js";
import { smimeProfile } from "../../src/core/policy/profile.js";
import { ScenarioPki, type CertSpec } from "../helpers/scenario-pki.js";

const DAY = 86_400_000;
const now = Date.now();
const past = (days: number): Date => new Date(now - days * DAY);

let pki: ScenarioPki;
const views = new Map<string, CertificateView>();
const cert = (name: string): CertificateView => views.get(name)!;
let interSki = "";

function load(specs: CertSpec[]): void {
  pki.build(specs);
  for (const s of specs) views.set(s.name, pki.view(s.name));
}

beforeAll(() => {
  pki = new ScenarioPki();
  load([
    { name: "Root", notBefore: past(1000) },
    { name: "Root2", notBefore: past(1000) },
    { name: "Inter", issuer: "Root", notBefore: past(200) },
    { name: "Leaf", issuer: "Inter", email: "alice@example.org", caIssuers: "http://aia.example/inter.cer" },
    // Inter's subject and key, issued by Root2 (a cross-certificate), newer than Inter.
    { name: "InterByRoot2", issuer: "Root2", ca: true, subject: "/O=Signet Scenario/CN=Inter", keyOf: "Inter", notBefore: past(100) },
    // The same, older than Inter.
    { name: "OldInterByRoot2", issuer: "Root2", ca: true, subject: "/O=Signet Scenario/CN=Inter", keyOf: "Inter", notBefore: past(300) },
    // Root's subject and key, issued by Root2, newer than Root.
    { name: "RootByRoot2", issuer: "Root2", ca: true, subject: "/O=Signet Scenario/CN=Root", keyOf: "Root", notBefore: past(50) },
    { name: "Orphan", issuer: "Root2", email: "orphan@example.org" },
    { name: "LeafOfRoot", issuer: "Root", email: "bob@example.org" },
    { name: "OrphanTls", issuer: "Root2", email: "orphan@example.org", eku: "clientAuth" },
    // Expired, and issued by a root nobody here trusts: both are to be told.
    { name: "ExpiredOrphan", issuer: "Root2", email: "orphan@example.org", notBefore: past(400), notAfter: past(2) },
    // A root whose Ed448 signatures Signet cannot verify, and an intermediate it signed.
    { name: "Ed448Root", key: "ed448", notBefore: past(1000) },
    { name: "InterByEd448", issuer: "Ed448Root", ca: true },
    { name: "LeafUnderEd448", issuer: "InterByEd448", email: "alice@example.org" },
    // Two CAs that certify each other, and a leaf below one of them: a loop.
    { name: "LoopA" },
    { name: "LoopB" },
    { name: "LoopAbyB", issuer: "LoopB", subject: "/O=Signet Scenario/CN=LoopA", keyOf: "LoopA", ca: true },
    { name: "LoopBbyA", issuer: "LoopA", subject: "/O=Signet Scenario/CN=LoopB", keyOf: "LoopB", ca: true },
    { name: "LoopLeaf", issuer: "LoopA", email: "alice@example.org" },
    // A root that is not marked a CA (trusted as an anchor all the same, RFC 5280 section 6.1.1 (d)),
    // and an expired leaf below it.
    { name: "NotCaRoot", ca: "absent", keyUsage: "absent", notBefore: past(1000) },
    { name: "ExpiredLeafOfNotCaRoot", issuer: "NotCaRoot", email: "alice@example.org", notBefore: past(400), notAfter: past(2) },
    // A DSA root and a leaf it signed; the root is also trusted below in a form without its DSA parameters.
    { name: "DsaRoot", key: "dsa:2048", notBefore: past(1000) },
    { name: "LeafOfDsaRoot", issuer: "DsaRoot", email: "alice@example.org" },
  ]);
  views.set("DsaRootBare", withoutDsaParameters("DsaRoot"));
  interSki = /Subject Key Identifier:\s*\n\s*([0-9A-F:]+)/.exec(pki.run(["x509", "-in", pki.get("Inter").cert, "-noout", "-text"]).toString())![1]!.replace(/:/g, "");
  load([
    // Inter's name and key identifier with another key, newer: a look-alike that did not sign Leaf.
    { name: "Decoy", issuer: "Root", ca: true, subject: "/O=Signet Scenario/CN=Inter", ski: interSki, notBefore: past(10) },
    // The same look-alike, older than Expired: tried after it.
    { name: "OldDecoy", issuer: "Root", ca: true, subject: "/O=Signet Scenario/CN=Inter", ski: interSki, notBefore: past(400) },
    // Inter's name with another key identifier, newer still.
    { name: "OtherKeyId", issuer: "Root", ca: true, subject: "/O=Signet Scenario/CN=Inter", notBefore: past(5) },
    { name: "Expired", issuer: "Root", ca: true, subject: "/O=Signet Scenario/CN=Inter", keyOf: "Inter", notBefore: past(300), notAfter: past(1) },
    // Inter's name without any key identifier, newer: once as an intermediate, once as a root of its own (a trust anchor).
    { name: "NoSkiInter", issuer: "Root", ca: true, subject: "/O=Signet Scenario/CN=Inter", ski: "none", notBefore: past(3) },
    { name: "NoSkiAnchor", ca: true, subject: "/O=Signet Scenario/CN=Inter", ski: "none", notBefore: past(2) },
  ]);
});
afterAll(() => pki.cleanup());

/**
 * The named DSA certificate with its key's parameters left out (RFC 3279 section 2.3.2 lets a
 * DSA key inherit them from its issuer), signed again by its own key with `openssl dgst`.
 */
function withoutDsaParameters(name: string): CertificateView {
  const der = pki.run(["x509", "-in", pki.get(name).cert, "-outform", "DER"]);
  const c = pkijs.Certificate.fromBER(new Uint8Array(der));
  c.subjectPublicKeyInfo.algorithm = new pkijs.AlgorithmIdentifier({ algorithmId: c.subjectPublicKeyInfo.algorithm.algorithmId });
  const tbs = new Uint8Array(c.encodeTBS().toBER(false));
  c.signatureValue = new asn1js.BitString({ valueHex: new Uint8Array(pki.run(["dgst", "-sha256", "-sign", pki.get(name).key], tbs)) });
  const bare = readCertificates(new Uint8Array(c.toSchema(true).toBER(false))).certificates[0]!;
  expect(bare.publicKey.kind).toBe("dsa-inherited");
  return bare;
}

interface Setup {
  anchors?: string[];
  distrust?: string[];
  message?: string[];
  remote?: IssuerSource[];
  budget?: Partial<PathBudget>;
  clock?: () => number;
}

async function search(leaf: string, s: Setup) {
  const store = await TrustStore.create(
    (s.anchors ?? []).map((n) => ({ certificate: cert(n), source: "option" as const })),
    await Promise.all((s.distrust ?? []).map((n) => cert(n).fingerprintHex())),
    (s.distrust ?? []).map(cert),
  );
  const policy = smimeProfile();
  const ctx: BuildContext = {
    store,
    sources: [new CertificatePool("message", (s.message ?? []).map(cert)), ...(s.remote ?? [])],
    validate: async (chain, anchor) => validatePath(chain, policy, anchor.constraints),
    budget: { ...DEFAULT_PATH_BUDGET, ...s.budget },
    now: s.clock ?? (() => 0),
  };
  return buildPath(cert(leaf), ctx);
}

const names = (a: PathAttempt): string[] => a.chain.map((c) => [...views].find(([, v]) => v === c)?.[0] ?? "?");
const summary = (a: PathAttempt) => ({ chain: names(a), codes: a.issues.map((i) => `${i.code}@${i.certificate}`), valid: a.valid });

describe("which issuer is tried first (RFC 4158 section 3.5)", () => {
  it("a matching key identifier beats a newer certificate of the same name without one", async () => {
    const r = await search("Leaf", { anchors: ["Root"], message: ["OtherKeyId", "Inter"] });
    expect(r.attempts.map(summary)).toEqual([{ chain: ["Leaf", "Inter", "Root"], codes: [], valid: true }]);
  });

  it("a candidate without a key identifier ranks below a matching one, even when it is newer, or a trust anchor", async () => {
    const r = await search("Leaf", { anchors: ["Root", "NoSkiAnchor"], message: ["Inter", "NoSkiInter"] });
    expect(r.attempts.map(summary)).toEqual([{ chain: ["Leaf", "Inter", "Root"], codes: [], valid: true }]);
    // Without a matching one it is still tried: the anchor first, then the newer intermediate.
    const alone = await search("Leaf", { anchors: ["Root", "NoSkiAnchor"], message: ["NoSkiInter"] });
    expect(alone.attempts.map(summary)).toEqual([
      { chain: ["Leaf", "NoSkiAnchor"], codes: ["bad-certificate-signature@0"], valid: false },
      { chain: ["Leaf", "NoSkiInter"], codes: ["bad-certificate-signature@0"], valid: false },
    ]);
  });

  it("among matching key identifiers the newest goes first; a wrong signature is recorded and the search goes on", async () => {
    const r = await search("Leaf", { anchors: ["Root"], message: ["Inter", "Decoy"] });
    expect(r.attempts.map(summary)).toEqual([
      { chain: ["Leaf", "Decoy"], codes: ["bad-certificate-signature@0"], valid: false },
      { chain: ["Leaf", "Inter", "Root"], codes: [], valid: true },
    ]);
    expect(r.attempts[0]!.issues[0]).toEqual({ code: "bad-certificate-signature", severity: "error", params: { issuer: "O=Signet Scenario, CN=Inter" }, certificate: 0 });
    expect(names(r.chosen!)).toEqual(["Leaf", "Inter", "Root"]);
    expect(r.best).toBe(r.chosen);
  });

  it("a trust anchor beats a newer certificate of the same name and key that is not one", async () => {
    const r = await search("LeafOfRoot", { anchors: ["Root", "Root2"], message: ["RootByRoot2"] });
    expect(r.attempts.map(summary)).toEqual([{ chain: ["LeafOfRoot", "Root"], codes: [], valid: true }]);
  });

  it("the newer of two good candidates is tried first, and a failed path is backtracked out of", async () => {
    // Expired and Inter share name and key; Inter is newer and valid.
    const r = await search("Leaf", { anchors: ["Root"], message: ["Expired", "Inter"] });
    expect(r.attempts.map(summary)).toEqual([{ chain: ["Leaf", "Inter", "Root"], codes: [], valid: true }]);
    const old = await search("Leaf", { anchors: ["Root"], message: ["Expired"] });
    expect(old.attempts.map(summary)).toEqual([{ chain: ["Leaf", "Expired", "Root"], codes: ["expired@1"], valid: false }]);
    expect(old.chosen).toBeNull();
  });

  it("a path that ends at an untrusted root is left for a cross-certificate to a trusted one", async () => {
    // Inter is newer than OldInterByRoot2, so it is tried first; its root is not trusted.
    const r = await search("Leaf", { anchors: ["Root2"], message: ["Inter", "OldInterByRoot2", "Root"] });
    expect(r.attempts.map(summary)).toEqual([
      { chain: ["Leaf", "Inter", "Root"], codes: ["untrusted-root@2"], valid: false },
      { chain: ["Leaf", "OldInterByRoot2", "Root2"], codes: [], valid: true },
    ]);
    expect(r.best).toBe(r.chosen);
  });
});

describe("dead ends", () => {
  it("nobody issued the top: unknown-issuer, with the issuer's name and the AIA addresses, as a warning", async () => {
    const r = await search("Leaf", { anchors: ["Root"] });
    expect(r.chosen).toBeNull();
    expect(r.attempts.map(summary)).toEqual([{ chain: ["Leaf"], codes: ["unknown-issuer@0"], valid: false }]);
    expect(r.best.issues).toEqual([
      { code: "unknown-issuer", severity: "warning", params: { issuer: "O=Signet Scenario, CN=Inter", caIssuers: ["http://aia.example/inter.cer"] }, certificate: 0 },
    ]);
  });

  it("a loop of cross-certificates: issuer-loop, naming the issuer that is already on the path", async () => {
    const r = await search("LoopLeaf", { message: ["LoopAbyB", "LoopBbyA"] });
    // LoopLeaf <- LoopAbyB <- LoopBbyA, whose issuer (LoopA's name and key) is LoopAbyB again.
    expect(names(r.best)).toEqual(["LoopLeaf", "LoopAbyB", "LoopBbyA"]);
    expect(r.best.issues).toEqual([{ code: "issuer-loop", severity: "warning", params: { issuer: "O=Signet Scenario, CN=LoopA" }, certificate: 2 }]);
  });

  it("a self-signed top nobody trusts: untrusted-root, naming it", async () => {
    const r = await search("Leaf", { message: ["Inter", "Root"] });
    expect(r.best.issues).toEqual([{ code: "untrusted-root", severity: "warning", params: { subject: "O=Signet Scenario, CN=Root" }, certificate: 2 }]);
    expect(names(r.best)).toEqual(["Leaf", "Inter", "Root"]);
  });

  it("a distrusted issuer is recorded as such and never used, though its own issuer is trusted", async () => {
    const r = await search("Leaf", { anchors: ["Root"], distrust: ["Inter"], message: ["Inter"] });
    expect(r.chosen).toBeNull();
    expect(r.attempts.map(summary)).toEqual([{ chain: ["Leaf", "Inter"], codes: ["distrusted@1"], valid: false }]);
    expect(r.best.issues[0]).toEqual({ code: "distrusted", severity: "error", params: { subject: "O=Signet Scenario, CN=Inter" }, certificate: 1 });
  });

  it("a distrusted anchor is not an anchor", async () => {
    const r = await search("Leaf", { anchors: ["Root"], distrust: ["Root"], message: ["Inter"] });
    expect(r.chosen).toBeNull();
    expect(r.attempts.map(summary)).toEqual([{ chain: ["Leaf", "Inter", "Root"], codes: ["distrusted@2"], valid: false }]);
  });

  it("the signer's own certificate as an anchor: a path of one, validated", async () => {
    const r = await search("Orphan", { anchors: ["Orphan"] });
    expect(r.attempts.map(summary)).toEqual([{ chain: ["Orphan"], codes: [], valid: true }]);
    const distrusted = await search("Orphan", { anchors: ["Orphan"], distrust: ["Orphan"] });
    expect(distrusted.chosen).toBeNull();
    // Trusted directly but not valid for mail: kept as an attempt, not chosen, and the search goes on above it.
    const tls = await search("OrphanTls", { anchors: ["OrphanTls"] });
    expect(tls.chosen).toBeNull();
    expect(tls.attempts.map(summary)).toEqual([
      { chain: ["OrphanTls"], codes: ["missing-email-protection@0"], valid: false },
      { chain: ["OrphanTls"], codes: ["unknown-issuer@0"], valid: false },
    ]);
  });

  it("an anchor reached but the path invalid: of the anchor only its validity is judged, not what a CA below it must be, so nothing is added", async () => {
    const r = await search("ExpiredLeafOfNotCaRoot", { anchors: ["NotCaRoot"] });
    expect(r.chosen).toBeNull();
    expect(summary(r.best)).toEqual({ chain: ["ExpiredLeafOfNotCaRoot", "NotCaRoot"], codes: ["expired@0"], valid: false });
  });

  it("no anchor reached: the closest attempt is still validated as if its top were trusted, and its defects are told, marked untrustedPath", async () => {
    // Root2 is in the message but trusted by nobody: "ExpiredOrphan -> Root2" is the closest attempt.
    const r = await search("ExpiredOrphan", { anchors: ["Root"], message: ["Root2"] });
    expect(r.chosen).toBeNull();
    expect(names(r.best)).toEqual(["ExpiredOrphan", "Root2"]);
    expect(r.best.issues.map((i) => [i.code, i.certificate, i.params.untrustedPath ?? false])).toEqual([
      ["untrusted-root", 1, false],
      ["expired", 0, true],
    ]);
    // Without Root2: a path of one, its issuer unknown, and still expired.
    const alone = await search("ExpiredOrphan", { anchors: ["Root"] });
    expect(alone.best.issues.map((i) => [i.code, i.certificate, i.params.untrustedPath ?? false])).toEqual([
      ["unknown-issuer", 0, false],
      ["expired", 0, true],
    ]);
  });

  it("an anchor whose DSA key inherits its parameters from nobody: the signature it made cannot be checked, and is said so", async () => {
    const r = await search("LeafOfDsaRoot", { anchors: ["DsaRootBare"] });
    expect(r.chosen).toBeNull();
    expect(summary(r.best)).toEqual({ chain: ["LeafOfDsaRoot", "DsaRootBare"], codes: ["unsupported-algorithm@0"], valid: false });
    expect(r.best.issues[0]).toEqual({ code: "unsupported-algorithm", severity: "error", params: { algorithm: "DSA with SHA-256", role: "certificate signature", why: "dsa-parameters-inherited" }, certificate: 0 });
    // The same root with its parameters: the path is good.
    expect((await search("LeafOfDsaRoot", { anchors: ["DsaRoot"] })).chosen).not.toBeNull();
  });

  it("a certificate signature Signet cannot check is unsupported-algorithm, not a bad signature", async () => {
    const r = await search("LeafUnderEd448", { anchors: ["Ed448Root"], message: ["InterByEd448"] });
    expect(r.chosen).toBeNull();
    expect(r.attempts.map((a) => a.issues)).toEqual([[{ code: "unsupported-algorithm", severity: "error", params: { algorithm: "Ed448", role: "certificate signature", why: "unknown-algorithm", value: "1.3.101.113" }, certificate: 1 }]]);
  });
});

describe("the budget (path/budget.ts)", () => {
  const limit = (r: Awaited<ReturnType<typeof search>>) => r.best.issues.find((i) => i.code === "path-search-limit");

  it("signature checks: a path of two signatures fits in two, not in one", async () => {
    const enough = await search("Leaf", { anchors: ["Root"], message: ["Inter"], budget: { maxSignatureChecks: 2 } });
    expect([enough.exhausted, enough.chosen !== null]).toEqual([false, true]);
    const short = await search("Leaf", { anchors: ["Root"], message: ["Inter"], budget: { maxSignatureChecks: 1 } });
    expect([short.exhausted, short.chosen]).toEqual([true, null]);
    expect(limit(short)).toEqual({ code: "path-search-limit", severity: "error", params: { signatureChecks: 2, steps: 2 }, certificate: 0 });
  });

  it("steps: each candidate considered is one; two fit in two, not in one", async () => {
    const enough = await search("Leaf", { anchors: ["Root"], message: ["Inter"], budget: { maxSteps: 2 } });
    expect(enough.chosen !== null).toBe(true);
    const short = await search("Leaf", { anchors: ["Root"], message: ["Inter"], budget: { maxSteps: 1 } });
    expect(short.chosen).toBeNull();
    expect(limit(short)?.params).toEqual({ signatureChecks: 1, steps: 2 });
  });

  it("depth: a path that would grow past the limit is cut there and said so", async () => {
    const r = await search("Leaf", { anchors: ["Root"], message: ["Inter"], budget: { maxDepth: 2 } });
    expect(r.chosen).toBeNull();
    expect(r.attempts.map(summary)).toEqual([{ chain: ["Leaf", "Inter"], codes: ["path-search-limit@1"], valid: false }]);
    expect(r.attempts[0]!.issues).toEqual([{ code: "path-search-limit", severity: "error", params: { limit: "maxDepth", value: 2 }, certificate: 1 }]);
    expect((await search("Leaf", { anchors: ["Root"], message: ["Inter"], budget: { maxDepth: 3 } })).chosen).not.toBeNull();
  });

  it("the deadline: the search stops once the clock passes it, not before", async () => {
    let t = 0;
    const still = await search("Leaf", { anchors: ["Root"], message: ["Inter"], budget: { deadlineMs: 0 }, clock: () => t });
    expect(still.chosen).not.toBeNull();
    const late = await search("Leaf", { anchors: ["Root"], message: ["Inter"], budget: { deadlineMs: 5 }, clock: () => (t += 10) });
    expect([late.exhausted, late.chosen]).toEqual([true, null]);
  });
});

describe("the certificate pool (issuer-source.ts)", () => {
  it("offers a certificate given twice once, and finds issuers by the child's issuer name", async () => {
    const pool = new CertificatePool("message", [cert("Inter"), cert("Inter"), cert("InterByRoot2"), cert("Root")]);
    expect(pool.size).toBe(3);
    expect(names({ chain: [...(await pool.issuersOf(cert("Leaf")))], anchor: null, issues: [], valid: false })).toEqual(["Inter", "InterByRoot2"]);
    expect(await pool.issuersOf(cert("Root2"))).toEqual([]);
  });
});

describe("remote sources (AIA) are asked last", () => {
  /** A Fetcher port that counts requests and answers with Inter's DER. */
  function fetcher(): Fetcher & { urls: string[] } {
    const der = new Uint8Array(pki.run(["x509", "-in", pki.get("Inter").cert, "-outform", "DER"]));
    const urls: string[] = [];
    return { urls, fetch: async (req) => (urls.push(req.url), { ok: true, status: 200, body: der, contentType: "application/pkix-cert" }) };
  }

  it("not asked when the message has the issuer; asked when it does not, and what it finds is cached", async () => {
    const f = fetcher();
    const cache = new CertificatePool("cache");
    const aia = new AiaIssuerSource(f, cache);
    const local = await search("Leaf", { anchors: ["Root"], message: ["Inter"], remote: [aia] });
    expect([local.chosen !== null, f.urls]).toEqual([true, []]);
    const fetched = await search("Leaf", { anchors: ["Root"], remote: [aia] });
    expect(names(fetched.chosen!)).toEqual(["Leaf", "?", "Root"]);
    expect(f.urls).toEqual(["http://aia.example/inter.cer"]);
    expect(cache.size).toBe(1);
    expect(aia.fetched).toEqual([{ url: "http://aia.example/inter.cer", outcome: "ok", certificates: 1 }]);
  });
});

describe("the attempt shown when nothing is valid (rank)", () => {
  const attempt = (over: Partial<PathAttempt>): PathAttempt => ({ chain: [cert("Leaf")], anchor: null, issues: [], valid: false, ...over });
  const anchor = { certificate: cert("Root"), source: "option" as const };
  const expired = { notAfter: "2026-01-01T00:00:00.000Z", at: "2026-06-01T00:00:00.000Z" };
  const problem = { code: "expired" as const, severity: "error" as const, params: expired, certificate: 0 };
  const note = { code: "expired" as const, severity: "info" as const, params: expired, certificate: 0 };

  it("valid first, then reaching an anchor, then fewer problems (notes not counted), then the longer path", () => {
    expect(rank(attempt({ valid: true, anchor, chain: [cert("Leaf"), cert("Inter"), cert("Root")] }))).toEqual([1, 1, -0, 3]);
    expect(rank(attempt({ issues: [problem, problem, note] }))).toEqual([0, 0, -2, 1]);
  });

  it("of two failed paths, the one that reached an anchor is shown, though it has more problems", async () => {
    // Leaf -> Expired -> Root reaches the anchor with one problem; Leaf -> Decoy fails its signature.
    const r = await search("Leaf", { anchors: ["Root"], message: ["Expired", "Decoy"] });
    expect(r.chosen).toBeNull();
    expect(r.attempts.map((a) => names(a))).toEqual([["Leaf", "Decoy"], ["Leaf", "Expired", "Root"]]);
    expect(names(r.best)).toEqual(["Leaf", "Expired", "Root"]);
  });

  it("the closest attempt is chosen wherever it stands: a worse one tried after it does not replace it; of equals, the first tried stays", async () => {
    const r = await search("Leaf", { anchors: ["Root"], message: ["Expired", "Decoy", "OldDecoy"] });
    expect(r.attempts.map((a) => names(a))).toEqual([["Leaf", "Decoy"], ["Leaf", "Expired", "Root"], ["Leaf", "OldDecoy"]]);
    expect(names(r.best)).toEqual(["Leaf", "Expired", "Root"]);
    const equals = await search("Leaf", { anchors: ["Root"], message: ["Decoy", "OldDecoy"] });
    expect([equals.attempts.map((a) => names(a)), names(equals.best)]).toEqual([[["Leaf", "Decoy"], ["Leaf", "OldDecoy"]], ["Leaf", "Decoy"]]);
  });
});
