/**
 * The stable issue codes of the SecurityReport (../../../README.md, "Issue codes").
 * They are a public API: add codes, never rename or reuse one.
 */
export const ISSUE_CODES = [
  // Structure
  /** The bytes are not a mail message (empty, a DER or PEM object, an HTTP capture, no header field first): params.found says which. */
  "not-a-message",
  /** The input is a CMS object on its own (.p7m, .p7s), not a message: no sender to bind; params.detached when its content came apart. */
  "cms-object",
  /** A detached signature file given without the file it signs: nothing could be verified. */
  "detached-signature",
  /** OpenPGP (PGP/MIME or inline armour), which Signet does not inspect: params.form says which. */
  "openpgp-not-inspected",
  "malformed-mime",
  "malformed-cms",
  "partially-signed",
  "partially-encrypted",
  "nested-signature",
  "no-signers",
  "multiple-signers",
  "limit-exceeded",
  /** The input could not be read at all (a file that is missing or unreadable): the CLI's entry in its place. */
  "input-unreadable",
  // Signature
  "signature-invalid",
  "digest-mismatch",
  "content-type-mismatch",
  "signer-certificate-missing",
  "unsupported-algorithm",
  "weak-digest",
  "weak-key",
  // Identity
  "sender-mismatch",
  "signed-on-behalf",
  "display-name-spoof",
  "display-name-unverified",
  "multiple-from-fields",
  "multiple-sender-fields",
  "missing-from",
  "lookalike-address",
  "no-email-in-certificate",
  "header-mismatch",
  "date-mismatch",
  /** A signed message without a Date field, or with one that cannot be read: the signing time has nothing to be compared with. */
  "no-date",
  // Path
  "expired",
  "not-yet-valid",
  "unknown-issuer",
  "untrusted-root",
  /** The certificates issue each other in a loop (cross-certificates): no chain from them reaches a root. */
  "issuer-loop",
  "distrusted",
  "bad-certificate-signature",
  "not-a-ca",
  "path-length-exceeded",
  "key-usage",
  "missing-email-protection",
  /**
   * A name breaks a CA's name constraints, or the constraints are wrong: params.reason is one of
   * not-permitted, excluded, unsupported-form, malformed-name (with params.name), undecodable,
   * not-critical, in-end-entity, malformed-constraint (with params.constraint).
   */
  "name-constraints-violated",
  /** params.reason: malformed-policy-extension, no-acceptable-policy (an explicit policy required), any-policy-mapped. */
  "policy-violation",
  "unhandled-critical-extension",
  "path-search-limit",
  "validated-at-signing-time",
  // Revocation
  "revoked",
  "revocation-unknown",
  "revocation-unavailable",
  "revocation-stale",
  "revocation-response-invalid",
  // Encryption
  "no-decryption-key",
  "decryption-failed",
  "unauthenticated-encryption",
  "weak-encryption",
] as const;

export type IssueCode = (typeof ISSUE_CODES)[number];

/**
 * Why a revocation source gave no answer (RevocationEvidence.problems and the revocation issues'
 * params.problems): as stable as the issue codes, worded by the catalogues.
 */
export const REVOCATION_PROBLEM_CODES = [
  // The certificate
  /** It names no OCSP responder or CRL distribution point, and the message carries no answer for it. */
  "nothing-published",
  /** Its cRLDistributionPoints extension cannot be read (RFC 5280 section 4.2.1.13). */
  "malformed-distribution-points",
  // Reaching a source
  /** Not tried: the time allowed for revocation checks (the policy's deadline) had run out. */
  "deadline-reached",
  /** An address Signet does not fetch (ldap:, say): params scheme. */
  "unsupported-scheme",
  /** The request failed: params method (OCSP), error and status as the host's Fetcher reported them, detail in its own words. */
  "fetch-failed",
  // OCSP (RFC 6960)
  /** The answer is not a readable OCSP response: detail from the reader. */
  "ocsp-unreadable",
  /** The answer echoes a nonce other than the request's (RFC 8954 section 2.1): a replay. */
  "ocsp-nonce-mismatch",
  /** The responder answered with an error status (section 4.2.1): params responseStatus. */
  "ocsp-not-successful",
  /** The answer is about other certificates only. */
  "ocsp-other-certificate",
  /** The answer names this serial number under another issuer (the CertID's hashes differ). */
  "ocsp-other-issuer",
  /** The CertID names the issuer with a hash Signet does not compute. */
  "ocsp-certid-hash-unsupported",
  /** A delegated responder's certificate was not issued by the certificate's CA (section 4.2.2.2). */
  "ocsp-responder-not-issued-by-ca",
  /** A delegated responder's certificate lacks id-kp-OCSPSigning (section 4.2.2.2). */
  "ocsp-responder-lacks-eku",
  /** A delegated responder's certificate was not valid at the time checked. */
  "ocsp-responder-not-valid",
  /** Signed by neither the CA nor a responder it authorised. */
  "ocsp-unauthorised-signer",
  /** thisUpdate after the time checked, beyond the clock skew allowed. */
  "ocsp-from-future",
  /** nextUpdate before the time checked, beyond the clock skew allowed. */
  "ocsp-stale",
  /** The responder does not know the certificate ("unknown", section 2.2). */
  "ocsp-unknown-certificate",
  // CRLs (RFC 5280 sections 5 and 6.3)
  /** The file is not a readable CRL: detail from the reader. */
  "crl-unreadable",
  /** Critical extensions Signet does not know (section 5.2): params extensions. */
  "crl-unknown-critical-extensions",
  /** No CRL number (section 5.2.3). */
  "crl-no-number",
  /** The CRL number is marked critical (section 5.2.3: non-critical). */
  "crl-number-critical",
  /** The issuingDistributionPoint extension cannot be read (section 5.2.5). */
  "crl-malformed-issuing-distribution-point",
  /** Past its nextUpdate (section 6.3.3 (a)). */
  "crl-stale",
  /** thisUpdate after the time checked, beyond the clock skew allowed. */
  "crl-from-future",
  /** No certificate at hand signed it validly, or its signer's own path is not valid (section 6.3.3 (f), (g)). */
  "crl-no-valid-signer",
  /** No CRL at hand covers this certificate. */
  "crl-not-covering",
  /** The CRLs at hand leave some revocation reasons uncovered (section 6.3.3 (l)). */
  "crl-reasons-incomplete",
] as const;

export type RevocationProblemCode = (typeof REVOCATION_PROBLEM_CODES)[number];
