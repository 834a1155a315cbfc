/**
 * Trust scenarios: one table row per PKI shape, built by `openssl ca`, with the
 * expected trust status and the expected issues per certificate (by name).
 * Messages are signed by `openssl cms -sign` and carry the `include` certificates.
 */
import { spawnSync } from "node:child_process";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AiaIssuerSource, CertificatePool, inspectMessage, TrustStore, type SecurityReport, type TrustStatus } from "../../src/core/index.js";
// The responders here listen on 127.0.0.1, which the default Fetcher refuses (private-address.ts).
import { privateNetworkFetcher } from "../../src/cli/node-fetcher.js";
import { ed25519SignedData, multipartSigned } from "../helpers/cms-build.js";
import { signers } from "../helpers/inspect.js";
import { assertReportInvariants } from "../helpers/invariants.js";
import { ScenarioPki, type CertSpec } from "../helpers/scenario-pki.js";

const DAY = 86_400_000;
const now = Date.now();
const past = (days: number): Date => new Date(now - days * DAY);
const future = (days: number): Date => new Date(now + days * DAY);
const EMAIL = "alice@example.org";

interface Scenario {
  name: string;
  certs: CertSpec[];
  /** Certificates carried in the message besides the signer's. */
  include?: string[];
  anchors: string[];
  distrust?: string[];
  /** Serve the missing intermediate over AIA: as a DER certificate, or as a certs-only PKCS#7. */
  aia?: "der" | "p7c";
  trust: TrustStatus;
  /** "code@CertName", in any order. */
  issues: string[];
  /** The chain reported, leaf first. */
  chain?: string[];
}

const leaf = (issuer: string, extra: Partial<CertSpec> = {}): CertSpec => ({ name: "Leaf", issuer, email: EMAIL, ...extra });

const SCENARIOS: Scenario[] = [
  {
    name: "a complete chain to a trusted root",
    certs: [{ name: "Root" }, { name: "Inter", issuer: "Root" }, leaf("Inter")],
    include: ["Inter"],
    anchors: ["Root"],
    trust: "trusted",
    issues: [],
    chain: ["Leaf", "Inter", "Root"],
  },
  {
    name: "an expired signer certificate",
    certs: [{ name: "Root" }, { name: "Inter", issuer: "Root" }, leaf("Inter", { notBefore: past(400), notAfter: past(30) })],
    include: ["Inter"],
    anchors: ["Root"],
    trust: "invalid",
    issues: ["expired@Leaf"],
  },
  {
    name: "an expired intermediate",
    certs: [{ name: "Root" }, { name: "Inter", issuer: "Root", notBefore: past(400), notAfter: past(30) }, leaf("Inter")],
    include: ["Inter"],
    anchors: ["Root"],
    trust: "invalid",
    issues: ["expired@Inter"],
  },
  {
    // NSS and OpenSSL check a trust anchor's validity too (test below: OpenSSL's verdict).
    name: "a trusted root that has expired",
    certs: [{ name: "Root", notBefore: past(1000), notAfter: past(30) }, { name: "Inter", issuer: "Root" }, leaf("Inter")],
    include: ["Inter"],
    anchors: ["Root"],
    trust: "invalid",
    issues: ["expired@Root"],
  },
  {
    name: "a trusted root not valid yet",
    certs: [{ name: "Root", notBefore: future(30), notAfter: future(1000) }, { name: "Inter", issuer: "Root" }, leaf("Inter")],
    include: ["Inter"],
    anchors: ["Root"],
    trust: "invalid",
    issues: ["not-yet-valid@Root"],
  },
  {
    name: "a signer certificate not valid yet",
    certs: [{ name: "Root" }, { name: "Inter", issuer: "Root" }, leaf("Inter", { notBefore: future(30), notAfter: future(400) })],
    include: ["Inter"],
    anchors: ["Root"],
    trust: "invalid",
    issues: ["not-yet-valid@Leaf"],
  },
  {
    name: "an intermediate not valid yet",
    certs: [{ name: "Root" }, { name: "Inter", issuer: "Root", notBefore: future(30), notAfter: future(400) }, leaf("Inter")],
    include: ["Inter"],
    anchors: ["Root"],
    trust: "invalid",
    issues: ["not-yet-valid@Inter"],
  },
  {
    name: "a missing intermediate with no AIA: unknown-issuer, naming the missing CA",
    certs: [{ name: "Root" }, { name: "Inter", issuer: "Root" }, leaf("Inter")],
    anchors: ["Root"],
    trust: "untrusted",
    issues: ["unknown-issuer@Leaf"],
  },
  {
    name: "a missing intermediate found through AIA on a loopback server",
    certs: [{ name: "Root" }, { name: "Inter", issuer: "Root" }, leaf("Inter", { caIssuers: "AIA_URL" })],
    anchors: ["Root"],
    aia: "der",
    trust: "trusted",
    issues: [],
    chain: ["Leaf", "Inter", "Root"],
  },
  {
    name: "a missing intermediate found through AIA as a certs-only PKCS#7 (RFC 5280 section 4.2.2.1)",
    certs: [{ name: "Root" }, { name: "Inter", issuer: "Root" }, leaf("Inter", { caIssuers: "AIA_URL" })],
    anchors: ["Root"],
    aia: "p7c",
    trust: "trusted",
    issues: [],
    chain: ["Leaf", "Inter", "Root"],
  },
  {
    name: "a root the user does not trust",
    certs: [{ name: "Root" }, { name: "Inter", issuer: "Root" }, leaf("Inter")],
    include: ["Inter", "Root"],
    anchors: [],
    trust: "untrusted",
    issues: ["untrusted-root@Root"],
  },
  {
    name: "an issuing CA without basicConstraints",
    certs: [{ name: "Root" }, { name: "Inter", issuer: "Root", ca: "absent", keyUsage: "critical,keyCertSign,cRLSign" }, leaf("Inter")],
    include: ["Inter"],
    anchors: ["Root"],
    trust: "invalid",
    issues: ["not-a-ca@Inter"],
  },
  {
    name: "path length exceeded (pathlen:0 above another CA)",
    certs: [{ name: "Root" }, { name: "Inter1", issuer: "Root", pathLen: 0 }, { name: "Inter2", issuer: "Inter1" }, leaf("Inter2")],
    include: ["Inter1", "Inter2"],
    anchors: ["Root"],
    trust: "invalid",
    issues: ["path-length-exceeded@Inter2"],
  },
  {
    name: "a CA whose keyUsage lacks keyCertSign",
    certs: [{ name: "Root" }, { name: "Inter", issuer: "Root", keyUsage: "critical,digitalSignature" }, leaf("Inter")],
    include: ["Inter"],
    anchors: ["Root"],
    trust: "invalid",
    issues: ["key-usage@Inter"],
  },
  {
    name: "a signer whose keyUsage allows only encryption",
    certs: [{ name: "Root" }, leaf("Root", { keyUsage: "critical,keyAgreement" })],
    anchors: ["Root"],
    trust: "invalid",
    issues: ["key-usage@Leaf"],
  },
  {
    name: "a signer certificate for TLS clients, not email (no emailProtection)",
    certs: [{ name: "Root" }, leaf("Root", { eku: "clientAuth" })],
    anchors: ["Root"],
    trust: "invalid",
    issues: ["missing-email-protection@Leaf"],
  },
  {
    name: "an intermediate restricted to TLS (nested EKU)",
    certs: [{ name: "Root" }, { name: "Inter", issuer: "Root", eku: "serverAuth" }, leaf("Inter")],
    include: ["Inter"],
    anchors: ["Root"],
    trust: "invalid",
    issues: ["missing-email-protection@Inter"],
  },
  {
    name: "name constraints: the CA may only issue for .example.com, the signer is at example.org",
    certs: [{ name: "Root" }, { name: "Inter", issuer: "Root", nameConstraints: "critical,permitted;email:.example.com" }, leaf("Inter")],
    include: ["Inter"],
    anchors: ["Root"],
    trust: "invalid",
    issues: ["name-constraints-violated@Leaf"],
  },
  {
    name: "name constraints: a host constraint (example.org) does not admit a mailbox at a host below it (RFC 5280 section 4.2.1.10)",
    certs: [{ name: "Root" }, { name: "Inter", issuer: "Root", nameConstraints: "critical,permitted;email:example.org" }, leaf("Inter", { email: "alice@mail.example.org" })],
    include: ["Inter"],
    anchors: ["Root"],
    trust: "invalid",
    issues: ["name-constraints-violated@Leaf"],
  },
  {
    name: "name constraints met",
    certs: [{ name: "Root" }, { name: "Inter", issuer: "Root", nameConstraints: "critical,permitted;email:example.org" }, leaf("Inter")],
    include: ["Inter"],
    anchors: ["Root"],
    trust: "trusted",
    issues: [],
  },
  {
    name: "a cross-signed intermediate: the newest candidate is expired, the other is good",
    certs: [
      { name: "RootA" },
      { name: "RootB" },
      { name: "InterB", issuer: "RootB", ca: true, subject: "/O=Signet Scenario/CN=Inter", notBefore: past(900), notAfter: future(900) },
      { name: "InterA", issuer: "RootA", subject: "/O=Signet Scenario/CN=Inter", keyOf: "InterB", notBefore: past(100), notAfter: past(1) },
      leaf("InterA"),
    ],
    include: ["InterA", "InterB"],
    anchors: ["RootA", "RootB"],
    trust: "trusted",
    issues: [],
    chain: ["Leaf", "Inter", "RootB"],
  },
  {
    name: "a distrusted intermediate is never used, though its root is trusted",
    certs: [{ name: "Root" }, { name: "Inter", issuer: "Root" }, leaf("Inter")],
    include: ["Inter"],
    anchors: ["Root"],
    distrust: ["Inter"],
    trust: "untrusted",
    issues: ["distrusted@Inter"],
  },
  {
    name: "a signer certificate signed by its CA with SHA-1 (RFC 8551 section 2.1): weak-digest on it",
    certs: [{ name: "Root" }, { name: "Inter", issuer: "Root" }, leaf("Inter", { md: "sha1" })],
    include: ["Inter"],
    anchors: ["Root"],
    trust: "invalid",
    issues: ["weak-digest@Leaf"],
  },
  {
    name: "an intermediate signed by its root with SHA-1: weak-digest on it",
    certs: [{ name: "Root" }, { name: "Inter", issuer: "Root", md: "sha1" }, leaf("Inter")],
    include: ["Inter"],
    anchors: ["Root"],
    trust: "invalid",
    issues: ["weak-digest@Inter"],
  },
  {
    name: "an issuing certificate with basicConstraints CA:FALSE (RFC 5280 section 6.1.4 (k))",
    certs: [{ name: "Root" }, { name: "Inter", issuer: "Root", ca: false, keyUsage: "critical,keyCertSign,cRLSign" }, leaf("Inter")],
    include: ["Inter"],
    anchors: ["Root"],
    trust: "invalid",
    issues: ["not-a-ca@Inter"],
  },
  {
    name: "an explicit policy required (requireExplicitPolicy:0) and none asserted below (RFC 5280 section 6.1.5 (g))",
    certs: [{ name: "Root" }, { name: "Inter", issuer: "Root", policyConstraints: "critical,requireExplicitPolicy:0" }, leaf("Inter")],
    include: ["Inter"],
    anchors: ["Root"],
    trust: "invalid",
    issues: ["policy-violation@Leaf"],
  },
  {
    name: "an explicit policy required from the second intermediate on: the path fails there (RFC 5280 section 6.1.3 (f))",
    certs: [
      { name: "Root" },
      { name: "Inter1", issuer: "Root", policyConstraints: "critical,requireExplicitPolicy:0" },
      { name: "Inter2", issuer: "Inter1" },
      leaf("Inter2"),
    ],
    include: ["Inter1", "Inter2"],
    anchors: ["Root"],
    trust: "invalid",
    issues: ["policy-violation@Inter2"],
  },
  {
    name: "the signer's own certificate requires an explicit policy and asserts none (RFC 5280 section 6.1.5 (b), (g))",
    certs: [{ name: "Root" }, { name: "Inter", issuer: "Root" }, leaf("Inter", { policyConstraints: "critical,requireExplicitPolicy:0" })],
    include: ["Inter"],
    anchors: ["Root"],
    trust: "invalid",
    issues: ["policy-violation@Leaf"],
  },
  {
    name: "an explicit policy required and asserted on every certificate below the root",
    certs: [
      { name: "Root" },
      { name: "Inter", issuer: "Root", policyConstraints: "critical,requireExplicitPolicy:0", policies: "1.3.6.1.4.1.99999.1" },
      leaf("Inter", { policies: "1.3.6.1.4.1.99999.1" }),
    ],
    include: ["Inter"],
    anchors: ["Root"],
    trust: "trusted",
    issues: [],
  },
  {
    // Leaf -> CA1 (by CA2) -> CA2 (by CA1) -> CA1 again is a loop and is not taken: the search
    // ends at CA2 with nobody else to issue it.
    name: "a loop of cross-certificates ends quickly",
    certs: [
      { name: "CA1" },
      { name: "CA2" },
      { name: "CA1byCA2", issuer: "CA2", subject: "/O=Signet Scenario/CN=CA1", keyOf: "CA1", ca: true },
      { name: "CA2byCA1", issuer: "CA1", subject: "/O=Signet Scenario/CN=CA2", keyOf: "CA2", ca: true },
      leaf("CA1"),
    ],
    include: ["CA1byCA2", "CA2byCA1"],
    anchors: [],
    trust: "untrusted",
    // CA2 is drawn in the chain: a loop, not an issuer that could not be found.
    issues: ["issuer-loop@CA2"],
  },
];

let server: Server;
let served = new Uint8Array();
let aiaUrl = "";
let requests = 0;

beforeAll(async () => {
  server = createServer((_req, res) => {
    requests++;
    res.writeHead(200, { "content-type": "application/pkix-cert" });
    res.end(served);
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  aiaUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/inter.cer`;
});
afterAll(() => new Promise<void>((done) => server.close(() => done())));

function nameOf(report: SecurityReport, index: number): string {
  const subject = signers(report)[0]!.chain[index]?.subject ?? "";
  return /CN=([^,]+)/.exec(subject)?.[1] ?? `#${index}`;
}

async function run(s: Scenario): Promise<SecurityReport> {
  const pki = new ScenarioPki();
  try {
    const certs = s.certs.map((c) => (c.caIssuers === "AIA_URL" ? { ...c, caIssuers: aiaUrl } : c));
    pki.build(certs);
    if (s.aia === "der") served = new Uint8Array(pki.run(["x509", "-in", pki.get("Inter").cert, "-outform", "DER"]));
    if (s.aia === "p7c") served = new Uint8Array(pki.run(["crl2pkcs7", "-nocrl", "-certfile", pki.get("Inter").cert, "-outform", "DER"]));
    const leafCert = pki.get("Leaf");
    const msg = pki.sign({ signers: [{ who: leafCert }], content: "Content-Type: text/plain\n\nscenario\n", extraCerts: (s.include ?? []).map((n) => pki.get(n).cert) });
    const view = (n: string) => pki.view(n);
    const store = await TrustStore.create(
      s.anchors.map((n) => ({ certificate: view(n), source: "option" as const })),
      await Promise.all((s.distrust ?? []).map((n) => view(n).fingerprintHex())),
    );
    const cache = new CertificatePool("cache");
    const trust = { store, cache, remote: s.aia ? [new AiaIssuerSource(privateNetworkFetcher, cache)] : [] };
    const r = await inspectMessage(msg, { clock: { now: () => new Date() } }, { trust });
    assertReportInvariants(r);
    return r;
  } finally {
    pki.cleanup();
  }
}

describe("trust scenarios built with openssl ca", () => {
  for (const s of SCENARIOS) {
    it(s.name, async () => {
      const r = await run(s);
      const signer = signers(r)[0]!;
      if (process.env.SIGNET_DEBUG) console.log(JSON.stringify({ chain: signer.chain.map((c) => c.subject), attempts: signer.pathAttempts, issues: r.issues }, null, 1));
      expect(r.signature).toBe("valid");
      expect(signer.trust).toBe(s.trust);
      expect(r.trust).toBe(s.trust);
      const pathCodes = new Set(["expired", "not-yet-valid", "unknown-issuer", "untrusted-root", "issuer-loop", "distrusted", "bad-certificate-signature", "not-a-ca", "path-length-exceeded", "key-usage", "missing-email-protection", "name-constraints-violated", "policy-violation", "unhandled-critical-extension", "path-search-limit", "weak-digest"]);
      const found = r.issues.filter((i) => pathCodes.has(i.code)).map((i) => {
        // distrusted issues may name a certificate beyond the reported chain: resolve by subject.
        const name = i.code === "distrusted" ? /CN=([^,]+)/.exec(String(i.params.subject))?.[1] : nameOf(r, i.where.certificate ?? 0);
        return `${i.code}@${name}`;
      });
      expect(found.sort()).toEqual([...s.issues].sort());
      if (s.chain) expect(signer.chain.map((_, i) => nameOf(r, i))).toEqual(s.chain);
      if (s.trust === "trusted") {
        expect(r.verdict).toBe("verified");
        expect(signer.anchorSource).toBe("option");
      } else expect(r.verdict).not.toBe("verified");
    });
  }

  it("an expired trusted root fails the path as OpenSSL fails it (certificate has expired, at the root's depth); a signer trusted directly is judged once", async () => {
    const pki = new ScenarioPki();
    try {
      pki.build([{ name: "Root", notBefore: past(1000), notAfter: past(30) }, { name: "Inter", issuer: "Root" }, leaf("Inter"), { name: "Self", ca: false, email: EMAIL, notBefore: past(400), notAfter: past(30) }]);
      const peer = spawnSync("openssl", ["verify", "-CAfile", pki.get("Root").cert, "-untrusted", pki.get("Inter").cert, pki.get("Leaf").cert], { cwd: pki.path("."), encoding: "utf8" });
      expect([peer.status, peer.stdout + peer.stderr]).toEqual([2, expect.stringMatching(/error 10 at 2 depth lookup: certificate has expired/)]);
      // The expired self-signed signer, trusted as its own anchor: one finding, on the signer.
      const msg = pki.sign({ signers: [{ who: pki.get("Self") }], content: "Content-Type: text/plain\n\nself\n" });
      const trust = { store: await TrustStore.create([{ certificate: pki.view("Self"), source: "option" as const }]) };
      const r = await inspectMessage(msg, { clock: { now: () => new Date() } }, { trust });
      expect(r.issues.filter((i) => i.code === "expired").map((i) => i.where.certificate)).toEqual([0]);
    } finally {
      pki.cleanup();
    }
  });

  it("the depth limit counts every certificate of the path, the root too: four is enough for a four-certificate path, three is not", async () => {
    const pki = new ScenarioPki();
    try {
      pki.build([{ name: "Root" }, { name: "Inter1", issuer: "Root" }, { name: "Inter2", issuer: "Inter1" }, leaf("Inter2")]);
      const msg = pki.sign({ signers: [{ who: pki.get("Leaf") }], content: "Content-Type: text/plain\n\ndepth\n", extraCerts: [pki.get("Inter1").cert, pki.get("Inter2").cert] });
      const trust = { store: await TrustStore.create([{ certificate: pki.view("Root"), source: "option" as const }]) };
      const at = (maxDepth: number) => inspectMessage(msg, { clock: { now: () => new Date() } }, { trust, pathBudget: { maxDepth } });
      expect(signers(await at(4))[0]!.trust).toBe("trusted");
      const short = await at(3);
      expect(signers(short)[0]!.trust).toBe("untrusted");
      expect(short.issues.find((i) => i.code === "path-search-limit")?.params).toEqual({ limit: "maxDepth", value: 3 });
    } finally {
      pki.cleanup();
    }
  });

  it("validating at the signing time accepts a certificate that expired since, and says on whose word", async () => {
    // An Ed25519 signer whose certificate expired 30 days ago, on a message that claims to be
    // signed 100 days ago (the SignedData is assembled here; `openssl pkeyutl` makes the signature).
    const pki = new ScenarioPki();
    try {
      // The root valid since long before the signing time: an anchor is checked at that time too.
      pki.build([{ name: "Root", notBefore: past(1000) }, leaf("Root", { key: "ed25519", notBefore: past(400), notAfter: past(30) })]);
      const part = "Content-Type: text/plain\r\n\r\nold news\r\n";
      const der = ed25519SignedData(Buffer.from(part), pki.read(pki.get("Leaf").cert).toString(), (data) => {
        pki.write("attrs.der", data);
        return pki.run(["pkeyutl", "-sign", "-rawin", "-inkey", pki.get("Leaf").key, "-in", "attrs.der"]);
      }, past(100));
      const msg = Buffer.from(multipartSigned(`Date: ${past(100).toUTCString()}\r\nFrom: ${EMAIL}\r\n`, part, der), "latin1");
      const view = pki.view("Root");
      const trust = { store: await TrustStore.create([{ certificate: view, source: "option" as const }]) };
      const today = await inspectMessage(msg, { clock: { now: () => new Date() } }, { trust });
      expect([signers(today)[0]!.trust, today.issues.map((i) => i.code)]).toEqual(["invalid", ["expired"]]);
      const then = await inspectMessage(msg, { clock: { now: () => new Date() } }, { trust, validateAtSigningTime: true });
      expect(signers(then)[0]!.trust).toBe("trusted");
      expect(then.issues.map((i) => [i.code, i.severity, i.params])).toEqual([["validated-at-signing-time", "warning", { signingTime: signers(then)[0]!.signingTime }]]);
      expect(Math.abs(Date.parse(signers(then)[0]!.signingTime!) - past(100).getTime())).toBeLessThan(1000);
      expect(then.verdict).toBe("warning");
    } finally {
      pki.cleanup();
    }
  });

  it("a message full of look-alike issuers exhausts the budget: path-search-limit, not a hang", async () => {
    // Five CAs named "Inter" with the same key identifier but five different keys: only the oldest
    // signed the leaf, and newer candidates are tried first. With room for three signature checks
    // the search must stop and say so.
    const pki = new ScenarioPki();
    try {
      pki.build([{ name: "Root" }, { name: "Inter", issuer: "Root", notBefore: past(100) }, leaf("Inter")]);
      const ski = /Subject Key Identifier:\s*\n\s*([0-9A-F:]+)/.exec(pki.run(["x509", "-in", pki.get("Inter").cert, "-noout", "-text"]).toString())![1]!.replace(/:/g, "");
      const decoys: CertSpec[] = [1, 2, 3, 4].map((i) => ({ name: `Decoy${i}`, issuer: "Root", ca: true, ski, subject: "/O=Signet Scenario/CN=Inter", notBefore: past(10 + i) }));
      pki.build(decoys);
      const msg = pki.sign({ signers: [{ who: pki.get("Leaf") }], content: "Content-Type: text/plain\n\nx\n", extraCerts: [...decoys.map((d) => pki.get(d.name).cert), pki.get("Inter").cert] });
      const view = pki.view("Root");
      const trust = { store: await TrustStore.create([{ certificate: view, source: "option" as const }]) };
      const tight = await inspectMessage(msg, { clock: { now: () => new Date() } }, { trust, pathBudget: { maxSignatureChecks: 3 } });
      expect(signers(tight)[0]!.trust).not.toBe("trusted");
      expect(tight.issues.map((i) => i.code)).toContain("path-search-limit");
      // With the default budget the same message validates: the decoys are tried and rejected.
      const roomy = await inspectMessage(msg, { clock: { now: () => new Date() } }, { trust });
      expect(signers(roomy)[0]!.trust).toBe("trusted");
    } finally {
      pki.cleanup();
    }
  });

  it("AIA answers are cached: a second message from the same sender costs no fetch", async () => {
    const s = SCENARIOS.find((x) => x.aia === "der")!;
    const before = requests;
    await run(s);
    expect(requests - before).toBe(1);
  });
});
