/**
 * Which signature scheme an AlgorithmIdentifier names (src/core/crypto/algorithms.ts):
 * RSASSA-PSS parameters as OpenSSL writes them into certificates, with
 * RFC 4055 section 3.1's defaults for absent fields; the OIDs that name no
 * hash (RFC 5652 section 5.3: the SignerInfo's digestAlgorithm then decides);
 * and what is refused as unsupported, with the reason the report shows.
 */
import * as asn1js from "asn1js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { schemeHash, signatureScheme, digestByOid } from "../../src/core/crypto/algorithms.js";
import { readCertificates } from "../../src/core/index.js";
import { OpensslPki } from "../helpers/pki.js";

let pki: OpensslPki;

beforeAll(() => {
  pki = new OpensslPki();
  pki.run(["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", "rsa.key"]);
  pki.write("req.cnf", "[req]\ndistinguished_name=dn\n[dn]\n");
});
afterAll(() => pki.cleanup());

/** The signatureAlgorithm OpenSSL writes into a self-signed certificate made with these -sigopt options. */
function opensslPssAlgorithm(md: string, sigopts: string[]) {
  const out = `pss-${md}-${sigopts.join("-").replace(/[^a-z0-9]/gi, "")}.pem`;
  pki.run(["req", "-x509", "-new", "-key", "rsa.key", "-subj", "/CN=pss", "-days", "1", "-config", "req.cnf", `-${md}`, "-sigopt", "rsa_padding_mode:pss", ...sigopts.flatMap((o) => ["-sigopt", o]), "-out", out]);
  const alg = readCertificates(pki.read(out)).certificates[0]!.cert.signatureAlgorithm;
  return signatureScheme(alg.algorithmId, alg.algorithmParams, null);
}

const PSS = "1.2.840.113549.1.1.10";
const seq = (...items: asn1js.AsnType[]) => new asn1js.Sequence({ value: items });
const tagged = (n: number, item: asn1js.AsnType) => new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: n }, value: [item] });
const algId = (oid: string, params?: asn1js.AsnType) => seq(new asn1js.ObjectIdentifier({ value: oid }), ...(params ? [params] : []));
const SHA256 = "2.16.840.1.101.3.4.2.1";
const MGF1 = "1.2.840.113549.1.1.8";

describe("RSASSA-PSS parameters (RFC 4055 section 3.1)", () => {
  it("as OpenSSL writes them: hash, MGF1 hash and salt length, each its own", () => {
    expect(opensslPssAlgorithm("sha256", ["rsa_pss_saltlen:32", "rsa_mgf1_md:sha512"])).toEqual({ kind: "rsa-pss", hash: "SHA-256", mgfHash: "SHA-512", saltLength: 32 });
    expect(opensslPssAlgorithm("sha384", ["rsa_pss_saltlen:0"])).toEqual({ kind: "rsa-pss", hash: "SHA-384", mgfHash: "SHA-384", saltLength: 0 });
  });

  it("SHA-1 with a 20-byte salt is all defaults, which OpenSSL leaves out: read back as the defaults", () => {
    expect(opensslPssAlgorithm("sha1", ["rsa_pss_saltlen:20"])).toEqual({ kind: "rsa-pss", hash: "SHA-1", mgfHash: "SHA-1", saltLength: 20 });
  });

  it("absent parameters, or NULL, mean the defaults too", () => {
    const defaults = { kind: "rsa-pss", hash: "SHA-1", mgfHash: "SHA-1", saltLength: 20 };
    expect(signatureScheme(PSS, undefined, null)).toEqual(defaults);
    expect(signatureScheme(PSS, new asn1js.Null(), null)).toEqual(defaults);
    expect(signatureScheme(PSS, seq(), null)).toEqual(defaults);
  });

  it("an MGF1 without parameters hashes with SHA-1; a mask generator other than MGF1 is unsupported", () => {
    expect(signatureScheme(PSS, seq(tagged(0, algId(SHA256)), tagged(1, algId(MGF1))), null)).toEqual({ kind: "rsa-pss", hash: "SHA-256", mgfHash: "SHA-1", saltLength: 20 });
    expect(signatureScheme(PSS, seq(tagged(1, algId("1.2.3.4", algId(SHA256)))), null)).toEqual({ kind: "unsupported", why: "pss-mask-generation", value: "1.2.3.4" });
  });

  it("a trailer field other than 1 is invalid (RFC 4055 section 3.1)", () => {
    expect(signatureScheme(PSS, seq(tagged(3, new asn1js.Integer({ value: 2 }))), null)).toEqual({ kind: "unsupported", why: "pss-trailer-field", value: "2" });
    expect(signatureScheme(PSS, seq(tagged(3, new asn1js.Integer({ value: 1 }))), null)).toMatchObject({ kind: "rsa-pss" });
  });

  it("an unknown hash, in the signature or in MGF1, is unsupported; malformed parameters are said so", () => {
    expect(signatureScheme(PSS, seq(tagged(0, algId("1.2.3.5"))), null)).toEqual({ kind: "unsupported", why: "pss-hash" });
    expect(signatureScheme(PSS, seq(tagged(1, algId(MGF1, algId("1.2.3.5")))), null)).toEqual({ kind: "unsupported", why: "pss-hash" });
    expect(signatureScheme(PSS, new asn1js.Integer({ value: 5 }), null)).toEqual({ kind: "unsupported", why: "pss-parameters-malformed" });
  });
});

describe("OIDs that name a key type but no hash (RFC 5652 section 5.3, RFC 3370 section 3.2)", () => {
  it("take the SignerInfo's digest; without one they are unsupported", () => {
    expect(signatureScheme("1.2.840.113549.1.1.1", null, "SHA-256")).toEqual({ kind: "rsa-pkcs1", hash: "SHA-256" });
    expect(signatureScheme("1.2.840.10045.2.1", null, "SHA-384")).toEqual({ kind: "ecdsa", hash: "SHA-384" });
    expect(signatureScheme("1.2.840.10040.4.1", null, "SHA-1")).toEqual({ kind: "dsa", hash: "SHA-1" });
    for (const oid of ["1.2.840.113549.1.1.1", "1.2.840.10045.2.1", "1.2.840.10040.4.1"]) expect(signatureScheme(oid, null, null)).toEqual({ kind: "unsupported", why: "no-digest" });
  });

  it("an OID that names its hash keeps it, whatever the digest algorithm says", () => {
    expect(signatureScheme("1.2.840.113549.1.1.11", null, "SHA-512")).toEqual({ kind: "rsa-pkcs1", hash: "SHA-256" });
    expect(signatureScheme("1.2.840.10045.4.3.2", null, null)).toEqual({ kind: "ecdsa", hash: "SHA-256" });
    expect(signatureScheme("2.16.840.1.101.3.4.3.2", null, null)).toEqual({ kind: "dsa", hash: "SHA-256" });
  });

  it("Ed25519 (RFC 8419) hashes with SHA-512 inside; an unknown OID is unsupported, named", () => {
    expect(signatureScheme("1.3.101.112", null, null)).toEqual({ kind: "ed25519" });
    expect(schemeHash({ kind: "ed25519" })).toBe("SHA-512");
    expect(signatureScheme("1.3.101.113", null, "SHA-256")).toEqual({ kind: "unsupported", why: "unknown-algorithm", value: "1.3.101.113" });
  });
});

describe("schemeHash and digestByOid", () => {
  it("give the hash a scheme signs with, and none for an unsupported one", () => {
    expect(schemeHash({ kind: "rsa-pss", hash: "SHA-384", mgfHash: "SHA-1", saltLength: 20 })).toBe("SHA-384");
    expect(schemeHash({ kind: "dsa", hash: "SHA-224" })).toBe("SHA-224");
    expect(schemeHash({ kind: "unsupported", why: "unknown-algorithm" })).toBeNull();
    expect([digestByOid("1.2.840.113549.2.5"), digestByOid("2.16.840.1.101.3.4.2.4"), digestByOid("1.2.3")]).toEqual(["MD5", "SHA-224", null]);
  });
});
