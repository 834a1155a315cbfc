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
import { spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CertificateView } from "../../src/core/index.js";
import { smimeProfile, type SmimeProfileOptions } from "../../src/core/policy/profile.js";
import { checkWithCrls } from "../../src/core/revocation/crl-check.js";
import { parseCrl, type ParsedCrl } from "../../src/core/revocation/crl.js";
import type { ProblemCause } from "../../src/core/revocation/problem.js";
import { ScenarioPki } from "../helpers/scenario-pki.js";

const LAST = new Date("2026-03-01T00:00:00Z");
const NEXT = new Date("2026-04-01T00:00:00Z");
const MID = new Date("2026-03-15T00:00:00Z");
const CDP = "http://crl.example/inter.crl";

let pki: ScenarioPki;
const views = new Map<string, CertificateView>();
const crls: Record<string, ParsedCrl> = {};

function crl(name: string, ca: string, extensions: string[] = [], dates = { lastUpdate: LAST, nextUpdate: NEXT }, md?: string): void {
  const parsed = parseCrl(new Uint8Array(pki.gencrl(ca, { ...dates, extensions, ...(md ? { md } : {}) })));
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
    // A cRLDistributionPoints whose value is a NULL, not the structure of section 4.2.1.13.
    { name: "MalformedCdpLeaf", issuer: "Inter", email: "alice@example.org", extraExtensions: ["2.5.29.31=DER:05:00"], ...wide },
    // A distribution point naming its CRL issuer (cRLIssuer, section 4.2.1.13): the CA itself, by name.
    {
      name: "CrlIssuerLeaf", issuer: "Inter", email: "alice@example.org", ...wide,
      extraExtensions: ["crlDistributionPoints=dp", "[dp]", `fullname=URI:${CDP}`, "CRLissuer=dirName:inter_dn", "[inter_dn]", "O=Signet Scenario", "CN=Inter"],
    },
  ];
  pki.build(specs);
  for (const s of specs) views.set(s.name, pki.view(s.name));
  crl("Base", "Inter"); // number 1000, before anything is revoked
  pki.revoke("Inter", "RevokedLeaf", "keyCompromise");
  crl("Plain", "Inter");
  crl("Sha1Signed", "Inter", [], undefined, "sha1");
  crl("FromRoot", "Root");
  crl("UnknownCritical", "Inter", ["1.3.6.1.4.1.99999.3=critical,ASN1:NULL"]);
  crl("OnlyUser", "Inter", ["issuingDistributionPoint=critical,@idp", "[idp]", "onlyuser=TRUE"]);
  crl("OnlyAttribute", "Inter", ["issuingDistributionPoint=critical,@idp", "[idp]", "onlyAA=TRUE"]);
  crl("NamedHere", "Inter", ["issuingDistributionPoint=critical,@idp", "[idp]", `fullname=URI:${CDP}`]);
  crl("NamedElsewhere", "Inter", ["issuingDistributionPoint=critical,@idp", "[idp]", "fullname=URI:http://crl.example/other.crl"]);
  crl("KeyCompromiseOnly", "Inter", ["issuingDistributionPoint=critical,@idp", "[idp]", "onlysomereasons=keyCompromise"]);
  // The delta CRL indicator names the base's CRL number; openssl's config has no name for it, so it is written as DER.
  const number = crls.Base!.crlNumber!;
  crl("Delta", "Inter", [deltaIndicator(number)]);
  // The same delta with one bit of its signature changed.
  const forged = new Uint8Array(crls.Delta!.der);
  forged[forged.length - 1] = forged.at(-1)! ^ 1;
  const parsedForged = parseCrl(forged);
  if ("error" in parsedForged) throw new Error(parsedForged.error);
  crls.ForgedDelta = parsedForged;
  // A delta naming a base number above the complete CRL's: it extends a CRL not at hand (section 5.2.4).
  crl("DeltaOfLater", "Inter", [deltaIndicator((BigInt(`0x${number}`) + 5n).toString(16))]);
  // A delta by another CA (Root), naming the Inter CRL's number: not a delta of that CRL.
  crl("RootDelta", "Root", [deltaIndicator(number)]);
  crl("TwoUnknownCritical", "Inter", ["1.3.6.1.4.1.99999.3=critical,ASN1:NULL", "1.3.6.1.4.1.99999.4=critical,ASN1:NULL"]);
  // An issuingDistributionPoint whose value is a NULL, not the structure of section 5.2.5.
  crl("MalformedIdp", "Inter", ["2.5.29.28=critical,DER:05:00"]);
  // A newer complete CRL, published a day after the revocation (Plain and Base are from LAST).
  crl("Newer", "Inter", [], { lastUpdate: new Date(LAST.getTime() + 86_400_000), nextUpdate: NEXT });
  // What `openssl ca -gencrl` will not write: no nextUpdate, no CRL number, a critical CRL number;
  // and a newer CRL without the revocation (the CA took the entry back).
  const crafted = (name: string, o: Parameters<ScenarioPki["craftCrl"]>[1]) => {
    const parsed = parseCrl(pki.craftCrl("Inter", o));
    if ("error" in parsed) throw new Error(parsed.error);
    crls[name] = parsed;
  };
  crafted("NoNextUpdate", { thisUpdate: LAST, nextUpdate: null, crlNumber: { value: 4000, critical: false } });
  crafted("NoNumber", { thisUpdate: LAST, nextUpdate: NEXT, crlNumber: null });
  crafted("CriticalNumber", { thisUpdate: LAST, nextUpdate: NEXT, crlNumber: { value: 4001, critical: true } });
  crafted("NewerWithoutEntry", { thisUpdate: new Date(LAST.getTime() + 2 * 86_400_000), nextUpdate: NEXT, crlNumber: { value: 4002, critical: false } });
});

/** The delta CRL indicator (section 5.2.4) naming a base CRL number (hex); openssl's config has no name for it, so it is written as DER. */
function deltaIndicator(numberHex: string): string {
  const even = numberHex.length % 2 ? `0${numberHex}` : numberHex;
  const bytes = even.match(/../g)!;
  const octets = Number.parseInt(bytes[0]!, 16) & 0x80 ? ["00", ...bytes] : bytes;
  return `2.5.29.27=critical,DER:02:${octets.length.toString(16).padStart(2, "0")}:${octets.join(":")}`;
}
afterAll(() => pki.cleanup());

function check(cert: string, list: string[], at = MID, signerValid = true, options: SmimeProfileOptions = {}) {
  return checkWithCrls(views.get(cert)!, views.get("Inter")!, {
    crls: list.map((n) => crls[n]!),
    candidates: ["Root", "Inter"].map((n) => views.get(n)!),
    signerValid: async () => signerValid,
    policy: smimeProfile({ validationTime: at, ...options }),
  });
}
const unknown = (...problems: ProblemCause[]) => ({ status: "unknown", problems });

describe("freshness (section 6.3.3 (a)): from thisUpdate to nextUpdate, both included", () => {
  const SKEW = 5 * 60_000;
  it("good on the CRL's first and last second, stale one second after", async () => {
    expect((await check("Leaf", ["Plain"], LAST)).status).toBe("good");
    expect((await check("Leaf", ["Plain"], NEXT)).status).toBe("good");
    expect(await check("Leaf", ["Plain"], new Date(NEXT.getTime() + 1000))).toEqual(unknown({ code: "crl-stale" }));
  });

  it("issued up to five minutes after the validation time it counts (the CA's clock ahead of ours, as OCSP allows); beyond, it is from the future", async () => {
    expect((await check("Leaf", ["Plain"], new Date(LAST.getTime() - SKEW))).status).toBe("good");
    expect(await check("Leaf", ["Plain"], new Date(LAST.getTime() - SKEW - 1000))).toEqual(unknown({ code: "crl-from-future" }));
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
    expect(await check("Leaf", ["FromRoot"])).toEqual(unknown({ code: "crl-not-covering" }));
  });

  it("only user certificates: not a CA's; only attribute certificates: nobody's here", async () => {
    expect((await check("Leaf", ["OnlyUser"])).status).toBe("good");
    expect(await check("SubCa", ["OnlyUser"])).toEqual(unknown({ code: "crl-not-covering" }));
    expect(await check("Leaf", ["OnlyAttribute"])).toEqual(unknown({ code: "crl-not-covering" }));
  });

  it("a distribution point name in the CRL must match the certificate's", async () => {
    expect((await check("Leaf", ["NamedHere"])).status).toBe("good");
    expect(await check("Leaf", ["NamedElsewhere"])).toEqual(unknown({ code: "crl-not-covering" }));
  });

  it("a CRL for some reasons only leaves the others unknown (section 6.3.3 (d), (l))", async () => {
    expect(await check("Leaf", ["KeyCompromiseOnly"])).toEqual(unknown({ code: "crl-reasons-incomplete" }));
    expect((await check("Leaf", ["KeyCompromiseOnly", "Plain"])).status).toBe("good");
  });
});

describe("CRLs that must not be used", () => {
  it("an unknown critical extension (section 5.2)", async () => {
    expect(await check("Leaf", ["UnknownCritical"])).toEqual(unknown({ code: "crl-unknown-critical-extensions", extensions: ["1.3.6.1.4.1.99999.3"] }));
  });

  it("no valid signer: the signer's own path is not valid (section 6.3.3 (f))", async () => {
    expect(await check("Leaf", ["Plain"], MID, false)).toEqual(unknown({ code: "crl-no-valid-signer" }));
  });

  it("a CRL without nextUpdate (section 5.1.2.5: OPTIONAL) is current at any later time", async () => {
    expect(await check("Leaf", ["NoNextUpdate"], new Date("2029-01-01T00:00:00Z"))).toMatchObject({ status: "good", crl: crls.NoNextUpdate });
  });

  it("a CRL without a CRL number, or with it marked critical, does not conform (section 5.2.3) and is said so", async () => {
    expect(await check("Leaf", ["NoNumber"])).toEqual(unknown({ code: "crl-no-number" }));
    expect(await check("Leaf", ["CriticalNumber"])).toEqual(unknown({ code: "crl-number-critical" }));
  });

  it("a distribution point with a cRLIssuer is served only by an indirect CRL: the CA's plain CRL does not cover it (section 6.3.3 (b)(2)(ii))", async () => {
    expect(await check("CrlIssuerLeaf", ["Plain"])).toEqual(unknown({ code: "crl-not-covering" }));
  });

  it("a CRL signed with SHA-1: the signature holds, but the algorithm policy of every signature refuses it, unless acceptSha1", async () => {
    expect(await check("RevokedLeaf", ["Sha1Signed"])).toEqual(unknown({ code: "signature-refused", algorithm: "SHA-1" }));
    expect(await check("RevokedLeaf", ["Sha1Signed"], MID, true, { acceptSha1: true })).toMatchObject({ status: "revoked", crl: crls.Sha1Signed });
    // A refused CRL is no answer; an accepted one beside it still is.
    expect(await check("RevokedLeaf", ["Sha1Signed", "Plain"])).toMatchObject({ status: "revoked", crl: crls.Plain });
  });

  it("every problem met is said, in order", async () => {
    expect(await check("Leaf", ["UnknownCritical", "Plain"], new Date(NEXT.getTime() + 1000))).toEqual(unknown({ code: "crl-unknown-critical-extensions", extensions: ["1.3.6.1.4.1.99999.3"] }, { code: "crl-stale" }));
  });
});

describe("more than one complete CRL (section 6.3.3 (d))", () => {
  it("the newest decides, in whatever order the CRLs come: a revocation published since the older CRL counts, as OpenSSL counts it", async () => {
    // Base (before the revocation) and Newer (a day after it) from the same CA, both fresh at MID.
    for (const order of [["Base", "Newer"], ["Newer", "Base"]]) {
      const v = await check("RevokedLeaf", order);
      expect([order, v.status === "revoked" && v.crl]).toEqual([order, crls.Newer]);
    }
    // OpenSSL, given both CRLs, chooses the newer (the latest thisUpdate) and says revoked.
    pki.write("base-and-newer.pem", Buffer.concat([crls.Base!.der, crls.Newer!.der].map((der) => pki.run(["crl", "-inform", "DER"], der))));
    pki.write("root-inter.pem", Buffer.concat([pki.read(pki.get("Root").cert), pki.read(pki.get("Inter").cert)]));
    const peer = spawnSync("openssl", ["verify", "-attime", String(MID.getTime() / 1000), "-crl_check", "-CAfile", "root-inter.pem", "-CRLfile", "base-and-newer.pem", pki.get("RevokedLeaf").cert], { cwd: pki.path("."), encoding: "utf8" });
    expect(peer.stdout + peer.stderr).toMatch(/certificate revoked/);
  });

  it("once the newest CRL has covered every reason, an older one that still lists the certificate is not read (section 6.3.3 (d)); OpenSSL agrees", async () => {
    for (const order of [["Plain", "NewerWithoutEntry"], ["NewerWithoutEntry", "Plain"]]) {
      expect([order, await check("RevokedLeaf", order)]).toEqual([order, { status: "good", crl: crls.NewerWithoutEntry }]);
    }
    pki.write("plain-and-newer.pem", Buffer.concat([crls.Plain!.der, crls.NewerWithoutEntry!.der].map((der) => pki.run(["crl", "-inform", "DER"], der))));
    pki.write("root-inter-2.pem", Buffer.concat([pki.read(pki.get("Root").cert), pki.read(pki.get("Inter").cert)]));
    const peer = spawnSync("openssl", ["verify", "-attime", String(MID.getTime() / 1000), "-crl_check", "-CAfile", "root-inter-2.pem", "-CRLfile", "plain-and-newer.pem", pki.get("RevokedLeaf").cert], { cwd: pki.path("."), encoding: "utf8" });
    expect(peer.stdout).toMatch(/: OK/);
  });
});

describe("malformed extensions", () => {
  it("a certificate's unreadable cRLDistributionPoints, a CRL's unreadable issuingDistributionPoint: unknown, each said", async () => {
    expect(await check("MalformedCdpLeaf", ["Plain"])).toEqual(unknown({ code: "malformed-distribution-points" }));
    expect(await check("Leaf", ["MalformedIdp"])).toEqual(unknown({ code: "crl-malformed-issuing-distribution-point" }));
  });

  it("several unknown critical extensions are all named", async () => {
    expect(await check("Leaf", ["TwoUnknownCritical"])).toEqual(unknown({ code: "crl-unknown-critical-extensions", extensions: ["1.3.6.1.4.1.99999.3", "1.3.6.1.4.1.99999.4"] }));
  });
});

describe("delta CRLs (section 5.2.4, 6.3.3 (c), (h))", () => {
  it("a delta whose signature does not verify is not applied (section 6.3.3 (g)): the entry it brings does not count", async () => {
    expect(await check("RevokedLeaf", ["Base", "ForgedDelta"])).toMatchObject({ status: "good", crl: crls.Base });
  });

  it("a delta of a later base than the complete CRL at hand, or by another CA, is not applied", async () => {
    expect(await check("RevokedLeaf", ["Base", "DeltaOfLater"])).toMatchObject({ status: "good", crl: crls.Base });
    expect(await check("RevokedLeaf", ["Base", "RootDelta"])).toMatchObject({ status: "good", crl: crls.Base });
  });

  it("a delta on a complete CRL from before the revocation brings the entry in", async () => {
    expect((await check("RevokedLeaf", ["Base"])).status).toBe("good");
    const v = await check("RevokedLeaf", ["Base", "Delta"]);
    expect(v.status === "revoked" && [v.crl, v.entry.reason]).toEqual([crls.Delta, "keyCompromise"]);
  });

  it("a delta alone is not a CRL to judge by", async () => {
    expect(await check("RevokedLeaf", ["Delta"])).toEqual(unknown({ code: "crl-not-covering" }));
  });
});
