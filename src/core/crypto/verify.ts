/**
 * Signature verification: WebCrypto for every combination it offers, the
 * hand-written RSA path and @noble/curves for the rest (see rsa-manual.ts).
 * Returns false for a signature that does not verify, including a key of the
 * wrong type for the scheme; throws UnsupportedAlgorithmError only when the
 * answer is unknowable here.
 */
import type { DigestName, SignatureScheme } from "./algorithms.js";
import { DIGEST_LENGTH, signatureScheme } from "./algorithms.js";
import type { CurveName, PublicKeyDescription } from "./public-key.js";
import { verifyPkcs1, verifyPss } from "./rsa-manual.js";
import { digest } from "./digest.js";
import { verifyDsa } from "./dsa.js";
import type { Unsupported } from "../report/codes.js";
import { unsupportedOf } from "../report/issue-params.js";
import { readSigValue } from "./sig-value.js";

/** The answer is unknowable here: why, as a reason code the report carries. */
export class UnsupportedAlgorithmError extends Error {
  constructor(readonly unsupported: Unsupported) {
    super(unsupported.why);
  }
}

/** A DSA key whose parameters are to come from its issuer, which is not known here (RFC 3279 section 2.3.2). */
export const DSA_INHERITED: Unsupported = Object.freeze({ why: "dsa-parameters-inherited" });

const WEBCRYPTO_HASHES: ReadonlySet<DigestName> = new Set(["SHA-1", "SHA-256", "SHA-384", "SHA-512"]);

const CURVE_BYTES: Record<CurveName, number> = { "P-256": 32, "P-384": 48, "P-521": 66 };

// @noble/curves does what WebCrypto cannot (ECDSA over SHA-224, Ed25519 where a webview lacks it),
// which few messages need: imported then, a chunk of its own in the add-ons (webpack.config.js).
const nobleNist = () => import(/* webpackChunkName: "curves" */ "@noble/curves/nist.js");
const nobleEd25519 = () => import(/* webpackChunkName: "curves" */ "@noble/curves/ed25519.js");

type Buf = Uint8Array<ArrayBuffer>;
const buf = (b: Uint8Array): Buf => b as Buf;

/**
 * ECDSA-Sig-Value (RFC 3279 section 2.2.3, strict DER) -> the fixed-width r||s form
 * WebCrypto takes. Null for anything else, or for an integer wider than the curve.
 */
export function ecdsaDerToRaw(der: Uint8Array, size: number): Uint8Array | null {
  const value = readSigValue(der);
  if (!value || value.r.length > size || value.s.length > size) return null;
  const out = new Uint8Array(size * 2);
  out.set(value.r, size - value.r.length);
  out.set(value.s, 2 * size - value.s.length);
  return out;
}

async function verifyEcdsa(key: Extract<PublicKeyDescription, { kind: "ec" }>, hash: DigestName, data: Uint8Array, sig: Uint8Array) {
  const raw = ecdsaDerToRaw(sig, CURVE_BYTES[key.curve]);
  if (!raw) return false;
  // Stryker disable next-line ConditionalExpression,BlockStatement: @noble gives the same answers for these hashes; WebCrypto is only faster
  if (WEBCRYPTO_HASHES.has(hash)) {
    const k = await verifyKey(key, { name: "ECDSA", namedCurve: key.curve });
    return crypto.subtle.verify({ name: "ECDSA", hash }, k, buf(raw), buf(data));
  }
  const h = await digest(hash, data);
  const { p256, p384, p521 } = await nobleNist();
  const curves = { "P-256": p256, "P-384": p384, "P-521": p521 } as const;
  // Stryker disable BlockStatement,BooleanLiteral: @noble/curves 2 answers false for every bad input tried (r or s out of range, points off the curve or of the wrong length); the catch guards a version that throws
  try {
    return curves[key.curve].verify(raw, h, key.point, { prehash: false, lowS: false, format: "compact" });
  } catch {
    return false;
  }
  // Stryker restore BlockStatement,BooleanLiteral
}

async function verifyEd25519(key: Extract<PublicKeyDescription, { kind: "ed25519" }>, data: Uint8Array, sig: Uint8Array) {
  // Stryker disable next-line ConditionalExpression: RFC 8032 section 5.1.7 wants 64 octets, and WebCrypto and @noble both answer false for any other length
  if (sig.length !== 64) return false;
  let k: CryptoKey;
  try {
    // Stryker disable next-line all: an import that fails (a mutated algorithm) falls back to @noble, which gives the same answer; extractable is never asked
    k = await verifyKey(key, { name: "Ed25519" });
  } catch {
    // Older webviews lack Ed25519 in WebCrypto: fall back to @noble/curves.
    const { ed25519 } = await nobleEd25519();
    try {
      return ed25519.verify(sig, data, key.point);
    } catch {
      return false;
    }
  }
  return crypto.subtle.verify({ name: "Ed25519" }, k, buf(sig), buf(data));
}

/** WebCrypto keys already imported, per public key (a certificate's, shared while certificate-cache.ts keeps it) and algorithm. */
const importedKeys = new WeakMap<PublicKeyDescription, Map<string, Promise<CryptoKey>>>();

/**
 * The key as WebCrypto verifies with it, imported once per key and algorithm: a signer or CA
 * seen in message after message is not imported again (import cost more than the RSA check itself).
 */
function verifyKey(key: PublicKeyDescription & { spki: Uint8Array }, algorithm: RsaHashedImportParams | EcKeyImportParams | Algorithm): Promise<CryptoKey> {
  let byAlgorithm = importedKeys.get(key);
  if (!byAlgorithm) importedKeys.set(key, (byAlgorithm = new Map()));
  const id = JSON.stringify(algorithm);
  let imported = byAlgorithm.get(id);
  if (!imported) {
    // Stryker disable next-line BooleanLiteral: whether the key could be exported is never asked
    imported = crypto.subtle.importKey("spki", buf(key.spki), algorithm, false, ["verify"]);
    byAlgorithm.set(id, imported);
  }
  return imported;
}

export async function verifySignature(
  key: PublicKeyDescription,
  scheme: SignatureScheme,
  data: Uint8Array,
  signature: Uint8Array,
): Promise<boolean> {
  if (scheme.kind === "unsupported") throw new UnsupportedAlgorithmError(unsupportedOf(scheme));
  if (key.kind === "unsupported") throw new UnsupportedAlgorithmError(unsupportedOf(key));
  if (key.kind === "dsa-inherited") throw new UnsupportedAlgorithmError(DSA_INHERITED);
  switch (scheme.kind) {
    case "rsa-pkcs1": {
      if (key.kind !== "rsa") return false;
      // Stryker disable next-line ConditionalExpression: the manual verifier gives WebCrypto's answers (rsa-manual.test.ts holds it to OpenSSL's)
      if (!WEBCRYPTO_HASHES.has(scheme.hash)) return verifyPkcs1(key.modulus, key.exponent, scheme.hash, data, signature);
      const k = await verifyKey(key, { name: "RSASSA-PKCS1-v1_5", hash: scheme.hash });
      return crypto.subtle.verify({ name: "RSASSA-PKCS1-v1_5" }, k, buf(signature), buf(data));
    }
    case "rsa-pss": {
      if (key.kind !== "rsa") return false;
      // Stryker disable next-line ConditionalExpression: the manual verifier gives WebCrypto's answers (rsa-manual.test.ts holds it to OpenSSL's)
      if (scheme.hash !== scheme.mgfHash || !WEBCRYPTO_HASHES.has(scheme.hash)) {
        return verifyPss(key.modulus, key.exponent, scheme.hash, scheme.mgfHash, scheme.saltLength, data, signature);
      }
      // WebCrypto caps the salt at emLen - hLen - 2; a larger declared salt cannot verify anyway.
      if (scheme.saltLength > key.modulus.length - DIGEST_LENGTH[scheme.hash] - 2) return false;
      const k = await verifyKey(key, { name: "RSA-PSS", hash: scheme.hash });
      return crypto.subtle.verify({ name: "RSA-PSS", saltLength: scheme.saltLength }, k, buf(signature), buf(data));
    }
    case "ecdsa":
      if (key.kind !== "ec") return false;
      return verifyEcdsa(key, scheme.hash, data, signature);
    case "ed25519":
      // Stryker disable next-line ConditionalExpression: another key type fails verifyEd25519 as well (its SPKI is no Ed25519 key, and it has no 32-octet point), only later
      if (key.kind !== "ed25519") return false;
      return verifyEd25519(key, data, signature);
    case "dsa":
      if (key.kind !== "dsa") return false;
      return verifyDsa(key.key, scheme.hash, data, signature);
  }
}

export type SignedObjectCheck = { ok: true } | { ok: false; reason: "bad-signature" } | ({ ok: false; reason: "unsupported" } & Unsupported);

/**
 * Checks a signed X.509-style object (a certificate, CRL or OCSP response): the
 * signature over `signed` by `key`, under the AlgorithmIdentifier (`algorithmOid`,
 * `params`). A key or signature WebCrypto refuses counts as a bad signature.
 */
export async function verifySignedObject(
  key: PublicKeyDescription,
  algorithmOid: string,
  params: unknown,
  signed: Uint8Array,
  signature: Uint8Array,
): Promise<SignedObjectCheck> {
  try {
    const ok = await verifySignature(key, signatureScheme(algorithmOid, params, null), signed, signature);
    return ok ? { ok: true } : { ok: false, reason: "bad-signature" };
  } catch (e) {
    if (e instanceof UnsupportedAlgorithmError) return { ok: false, reason: "unsupported", ...e.unsupported };
    return { ok: false, reason: "bad-signature" };
  }
}
