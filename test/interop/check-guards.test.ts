/**
 * Tests that guard single checks of the signature layer: each is the one test
 * that fails when its check is weakened (a condition dropped, a count off by
 * one), found by changing the check by hand and seeing which tests noticed
 * (`npm run mutate:guards` repeats that). The structures come from OpenSSL
 * (`openssl cms -sign`, `openssl dgst -sign` over attributes assembled here).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as asn1js from "asn1js";
import { createHash } from "node:crypto";
import * as pkijs from "pkijs";
import { attribute, multipartSigned, pkcs7MimeMessage, rsaSignedData } from "../helpers/cms-build.js";
import { codes, inspect, signers } from "../helpers/inspect.js";
import { OpensslPki, rfc2822, type Identity } from "../helpers/pki.js";

const TEXT = "Content-Type: text/plain\r\n\r\nThe invoice is attached.\r\n";
const OID_CONTENT_TYPE = "1.2.840.113549.1.9.3";
const OID_MESSAGE_DIGEST = "1.2.840.113549.1.9.4";
const OID_SIGNED_DATA = "1.2.840.113549.1.7.2";

let pki: OpensslPki;
let ca: Identity;
let alice: Identity;

beforeAll(() => {
  pki = new OpensslPki();
  ca = pki.makeCa("GuardCA");
  alice = pki.makeLeaf("alice", ca, { sanEmails: ["alice@example.org"] });
});
afterAll(() => pki.cleanup());

/** OpenSSL's RSA PKCS#1 v1.5 signature with SHA-256 over `data`, by alice's key. */
const opensslSign = (data: Uint8Array): Uint8Array => pki.run(["dgst", "-sha256", "-sign", alice.key], data);

function message(der: Uint8Array): string {
  return multipartSigned(`Date: ${rfc2822(new Date())}\r\nFrom: alice@example.org\r\n`, TEXT, der);
}

const digestOf = (s: string) => new asn1js.OctetString({ valueHex: Uint8Array.from(createHash("sha256").update(Buffer.from(s, "latin1")).digest()).buffer });

describe("signed attributes (RFC 5652 section 5.3, 11.1, 11.2)", () => {
  it("the control: attributes as OpenSSL would sign them verify", async () => {
    const der = rsaSignedData({ content: Buffer.from(TEXT, "latin1"), certPem: pki.read(alice.cert).toString(), sign: opensslSign });
    const r = await inspect(message(der));
    expect([r.signature, codes(r)]).toEqual(["valid", []]);
  });

  it("a content-type attribute that is not the eContentType: content-type-mismatch, invalid", async () => {
    const der = rsaSignedData({
      content: Buffer.from(TEXT, "latin1"),
      certPem: pki.read(alice.cert).toString(),
      sign: opensslSign,
      editAttributes: (a) => a.map((x) => (x.type === OID_CONTENT_TYPE ? attribute(OID_CONTENT_TYPE, new asn1js.ObjectIdentifier({ value: OID_SIGNED_DATA })) : x)),
    });
    const r = await inspect(message(der));
    expect(signers(r)[0]!.status).toBe("invalid");
    expect(r.issues.find((i) => i.code === "content-type-mismatch")?.params).toEqual({ expected: "data", found: "signedData" });
  });

  it("a second message-digest attribute, even one with the right value: malformed, invalid", async () => {
    const der = rsaSignedData({
      content: Buffer.from(TEXT, "latin1"),
      certPem: pki.read(alice.cert).toString(),
      sign: opensslSign,
      editAttributes: (a) => [...a, attribute(OID_MESSAGE_DIGEST, digestOf(TEXT))],
    });
    const r = await inspect(message(der));
    expect(signers(r)[0]!.status).toBe("invalid");
    expect(r.issues.map((i) => [i.code, i.params])).toEqual([["malformed-cms", { reason: "signed-attribute-count", attribute: "message-digest" }]]);
  });
});

describe("signed attributes that name the content type more than once, or not once", () => {
  it("two content-type attributes, or one with two values: malformed, invalid (RFC 5652 section 11.1: exactly one value)", async () => {
    const ct = () => new asn1js.ObjectIdentifier({ value: "1.2.840.113549.1.7.1" });
    for (const edit of [
      (a: pkijs.Attribute[]) => [...a, attribute(OID_CONTENT_TYPE, ct())],
      (a: pkijs.Attribute[]) => a.map((x) => (x.type === OID_CONTENT_TYPE ? new pkijs.Attribute({ type: OID_CONTENT_TYPE, values: [ct(), ct()] }) : x)),
    ]) {
      const der = rsaSignedData({ content: Buffer.from(TEXT, "latin1"), certPem: pki.read(alice.cert).toString(), sign: opensslSign, editAttributes: edit });
      const r = await inspect(message(der));
      expect([signers(r)[0]!.status, r.issues.map((i) => [i.code, i.params])]).toEqual(["invalid", [["malformed-cms", { reason: "signed-attribute-count", attribute: "content-type" }]]]);
    }
  });
});

describe("signers Signet cannot verify, or must refuse, made by openssl cms -sign", () => {
  function signWith(key: string, cert: string, extra: string[] = []): Buffer {
    const input = pki.write("plain.txt", "Content-Type: text/plain\n\nPay 100.\n");
    pki.run(["cms", "-sign", "-in", input, "-signer", cert, "-inkey", key, "-from", "alice@example.org", "-out", "signed.eml", ...extra]);
    return Buffer.concat([Buffer.from(`Date: ${rfc2822(new Date())}\n`), pki.read("signed.eml")]);
  }

  it("a digest Signet does not compute (SHA3-256): unsupported-algorithm for the digest, unverifiable, though OpenSSL verifies it", async () => {
    const msg = signWith(alice.key, alice.cert, ["-md", "sha3-256"]);
    expect(pki.opensslVerifies(msg)).toBe(true);
    const r = await inspect(msg);
    // rsaEncryption names no hash of its own (RFC 5652 section 5.3), so the signature scheme is unknown too.
    expect([r.signature, signers(r)[0]!.status, r.issues.map((i) => [i.code, i.params.role, i.params.algorithm])]).toEqual([
      "unverifiable", "unverifiable", [["unsupported-algorithm", "digest", "SHA3-256"], ["unsupported-algorithm", "signature", "RSA"]],
    ]);
  });

  it("a signer key on a curve Signet does not verify (secp256k1): the key is unsupported, named, and the signature unverifiable, not invalid", async () => {
    const k1 = pki.makeLeaf("k1", ca, { sanEmails: ["alice@example.org"], key: "ec:secp256k1" });
    const msg = signWith(k1.key, k1.cert);
    expect(pki.opensslVerifies(msg)).toBe(true);
    const r = await inspect(msg);
    expect([r.signature, signers(r)[0]!.status]).toEqual(["unverifiable", "unverifiable"]);
    expect(r.issues.find((i) => i.code === "unsupported-algorithm")?.params).toEqual({ role: "key", algorithm: "ECDSA", why: "unknown-curve", value: "1.3.132.0.10" });
  });

  it("an RSA signer key under 1024 bits is refused as weak-key (refused: the mathematics holds, as OpenSSL says)", async () => {
    const small = pki.makeLeaf("rsa512", ca, { sanEmails: ["alice@example.org"], key: "rsa:512" });
    const msg = signWith(small.key, small.cert);
    expect(pki.opensslVerifies(msg)).toBe(true);
    const r = await inspect(msg);
    expect([r.signature, r.issues.find((i) => i.code === "weak-key")?.params]).toEqual(["refused", { bits: 512, minimum: 1024, intact: true }]);
  });

  it("a SignedData without its content in an application/pkcs7-mime part: nothing to verify, said so (malformed-cms)", async () => {
    const input = pki.write("plain.txt", "Content-Type: text/plain\n\nPay 100.\n");
    const detachedDer = pki.run(["cms", "-sign", "-in", input, "-signer", alice.cert, "-inkey", alice.key, "-outform", "DER"]);
    const r = await inspect(pkcs7MimeMessage(`Date: ${rfc2822(new Date())}\r\nFrom: alice@example.org\r\n`, new Uint8Array(detachedDer), "signed-data"));
    expect([r.signature, r.issues.map((i) => [i.code, i.params.reason])]).toEqual([
      "unverifiable",
      [["malformed-cms", "opaque-without-content"], ["malformed-cms", "no-content"]],
    ]);
  });
});

describe("a signature without signed attributes (openssl cms -sign -noattr)", () => {
  function noattr(content: string): Buffer {
    const input = pki.write("noattr.txt", content);
    pki.run(["cms", "-sign", "-noattr", "-in", input, "-signer", alice.cert, "-inkey", alice.key, "-from", "alice@example.org", "-out", "noattr.eml"]);
    return Buffer.concat([Buffer.from(`Date: ${rfc2822(new Date())}\n`), pki.read("noattr.eml")]);
  }

  it("verifies as OpenSSL says, and content changed after signing is signature-invalid (invalid, not unverifiable)", async () => {
    const good = noattr("Content-Type: text/plain\n\nPay 100.\n");
    expect(pki.opensslVerifies(good)).toBe(true);
    const r = await inspect(good);
    expect([r.signature, signers(r)[0]!.signedAttributes]).toEqual(["valid", false]);
    const changed = Buffer.from(good.toString("latin1").replace("Pay 100.", "Pay 900."), "latin1");
    expect(pki.opensslVerifies(changed)).toBe(false);
    const bad = await inspect(changed);
    expect([bad.signature, signers(bad)[0]!.status, bad.issues.map((i) => [i.code, i.params])]).toEqual(["invalid", "invalid", [["signature-invalid", { over: "content" }]]]);
  });
});

describe("the encryption key preference (RFC 8551 section 2.5.3) in every form, and Microsoft's", () => {
  const OID_EKP = "1.2.840.113549.1.9.16.2.11";
  const OID_MS_EKP = "1.3.6.1.4.1.311.16.4";
  const ski = Uint8Array.from(Buffer.from("0A0B0C0D0E0F", "hex"));
  const tagged = (tagNumber: number, value: asn1js.AsnType[]) => new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber }, value });

  async function preference(extra: pkijs.Attribute) {
    const der = rsaSignedData({ content: Buffer.from(TEXT, "latin1"), certPem: pki.read(alice.cert).toString(), sign: opensslSign, editAttributes: (a) => [...a, extra] });
    const r = await inspect(message(der));
    expect([r.signature, signers(r)[0]!.status]).toEqual(["valid", "valid"]);
    return signers(r)[0]!.encryptionKeyPreference;
  }

  it("issuerAndSerialNumber [0], recipientKeyId [1] and subjectAltKeyIdentifier [2]; Microsoft's plain IssuerAndSerialNumber", async () => {
    const cert = pkijs.Certificate.fromBER(Uint8Array.from(pki.run(["x509", "-in", alice.cert, "-outform", "DER"])).buffer);
    const serial = pki.run(["x509", "-in", alice.cert, "-noout", "-serial"]).toString().trim().split("=")[1]!;
    const issuer = "O=Signet Test, CN=GuardCA";
    const ias = [cert.issuer.toSchema(), cert.serialNumber];
    expect(await preference(attribute(OID_EKP, tagged(0, ias)))).toEqual({ kind: "issuer-and-serial", issuer, serialNumber: serial });
    expect(await preference(attribute(OID_EKP, tagged(1, [new asn1js.OctetString({ valueHex: ski.slice().buffer })])))).toEqual({ kind: "subject-key-identifier", subjectKeyIdentifier: "0A0B0C0D0E0F" });
    // [2] IMPLICIT SubjectKeyIdentifier: the OCTET STRING's tag replaced, so the element is primitive.
    const implicit = new asn1js.Primitive({ idBlock: { tagClass: 3, tagNumber: 2 }, valueHex: ski.slice().buffer });
    expect(await preference(attribute(OID_EKP, implicit))).toEqual({ kind: "subject-key-identifier", subjectKeyIdentifier: "0A0B0C0D0E0F" });
    expect(await preference(attribute(OID_MS_EKP, new asn1js.Sequence({ value: ias })))).toEqual({ kind: "issuer-and-serial", issuer, serialNumber: serial });
    // Something else in its place is no preference, and no harm to the signature.
    expect(await preference(attribute(OID_EKP, new asn1js.Integer({ value: 5 })))).toBeUndefined();
  });
});

describe("no signed attributes, and content that is not id-data", () => {
  it("is refused as content-type-mismatch, invalid (RFC 5652 section 5.3: other content types need signed attributes), though OpenSSL verifies it", async () => {
    const input = pki.write("tst.txt", "Content-Type: text/plain\n\nPay 100.\n");
    pki.run(["cms", "-sign", "-noattr", "-nodetach", "-econtent_type", "1.2.840.113549.1.9.16.1.4", "-in", input, "-signer", alice.cert, "-inkey", alice.key, "-from", "alice@example.org", "-out", "tst.eml"]);
    const msg = Buffer.concat([Buffer.from(`Date: ${rfc2822(new Date())}\n`), pki.read("tst.eml")]);
    expect(pki.opensslVerifies(msg)).toBe(true);
    const r = await inspect(msg);
    expect([signers(r)[0]!.status, r.issues.find((i) => i.code === "content-type-mismatch")?.params]).toEqual([
      "invalid",
      { expected: "data", found: "1.2.840.113549.1.9.16.1.4", signedAttributes: false },
    ]);
  });
});

describe("finding the signer's certificate (RFC 5652 section 5.3, SignerIdentifier)", () => {
  it("by issuer and serial: a certificate with the same serial from another issuer is not the signer's", async () => {
    const other = pki.makeCa("OtherCA");
    const serial = pki.run(["x509", "-in", alice.cert, "-noout", "-serial"]).toString().trim().split("=")[1]!;
    // Bob's certificate from another CA, given alice's serial number.
    pki.run(["req", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout", "twin.key", "-subj", "/CN=twin", "-config", "GuardCA.cnf", "-out", "twin.csr"]);
    pki.write("twin.ext", "subjectAltName=email:alice@example.org\nsubjectKeyIdentifier=hash\n");
    pki.run(["x509", "-req", "-in", "twin.csr", "-CA", other.cert, "-CAkey", other.key, "-set_serial", `0x${serial}`, "-days", "30", "-extfile", "twin.ext", "-out", "twin.pem"]);
    const msg = pki.sign({ signers: [{ who: alice }], content: TEXT, noCerts: true, extraCerts: ["twin.pem"] });
    const r = await inspect(msg);
    // Not taken for alice's: nothing is said about the signature until her certificate is there.
    expect([r.signature, codes(r)]).toEqual(["unverifiable", ["signer-certificate-missing"]]);
  });

  it("by subject key identifier: a certificate with another key identifier is not the signer's", async () => {
    const input = pki.write("keyid.txt", TEXT);
    const bob = pki.makeLeaf("bob", ca, { sanEmails: ["alice@example.org"] });
    pki.run(["cms", "-sign", "-keyid", "-nocerts", "-certfile", bob.cert, "-in", input, "-signer", alice.cert, "-inkey", alice.key, "-from", "alice@example.org", "-out", "keyid.eml"]);
    const r = await inspect(Buffer.concat([Buffer.from(`Date: ${rfc2822(new Date())}\n`), pki.read("keyid.eml")]));
    expect(signers(r)[0]!.signerId.kind).toBe("subject-key-identifier");
    expect([r.signature, codes(r)]).toEqual(["unverifiable", ["signer-certificate-missing"]]);
  });
});

describe("sender binding over every From mailbox", () => {
  it("From: alice, mallory signed by alice: mallory is not bound, danger", async () => {
    const r = await inspect(pki.sign({ signers: [{ who: alice }], content: TEXT, from: "alice@example.org, Mallory <mallory@example.org>" }));
    expect(r.issues.map((i) => [i.code, i.params.addresses])).toEqual([["sender-mismatch", ["mallory@example.org"]]]);
    expect(r.verdict).toBe("danger");
  });
});

describe("the certificate-count limit (limits.ts maxCertificates)", () => {
  it("a SignedData with more certificates than the limit: only the limit is read, and it is said", async () => {
    const extra = ["x1", "x2", "x3"].map((n) => pki.makeLeaf(n, ca).cert);
    const msg = pki.sign({ signers: [{ who: alice }], content: TEXT, extraCerts: extra });
    const r = await inspect(msg, { limits: { maxCertificates: 2 } });
    expect(r.layers[0]).toMatchObject({ certificateCount: 2 });
    expect(r.issues.map((i) => [i.code, i.severity, i.where, i.params])).toContainEqual(["limit-exceeded", "warning", { layer: 0 }, { limit: "maxCertificates", value: 2 }]);
    // Which two are read depends on the order of the SET OF; the signer's may be cut off (then it is missing, never guessed).
    expect(r.signature === "valid" || codes(r).includes("signer-certificate-missing")).toBe(true);
    const all = await inspect(msg, { limits: { maxCertificates: 4 } });
    expect([all.layers[0]!.kind === "signed" && all.layers[0]!.certificateCount, codes(all)]).toEqual([4, []]);
  });
});
