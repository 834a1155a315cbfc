/**
 * The answer for one signer (src/core/signer/signer-trust.ts) from the path search's attempts:
 * the trust status, the attempts shown beside the closest one, the intermediates remembered for
 * next time, and a CRL signer's path, which is sought without the network. Certificates by
 * `openssl ca`; the trust store and sources are the core's own.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AiaIssuerSource, CertificatePool, TrustStore, type CertificateView, type FetchRequest, type FetchResult, type Fetcher } from "../../src/core/index.js";
import { smimeProfile } from "../../src/core/policy/profile.js";
import { crlSignerPath, judgeSigner } from "../../src/core/signer/signer-trust.js";
import { ScenarioPki } from "../helpers/scenario-pki.js";

const DAY = 86_400_000;
const past = (days: number): Date => new Date(Date.now() - days * DAY);
const INTER = "/O=Signet Scenario/CN=Inter";

let pki: ScenarioPki;
let views: Map<string, CertificateView>;
const v = (name: string): CertificateView => views.get(name)!;

beforeAll(() => {
  pki = new ScenarioPki();
  views = pki.buildViews([
    { name: "Root", notBefore: past(1000) },
    { name: "Inter", issuer: "Root", notBefore: past(200) },
    { name: "Leaf", issuer: "Inter", email: "alice@example.org", caIssuers: "http://aia.example/inter.cer" },
    // Inter's name and key, expired: one problem, at the intermediate.
    { name: "ExpiredInter", issuer: "Root", ca: true, subject: INTER, keyOf: "Inter", notBefore: past(300), notAfter: past(1) },
    // The same, expired and without basicConstraints: two problems, so never the closest.
    { name: "WorseInter", issuer: "Root", ca: "absent", keyUsage: "absent", subject: INTER, keyOf: "Inter", notBefore: past(400), notAfter: past(2) },
    // Inter's name with another key: its signature on Leaf does not verify, and no anchor is reached through it.
    { name: "OtherKeyInter", issuer: "Root", ca: true, subject: INTER, notBefore: past(100) },
    { name: "Root2", notBefore: past(1000) },
    { name: "Orphan", issuer: "Root2", email: "orphan@example.org" },
  ]);
});
afterAll(() => pki.cleanup());

const policy = () => smimeProfile();
const anchors = (...names: string[]) => TrustStore.create(names.map((n) => ({ certificate: v(n), source: "option" as const })));

/** A Fetcher that records what it is asked and answers nothing. */
class RecordingFetcher implements Fetcher {
  asked: string[] = [];
  async fetch(r: FetchRequest): Promise<FetchResult> {
    this.asked.push(r.url);
    return { ok: false, error: "network", detail: "no network in this test" };
  }
}

describe("judgeSigner", () => {
  it("a valid path: trusted, no attempts listed, no key of its own to report, and the intermediate (only it) remembered", async () => {
    const cache = new CertificatePool("cache");
    const r = await judgeSigner(v("Leaf"), [v("Inter")], { store: await anchors("Root"), cache }, policy());
    expect(r.trust).toBe("trusted");
    expect(Object.keys(r)).not.toContain("pathAttempts");
    expect(Object.keys(r)).not.toContain("leafKey");
    expect(r.path).toEqual([v("Leaf"), v("Inter"), v("Root")]);
    expect([cache.size, await cache.issuersOf(v("Leaf"))]).toEqual([1, [v("Inter")]]);
  });

  it("reached the root but invalid: invalid; the closest attempt is the chain, the others are listed with each problem where it stands", async () => {
    const cache = new CertificatePool("cache");
    const r = await judgeSigner(v("Leaf"), [v("ExpiredInter"), v("WorseInter"), v("OtherKeyInter")], { store: await anchors("Root"), cache }, policy());
    expect(r.trust).toBe("invalid");
    expect(r.chain.map((c) => c.subject)).toEqual(["O=Signet Scenario, CN=Leaf", "O=Signet Scenario, CN=Inter", "O=Signet Scenario, CN=Root"]);
    expect(r.issues.map((i) => [i.code, i.certificate])).toEqual([["expired", 1]]);
    expect(r.pathAttempts).toEqual([
      {
        subjects: ["O=Signet Scenario, CN=Leaf", "O=Signet Scenario, CN=Inter", "O=Signet Scenario, CN=Root"],
        reachedAnchor: true,
        problems: [
          { code: "expired", certificate: 1 },
          { code: "not-a-ca", certificate: 1 },
        ],
      },
      { subjects: ["O=Signet Scenario, CN=Leaf", "O=Signet Scenario, CN=Inter"], reachedAnchor: false, problems: [{ code: "bad-certificate-signature", certificate: 0 }] },
    ]);
    // Nothing from a path that failed is remembered.
    expect(cache.size).toBe(0);
  });

  it("no anchor reached: untrusted, and the dead end is the closest attempt", async () => {
    const r = await judgeSigner(v("Orphan"), [v("Root2")], { store: await anchors("Root") }, policy());
    expect(r.trust).toBe("untrusted");
    expect(r.issues.map((i) => i.code)).toEqual(["untrusted-root"]);
    expect(r.pathAttempts).toEqual([]);
  });
});

describe("crlSignerPath", () => {
  it("seeks a CRL signer's path from the message and the cache only: AIA is asked for a signer, never for a CRL signer", async () => {
    const fetcher = new RecordingFetcher();
    const cache = new CertificatePool("cache");
    const inputs = { store: await anchors("Root"), cache, remote: [new AiaIssuerSource(fetcher, cache)] };
    expect(await crlSignerPath(v("Leaf"), [], inputs, policy())).toBeNull();
    expect(fetcher.asked).toEqual([]);
    await judgeSigner(v("Leaf"), [], inputs, policy());
    expect(fetcher.asked).toEqual(["http://aia.example/inter.cer"]);
    // With its issuer at hand it has a path, judged without the S/MIME signer's rules.
    expect(await crlSignerPath(v("Leaf"), [v("Inter")], inputs, policy())).toEqual([v("Leaf"), v("Inter"), v("Root")]);
  });
});
