/**
 * A certificate's status from CRLs (src/core/revocation/crl-check.ts, RFC
 * 5280 section 6.3.3), one rule at a time, on CRLs made by `openssl ca
 * -gencrl` with fixed dates (OpenSSL 3.0's -crl_lastupdate and
 * -crl_nextupdate) and with the extensions each rule is about: freshness at
 * both ends, the issuing distribution point's scope and reasons, unknown
 * critical extensions, the signer, delta CRLs. checkWithCrls is called
 * directly; the CRL signer's own path is the caller's answer (signerValid),
 * given here as yes, or as no where that is the point.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CertificateView } from "../../src/core/index.js";
import { checkWithCrls } from "../../src/core/revocation/crl-check.js";
import { parseCrl, type ParsedCrl } from "../../src/core/revocation/crl.js";
import { ScenarioPki } from "../helpers/scenario-pki.js";

const LAST = new Date("2026-03-01T00:00:00Z");
const NEXT = new Date("2026-04-01T00:00:00Z");
const MID = new Date("2026-03-15T00:00:00Z");
const CDP = "http://crl.example/inter.crl";

let pki: ScenarioPki;
const views = new Map<string, CertificateView>();
const crls: Record<string, ParsedCrl> = {};

function crl(name: string, ca: string, extensions: string[] = [], dates = { lastUpdate: LAST, nextUpdate: NEXT }): void {
  const parsed = parseCrl(new Uint8Array(pki.gencrl(ca, { ...dates, extensions })));
  if ("error" in parsed) throw new Error(parsed.error);
  crls[name] = parsed;
}

beforeAll(() => {
  pki = new ScenarioPki();
  const wide = { notBefore: new Date("2025-01-01T00:00:00Z"), notAfter: new Date("2030-01-01T00:00:00Z") };
  const specs = [
    { name: "Root", ...wide },
    { name: "Inter", issuer: "Root", ...wide },
    { name: "Leaf", issuer: "Inter", email: "alice@example.org", crl: CDP, ...wide },
    { name: "NoCdpLeaf", issuer: "Inter", email: "alice@example.org", ...wide },
    { name: "SubCa", issuer: "Inter", ca: true as const, crl: CDP, ...wide },
    { name: "RevokedLeaf", issuer: "Inter", email: "mallory@example.org", crl: CDP, ...wide },
  ];
  pki.build(specs);
  for (const s of specs) views.set(s.name, pki.view(s.name));
  crl("Base", "Inter"); // number 1000, before anything is revoked
  pki.revoke("Inter", "RevokedLeaf", "keyCompromise");
  crl("Plain", "Inter");
  crl("FromRoot", "Root");
  crl("UnknownCritical", "Inter", ["1.3.6.1.4.1.99999.3=critical,ASN1:NULL"]);
  crl("OnlyUser", "Inter", ["issuingDistributionPoint=critical,@idp", "[idp]", "onlyuser=TRUE"]);
  crl("OnlyAttribute", "Inter", ["issuingDistributionPoint=critical,@idp", "[idp]", "onlyAA=TRUE"]);
  crl("NamedHere", "Inter", ["issuingDistributionPoint=critical,@idp", "[idp]", `fullname=URI:${CDP}`]);
  crl("NamedElsewhere", "Inter", ["issuingDistributionPoint=critical,@idp", "[idp]", "fullname=URI:http://crl.example/other.crl"]);
  crl("KeyCompromiseOnly", "Inter", ["issuingDistributionPoint=critical,@idp", "[idp]", "onlysomereasons=keyCompromise"]);
  // The delta CRL indicator names the base's CRL number; openssl's config has no name for it, so it is written as DER.
  const number = crls.Base!.crlNumber!;
  const base = number.length % 2 ? `0${number}` : number;
  crl("Delta", "Inter", [`2.5.29.27=critical,DER:02:${(base.length / 2).toString(16).padStart(2, "0")}:${base.match(/../g)!.join(":")}`]);
});
afterAll(() => pki.cleanup());

function check(cert: string, list: string[], at = MID, signerValid = true) {
  return checkWithCrls(views.get(cert)!, views.get("Inter")!, {
    crls: list.map((n) => crls[n]!),
    candidates: ["Root", "Inter"].map((n) => views.get(n)!),
    signerValid: async () => signerValid,
    validationTime: at,
  });
}
const unknown = (...problems: string[]) => ({ status: "unknown", problems });

describe("freshness (section 6.3.3 (a)): from thisUpdate to nextUpdate, both included", () => {
  it("good on the CRL's first and last second, stale one second outside", async () => {
    expect((await check("Leaf", ["Plain"], LAST)).status).toBe("good");
    expect((await check("Leaf", ["Plain"], NEXT)).status).toBe("good");
    expect(await check("Leaf", ["Plain"], new Date(LAST.getTime() - 1000))).toEqual(unknown("stale CRL"));
    expect(await check("Leaf", ["Plain"], new Date(NEXT.getTime() + 1000))).toEqual(unknown("stale CRL"));
  });
});

describe("entries", () => {
  it("a revoked certificate: revoked, with the reason and date OpenSSL wrote; the CRL is named", async () => {
    const v = await check("RevokedLeaf", ["Plain"]);
    expect(v.status).toBe("revoked");
    if (v.status !== "revoked") return;
    expect(v.entry.reason).toBe("keyCompromise");
    expect(v.crl).toBe(crls.Plain);
    const text = pki.run(["crl", "-inform", "DER", "-noout", "-text"], crls.Plain!.der).toString();
    const date = /Revocation Date: (.+)\n/.exec(text)![1]!;
    expect(v.entry.revocationDate.getTime()).toBe(new Date(date).getTime());
  });

  it("a certificate without distribution points is covered by its issuer's CRL for every reason", async () => {
    expect((await check("NoCdpLeaf", ["Plain"])).status).toBe("good");
  });
});

describe("which CRLs apply (section 6.3.3 (b))", () => {
  it("another issuer's CRL says nothing", async () => {
    expect(await check("Leaf", ["FromRoot"])).toEqual(unknown("no CRL covers this certificate"));
  });

  it("only user certificates: not a CA's; only attribute certificates: nobody's here", async () => {
    expect((await check("Leaf", ["OnlyUser"])).status).toBe("good");
    expect(await check("SubCa", ["OnlyUser"])).toEqual(unknown("no CRL covers this certificate"));
    expect(await check("Leaf", ["OnlyAttribute"])).toEqual(unknown("no CRL covers this certificate"));
  });

  it("a distribution point name in the CRL must match the certificate's", async () => {
    expect((await check("Leaf", ["NamedHere"])).status).toBe("good");
    expect(await check("Leaf", ["NamedElsewhere"])).toEqual(unknown("no CRL covers this certificate"));
  });

  it("a CRL for some reasons only leaves the others unknown (section 6.3.3 (d), (l))", async () => {
    expect(await check("Leaf", ["KeyCompromiseOnly"])).toEqual(unknown("the CRLs do not cover every reason"));
    expect((await check("Leaf", ["KeyCompromiseOnly", "Plain"])).status).toBe("good");
  });
});

describe("CRLs that must not be used", () => {
  it("an unknown critical extension (section 5.2)", async () => {
    expect(await check("Leaf", ["UnknownCritical"])).toEqual(unknown("CRL with unknown critical extensions 1.3.6.1.4.1.99999.3"));
  });

  it("no valid signer: the signer's own path is not valid (section 6.3.3 (f))", async () => {
    expect(await check("Leaf", ["Plain"], MID, false)).toEqual(unknown("no valid signer for the CRL"));
  });

  it("every problem met is said, in order", async () => {
    expect(await check("Leaf", ["UnknownCritical", "Plain"], new Date(NEXT.getTime() + 1000))).toEqual(unknown("CRL with unknown critical extensions 1.3.6.1.4.1.99999.3", "stale CRL"));
  });
});

describe("delta CRLs (section 5.2.4, 6.3.3 (c), (h))", () => {
  it("a delta on a complete CRL from before the revocation brings the entry in", async () => {
    expect((await check("RevokedLeaf", ["Base"])).status).toBe("good");
    const v = await check("RevokedLeaf", ["Base", "Delta"]);
    expect(v.status === "revoked" && [v.crl, v.entry.reason]).toEqual([crls.Delta, "keyCompromise"]);
  });

  it("a delta alone is not a CRL to judge by", async () => {
    expect(await check("RevokedLeaf", ["Delta"])).toEqual(unknown("no CRL covers this certificate"));
  });
});
