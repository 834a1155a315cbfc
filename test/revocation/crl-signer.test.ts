/**
 * CRLs signed by a key other than the CA's own (RFC 5280 section 6.3.3 (f)): the CRL signer must
 * itself be valid, its own path built to a trusted root and its own revocation checked, before its
 * CRL counts (the walk's signerValid, src/core/layers/walk.ts). Everything is offline: the CRLs
 * come attached to the message (RFC 5652 section 10.2.1), made by `openssl ca -gencrl` with the
 * signer's certificate and key; the messages by `openssl cms -sign`.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inspectMessage, TrustStore, type InspectOptions, type SecurityReport } from "../../src/core/index.js";
import { attachCrls } from "../helpers/cms-build.js";
import { signers } from "../helpers/inspect.js";
import { ScenarioPki } from "../helpers/scenario-pki.js";

let pki: ScenarioPki;
const INTER = "/O=Signet Scenario/CN=Inter";
/** A certificate that signs CRLs under Inter's name with its own key, issued as `issuer` says. */
const crlSigner = (name: string, issuer: string) => ({ name, issuer, subject: INTER, ca: false, keyUsage: "critical,cRLSign", eku: "absent" });

beforeAll(() => {
  pki = new ScenarioPki();
  pki.build([
    { name: "Root" },
    { name: "Inter", issuer: "Root" },
    { name: "Leaf", issuer: "Inter", email: "alice@example.org" },
    { name: "RevokedLeaf", issuer: "Inter", email: "alice@example.org" },
    // Issued by Inter itself: its own status comes from the CRLs it signs (PKITS 4.14.30's cycle).
    crlSigner("InterCrlSigner", "Inter"),
    // Issued by the root: its status needs the root's CRL.
    crlSigner("RootIssuedSigner", "Root"),
    // Inter's name and cRLSign, from a root nobody trusts.
    { name: "Other" },
    crlSigner("Impostor", "Other"),
  ]);
  pki.revoke("Inter", "RevokedLeaf");
});
afterAll(() => pki.cleanup());

/** `signer`'s message with the CRL signers' certificates and `crls` attached, judged against Root. */
async function judged(signer: string, crls: Buffer[], options: InspectOptions = {}, carried = ["Inter", "InterCrlSigner", "RootIssuedSigner", "Impostor", "Other"]): Promise<SecurityReport> {
  const extraCerts = carried.map((n) => pki.get(n).cert);
  const msg = attachCrls(pki.sign({ signers: [{ who: pki.get(signer) }], content: "Content-Type: text/plain\n\ncrl signers\n", extraCerts }), crls);
  const trust = { store: await TrustStore.create([{ certificate: pki.view("Root"), source: "option" as const }]) };
  return inspectMessage(msg, { clock: { now: () => new Date() } }, { trust, ...options });
}

const leafStatus = (r: SecurityReport) => signers(r)[0]!.revocationEvidence?.find((e) => e.certificate === 0)?.status;

describe("a CRL signed by another key under the CA's name", () => {
  it("from a signer the CA issued: counts, for a good certificate and a revoked one", async () => {
    const crls = [pki.gencrl("InterCrlSigner"), pki.gencrl("Root")];
    expect([leafStatus(await judged("Leaf", crls)), leafStatus(await judged("RevokedLeaf", crls))]).toEqual(["good", "revoked"]);
  });

  it("from a signer with no path to a trusted root: does not count, even when it lists the certificate as revoked", async () => {
    const r = await judged("RevokedLeaf", [pki.gencrl("Impostor"), pki.gencrl("Root")]);
    expect([leafStatus(r), r.revocation]).toEqual(["unknown", "unknown"]);
  });

  it("from a signer whose own status is unknown: counts under the soft policy, not under the hard one", async () => {
    // The root's CRL covers CA certificates only (onlyContainsCACerts), so it says nothing of the signer, an end entity.
    const rootCaOnly = pki.gencrl("Root", { extensions: ["issuingDistributionPoint=critical,@idp", "[idp]", "onlyCA=TRUE"] });
    const crls = [pki.gencrl("RootIssuedSigner"), rootCaOnly];
    expect(leafStatus(await judged("RevokedLeaf", crls))).toBe("revoked");
    expect(leafStatus(await judged("RevokedLeaf", crls, { revocation: "hard" }))).toBe("unknown");
    // The root's CRL out of date: the signer's status is unknown rather than not checked, and soft still lets it count.
    const DAY = 86_400_000;
    const staleRoot = pki.gencrl("Root", { lastUpdate: new Date(Date.now() - 10 * DAY), nextUpdate: new Date(Date.now() - 3 * DAY) });
    expect(leafStatus(await judged("RevokedLeaf", [pki.gencrl("RootIssuedSigner"), staleRoot]))).toBe("revoked");
    // Asked again about the same signer (a second CRL of its), the answer stays no.
    const twice = [...crls, pki.gencrl("RootIssuedSigner", { days: 2 })];
    expect(leafStatus(await judged("RevokedLeaf", twice, { revocation: "hard" }))).toBe("unknown");
  });

  // Last: the revocation stays in the PKI's database, and so in every CRL made after it.
  it("from a signer revoked in its own CRL: does not count, though the CA above it is good", async () => {
    pki.revoke("Inter", "InterCrlSigner");
    const r = await judged("Leaf", [pki.gencrl("InterCrlSigner"), pki.gencrl("Root")]);
    expect(leafStatus(r)).toBe("unknown");
  });
});

describe("certificates under the CA's name that are not the CA", () => {
  it("without the CA's own certificate no path is found; the report names the closest attempt and lists the others tried", async () => {
    const r = await judged("Leaf", [], {}, ["InterCrlSigner", "RootIssuedSigner", "Impostor", "Other"]);
    const s = signers(r)[0]!;
    expect([s.trust, r.issues[0]?.code]).toEqual(["untrusted", "bad-certificate-signature"]);
    // Three certificates carry Inter's name; the closest attempt is one, so at least two more were tried.
    expect(s.pathAttempts?.length).toBeGreaterThanOrEqual(2);
    expect(s.pathAttempts!.every((a) => a.subjects[0] === "O=Signet Scenario, CN=Leaf" && a.subjects[1] === "O=Signet Scenario, CN=Inter")).toBe(true);
  });
});
