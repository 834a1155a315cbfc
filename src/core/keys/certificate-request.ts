/**
 * A new key pair and the PKCS#10 request (RFC 2986) a CA needs to issue an
 * S/MIME certificate for it. The request asks, through extensionRequest
 * (RFC 2985 section 5.4.2), for what RFC 8550 section 4.4 expects of an
 * S/MIME certificate: the address as an rfc822Name in subjectAltName, keyUsage
 * for signing and for the key's way of receiving keys (keyEncipherment for RSA,
 * keyAgreement for EC; RFC 8550 section 4.4.2), extendedKeyUsage
 * emailProtection, and SMIMECapabilities (RFC 4262) naming AES-256-GCM,
 * AES-128-GCM and AES-256-CBC. The CA decides what it puts in the
 * certificate; the request only asks.
 */
import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import { EKU, EXT, OID } from "../oids.js";
import { ecdsaSigValue } from "../crypto/sig-value.js";
import { toPem } from "../util/pem.js";
import { toArrayBuffer } from "../util/bytes.js";

export type NewKeyType = "rsa-3072" | "p256";

export interface RequestSubject {
  /** The mailbox the certificate is for. */
  email: string;
  /** The person's name, as the subject's commonName; the address when absent. */
  name?: string;
}

export interface NewKeyPair {
  type: NewKeyType;
  /** PKCS#8 PrivateKeyInfo: for sealing at once, never for storing as it is. */
  pkcs8: Uint8Array;
  spki: Uint8Array;
  /** The PKCS#10 request as PEM (RFC 7468 section 7, "CERTIFICATE REQUEST"). */
  requestPem: string;
}

const SIGNING: Record<NewKeyType, { generate: RsaHashedKeyGenParams | EcKeyGenParams; sign: AlgorithmIdentifier | EcdsaParams; oid: string; nullParams: boolean }> = {
  // RFC 8017 with SHA-256 (RFC 4055 section 5: sha256WithRSAEncryption takes NULL parameters).
  "rsa-3072": {
    generate: { name: "RSASSA-PKCS1-v1_5", modulusLength: 3072, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-256" },
    sign: { name: "RSASSA-PKCS1-v1_5" },
    oid: OID.sha256WithRSA,
    nullParams: true,
  },
  // RFC 5758 section 3.2: ecdsa-with-SHA256 has no parameters.
  p256: { generate: { name: "ECDSA", namedCurve: "P-256" }, sign: { name: "ECDSA", hash: "SHA-256" }, oid: OID.ecdsaWithSha256, nullParams: false },
};

/** RFC 8551 section 2.7 and RFC 5084: what this key's owner can decrypt, best first (RFC 4262 extension). */
const CAPABILITIES = [OID.aes256Gcm, OID.aes128Gcm, OID.aes256Cbc];

function extension(extnID: string, critical: boolean, value: asn1js.AsnType): pkijs.Extension {
  return new pkijs.Extension({ extnID, critical, extnValue: value.toBER(false) });
}

function requestExtensions(subject: RequestSubject, type: NewKeyType): pkijs.Extensions {
  const san = new pkijs.GeneralNames({ names: [new pkijs.GeneralName({ type: 1, value: subject.email })] });
  // KeyUsage bits (RFC 5280 section 4.2.1.3): digitalSignature (0), keyEncipherment (2), keyAgreement (4).
  const keyUsage = type === "rsa-3072" ? new asn1js.BitString({ valueHex: new Uint8Array([0xa0]).buffer, unusedBits: 5 }) : new asn1js.BitString({ valueHex: new Uint8Array([0x88]).buffer, unusedBits: 3 });
  const eku = new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value: EKU.emailProtection })] });
  const caps = new asn1js.Sequence({ value: CAPABILITIES.map((oid) => new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value: oid })] })) });
  return new pkijs.Extensions({
    extensions: [extension(EXT.subjectAltName, false, san.toSchema()), extension(EXT.keyUsage, true, keyUsage), extension(EXT.extKeyUsage, false, eku), extension(OID.smimeCapabilities, false, caps)],
  });
}

/** Generates a key pair of `type` with WebCrypto and the signed request for `subject`. */
export async function newKeyWithRequest(type: NewKeyType, subject: RequestSubject): Promise<NewKeyPair> {
  const subtle = globalThis.crypto.subtle;
  const alg = SIGNING[type];
  // Extractable once, so the private key can be sealed; the CryptoKey object is dropped after this call.
  const pair = (await subtle.generateKey(alg.generate, true, ["sign", "verify"])) as CryptoKeyPair;
  const spki = new Uint8Array(await subtle.exportKey("spki", pair.publicKey));
  const pkcs8 = new Uint8Array(await subtle.exportKey("pkcs8", pair.privateKey));
  const name = new pkijs.RelativeDistinguishedNames({
    typesAndValues: [new pkijs.AttributeTypeAndValue({ type: OID.commonName, value: new asn1js.Utf8String({ value: subject.name || subject.email }) })],
  });
  // RFC 2985 section 5.4.2: extensionRequest, the extensions asked for.
  const extensionRequest = new pkijs.Attribute({ type: "1.2.840.113549.1.9.14", values: [requestExtensions(subject, type).toSchema()] });
  // RFC 2986 section 4.1: CertificationRequestInfo ::= SEQUENCE { version 0, subject, subjectPKInfo, attributes [0] IMPLICIT SET OF }.
  const info = new asn1js.Sequence({
    value: [
      new asn1js.Integer({ value: 0 }),
      name.toSchema(),
      pkijs.PublicKeyInfo.fromBER(toArrayBuffer(spki)).toSchema(),
      new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 0 }, value: [extensionRequest.toSchema()] }),
    ],
  });
  const tbs = new Uint8Array(info.toBER(false));
  const raw = new Uint8Array(await subtle.sign(alg.sign, pair.privateKey, toArrayBuffer(tbs)));
  const signatureAlgorithm = new pkijs.AlgorithmIdentifier({ algorithmId: alg.oid, ...(alg.nullParams ? { algorithmParams: new asn1js.Null() } : {}) });
  const request = new asn1js.Sequence({
    value: [info, signatureAlgorithm.toSchema(), new asn1js.BitString({ valueHex: toArrayBuffer(type === "p256" ? ecdsaSigValue(raw) : raw) })],
  });
  const der = new Uint8Array(request.toBER(false));
  return { type, pkcs8, spki, requestPem: toPem("CERTIFICATE REQUEST", der) };
}
