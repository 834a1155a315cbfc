/**
 * NIST PKITS, the tests whose verdict rests on CRLs (sections 4.4, 4.14, 4.15 and
 * 4.5.2, 4.5.5-4.5.8, 4.7.4, 4.7.5), run at the path level while revocation is
 * not yet wired into the report: build the path from the message's embedded
 * certificates, then check every certificate on it with RFC 5280 section 6.3.3
 * against the message's embedded CRLs. A status that cannot be determined fails
 * the path, as PKITS expects (hard-fail).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CertificatePool, CertificateView, DEFAULT_PATH_BUDGET, TrustStore } from "../../src/core/index.js";
import { buildPath } from "../../src/core/path/builder.js";
import { validatePath, type LeafPurpose } from "../../src/core/policy/path-validation.js";
import { smimeProfile } from "../../src/core/policy/profile.js";
import { checkWithCrls } from "../../src/core/revocation/crl-check.js";
import { parseCrl, type ParsedCrl } from "../../src/core/revocation/crl.js";
import { corpus } from "../helpers/corpora.js";

interface Entry {
  file: string;
  signer_cert: string;
  embedded_certs: string[];
  embedded_crls: string[];
  test_numbers: string[];
  subparts: { should_validate: boolean; initial_policy_set: string[] }[];
}

const dir = corpus("nist-pkits");
const CRL_TESTS = /^4\.(4|14|15)\.|^4\.5\.[25678]$|^4\.7\.[45]$/;
const AT = new Date("2011-04-15T00:00:00Z");

describe.skipIf(dir === null)("NIST PKITS revocation tests (path level)", () => {
  it("CRL-based verdicts agree with PKITS", async () => {
    const index = (JSON.parse(readFileSync(join(dir!, "expected/smime_index.json"), "utf8")) as Entry[]).filter((e) => CRL_TESTS.test(e.test_numbers[0]!));
    const cert = (f: string) => CertificateView.fromDer(new Uint8Array(readFileSync(join(dir!, f))));
    const anchor = cert("certs/TrustAnchorRootCertificate.crt");
    const store = await TrustStore.create([{ certificate: anchor, source: "option" }]);
    const policy = smimeProfile({ validationTime: AT, acceptSha1: true });
    let agree = 0;
    const differ: string[] = [];
    for (const e of index) {
      const sub = e.subparts.find((s) => s.initial_policy_set.length === 1 && s.initial_policy_set[0] === "anyPolicy") ?? e.subparts[0]!;
      const certs = e.embedded_certs.map(cert);
      const signer = cert(e.signer_cert);
      const crls = e.embedded_crls.map((f) => parseCrl(new Uint8Array(readFileSync(join(dir!, f))))).filter((c): c is ParsedCrl => !("error" in c));
      const pool = new CertificatePool("message", certs);
      const build = (leaf: CertificateView, purpose: LeafPurpose = "email-signer") =>
        buildPath(leaf, { store, sources: [pool], validate: async (chain) => validatePath(chain, policy, undefined, purpose), budget: DEFAULT_PATH_BUDGET, now: () => Date.now() });
      /**
       * A certificate's path, with every certificate on it checked against the CRLs; the CRL
       * signers' own paths are checked the same way (section 6.3.3 (f)), to a bounded depth.
       */
      const inProgress = new Set<CertificateView>();
      const check = async (leaf: CertificateView, purpose: LeafPurpose, depth: number): Promise<{ ok: boolean; why: string[] }> => {
        const result = await build(leaf, purpose);
        if (!result.chosen) return { ok: false, why: result.best.issues.map((i) => i.code) };
        const chain = result.chosen.chain;
        const ctx = {
          crls,
          candidates: [...chain, ...certs],
          // A CRL issuer whose own certificate is covered by its CRL (PKITS 4.14.30) is being
          // validated already further up: that cycle is accepted, not followed.
          signerValid: async (c: CertificateView) => inProgress.has(c) || (depth < 3 && (await checkSigner(c, depth + 1))),
          validationTime: AT,
        };
        for (let k = 0; k < chain.length - 1; k++) {
          const verdict = await checkWithCrls(chain[k]!, chain[k + 1]!, ctx);
          if (verdict.status !== "good") return { ok: false, why: [`${verdict.status}@${k}${verdict.status === "unknown" ? `(${verdict.problems.join("; ")})` : ""}`] };
        }
        return { ok: true, why: [] };
      };
      const checkSigner = async (c: CertificateView, depth: number): Promise<boolean> => {
        inProgress.add(c);
        try {
          return (await check(c, "crl-signer", depth)).ok;
        } finally {
          inProgress.delete(c);
        }
      };
      const { ok: valid, why } = await check(signer, "email-signer", 0);
      if (valid === sub.should_validate) agree++;
      else differ.push(`${e.test_numbers[0]} ${e.file}: expected ${sub.should_validate}, got ${valid} ${why.join(",")}`);
    }
    console.log(`pkits revocation: ${agree} of ${index.length} CRL-dependent messages agree`);
    if (process.env.SIGNET_DEBUG) console.log(differ.join("\n"));
    expect(differ).toEqual([]);
  });
});
