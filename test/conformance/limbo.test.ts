/**
 * x509-limbo (corpus 4 of ../shared/corpora/README.md): the CLIENT cases and
 * every name-constraint case, run through Signet's path builder and RFC 5280
 * validator with the profile switched to the case's EKU (limbo has no
 * emailProtection cases). The peer-name check of SERVER cases (DNS/IP
 * matching, a TLS concern) is not Signet's job; cases whose verdict rests on
 * it, would be listed in limbo-exceptions.json with the reason. The crl::* cases
 * run apart, with hard-fail revocation from the case's own CRLs.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CertificatePool, readCertificates, TrustStore } from "../../src/core/index.js";
import { validFor } from "../../src/core/trust/valid-for.js";
import { smimeProfile } from "../../src/core/policy/profile.js";
import { corpus } from "../helpers/corpora.js";
import { checkChainRevocation } from "../../src/core/revocation/check-chain.js";
import { parseCrl, type ParsedCrl } from "../../src/core/revocation/crl.js";
import exceptions from "./limbo-exceptions.json" with { type: "json" };

interface LimboCase {
  id: string;
  validation_kind: "CLIENT" | "SERVER";
  trusted_certs: string[];
  untrusted_intermediates: string[];
  peer_certificate: string;
  validation_time: string | null;
  extended_key_usage: string[];
  expected_result: "SUCCESS" | "FAILURE";
  max_chain_depth: number | null;
  crls: string[];
}

const EKU_OIDS: Record<string, string> = { clientAuth: "1.3.6.1.5.5.7.3.2", serverAuth: "1.3.6.1.5.5.7.3.1" };
const dir = corpus("x509-limbo");
const pem = (text: string) => readCertificates(new TextEncoder().encode(text)).certificates;

describe.skipIf(dir === null)("x509-limbo client and name-constraint cases", () => {
  it("agree with upstream's expected results, apart from the documented exceptions", async () => {
    const all = (JSON.parse(readFileSync(join(dir!, "limbo.regenerated-from-8a2e6f4.json"), "utf8")) as { testcases: LimboCase[] }).testcases;
    const cases = all.filter((t) => t.validation_kind === "CLIENT" || t.id.startsWith("rfc5280::nc::"));
    const known = exceptions.exceptions as Record<string, string>;
    let agree = 0;
    const differ: string[] = [];
    const explained: string[] = [];
    for (const t of cases) {
      const policy = smimeProfile({
        validationTime: t.validation_time ? new Date(t.validation_time) : new Date(),
        requiredEku: EKU_OIDS[t.extended_key_usage[0] ?? (t.validation_kind === "CLIENT" ? "clientAuth" : "serverAuth")]!,
        acceptSha1: false,
        ...(t.max_chain_depth !== null ? { pathBudget: { maxDepth: t.max_chain_depth + 2 } } : {}),
      });
      const store = await TrustStore.create(t.trusted_certs.flatMap(pem).map((certificate) => ({ certificate, source: "option" as const })));
      const leaf = pem(t.peer_certificate)[0]!;
      const result = await validFor("email-signer", leaf, store, [new CertificatePool("intermediates", t.untrusted_intermediates.flatMap(pem))], policy);
      const ours = result.chosen ? "SUCCESS" : "FAILURE";
      if (ours === t.expected_result) agree++;
      else if (known[t.id]) explained.push(t.id);
      else differ.push(`${t.id}: expected ${t.expected_result}, got ${ours} (${result.best.issues.map((i) => i.code).join(",")})`);
    }
    console.log(`limbo: ${agree} of ${cases.length} client and name-constraint cases agree; ${explained.length} documented exceptions`);
    if (differ.length) console.log(differ.join("\n"));
    expect(differ).toEqual([]);
    // No stale exception: each listed case must still differ.
    expect(explained.sort()).toEqual(Object.keys(known).filter((id) => cases.some((c) => c.id === id)).sort());
  });
});

describe.skipIf(dir === null)("x509-limbo CRL cases", () => {
  it("agree with upstream, revocation hard-fail from the case's CRLs only", async () => {
    const cases = (JSON.parse(readFileSync(join(dir!, "limbo.subset-client-email-crl.json"), "utf8")) as { testcases: LimboCase[] }).testcases.filter((t) =>
      t.id.startsWith("crl::"),
    );
    let agree = 0;
    const differ: string[] = [];
    for (const t of cases) {
      const policy = smimeProfile({ validationTime: t.validation_time ? new Date(t.validation_time) : new Date(), requiredEku: EKU_OIDS.serverAuth!, revocation: "hard" });
      const store = await TrustStore.create(t.trusted_certs.flatMap(pem).map((certificate) => ({ certificate, source: "option" as const })));
      const intermediates = t.untrusted_intermediates.flatMap(pem);
      const result = await validFor("email-signer", pem(t.peer_certificate)[0]!, store, [new CertificatePool("intermediates", intermediates)], policy);
      let ok = result.chosen !== null;
      const why: string[] = [];
      if (result.chosen) {
        const path = result.chosen.chain;
        const crls = t.crls.map((c) => parseCrl(pemBlock(c))).filter((c): c is ParsedCrl => !("error" in c));
        const rev = await checkChainRevocation(path, {
          policy,
          embeddedCrls: crls,
          embeddedOcsp: [],
          suppliedCrls: [],
          candidates: [...path, ...intermediates],
          signerValid: async (c) => path.includes(c),
          now: () => Date.now(),
        });
        ok = !rev.evidence.some((e) => e.status === "revoked" || e.status === "unknown");
        why.push(...rev.issues.map((i) => `${i.code} ${JSON.stringify(i.params)}`));
      }
      if ((ok ? "SUCCESS" : "FAILURE") === t.expected_result) agree++;
      else differ.push(`${t.id}: expected ${t.expected_result}: ${why.join("; ")}`);
    }
    console.log(`limbo crl: ${agree} of ${cases.length} agree`);
    expect(differ).toEqual([]);
  });
});

/** A PEM block (limbo stores CRLs as PEM) as DER. */
function pemBlock(text: string): Uint8Array {
  return Buffer.from(text.replace(/-----[^-]+-----/g, "").replace(/\s+/g, ""), "base64");
}
