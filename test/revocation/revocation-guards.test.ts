/**
 * Revocation checks that the corpus suites alone used to guard, each with a
 * test of its own from OpenSSL material (`openssl ca -gencrl`, `openssl ocsp`),
 * attached to OpenSSL-signed messages so that no network is involved: an
 * unknown OCSP answer, a revoked intermediate, a CRL signed by the wrong key,
 * a CRL whose issuing distribution point leaves the certificate out, and a
 * CRL past its nextUpdate. Each test fails when its check is removed.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inspectMessage, TrustStore, type InspectOptions, type SecurityReport } from "../../src/core/index.js";
import { attachCrls } from "../helpers/cms-build.js";
import { signers } from "../helpers/inspect.js";
import { assertReportInvariants } from "../helpers/invariants.js";
import { ScenarioPki } from "../helpers/scenario-pki.js";

let pki: ScenarioPki;
const DAY = 86_400_000;
const asn1Time = (d: Date): string => d.toISOString().replace(/[-:T]/g, "").slice(2, 14) + "Z";

beforeAll(() => {
  pki = new ScenarioPki();
  pki.build([
    { name: "Root" },
    { name: "Inter", issuer: "Root" },
    { name: "Leaf", issuer: "Inter", email: "alice@example.org" },
    { name: "RevokedInter", issuer: "Root" },
    { name: "LeafUnderRevoked", issuer: "RevokedInter", email: "alice@example.org" },
  ]);
});
afterAll(() => pki.cleanup());

/** A CRL by `ca` from the PKI's database, optionally with crl_extensions lines, valid for `days`. */
const crlBy = (ca: string, days = 7, extensions: string[] = []): Uint8Array => new Uint8Array(pki.gencrl(ca, { days, extensions }));

async function inspectSigned(signer: string, include: string[], crls: Uint8Array[], ocsp: Uint8Array[], options: InspectOptions = {}): Promise<SecurityReport> {
  const signed = pki.sign({ signers: [{ who: pki.get(signer) }], content: "Content-Type: text/plain\n\nrevocation\n", extraCerts: include.map((n) => pki.get(n).cert) });
  const msg = attachCrls(signed, crls, ocsp);
  const anchor = pki.view("Root");
  const trust = { store: await TrustStore.create([{ certificate: anchor, source: "option" as const }]) };
  // No fetcher: only what the message carries answers.
  const r = await inspectMessage(msg, { clock: { now: () => new Date() } }, { trust, ...options });
  assertReportInvariants(r);
  return r;
}

describe("revocation checks guarded here", () => {
  it("the control: the CAs' own CRLs, fresh, say good for the leaf and the intermediate: verified", async () => {
    const r = await inspectSigned("Leaf", ["Inter"], [crlBy("Root"), crlBy("Inter")], []);
    expect(signers(r)[0]!.revocationEvidence!.map((e) => [e.certificate, e.status, e.source])).toEqual([
      [0, "good", "embedded-crl"],
      [1, "good", "embedded-crl"],
    ]);
    expect([r.revocation, r.verdict]).toEqual(["good", "verified"]);
  });

  it("an attached OCSP answer of unknown is unknown (RFC 6960 section 2.2): not good, not unchecked, so not Verified", async () => {
    // The responder answers from a copy of the database that does not hold the leaf.
    pki.write("index-no-leaf.txt", pki.read("index.txt").toString().split("\n").filter((l) => !l.includes("CN=Leaf")).join("\n"));
    pki.write("index-no-leaf.txt.attr", "unique_subject = no\n");
    pki.run(["ocsp", "-issuer", pki.get("Inter").cert, "-cert", pki.get("Leaf").cert, "-no_nonce", "-reqout", "unknown-req.der"]);
    pki.run(["ocsp", "-index", "index-no-leaf.txt", "-CA", pki.get("Inter").cert, "-rsigner", pki.get("Inter").cert, "-rkey", pki.get("Inter").key, "-reqin", "unknown-req.der", "-respout", "unknown-resp.der", "-ndays", "1"]);
    expect(pki.run(["ocsp", "-respin", "unknown-resp.der", "-resp_text", "-noverify"]).toString()).toMatch(/Cert Status: unknown/);
    const r = await inspectSigned("Leaf", ["Inter"], [], [new Uint8Array(pki.read("unknown-resp.der"))], { revocationDepth: "signer" });
    expect(signers(r)[0]!.revocationEvidence![0]).toMatchObject({ status: "unknown" });
    expect([r.revocation, r.verdict]).toEqual(["unknown", "warning"]);
    expect(r.issues.map((i) => i.code)).toEqual(["revocation-unknown"]);
  });

  it("a revoked intermediate makes the message revoked, though the signer's own certificate is good", async () => {
    pki.revoke("Root", "RevokedInter", "cACompromise");
    const r = await inspectSigned("LeafUnderRevoked", ["RevokedInter"], [crlBy("Root"), crlBy("RevokedInter")], []);
    expect(signers(r)[0]!.revocationEvidence!.map((e) => [e.certificate, e.status])).toEqual([
      [0, "good"],
      [1, "revoked"],
    ]);
    expect([r.revocation, r.verdict]).toEqual(["revoked", "danger"]);
    expect(r.issues.find((i) => i.code === "revoked")).toMatchObject({ where: { certificate: 1 }, params: { reason: "cACompromise" } });
  });

  it("a CRL that claims the intermediate's name but is signed by another key is not used: the leaf is not revoked by it", async () => {
    const impostor = new ScenarioPki();
    try {
      impostor.build([{ name: "Impostor", subject: "/O=Signet Scenario/CN=Inter" }]);
      const serial = pki.run(["x509", "-in", pki.get("Leaf").cert, "-noout", "-serial"]).toString().trim().split("=")[1]!;
      const yesterday = asn1Time(new Date(Date.now() - DAY));
      impostor.write("index.txt", `R\t${asn1Time(new Date(Date.now() + 365 * DAY))}\t${yesterday},keyCompromise\t${serial}\tunknown\t/O=Signet Scenario/CN=Leaf\n`);
      const forged = new Uint8Array(impostor.gencrl("Impostor"));
      expect(impostor.run(["crl", "-inform", "DER", "-noout", "-text"], forged).toString()).toMatch(new RegExp(`Serial Number: ${serial}`));
      const r = await inspectSigned("Leaf", ["Inter"], [forged], [], { revocationDepth: "signer" });
      expect(signers(r)[0]!.revocationEvidence![0]!.status).toBe("unknown");
      expect(r.revocation).toBe("unknown");
    } finally {
      impostor.cleanup();
    }
  });

  it("a CRL whose issuing distribution point covers only CA certificates says nothing about the leaf (RFC 5280 section 5.2.5)", async () => {
    pki.build([{ name: "LeafOnCaCrl", issuer: "Inter", email: "alice@example.org" }]);
    pki.revoke("Inter", "LeafOnCaCrl", "keyCompromise");
    const caOnly = crlBy("Inter", 7, ["issuingDistributionPoint=critical,@idp", "[idp]", "onlyCA=TRUE"]);
    const r = await inspectSigned("LeafOnCaCrl", ["Inter"], [caOnly], [], { revocationDepth: "signer" });
    // Nothing attached speaks about the leaf, and it publishes no source: not checked (soft mode), never revoked by that CRL.
    expect(signers(r)[0]!.revocationEvidence![0]!.status).toBe("not-checked");
    expect(r.revocation).toBe("not-checked");
    // The same CRL without the IDP restriction revokes it.
    const plain = await inspectSigned("LeafOnCaCrl", ["Inter"], [crlBy("Inter")], [], { revocationDepth: "signer" });
    expect(plain.revocation).toBe("revoked");
  });

  it("a CRL past its nextUpdate is stale: not an answer of good", async () => {
    const crl = crlBy("Inter", 1);
    const r = await inspectSigned("Leaf", ["Inter"], [crl], [], { revocationDepth: "signer", validationTime: new Date(Date.now() + 3 * DAY) });
    expect(signers(r)[0]!.revocationEvidence![0]!.status).toBe("unknown");
    expect(r.revocation).toBe("unknown");
    expect(r.issues.map((i) => i.code)).toContain("revocation-stale");
    const fresh = await inspectSigned("Leaf", ["Inter"], [crl], [], { revocationDepth: "signer" });
    expect(fresh.revocation).toBe("good");
  });
});
