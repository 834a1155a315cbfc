/**
 * SignedData read and one signer verified (src/core/cms/signed-data.ts), below the layers: what
 * readSignedData takes from the structure and what verifySigner says of each signer before the
 * path builder adds trust. Every SignedData is `openssl cms -sign`'s; where a test needs what
 * OpenSSL will not write (another digestAlgorithms list, an attribute certificate, a damaged key),
 * pkijs changes the unsigned parts of OpenSSL's structure, or the test says what it changed.
 */
import { createHash } from "node:crypto";
import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseContentInfo } from "../../src/core/cms/content-info.js";
import { carveCertificates } from "../../src/core/cms/carve-certificates.js";
import { readSignedData, verifySigner, type ParsedSignedData, type SignerOutcome } from "../../src/core/cms/signed-data.js";
import { smimeProfile } from "../../src/core/policy/profile.js";
import { attribute, rsaSignedData } from "../helpers/cms-build.js";
import { paramsOf } from "../helpers/inspect.js";
import type { Identity } from "../helpers/pki.js";
import { ScenarioPki } from "../helpers/scenario-pki.js";

const CONTENT = new TextEncoder().encode("Pay 100 to account 42.\r\n");
const OID = {
  data: "1.2.840.113549.1.7.1",
  signedData: "1.2.840.113549.1.7.2",
  sha1: "1.3.14.3.2.26",
  sha256: "2.16.840.1.101.3.4.2.1",
  sha3_256: "2.16.840.1.101.3.4.2.8",
  contentType: "1.2.840.113549.1.9.3",
  messageDigest: "1.2.840.113549.1.9.4",
  ocspResponse: "1.3.6.1.5.5.7.16.2",
};

let pki: ScenarioPki;
let ca: Identity;
let alice: Identity;

beforeAll(() => {
  pki = new ScenarioPki();
  pki.build([{ name: "SdCA" }]);
  ca = pki.makeCa("SdRoot");
  alice = pki.makeLeaf("sd-alice", ca, { sanEmails: ["alice@example.org"] });
});
afterAll(() => pki.cleanup());

const ab = (b: Uint8Array): ArrayBuffer => Uint8Array.from(b).buffer;

/** `openssl cms -sign -binary` over CONTENT as DER: detached unless `-nodetach` is among `extra`. */
function opensslSigned(who: Identity, extra: string[] = []): Uint8Array {
  const input = pki.write("sd-content.bin", CONTENT);
  return new Uint8Array(pki.run(["cms", "-sign", "-binary", "-in", input, "-signer", who.cert, "-inkey", who.key, "-outform", "DER", ...extra]));
}

function read(der: Uint8Array, maxCertificates = 50): ParsedSignedData {
  const ci = parseContentInfo(der);
  if (!ci.ok) throw new Error(ci.reason);
  return readSignedData(ci.value, maxCertificates);
}

/** OpenSSL's SignedData with `edit` applied to pkijs's reading of it, encoded again. */
function rewritten(der: Uint8Array, edit: (sd: pkijs.SignedData) => void): Uint8Array {
  const ci = pkijs.ContentInfo.fromBER(ab(der));
  const sd = new pkijs.SignedData({ schema: ci.content });
  edit(sd);
  return new Uint8Array(new pkijs.ContentInfo({ contentType: OID.signedData, content: sd.toSchema(true) }).toSchema().toBER(false));
}

const verify = (der: Uint8Array, content: Uint8Array | null = CONTENT): Promise<SignerOutcome> => verifySigner(read(der), 0, content, smimeProfile());
const issueList = (o: SignerOutcome) => o.issues.map((i) => [i.code, i.severity, i.params]);

describe("readSignedData", () => {
  it("OpenSSL's attached signature: the content, its certificate, no revocation data, not certs-only", () => {
    const p = read(opensslSigned(alice, ["-nodetach"]));
    expect([p.eContentType, p.eContent && Buffer.from(p.eContent).equals(Buffer.from(CONTENT)), p.certificates.length, p.certsOnly, p.skippedCertificates, p.embeddedCrls, p.embeddedOcsp]).toEqual([
      OID.data, true, 1, false, 0, [], [],
    ]);
  });

  it("certs-only (RFC 8551 section 3.8, `openssl crl2pkcs7 -nocrl`) is no signers and no content; no signers beside content is not certs-only", () => {
    const certsOnly = pki.run(["crl2pkcs7", "-nocrl", "-certfile", alice.cert, "-outform", "DER"]);
    expect(read(new Uint8Array(certsOnly)).certsOnly).toBe(true);
    const unsigned = rewritten(opensslSigned(alice, ["-nodetach"]), (sd) => (sd.signerInfos = []));
    expect([read(unsigned).certsOnly, read(unsigned).eContent?.length]).toEqual([false, CONTENT.length]);
  });

  it("an eContent that is no OCTET STRING is refused, not read as a detached signature", () => {
    const der = rewritten(opensslSigned(alice, ["-nodetach"]), (sd) => {
      sd.encapContentInfo.eContent = new asn1js.Integer({ value: 5 }) as unknown as asn1js.OctetString;
    });
    expect(() => read(der)).toThrow("eContent is not an OCTET STRING");
  });

  it("the CRLs attached, as the CA's DER, only up to the limit; an OCSP response in otherRevInfo, and no other kind", () => {
    const crl1 = pki.gencrl("SdCA");
    const crl2 = pki.gencrl("SdCA", { days: 2 });
    const ocspLike = new asn1js.Sequence({ value: [new asn1js.Enumerated({ value: 6 })] });
    const der = rewritten(opensslSigned(alice), (sd) => {
      sd.crls = [
        pkijs.CertificateRevocationList.fromBER(ab(crl1)),
        pkijs.CertificateRevocationList.fromBER(ab(crl2)),
        new pkijs.OtherRevocationInfoFormat({ otherRevInfoFormat: OID.ocspResponse, otherRevInfo: ocspLike }),
        // Some other format (here SCVP's id-ri-scvp, RFC 5940 section 2.2): not an OCSP response.
        new pkijs.OtherRevocationInfoFormat({ otherRevInfoFormat: "1.3.6.1.5.5.7.16.4", otherRevInfo: ocspLike }),
      ];
    });
    const all = read(der);
    expect([all.embeddedCrls.map((c) => Buffer.from(c).equals(crl1) || Buffer.from(c).equals(crl2)), all.embeddedOcsp.map((o) => Buffer.from(o).toString("hex"))]).toEqual([
      [true, true], [Buffer.from(ocspLike.toBER(false)).toString("hex")],
    ]);
    expect(Buffer.from(all.embeddedCrls[0]!).equals(crl1)).toBe(true);
    // The limit on certificates bounds revocation entries too (limits.ts maxCertificates).
    expect(read(der, 1).embeddedCrls.length).toBe(1);
  });

  it("an attribute certificate among the certificates (RFC 5652 section 10.2.2) is passed over; the signer's still verifies", async () => {
    const der = rewritten(opensslSigned(alice), (sd) => {
      const attrCert = new pkijs.OtherCertificateFormat({ otherCertFormat: "1.2.3.4", otherCert: new asn1js.Utf8String({ value: "not X.509" }) });
      sd.certificates = [attrCert, ...(sd.certificates ?? [])];
    });
    expect(read(der).certificates.length).toBe(1);
    expect((await verify(der)).report.status).toBe("valid");
  });

  it("an entry of the certificate set that is no CertificateChoices makes the SignedData unreadable, as it did when pkijs read the set", () => {
    // pkijs will not write it, so the INTEGER goes into OpenSSL's set with asn1js.
    const contentInfo = asn1js.fromBER(ab(opensslSigned(alice))).result as asn1js.Sequence;
    const signedData = (contentInfo.valueBlock.value[1] as asn1js.Constructed).valueBlock.value[0] as asn1js.Sequence;
    const set = signedData.valueBlock.value.find((f) => f.idBlock.tagClass === 3 && f.idBlock.tagNumber === 0) as asn1js.Constructed;
    set.valueBlock.value.unshift(new asn1js.Integer({ value: 7 }));
    const der = new Uint8Array(contentInfo.toBER(false));
    expect(() => read(der)).toThrow("no CertificateChoices");
  });

  it("a DER SignedData has its certificates carved out before asn1js reads it; BER (openssl -stream) is read whole; both give the same certificates and content", () => {
    const der = opensslSigned(alice, ["-nodetach", "-certfile", ca.cert]);
    const ber = opensslSigned(alice, ["-nodetach", "-certfile", ca.cert, "-stream"]);
    expect(carveCertificates(ber)).toBeNull(); // indefinite lengths: not plain DER
    const carved = carveCertificates(der)!;
    const certDer = (id: Identity): Buffer => pki.run(["x509", "-in", id.cert, "-outform", "DER"]);
    expect(carved.certificates.map((c) => Buffer.from(c).toString("hex")).sort()).toEqual([certDer(alice), certDer(ca)].map((b) => b.toString("hex")).sort());
    // What is left is the same ContentInfo without the field: asn1js reads it, and OpenSSL's own cms -cmsout accepts it.
    expect(pki.status(["cms", "-cmsout", "-inform", "DER", "-in", pki.write("carved.der", carved.rest), "-noout"])).toBe(0);
    expect(carved.rest.length).toBeLessThan(der.length - carved.certificates.reduce((n, c) => n + c.length, 0));
    const a = read(der);
    const b = read(ber);
    const parsed = parseContentInfo(der);
    expect(parsed.ok && parsed.value.certificates?.length).toBe(2);
    expect(a.certificates.map((c) => c.der)).toEqual(b.certificates.map((c) => c.der));
    expect(Buffer.from(a.eContent!).equals(Buffer.from(b.eContent!))).toBe(true);
  });

  it("each certificate is its DER as the message carries it (OpenSSL's own bytes), one view per DER across messages, the message's buffer not kept", () => {
    const first = read(opensslSigned(alice));
    const second = read(opensslSigned(alice, ["-nodetach"]));
    const opensslDer = pki.run(["x509", "-in", alice.cert, "-outform", "DER"]);
    expect(Buffer.from(first.certificates[0]!.der).equals(opensslDer)).toBe(true);
    expect(second.certificates[0]).toBe(first.certificates[0]);
    // The view's bytes are its own, not a window on the message it was first read from.
    expect(first.certificates[0]!.der.buffer.byteLength).toBe(opensslDer.length);
  });
});

describe("verifySigner: what it says before the path builder", () => {
  it("OpenSSL's signer: valid; its certificate the whole chain so far; identity, trust and revocation not yet judged", async () => {
    const o = await verify(opensslSigned(alice));
    const r = o.report;
    expect([r.status, r.identity, r.trust, r.revocation, r.chain.length, r.chain[0] === r.certificate, r.signedAttributes, r.signerId.kind, o.issues]).toEqual([
      "valid", "unknown", "unknown", "not-checked", 1, true, true, "issuer-and-serial", [],
    ]);
  });

  it("without signed attributes (-noattr) it says so", async () => {
    const o = await verify(opensslSigned(alice, ["-noattr"]));
    expect([o.report.status, o.report.signedAttributes]).toEqual(["valid", false]);
  });

  it("named by subject key identifier (-keyid): the identifier in upper case, as OpenSSL prints it", async () => {
    const o = await verify(opensslSigned(alice, ["-keyid"]));
    const ski = pki.run(["x509", "-in", alice.cert, "-noout", "-ext", "subjectKeyIdentifier"]).toString().split("\n")[1]!.trim().replace(/:/g, "");
    expect([o.report.status, o.report.signerId]).toEqual(["valid", { kind: "subject-key-identifier", subjectKeyIdentifier: ski }]);
  });

  it("without its certificate (-nocerts): no chain, signer-certificate-missing as an error, unverifiable", async () => {
    const o = await verify(opensslSigned(alice, ["-nocerts"]));
    expect([o.report.status, o.report.certificate, o.report.chain, issueList(o)]).toEqual(["unverifiable", null, [], [["signer-certificate-missing", "error", {}]]]);
  });

  it("no content to verify: an error, unverifiable", async () => {
    const o = await verify(opensslSigned(alice), null);
    expect([o.report.status, issueList(o)]).toEqual(["unverifiable", [["malformed-cms", "error", { reason: "no-content" }]]]);
  });

  it("a digest it does not compute beside a signature algorithm that names its own hash: the digest alone is said, and the signer is still named", async () => {
    const sha256 = rsaSignedData({ content: CONTENT, certPem: pki.read(alice.cert).toString(), sign: (d) => pki.run(["dgst", "-sha256", "-sign", alice.key], d) });
    expect((await verify(sha256)).report.status).toBe("valid");
    const sha3 = rewritten(sha256, (sd) => {
      const sha3Id = new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha3_256 });
      sd.digestAlgorithms = [sha3Id];
      sd.signerInfos[0]!.digestAlgorithm = sha3Id;
    });
    const o = await verify(sha3);
    expect([o.report.status, o.report.signerId.kind === "issuer-and-serial" && o.report.signerId.issuer, issueList(o)]).toEqual([
      "unverifiable", "O=Signet Test, CN=SdRoot", [["unsupported-algorithm", "error", { algorithm: "SHA3-256", role: "digest", why: "unknown-algorithm" }]],
    ]);
  });

  it("a signer's digest missing from digestAlgorithms (RFC 5652 section 5.1): malformed, unverifiable, though the signature holds", async () => {
    const der = rewritten(opensslSigned(alice), (sd) => (sd.digestAlgorithms = [new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha1 })]));
    const o = await verify(der);
    expect([o.report.status, issueList(o)]).toEqual(["unverifiable", [["malformed-cms", "error", { reason: "digest-algorithm-not-listed" }]]]);
  });

  it("a signature algorithm it does not know: said once, as an error, unverifiable", async () => {
    const der = rewritten(opensslSigned(alice), (sd) => (sd.signerInfos[0]!.signatureAlgorithm = new pkijs.AlgorithmIdentifier({ algorithmId: "1.2.3.4.5" })));
    const o = await verify(der);
    expect([o.report.status, issueList(o).map(([code, severity, params]) => [code, severity, (params as { role: string }).role])]).toEqual([
      "unverifiable", [["unsupported-algorithm", "error", "signature"]],
    ]);
  });

  it("a key on a curve it does not verify (secp256k1): said once, as an error about the certificate", async () => {
    const k1 = pki.makeLeaf("sd-k1", ca, { sanEmails: ["alice@example.org"], key: "ec:secp256k1" });
    const o = await verify(opensslSigned(k1));
    expect([o.report.status, o.issues]).toEqual([
      "unverifiable", [{ code: "unsupported-algorithm", severity: "error", params: { algorithm: "ECDSA", role: "key", why: "unknown-curve", value: "1.3.132.0.10" }, certificate: 0 }],
    ]);
  });

  it("DSA keys are held to the RSA sizes: under the floor refused (the mathematics holds, as OpenSSL says), under the minimum a warning", async () => {
    // OpenSSL 3.0 will not make a DSA key under 1024 bits, so the floor is raised for the first half.
    const d1024 = pki.makeLeaf("sd-dsa1024", ca, { sanEmails: ["alice@example.org"], key: "dsa:1024" });
    const der = opensslSigned(d1024);
    expect(pki.status(["cms", "-verify", "-binary", "-inform", "DER", "-in", pki.write("d1024.p7s", der), "-content", pki.path("sd-content.bin"), "-noverify", "-out", "/dev/null"])).toBe(0);
    const warned = await verify(der);
    expect([warned.report.status, issueList(warned)]).toEqual(["valid", [["weak-key", "warning", { bits: 1024, minimum: 2048 }]]]);
    const refused = await verifySigner(read(der), 0, CONTENT, { ...smimeProfile(), hardMinRsaBits: 2048, minRsaBits: 3072 });
    expect([refused.report.status, issueList(refused)]).toEqual(["refused", [["weak-key", "error", { bits: 1024, minimum: 2048, intact: true }]]]);
  });
});

describe("verifySigner: signed attributes", () => {
  const sign = (d: Uint8Array) => pki.run(["dgst", "-sha256", "-sign", alice.key], d);
  const signed = (editAttributes: (a: pkijs.Attribute[]) => pkijs.Attribute[]) =>
    rsaSignedData({ content: CONTENT, certPem: pki.read(alice.cert).toString(), sign, editAttributes });
  const digestValue = () => new asn1js.OctetString({ valueHex: ab(createHash("sha256").update(CONTENT).digest()) });

  it("a message-digest attribute with two values, both right: malformed (RFC 5652 section 11.2: one value), invalid", async () => {
    const der = signed((attrs) => [...attrs.filter((a) => a.type !== OID.messageDigest), new pkijs.Attribute({ type: OID.messageDigest, values: [digestValue(), digestValue()] })]);
    const o = await verify(der);
    expect([o.report.status, issueList(o)]).toEqual(["invalid", [["malformed-cms", "error", { reason: "signed-attribute-count", attribute: "message-digest" }]]]);
  });

  it("a content-type attribute whose value is no OID (RFC 5652 section 11.1): malformed, invalid", async () => {
    const der = signed((attrs) => [...attrs.filter((a) => a.type !== OID.contentType), attribute(OID.contentType, new asn1js.Integer({ value: 1 }))]);
    const o = await verify(der);
    expect([o.report.status, issueList(o)]).toEqual(["invalid", [["malformed-cms", "error", { reason: "signed-attribute-value", attribute: "content-type" }]]]);
  });

  it("a message-digest attribute whose value is no OCTET STRING (RFC 5652 section 11.2): malformed, invalid, even holding the right digest", async () => {
    const der = signed((attrs) => [...attrs.filter((a) => a.type !== OID.messageDigest), attribute(OID.messageDigest, new asn1js.Integer({ value: 1 }))]);
    const o = await verify(der);
    expect([o.report.status, issueList(o)]).toEqual(["invalid", [["malformed-cms", "error", { reason: "signed-attribute-value", attribute: "message-digest" }]]]);
    // The right digest's octets under another tag (a UTF8String), signed: still not a message digest.
    const disguised = new asn1js.Primitive({ idBlock: { tagClass: 1, tagNumber: 12 }, valueHex: ab(createHash("sha256").update(CONTENT).digest()) });
    const other = await verify(signed((attrs) => [...attrs.filter((a) => a.type !== OID.messageDigest), attribute(OID.messageDigest, disguised)]));
    expect([other.report.status, issueList(other)]).toEqual(["invalid", [["malformed-cms", "error", { reason: "signed-attribute-value", attribute: "message-digest" }]]]);
  });
});

describe("verifySigner: a key WebCrypto will not take", () => {
  /** OpenSSL's P-256 signer, its certificate's public point moved off the curve (the certificate's own signature is not this layer's question). */
  function offCurve(): Uint8Array {
    const ec = pki.makeLeaf("sd-ec", ca, { sanEmails: ["alice@example.org"], key: "ec:P-256" });
    return rewritten(opensslSigned(ec), (sd) => {
      const cert = sd.certificates![0] as pkijs.Certificate;
      const point = Uint8Array.from(cert.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView);
      point[point.length - 1]! ^= 0x01;
      cert.subjectPublicKeyInfo.subjectPublicKey = new asn1js.BitString({ valueHex: ab(point) });
      sd.certificates = [pkijs.Certificate.fromBER(cert.toSchema(true).toBER(false))];
    });
  }

  it("is said as a key or signature that could not be used: unverifiable, never signature-invalid", async () => {
    const o = await verify(offCurve());
    expect([o.report.status, o.issues.map((i) => [i.code, i.severity, paramsOf(i).reason === "unusable-key-or-signature" && String(paramsOf(i).detail).length > 0])]).toEqual([
      "unverifiable", [["malformed-cms", "error", true]],
    ]);
  });

  it("beside a digest that does not match: invalid, from the digest alone", async () => {
    const o = await verify(offCurve(), new TextEncoder().encode("Pay 900 to account 66.\r\n"));
    expect([o.report.status, o.issues.map((i) => i.code)]).toEqual(["invalid", ["digest-mismatch", "malformed-cms"]]);
  });
});

describe("verifySigner: a signer that cannot be read at all", () => {
  it("still counts, as unverifiable with malformed-cms, never dropped (here: a signer index past the SignerInfos)", async () => {
    const o = await verifySigner(read(opensslSigned(alice)), 1, CONTENT, smimeProfile());
    expect(o.report).toEqual({
      index: 1,
      status: "unverifiable",
      signerId: { kind: "issuer-and-serial", issuer: "(unreadable)", serialNumber: "" },
      certificate: null,
      identity: "unknown",
      chain: [],
      trust: "unknown",
      revocation: "not-checked",
      signingTime: null,
      digestAlgorithm: { oid: "", name: "" },
      signatureAlgorithm: { oid: "", name: "" },
      signedAttributes: false,
    });
    expect([o.certificate, o.issues.map((i) => [i.code, i.severity, paramsOf(i).reason === "unreadable" && paramsOf(i).structure === "SignerInfo" && String(paramsOf(i).detail).length > 0])]).toEqual([null, [["malformed-cms", "error", true]]]);
  });
});

describe("verifySigner: a DSA key that takes its parameters from its issuer (RFC 3279 section 2.3.2)", () => {
  it("cannot be checked without the path that supplies them: the key named, unverifiable; with them (keyOverride) it verifies", async () => {
    const dsa = pki.makeLeaf("sd-dsa-bare", ca, { sanEmails: ["alice@example.org"], key: "dsa:2048" });
    const withParams = opensslSigned(dsa);
    const bare = rewritten(withParams, (sd) => {
      const cert = sd.certificates![0] as pkijs.Certificate;
      cert.subjectPublicKeyInfo.algorithm = new pkijs.AlgorithmIdentifier({ algorithmId: cert.subjectPublicKeyInfo.algorithm.algorithmId });
      sd.certificates = [pkijs.Certificate.fromBER(cert.toSchema(true).toBER(false))];
    });
    const o = await verify(bare);
    expect([o.report.status, o.issues]).toEqual([
      "unverifiable", [{ code: "unsupported-algorithm", severity: "error", params: { algorithm: "DSA", role: "key", why: "dsa-parameters-inherited" }, certificate: 0 }],
    ]);
    const full = read(withParams).certificates[0]!.publicKey;
    const supplied = await verifySigner(read(bare), 0, CONTENT, smimeProfile(), full);
    expect([supplied.report.status, supplied.issues]).toEqual(["valid", []]);
  });
});
