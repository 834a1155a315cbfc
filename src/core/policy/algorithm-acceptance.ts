/**
 * Which digests and keys Signet accepts in a signature, whoever made it: the sender's program
 * (a message signature), a CA (a certificate or a CRL), an OCSP responder. One policy for every
 * signature, as BoringSSL's VerifyCertificateChainDelegate asks IsSignatureAlgorithmAcceptable and
 * IsPublicKeyAcceptable of each signature a path holds. A refusal (severity error) is policy, not
 * mathematics: the caller decides what a refused signature means where it stands.
 */
import { schemeHash, type DigestName, type SignatureScheme } from "../crypto/algorithms.js";
import type { PublicKeyDescription } from "../crypto/public-key.js";
import type { ParamsOf } from "../report/params-by-code.js";
import type { SmimePolicy } from "./profile.js";

/** A weak-digest or weak-key finding. Severity error: refused; warning: accepted, but below what is expected. */
export type AlgorithmFinding = DigestFinding | KeyFinding;
type DigestFinding = { code: "weak-digest"; severity: "error" | "warning"; params: ParamsOf<"weak-digest"> };
type KeyFinding = { code: "weak-key"; severity: "error" | "warning"; params: ParamsOf<"weak-key"> };

/**
 * RFC 8551 section 2.1: MD5 MUST NOT be used and SHA-1 SHOULD NOT be accepted; the profile's
 * `forbiddenDigests` and `acceptSha1` say which (profile.ts documents their defaults).
 */
export function judgeDigest(hash: DigestName | null, policy: SmimePolicy): DigestFinding | null {
  // No hash (an unsupported scheme): nothing for this rule to judge.
  // Stryker disable next-line ConditionalExpression: the test only narrows the type; no policy set holds null, and null is not "SHA-1"
  if (hash === null) return null;
  if (policy.forbiddenDigests.has(hash) || (hash === "SHA-1" && !policy.acceptSha1)) {
    return { code: "weak-digest", severity: "error", params: { algorithm: hash } };
  }
  if (hash === "SHA-1") return { code: "weak-digest", severity: "warning", params: { algorithm: hash, accepted: true } };
  return null;
}

/**
 * RFC 8551 section 4.1: RSA (and DSA) keys under 1024 bits MUST NOT be accepted, and 2048 or
 * more are expected: `hardMinRsaBits` and `minRsaBits`. Elliptic-curve keys are limited to the
 * curves public-key.ts reads (P-256, P-384, P-521, Ed25519), all strong enough.
 */
export function judgeKey(key: PublicKeyDescription, policy: SmimePolicy): KeyFinding | null {
  if (key.kind !== "rsa" && key.kind !== "dsa") return null;
  if (key.bits < policy.hardMinRsaBits) return { code: "weak-key", severity: "error", params: { bits: key.bits, minimum: policy.hardMinRsaBits } };
  if (key.bits < policy.minRsaBits) return { code: "weak-key", severity: "warning", params: { bits: key.bits, minimum: policy.minRsaBits } };
  return null;
}

/**
 * The digests a signature depends on: the signature scheme's hash and, for a CMS signer, its
 * digestAlgorithm (RFC 5652 section 5.4), each judged once.
 */
export function judgeSignatureDigests(scheme: SignatureScheme, policy: SmimePolicy, contentDigest: DigestName | null = null): DigestFinding[] {
  const findings: DigestFinding[] = [];
  for (const hash of new Set([contentDigest, schemeHash(scheme)])) {
    const found = judgeDigest(hash, policy);
    if (found) findings.push(found);
  }
  return findings;
}

/** The first refusal of a signature made with `scheme` by `key`, or null when both are accepted (warnings aside). */
export function refusal(scheme: SignatureScheme, key: PublicKeyDescription, policy: SmimePolicy): AlgorithmFinding | null {
  const findings = [...judgeSignatureDigests(scheme, policy), judgeKey(key, policy)];
  return findings.find((f) => f?.severity === "error") ?? null;
}
