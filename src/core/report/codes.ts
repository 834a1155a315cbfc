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
  /** params.reason: one of MALFORMED_MIME_REASONS, with its values; mimePath where the part is known. */
  "malformed-mime",
  /** params.reason: one of MALFORMED_CMS_REASONS, with its values; params.detail is the reader's own account, where there is one. */
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
  /**
   * An algorithm or key Signet cannot check: params.role (digest, signature, key, certificate signature),
   * params.algorithm (a name, or the OID), and params.why, one of UNSUPPORTED_REASONS, with params.value.
   */
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
  /**
   * A delegated responder's certificate breaks a rule of RFC 5280 section 6 other than its
   * validity period (checked as the rest of the path is): params certificateIssue names the
   * rule by its issue code, with that issue's algorithm, or bits and minimum.
   */
  "ocsp-responder-refused",
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
  /**
   * The answer (an OCSP response or a CRL) verifies, but with a digest or key the algorithm
   * policy refuses (algorithm-acceptance.ts, as for every signature): params algorithm, or bits
   * and minimum.
   */
  "signature-refused",
  /** No CRL at hand covers this certificate. */
  "crl-not-covering",
  /** The CRLs at hand leave some revocation reasons uncovered (section 6.3.3 (l)). */
  "crl-reasons-incomplete",
] as const;

export type RevocationProblemCode = (typeof REVOCATION_PROBLEM_CODES)[number];

/**
 * Why a CMS structure is damaged (the malformed-cms issue's params.reason), as stable as the issue
 * codes and worded by the catalogues. params.detail, where given, is the ASN.1 reader's own account
 * (asn1js, pkijs), shown as a detail and never as the finding's words.
 */
export const MALFORMED_CMS_REASONS = [
  /** params.structure (ContentInfo, SignedData, EnvelopedData, CompressedData, SignerInfo) could not be read: params.detail. */
  "unreadable",
  /** Bytes after the end of the CMS object (a warning): params.bytes. */
  "trailing-data",
  /** A signature part whose ContentInfo holds something else: params.contentType. */
  "not-signed-data",
  /** A CMS content type Signet does not walk (digestedData, say): params.contentType. */
  "unsupported-content-type",
  /** application/pkcs7-mime signed-data without the content it signs (RFC 8551 section 3.5.2). */
  "opaque-without-content",
  /** A signature file given with --content that holds no CMS object. */
  "no-cms-object",
  /** The signer's digest algorithm is missing from SignedData.digestAlgorithms (RFC 5652 section 5.1). */
  "digest-algorithm-not-listed",
  /** A detached signature given without its content: nothing to verify. */
  "no-content",
  /** The key or the signature value cannot be used as the algorithm needs: params.detail. */
  "unusable-key-or-signature",
  /** Signed attributes need exactly one params.attribute (content-type or message-digest; RFC 5652 section 5.3). */
  "signed-attribute-count",
  /** A signed attribute's value is not of its type (RFC 5652 section 11): params.attribute (content-type: an OID; message-digest: an OCTET STRING). */
  "signed-attribute-value",
  /** A certificate extension appears twice or does not decode (RFC 5280 section 4.2): params.extensions. */
  "malformed-certificate-extension",
  /** CompressedData with an algorithm other than zlib (RFC 3274 defines only zlib): params.algorithm. */
  "unsupported-compression",
  /** EnvelopedData without its encrypted content (RFC 5652 section 6.1 allows it detached; no mail sends it so). */
  "encrypted-without-content",
] as const;

export type MalformedCmsReason = (typeof MALFORMED_CMS_REASONS)[number];

/** Why a MIME structure is damaged (the malformed-mime issue's params.reason), worded by the catalogues. */
export const MALFORMED_MIME_REASONS = [
  /** A Content-Type field that cannot be read (RFC 2045 section 5.1): params.value, its first 100 characters. */
  "unreadable-content-type",
  /** A multipart without a boundary parameter that can be used (RFC 2046 section 5.1.1). */
  "no-boundary",
  /** The boundary never occurs in the body. */
  "boundary-not-found",
  /** The closing delimiter is missing: the last part may be cut short. */
  "missing-closing-boundary",
  /** A multipart with no body parts. */
  "no-body-parts",
  /** multipart/signed needs a content part and a signature part (RFC 1847 section 2.1). */
  "multipart-signed-parts",
  /** The signature part's Content-Type is not what the protocol parameter names: params.found. */
  "signature-part-type",
  /** Base64 with characters outside the alphabet (RFC 2045 section 6.8): params.count. */
  "base64-invalid-characters",
  /** Base64 cut short, or with data after its padding. */
  "base64-bad-end",
  /** Quoted-printable with escapes that are not "=" and two hex digits (RFC 2045 section 6.7): params.count. */
  "quoted-printable-bad-escapes",
  /** A Content-Transfer-Encoding not defined by RFC 2045 section 6 (the body is kept as it is): params.value. */
  "unknown-transfer-encoding",
  /** The inspection stopped on an error of Signet's own: params.detail. */
  "inspection-stopped",
] as const;

export type MalformedMimeReason = (typeof MALFORMED_MIME_REASONS)[number];

/** Why an algorithm or key cannot be checked (the unsupported-algorithm issue's params.why), worded by the catalogues. */
export const UNSUPPORTED_REASONS = [
  /** An algorithm Signet does not implement. */
  "unknown-algorithm",
  /** An elliptic curve other than P-256, P-384, P-521: params.value, its OID, or "explicit" for explicit parameters. */
  "unknown-curve",
  /** A key whose encoding cannot be read. */
  "malformed-key",
  /** A DSA key whose parameters are to come from its issuer (RFC 3279 section 2.3.2), which is not known. */
  "dsa-parameters-inherited",
  /** A signature algorithm that names no hash, with a digest algorithm Signet does not know. */
  "no-digest",
  /** RSA-PSS with a mask generation function other than MGF1 (RFC 4055 section 3.1): params.value, its OID. */
  "pss-mask-generation",
  /** RSA-PSS with a trailer field other than 1 (RFC 4055 section 3.1): params.value. */
  "pss-trailer-field",
  /** RSA-PSS with a hash Signet does not know. */
  "pss-hash",
  /** RSA-PSS parameters that cannot be read. */
  "pss-parameters-malformed",
  /** An encrypted layer whose recipients are a password or a shared secret key (RFC 5652 sections 6.2.3-6.2.5), not certificates: params.value, "password", "kek" or "other". */
  "recipient-kind",
  /** Parameters of an encryption algorithm (content encryption, RSA-OAEP) that cannot be read or are out of range. */
  "parameters-malformed",
  /**
   * A recipient entry that names the user's certificate with an algorithm for another kind of key (RSA key
   * transport to an EC certificate, ECDH to an RSA one): a message made wrongly, or on purpose.
   */
  "key-kind-mismatch",
] as const;

export type UnsupportedReason = (typeof UNSUPPORTED_REASONS)[number];

/** Why an algorithm cannot be checked, and the value that reason names. */
export interface Unsupported {
  why: UnsupportedReason;
  value?: string;
}
