/**
 * The rules of path validation (src/core/policy/path-validation.ts), one at a
 * time and at their edges, on certificates issued by `openssl ca` with fixed
 * dates: validatePath is called on the chain directly, so each test names the
 * exact issues (code, severity, params, certificate) a rule must give, and
 * the validation time can sit on a certificate's first or last second. The
 * scenarios in scenarios.test.ts check the same rules end to end, by code.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CertificateView } from "../../src/core/index.js";
import { validatePath, type LeafPurpose } from "../../src/core/policy/path-validation.js";
import { smimeProfile, type SmimeProfileOptions } from "../../src/core/policy/profile.js";
import { ScenarioPki, type CertSpec } from "../helpers/scenario-pki.js";

const NOT_BEFORE = new Date("2026-01-01T00:00:00Z");
const NOT_AFTER = new Date("2027-01-01T00:00:00Z");
const MID = new Date("2026-06-01T00:00:00Z");
const EMAIL = "alice@example.org";
const OID = {
  emailProtection: "1.3.6.1.5.5.7.3.4",
  clientAuth: "1.3.6.1.5.5.7.3.2",
  anyEku: "2.5.29.37.0",
};

const dated = (spec: CertSpec): CertSpec => ({ notBefore: NOT_BEFORE, notAfter: NOT_AFTER, ...spec });
const leafOf = (name: string, issuer: string, extra: Partial<CertSpec> = {}): CertSpec => dated({ name, issuer, email: EMAIL, ca: false, ...extra });

const SPECS: CertSpec[] = [
  { name: "Root" },
  { name: "Inter", issuer: "Root" },
  leafOf("Leaf", "Inter"),
  // Key sizes of an issuing CA (RFC 8551 section 4.1): under the hard minimum, at it, at the soft one.
  { name: "Rsa512CA", issuer: "Root", ca: true, key: "rsa:512" },
  { name: "Rsa1024CA", issuer: "Root", ca: true, key: "rsa:1024" },
  { name: "Rsa2048CA", issuer: "Root", ca: true, key: "rsa:2048" },
  { name: "Dsa1024CA", issuer: "Root", ca: true, key: "dsa:1024" },
  // A 512-bit leaf: as a CRL or OCSP signer its key makes the signatures this path vouches for.
  leafOf("Rsa512Leaf", "Inter", { key: "rsa:512" }),
  // Certificate signature digests (ECDSA has no MD5, so an RSA CA signs this one).
  leafOf("Md5Leaf", "Rsa2048CA", { md: "md5" }),
  leafOf("Sha1Leaf", "Inter", { md: "sha1" }),
  // Usages.
  { name: "NoKeyCertSign", issuer: "Root", ca: true, keyUsage: "critical,digitalSignature,cRLSign" },
  { name: "NoKeyUsageCA", issuer: "Root", ca: true, keyUsage: "absent" },
  leafOf("EncryptOnly", "Inter", { keyUsage: "critical,keyEncipherment,dataEncipherment" }),
  leafOf("NonRepudiationOnly", "Inter", { keyUsage: "critical,nonRepudiation" }),
  leafOf("DigitalSignatureOnly", "Inter", { keyUsage: "critical,digitalSignature" }),
  // A keyUsage whose value is a NULL, and policy constraints written as a NULL: present, critical, undecodable.
  leafOf("UndecodableKeyUsage", "Inter", { keyUsage: "absent", extraExtensions: ["keyUsage=critical,DER:05:00"] }),
  { name: "UndecodablePolicyConstraints", issuer: "Root", ca: true, extraExtensions: ["2.5.29.36=critical,DER:05:00"] },
  { name: "RequiresExplicitPolicy", issuer: "Root", ca: true, policyConstraints: "critical,requireExplicitPolicy:0" },
  leafOf("NoKeyUsageLeaf", "Inter", { keyUsage: "absent" }),
  leafOf("ClientAuthLeaf", "Inter", { eku: "clientAuth,serverAuth" }),
  leafOf("AnyEkuLeaf", "Inter", { eku: "anyExtendedKeyUsage" }),
  leafOf("NoEkuLeaf", "Inter", { eku: "absent" }),
  { name: "ServerAuthCA", issuer: "Root", ca: true, eku: "serverAuth" },
  { name: "AnyEkuCA", issuer: "Root", ca: true, eku: "anyExtendedKeyUsage" },
  { name: "EmailCA", issuer: "Root", ca: true, eku: "emailProtection" },
  // Critical extensions (RFC 5280 section 4.2): one nobody knows, and one only said non-critically.
  leafOf("UnknownCritical", "Inter", { extraExtensions: ["1.3.6.1.4.1.99999.7=critical,ASN1:UTF8String:must understand"] }),
  leafOf("UnknownNonCritical", "Inter", { extraExtensions: ["1.3.6.1.4.1.99999.7=ASN1:UTF8String:may ignore"] }),
  leafOf("TwoUnknownCritical", "Inter", { extraExtensions: ["1.3.6.1.4.1.99999.7=critical,ASN1:UTF8String:a", "1.3.6.1.4.1.99999.8=critical,ASN1:UTF8String:b"] }),
  { name: "CriticalUnknownCA", issuer: "Root", ca: true, extraExtensions: ["1.3.6.1.4.1.99999.9=critical,ASN1:NULL"] },
  // Basic constraints.
  { name: "NotCA", issuer: "Root", ca: false, keyUsage: "critical,keyCertSign,cRLSign" },
];

let pki: ScenarioPki;
let views = new Map<string, CertificateView>();
const cert = (name: string): CertificateView => views.get(name)!;

beforeAll(() => {
  pki = new ScenarioPki();
  // Every CA and leaf shares the fixed dates except the root, which is dated wide so it never matters.
  views = pki.buildViews(SPECS.map((s) => (s.issuer ? dated(s) : { ...s, notBefore: new Date("2020-01-01T00:00:00Z"), notAfter: new Date("2040-01-01T00:00:00Z") })));
});
afterAll(() => pki.cleanup());

function validate(chain: string[], options: SmimeProfileOptions = {}, purpose?: LeafPurpose) {
  return validatePath(chain.map(cert), smimeProfile({ validationTime: MID, ...options }), undefined, purpose);
}

describe("the validity period (RFC 5280 section 6.1.3 (a)(2), both ends inclusive by section 4.1.2.5)", () => {
  const at = (t: Date) => validate(["Leaf", "Inter", "Root"], { validationTime: t });

  it("valid on its first and its last second", () => {
    expect(at(NOT_BEFORE)).toEqual([]);
    expect(at(NOT_AFTER)).toEqual([]);
  });

  it("a millisecond before the first second: not-yet-valid, with both times, on every certificate it concerns", () => {
    const t = new Date(NOT_BEFORE.getTime() - 1);
    const params = { notBefore: NOT_BEFORE.toISOString(), at: t.toISOString() };
    expect(at(t)).toEqual([
      { code: "not-yet-valid", severity: "error", params, certificate: 1 },
      { code: "not-yet-valid", severity: "error", params, certificate: 0 },
    ]);
  });

  it("a millisecond after the last second: expired, with both times", () => {
    const t = new Date(NOT_AFTER.getTime() + 1);
    const params = { notAfter: NOT_AFTER.toISOString(), at: t.toISOString() };
    expect(at(t)).toEqual([
      { code: "expired", severity: "error", params, certificate: 1 },
      { code: "expired", severity: "error", params, certificate: 0 },
    ]);
  });

  it("an empty path has nothing to say (the builder never asks, but the validator does not fail on it)", () => {
    expect(validatePath([], smimeProfile({ validationTime: MID }))).toEqual([]);
  });

  it("the anchor's own dates are checked too, as NSS and OpenSSL check them (RFC 5280 section 6.1.1 (d) leaves it to the relying party)", () => {
    // The root is valid from 2020 to 2040; at 2045 it has expired with the two certificates below it.
    const t = new Date("2045-01-01T00:00:00Z");
    expect(at(t).map((i) => [i.code, i.certificate])).toEqual([["expired", 2], ["expired", 1], ["expired", 0]]);
  });
});

describe("issuing certificates (RFC 5280 section 6.1.4 (k), (n))", () => {
  it("a CA certificate whose basicConstraints says cA FALSE: not-a-ca, naming it", () => {
    expect(validate(["Leaf", "NotCA", "Root"])).toEqual([{ code: "not-a-ca", severity: "error", params: { subject: "O=Signet Scenario, CN=NotCA" }, certificate: 1 }]);
  });

  it("a CA whose keyUsage lacks keyCertSign: key-usage with what is required and what is there", () => {
    expect(validate(["Leaf", "NoKeyCertSign", "Root"])).toEqual([
      { code: "key-usage", severity: "error", params: { required: ["keyCertSign"], present: ["digitalSignature", "cRLSign"] }, certificate: 1 },
    ]);
  });

  it("a CA without keyUsage is not held to it", () => {
    expect(validate(["Leaf", "NoKeyUsageCA", "Root"])).toEqual([]);
  });
});

describe("the signer's key usage (RFC 8550 section 4.4.2)", () => {
  it("keyUsage without digitalSignature or nonRepudiation: key-usage, naming both", () => {
    expect(validate(["EncryptOnly", "Inter", "Root"])).toEqual([
      { code: "key-usage", severity: "error", params: { required: ["digitalSignature", "nonRepudiation"], present: ["keyEncipherment", "dataEncipherment"] }, certificate: 0 },
    ]);
  });

  it("digitalSignature alone is enough, nonRepudiation alone too, and so is no keyUsage at all", () => {
    expect(validate(["DigitalSignatureOnly", "Inter", "Root"])).toEqual([]);
    expect(validate(["NonRepudiationOnly", "Inter", "Root"])).toEqual([]);
    expect(validate(["NoKeyUsageLeaf", "Inter", "Root"])).toEqual([]);
  });

  it("a CRL signer's usage is not the mail signer's: checked with its CRL instead", () => {
    expect(validate(["EncryptOnly", "Inter", "Root"], {}, "crl-signer")).toEqual([]);
  });
});

describe("extended key usage (RFC 8550 section 4.4.4), on the signer and every CA", () => {
  it("a signer for TLS only: missing-email-protection, with what it allows and what is required", () => {
    expect(validate(["ClientAuthLeaf", "Inter", "Root"])).toEqual([
      { code: "missing-email-protection", severity: "error", params: { present: ["clientAuth", "serverAuth"], required: "emailProtection" }, certificate: 0 },
    ]);
  });

  it("anyExtendedKeyUsage or no EKU at all allow email", () => {
    expect(validate(["AnyEkuLeaf", "Inter", "Root"])).toEqual([]);
    expect(validate(["NoEkuLeaf", "Inter", "Root"])).toEqual([]);
  });

  it("a CA restricted to TLS: missing-email-protection on the CA; one restricted to email or any passes", () => {
    expect(validate(["Leaf", "ServerAuthCA", "Root"])).toEqual([
      { code: "missing-email-protection", severity: "error", params: { present: ["serverAuth"], required: "emailProtection" }, certificate: 1 },
    ]);
    expect(validate(["Leaf", "EmailCA", "Root"])).toEqual([]);
    expect(validate(["Leaf", "AnyEkuCA", "Root"])).toEqual([]);
  });

  it("the profile's required EKU is the one asked for", () => {
    expect(validate(["ClientAuthLeaf", "Inter", "Root"], { requiredEku: OID.clientAuth })).toEqual([]);
  });

  it("a CRL signer's own EKU is not the mail signer's; a CA above it still is", () => {
    expect(validate(["ClientAuthLeaf", "Inter", "Root"], {}, "crl-signer")).toEqual([]);
    expect(validate(["Leaf", "ServerAuthCA", "Root"], {}, "crl-signer").map((i) => [i.code, i.certificate])).toEqual([["missing-email-protection", 1]]);
  });
});

describe("critical extensions (RFC 5280 section 6.1.4 (o), 6.1.5 (f))", () => {
  it("an unknown critical extension fails the certificate that carries it, naming the extension", () => {
    expect(validate(["UnknownCritical", "Inter", "Root"])).toEqual([
      { code: "unhandled-critical-extension", severity: "error", params: { extensions: ["1.3.6.1.4.1.99999.7"] }, certificate: 0 },
    ]);
    expect(validate(["TwoUnknownCritical", "Inter", "Root"])[0]!.params).toEqual({ extensions: ["1.3.6.1.4.1.99999.7", "1.3.6.1.4.1.99999.8"] });
    expect(validate(["Leaf", "CriticalUnknownCA", "Root"])).toEqual([
      { code: "unhandled-critical-extension", severity: "error", params: { extensions: ["1.3.6.1.4.1.99999.9"] }, certificate: 1 },
    ]);
  });

  it("the same extension, not critical, is ignored", () => {
    expect(validate(["UnknownNonCritical", "Inter", "Root"])).toEqual([]);
  });
});

describe("extensions that do not decode (RFC 5280 section 4.2)", () => {
  it("a keyUsage that is not a BIT STRING: malformed, naming the extension, not read as absent", () => {
    expect(validate(["UndecodableKeyUsage", "Inter", "Root"])).toEqual([
      { code: "malformed-cms", severity: "error", params: { reason: "malformed-certificate-extension", extensions: ["2.5.29.15"] }, certificate: 0 },
    ]);
  });

  it("policy constraints that do not decode fail the path, where a CA's real ones would bind it", () => {
    const policyViolation = (reason: string, certificate: number) => [{ code: "policy-violation", severity: "error", params: { reason }, certificate }];
    expect(validate(["Leaf", "RequiresExplicitPolicy", "Root"])).toEqual(policyViolation("no-acceptable-policy", 0));
    expect(validate(["Leaf", "UndecodablePolicyConstraints", "Root"])).toEqual(policyViolation("malformed-policy-extension", 1));
  });
});

describe("certificate signature digests (RFC 8551 section 2.1)", () => {
  it("MD5 is refused whatever the SHA-1 setting", () => {
    const md5 = { code: "weak-digest", severity: "error", params: { algorithm: "MD5", role: "certificate signature" }, certificate: 0 };
    expect(validate(["Md5Leaf", "Rsa2048CA", "Root"])).toEqual([md5]);
    expect(validate(["Md5Leaf", "Rsa2048CA", "Root"], { acceptSha1: true })).toEqual([md5]);
  });

  it("SHA-1 is refused, unless the profile accepts it, and then it is a warning as on a message signature (one algorithm policy)", () => {
    expect(validate(["Sha1Leaf", "Inter", "Root"])).toEqual([
      { code: "weak-digest", severity: "error", params: { algorithm: "SHA-1", role: "certificate signature" }, certificate: 0 },
    ]);
    expect(validate(["Sha1Leaf", "Inter", "Root"], { acceptSha1: true })).toEqual([
      { code: "weak-digest", severity: "warning", params: { algorithm: "SHA-1", accepted: true, role: "certificate signature" }, certificate: 0 },
    ]);
  });
});

describe("CA key sizes (RFC 8551 section 4.1: not under 1024 bits; 2048 expected)", () => {
  it("512 bits: an error; 1024 bits: a warning; 2048 bits: nothing", () => {
    expect(validate(["Leaf", "Rsa512CA", "Root"]).filter((i) => i.code === "weak-key")).toEqual([
      { code: "weak-key", severity: "error", params: { bits: 512, minimum: 1024, role: "certificate signature" }, certificate: 1 },
    ]);
    expect(validate(["Leaf", "Rsa1024CA", "Root"]).filter((i) => i.code === "weak-key")).toEqual([
      { code: "weak-key", severity: "warning", params: { bits: 1024, minimum: 2048, role: "certificate signature" }, certificate: 1 },
    ]);
    expect(validate(["Leaf", "Rsa2048CA", "Root"])).toEqual([]);
  });

  it("DSA keys are held to the same sizes", () => {
    expect(validate(["Leaf", "Dsa1024CA", "Root"])).toEqual([{ code: "weak-key", severity: "warning", params: { bits: 1024, minimum: 2048, role: "certificate signature" }, certificate: 1 }]);
  });

  it("a CRL or OCSP signer's own key is judged here; an email signer's with the message signature it made", () => {
    const refused = (role: string) => [{ code: "weak-key", severity: "error", params: { bits: 512, minimum: 1024, role }, certificate: 0 }];
    expect(validate(["Rsa512Leaf", "Inter", "Root"], {}, "crl-signer")).toEqual(refused("crl-signer"));
    expect(validate(["Rsa512Leaf", "Inter", "Root"], {}, "ocsp-signer")).toEqual(refused("ocsp-signer"));
    expect(validate(["Rsa512Leaf", "Inter", "Root"], {}, "email-signer")).toEqual([]);
    // A CA's key on a CRL signer's path signs certificates, whatever the path's end signs.
    expect(validate(["Leaf", "Rsa512CA", "Root"], {}, "crl-signer").filter((i) => i.code === "weak-key")).toEqual([
      { code: "weak-key", severity: "error", params: { bits: 512, minimum: 1024, role: "certificate signature" }, certificate: 1 },
    ]);
  });
});
