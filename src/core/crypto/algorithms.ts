/**
 * Maps AlgorithmIdentifiers to the signature schemes the verifier knows.
 * One table per question, each row citing where the OID is defined.
 */
import * as pkijs from "pkijs";
import { OID } from "../oids.js";
import type { Unsupported } from "../report/codes.js";

export type DigestName = "MD5" | "SHA-1" | "SHA-224" | "SHA-256" | "SHA-384" | "SHA-512";

/** RFC 3370 section 2, RFC 5754 section 2. */
const DIGESTS: Record<string, DigestName> = {
  [OID.md5]: "MD5",
  [OID.sha1]: "SHA-1",
  [OID.sha224]: "SHA-224",
  [OID.sha256]: "SHA-256",
  [OID.sha384]: "SHA-384",
  [OID.sha512]: "SHA-512",
};

export function digestByOid(oid: string): DigestName | null {
  return DIGESTS[oid] ?? null;
}

export const DIGEST_LENGTH: Record<DigestName, number> = {
  MD5: 16,
  "SHA-1": 20,
  "SHA-224": 28,
  "SHA-256": 32,
  "SHA-384": 48,
  "SHA-512": 64,
};

export type SignatureScheme =
  | { kind: "rsa-pkcs1"; hash: DigestName }
  | { kind: "rsa-pss"; hash: DigestName; mgfHash: DigestName; saltLength: number }
  | { kind: "ecdsa"; hash: DigestName }
  | { kind: "ed25519" }
  | { kind: "dsa"; hash: DigestName }
  | ({ kind: "unsupported" } & Unsupported);

/** RFC 4055 section 5 (RSA with hash), RFC 5758 section 3.2 (ECDSA with hash). */
const HASHED_SIGNATURES: Record<string, { kind: "rsa-pkcs1" | "ecdsa" | "dsa"; hash: DigestName }> = {
  [OID.md5WithRSA]: { kind: "rsa-pkcs1", hash: "MD5" },
  [OID.sha1WithRSA]: { kind: "rsa-pkcs1", hash: "SHA-1" },
  [OID.sha224WithRSA]: { kind: "rsa-pkcs1", hash: "SHA-224" },
  [OID.sha256WithRSA]: { kind: "rsa-pkcs1", hash: "SHA-256" },
  [OID.sha384WithRSA]: { kind: "rsa-pkcs1", hash: "SHA-384" },
  [OID.sha512WithRSA]: { kind: "rsa-pkcs1", hash: "SHA-512" },
  [OID.ecdsaWithSha1]: { kind: "ecdsa", hash: "SHA-1" },
  [OID.ecdsaWithSha224]: { kind: "ecdsa", hash: "SHA-224" },
  [OID.ecdsaWithSha256]: { kind: "ecdsa", hash: "SHA-256" },
  [OID.ecdsaWithSha384]: { kind: "ecdsa", hash: "SHA-384" },
  [OID.ecdsaWithSha512]: { kind: "ecdsa", hash: "SHA-512" },
  // RFC 3279 section 2.2.2, RFC 5758 section 3.1
  [OID.dsaWithSha1]: { kind: "dsa", hash: "SHA-1" },
  [OID.dsaWithSha224]: { kind: "dsa", hash: "SHA-224" },
  [OID.dsaWithSha256]: { kind: "dsa", hash: "SHA-256" },
};

/**
 * RSASSA-PSS parameters (RFC 4055 section 3.1). Absent parameters and absent
 * fields take the RFC's defaults: SHA-1, MGF1 with SHA-1, salt length 20,
 * trailer field 1. Any other trailer field is invalid per the same section.
 */
function pssScheme(params: unknown): SignatureScheme {
  let hash: DigestName | null = "SHA-1";
  let mgfHash: DigestName | null = "SHA-1";
  let saltLength = 20;
  // Stryker disable next-line ConditionalExpression,LogicalOperator: pkijs reads absent or NULL parameters as the same defaults
  if (params !== undefined && params !== null && !isAsn1Null(params)) {
    const parsed = new pkijs.RSASSAPSSParams({ schema: params });
    hash = digestByOid(parsed.hashAlgorithm.algorithmId);
    if (parsed.maskGenAlgorithm.algorithmId !== OID.mgf1) {
      return { kind: "unsupported", why: "pss-mask-generation", value: parsed.maskGenAlgorithm.algorithmId };
    }
    const mgfParams = parsed.maskGenAlgorithm.algorithmParams;
    mgfHash = mgfParams ? digestByOid(new pkijs.AlgorithmIdentifier({ schema: mgfParams }).algorithmId) : "SHA-1";
    saltLength = parsed.saltLength;
    if (parsed.trailerField !== 1) return { kind: "unsupported", why: "pss-trailer-field", value: String(parsed.trailerField) };
  }
  if (!hash || !mgfHash) return { kind: "unsupported", why: "pss-hash" };
  return { kind: "rsa-pss", hash, mgfHash, saltLength };
}

// Stryker disable all: see pssScheme, a NULL read as parameters gives the defaults as well
function isAsn1Null(value: unknown): boolean {
  return (
    typeof value === "object" &&
    value !== null &&
    "idBlock" in value &&
    (value as { idBlock: { tagClass: number; tagNumber: number } }).idBlock.tagClass === 1 &&
    (value as { idBlock: { tagNumber: number } }).idBlock.tagNumber === 5
  );
}
// Stryker restore all

/**
 * Resolves a SignerInfo's signatureAlgorithm. `digest` is the SignerInfo's
 * digestAlgorithm, which RFC 5652 section 5.3 and RFC 3370 section 3.2 use as
 * the signature hash when the signature OID names no hash (rsaEncryption,
 * id-ecPublicKey as some signers emit).
 */
export function signatureScheme(signatureOid: string, params: unknown, digest: DigestName | null): SignatureScheme {
  const hashed = HASHED_SIGNATURES[signatureOid];
  if (hashed) return { ...hashed };
  switch (signatureOid) {
    case OID.rsaEncryption:
      return digest ? { kind: "rsa-pkcs1", hash: digest } : { kind: "unsupported", why: "no-digest" };
    case OID.ecPublicKey:
      return digest ? { kind: "ecdsa", hash: digest } : { kind: "unsupported", why: "no-digest" };
    case OID.rsassaPss:
      try {
        return pssScheme(params);
      } catch {
        return { kind: "unsupported", why: "pss-parameters-malformed" };
      }
    case OID.ed25519:
      return { kind: "ed25519" };
    case OID.dsa:
      return digest ? { kind: "dsa", hash: digest } : { kind: "unsupported", why: "no-digest" };
    default:
      return { kind: "unsupported", why: "unknown-algorithm", value: signatureOid };
  }
}

/** The hash a scheme signs with, for the weak-digest rule. Ed25519 uses SHA-512 internally (RFC 8032). */
export function schemeHash(scheme: SignatureScheme): DigestName | null {
  switch (scheme.kind) {
    case "rsa-pkcs1":
    case "ecdsa":
    case "rsa-pss":
    case "dsa":
      return scheme.hash;
    case "ed25519":
      return "SHA-512";
    default:
      return null;
  }
}
