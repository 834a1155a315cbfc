/**
 * A private key that can open an enveloped layer, with the certificate the
 * sender encrypted to. RSA keys are held as their CRT numbers, since RSAES-
 * PKCS1-v1_5 (most S/MIME mail) is not in WebCrypto and is done by hand
 * (crypto/rsa-decrypt.ts). EC keys stay WebCrypto CryptoKeys, imported
 * non-extractable: ECDH needs nothing else.
 */
import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import { OID } from "../oids.js";
import type { CertificateView } from "../x509/certificate.js";
import type { CurveName } from "../crypto/public-key.js";
import type { RsaPrivateKey } from "../crypto/rsa-decrypt.js";
import { toBigInt } from "../crypto/bigint.js";
import { bytesEqual, toArrayBuffer } from "../util/bytes.js";
import { decodeBase64Text } from "../util/base64.js";

export type RecipientKey =
  | { kind: "rsa"; certificate: CertificateView; rsa: RsaPrivateKey }
  | {
      kind: "ec";
      certificate: CertificateView;
      curve: CurveName;
      /** ECDH (RFC 5753 section 3.1.1): the shared secret Z with the originator's public point. */
      agree(originatorPoint: Uint8Array): Promise<Uint8Array | null>;
    };

export type KeyProblem = "malformed-key" | "unsupported-key" | "key-does-not-match";

const CURVE_BY_OID: Record<string, CurveName> = { [OID.p256]: "P-256", [OID.p384]: "P-384", [OID.p521]: "P-521" };
const FIELD_BYTES: Record<CurveName, number> = { "P-256": 32, "P-384": 48, "P-521": 66 };

function integer(el: asn1js.Integer): bigint {
  return toBigInt(new Uint8Array(el.valueBlock.valueHexView));
}

function rsaKey(info: pkijs.PrivateKeyInfo): RsaPrivateKey {
  const k = new pkijs.RSAPrivateKey({ schema: asn1js.fromBER(info.privateKey.valueBlock.valueHexView).result });
  const n = integer(k.modulus);
  return {
    n,
    e: integer(k.publicExponent),
    d: integer(k.privateExponent),
    p: integer(k.prime1),
    q: integer(k.prime2),
    dp: integer(k.exponent1),
    dq: integer(k.exponent2),
    qInv: integer(k.coefficient),
    size: Math.ceil(n.toString(16).length / 2),
  };
}

/** The private key as a WebCrypto ECDH key that cannot be exported (for a KeyVault, or for use at once). */
export async function ecdhPrivateKey(pkcs8: Uint8Array, curve: CurveName): Promise<CryptoKey> {
  return globalThis.crypto.subtle.importKey("pkcs8", toArrayBuffer(pkcs8), { name: "ECDH", namedCurve: curve }, false, ["deriveBits"]);
}

/** The ECDH RecipientKey over a non-extractable CryptoKey (as a KeyVault gives it back). */
export function ecRecipientKey(privateKey: CryptoKey, curve: CurveName, certificate: CertificateView): RecipientKey {
  return { kind: "ec", certificate, curve, agree: agreement(privateKey, curve) };
}

function agreement(privateKey: CryptoKey, curve: CurveName): (point: Uint8Array) => Promise<Uint8Array | null> {
  const subtle = globalThis.crypto.subtle;
  return async (point) => {
    try {
      const publicKey = await subtle.importKey("raw", toArrayBuffer(point), { name: "ECDH", namedCurve: curve }, false, []);
      return new Uint8Array(await subtle.deriveBits({ name: "ECDH", public: publicKey }, privateKey, FIELD_BYTES[curve] * 8));
    } catch {
      return null;
    }
  };
}

/**
 * The RecipientKey for a PKCS#8 PrivateKeyInfo (RFC 5208) and its certificate, or why there is none:
 * the key must be the certificate's (same modulus, or a key that derives the certificate's point).
 */
export async function recipientKeyFromPkcs8(pkcs8: Uint8Array, certificate: CertificateView): Promise<RecipientKey | KeyProblem> {
  let info: pkijs.PrivateKeyInfo;
  try {
    info = pkijs.PrivateKeyInfo.fromBER(toArrayBuffer(pkcs8));
  } catch {
    // pkijs throws on an EC key of a curve it does not know (secp256k1): that key is unsupported, not unreadable.
    return ecCurveOidOf(pkcs8) !== null ? "unsupported-key" : "malformed-key";
  }
  const oid = info.privateKeyAlgorithm.algorithmId;
  const cert = certificate.publicKey;
  if (oid === OID.rsaEncryption) {
    let rsa: RsaPrivateKey;
    try {
      rsa = rsaKey(info);
    } catch {
      return "malformed-key";
    }
    if (cert.kind !== "rsa" || toBigInt(cert.modulus) !== rsa.n) return "key-does-not-match";
    return { kind: "rsa", certificate, rsa };
  }
  if (oid === OID.ecPublicKey) {
    const params = info.privateKeyAlgorithm.algorithmParams;
    const curve = params instanceof asn1js.ObjectIdentifier ? CURVE_BY_OID[params.valueBlock.toString()] : undefined;
    if (!curve) return "unsupported-key";
    if (cert.kind !== "ec" || cert.curve !== curve || !(await ecKeyMatches(pkcs8, curve, cert.point))) return "key-does-not-match";
    try {
      return ecRecipientKey(await ecdhPrivateKey(pkcs8, curve), curve, certificate);
    } catch {
      return "malformed-key";
    }
  }
  return "unsupported-key";
}

/** The named curve of an EC PrivateKeyInfo (RFC 5915 section 2: its algorithm's parameters) that Signet lacks, read with asn1js alone; else null. */
function ecCurveOidOf(pkcs8: Uint8Array): string | null {
  const parsed = asn1js.fromBER(toArrayBuffer(pkcs8));
  const algorithm = parsed.result instanceof asn1js.Sequence ? parsed.result.valueBlock.value[1] : undefined;
  const [oid, params] = algorithm instanceof asn1js.Sequence ? algorithm.valueBlock.value : [];
  const isEc = oid instanceof asn1js.ObjectIdentifier && oid.valueBlock.toString() === OID.ecPublicKey;
  return isEc && params instanceof asn1js.ObjectIdentifier && !CURVE_BY_OID[params.valueBlock.toString()] ? params.valueBlock.toString() : null;
}

/** The private key's own public point, as WebCrypto computes it, against the certificate's. */
async function ecKeyMatches(pkcs8: Uint8Array, curve: CurveName, certPoint: Uint8Array): Promise<boolean> {
  try {
    const subtle = globalThis.crypto.subtle;
    const key = await subtle.importKey("pkcs8", toArrayBuffer(pkcs8), { name: "ECDH", namedCurve: curve }, true, ["deriveBits"]);
    const jwk = await subtle.exportKey("jwk", key);
    // JWK coordinates are base64url (RFC 7518 section 6.2.1.2) with no padding.
    const b64 = (s: string | undefined): Uint8Array => decodeBase64Text((s ?? "").replace(/-/g, "+").replace(/_/g, "/")).bytes;
    const point = new Uint8Array([4, ...b64(jwk.x), ...b64(jwk.y)]);
    return bytesEqual(point, certPoint);
  } catch {
    return false;
  }
}
