/**
 * CMS structures OpenSSL 3.0 cannot produce (Ed25519 SignedData, CompressedData),
 * assembled with pkijs/asn1js. The cryptography still comes from peers:
 * `openssl pkeyutl` makes the Ed25519 signature and Node's zlib the deflate stream.
 */
import { createHash } from "node:crypto";
import { deflateSync } from "node:zlib";
import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import { attachRevocationInfo } from "../../scripts/attach-revocation-info.mjs";

function pemToDer(pem: string): Uint8Array {
  return Buffer.from(pem.replace(/-----[^-]+-----/g, "").replace(/\s+/g, ""), "base64");
}

/** A copy in its own ArrayBuffer (a Buffer's slice() would share Node's pool). */
function ab(b: Uint8Array): ArrayBuffer {
  return Uint8Array.from(b).buffer;
}

function b64lines(der: Uint8Array): string {
  return Buffer.from(der).toString("base64").replace(/.{64}/g, "$&\n");
}

/** RFC 8419 SignedData with an Ed25519 signer over signed attributes (digest SHA-512, section 3.1). */
export function ed25519SignedData(content: Uint8Array, certPem: string, sign: (data: Uint8Array) => Uint8Array, signingTime = new Date()): Uint8Array {
  return signedDataOver({ content, certPem, sign, signingTime, digest: { oid: "2.16.840.1.101.3.4.2.3", node: "sha512" }, signatureOid: "1.3.101.112" });
}

export interface RsaSignedDataOptions {
  /** The detached content the signature covers. */
  content: Uint8Array;
  certPem: string;
  /** Signs with the signer's key: `openssl dgst -sha256 -sign`, so the mathematics comes from OpenSSL. */
  sign: (data: Uint8Array) => Uint8Array;
  /** Changes the signed attributes before they are signed (content-type, signing-time, message-digest by default). */
  editAttributes?: (attributes: pkijs.Attribute[]) => pkijs.Attribute[];
}

/** An attribute of one value, for editAttributes. */
export function attribute(type: string, value: asn1js.AsnType): pkijs.Attribute {
  return new pkijs.Attribute({ type, values: [value] });
}

/**
 * Detached SignedData with an RSA PKCS#1 v1.5 / SHA-256 signer over signed attributes the test may
 * change (RFC 5652 section 5.4): for structures OpenSSL will not make, such as a content-type
 * attribute that differs from eContentType or two message-digest attributes. The signature over the
 * attributes is OpenSSL's, so the only thing wrong is what the test put there.
 */
export function rsaSignedData(o: RsaSignedDataOptions): Uint8Array {
  return signedDataOver({ ...o, digest: { oid: "2.16.840.1.101.3.4.2.1", node: "sha256" }, signatureOid: "1.2.840.113549.1.1.11" });
}

/** SignedData, detached, one signer named by issuer and serial, whose signature over the DER of the signed attributes `sign` makes. */
function signedDataOver(o: RsaSignedDataOptions & { digest: { oid: string; node: string }; signatureOid: string; signingTime?: Date }): Uint8Array {
  const cert = pkijs.Certificate.fromBER(ab(pemToDer(o.certPem)));
  const digestAlgorithm = new pkijs.AlgorithmIdentifier({ algorithmId: o.digest.oid });
  const defaults = [
    attribute("1.2.840.113549.1.9.3", new asn1js.ObjectIdentifier({ value: "1.2.840.113549.1.7.1" })),
    attribute("1.2.840.113549.1.9.5", new asn1js.UTCTime({ valueDate: o.signingTime ?? new Date() })),
    attribute("1.2.840.113549.1.9.4", new asn1js.OctetString({ valueHex: ab(createHash(o.digest.node).update(o.content).digest()) })),
  ];
  const attrs = new pkijs.SignedAndUnsignedAttributes({ type: 0, attributes: o.editAttributes ? o.editAttributes(defaults) : defaults });
  // The signature covers the attributes DER-encoded as a SET OF (RFC 5652 section 5.4).
  const setOf = new asn1js.Set({ value: attrs.attributes.map((a) => a.toSchema()) });
  const signature = o.sign(new Uint8Array(setOf.toBER(false)));
  const signerInfo = new pkijs.SignerInfo({
    version: 1,
    sid: new pkijs.IssuerAndSerialNumber({ issuer: cert.issuer, serialNumber: cert.serialNumber }),
    digestAlgorithm,
    signedAttrs: attrs,
    signatureAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: o.signatureOid }),
    signature: new asn1js.OctetString({ valueHex: ab(signature) }),
  });
  const sd = new pkijs.SignedData({
    version: 1,
    digestAlgorithms: [digestAlgorithm],
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: "1.2.840.113549.1.7.1" }),
    certificates: [cert],
    signerInfos: [signerInfo],
  });
  const ci = new pkijs.ContentInfo({ contentType: "1.2.840.113549.1.7.2", content: sd.toSchema(true) });
  return new Uint8Array(ci.toSchema().toBER(false));
}

/** A multipart/signed message around `part` (a MIME entity with CRLF line ends) and a detached signature. */
export function multipartSigned(headers: string, part: string, signature: Uint8Array): string {
  const b = "----=_signet_test_boundary";
  return (
    `${headers}MIME-Version: 1.0\r\nContent-Type: multipart/signed; protocol="application/pkcs7-signature"; micalg=sha-512; boundary="${b}"\r\n\r\n` +
    `--${b}\r\n${part}\r\n--${b}\r\nContent-Type: application/pkcs7-signature; name=smime.p7s\r\nContent-Transfer-Encoding: base64\r\n\r\n` +
    `${b64lines(signature)}\r\n--${b}--\r\n`
  );
}

/** RFC 3274 CompressedData (zlib) around `content`. */
export function compressedData(content: Uint8Array): Uint8Array {
  return compressedDataFromDeflated(deflateSync(content));
}

export function compressedDataFromDeflated(deflated: Uint8Array): Uint8Array {
  const inner = new asn1js.Sequence({
    value: [
      new asn1js.Integer({ value: 0 }),
      new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value: "1.2.840.113549.1.9.16.3.8" })] }),
      new asn1js.Sequence({
        value: [
          new asn1js.ObjectIdentifier({ value: "1.2.840.113549.1.7.1" }),
          new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 0 }, value: [new asn1js.OctetString({ valueHex: ab(deflated) })] }),
        ],
      }),
    ],
  });
  const ci = new pkijs.ContentInfo({ contentType: "1.2.840.113549.1.9.16.1.9", content: inner });
  return new Uint8Array(ci.toSchema().toBER(false));
}

/** An application/pkcs7-mime message around a DER CMS blob. */
export function pkcs7MimeMessage(headers: string, der: Uint8Array, smimeType: string, type = "application/pkcs7-mime"): string {
  return (
    `${headers}MIME-Version: 1.0\r\nContent-Type: ${type}; smime-type=${smimeType}; name=smime.p7m\r\n` +
    `Content-Transfer-Encoding: base64\r\nContent-Disposition: attachment; filename=smime.p7m\r\n\r\n${b64lines(der)}\r\n`
  );
}

/**
 * Attaches CRLs and OCSP responses to the SignedData of a multipart/signed message
 * (the `crls` field, RFC 5652 section 5.1), as OpenSSL 3.0's `cms -sign` cannot. The
 * field is not signed, so the signature stays valid.
 */
/** CRLs and OCSP responses added to an OpenSSL-signed multipart/signed message (the field is unsigned). */
export { attachRevocationInfo as attachCrls };
