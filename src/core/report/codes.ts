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
  "name-constraints-violated",
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
