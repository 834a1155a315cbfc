/**
 * The params each issue code carries: the particulars the catalogues word, as data. Every issue a
 * check makes is held to this map (IssueCollector.add, LocalIssue), so a code never arrives with
 * values its texts do not expect, nor with a sentence in place of a value. On the wire an issue's
 * params are the looser IssueParams (types.ts); this map says what is in them.
 */
import type { IssueCode, UnsupportedReason } from "./codes.js";
import type { CmsDamage, MimeDamage, AlgorithmRole } from "./issue-params.js";
import type { RevocationProblem } from "./types.js";
import type { KeyUsageBit } from "../x509/extensions.js";

/** Where in the message a finding stands, as layers name MIME parts ("L0:2"). */
type InPart = { mimePath?: string };
type Limit = { limit: string; value: number | string; size?: number };
type Revocation = { problems: RevocationProblem[] };

export type IssueParamsByCode = {
  "not-a-message": { found: "empty" | "der" | "pem" | "http" | "no-header-field" };
  "cms-object": { detached: boolean };
  "detached-signature": Record<string, never>;
  "openpgp-not-inspected": { form: "pgp-mime-encrypted" | "pgp-mime-signed" | "inline-encrypted" | "inline-signed" } & InPart;
  "malformed-mime": MimeDamage & InPart;
  "malformed-cms": CmsDamage & InPart;
  "partially-signed": { mimePath: string; beginsWith?: string };
  "partially-encrypted": { mimePath: string };
  "nested-signature": { depth: number; signedBy: string[] };
  "no-signers": Record<string, never>;
  "multiple-signers": { count: number };
  "limit-exceeded": Limit & InPart;
  /** The CLI's: the system's error code for the read (ENOENT, EACCES). */
  "input-unreadable": { reason: string };
  "signature-invalid": { over: "content" | "signed attributes" };
  "digest-mismatch": { algorithm: string };
  /** expected, found: content types by their RFC names (data), or OIDs; signedAttributes false: another type than data, signed without signed attributes. */
  "content-type-mismatch": { expected: string; found: string; signedAttributes?: false };
  "signer-certificate-missing": Record<string, never>;
  "unsupported-algorithm": { role: AlgorithmRole; algorithm: string; why: UnsupportedReason; value?: string };
  /** role "certificate signature": a CA's signature on a certificate; intact: the signature holds, the digest is refused. */
  "weak-digest": { algorithm: string; accepted?: true; intact?: true; role?: "certificate signature" };
  /** role: whose key ("certificate signature" a CA's; crl-signer, ocsp-signer); absent, the message signer's. */
  "weak-key": { bits: number; minimum: number; intact?: true; role?: "certificate signature" | "crl-signer" | "ocsp-signer" };
  "sender-mismatch": { addresses: string[]; certificateEmails: string[]; caseOnly?: true; field?: "sender" };
  "signed-on-behalf": { from: string[]; sender: string[]; certificateEmails: string[] };
  "display-name-spoof": { displayName: string; address: string; certificateNames: string[]; shownAddress: string };
  "display-name-unverified": { displayName: string; address: string; certificateNames: string[] };
  "multiple-from-fields": { count: number; addresses: string[] };
  "multiple-sender-fields": { count: number; addresses: string[] };
  "missing-from": { fields: number };
  "lookalike-address": { field: string; address: string; ascii: string; reason: "mixed-scripts" | "looks-latin" | "invisible-characters"; scripts: string[] };
  "no-email-in-certificate": Record<string, never>;
  "header-mismatch": { header: string; protected: string; outer: string; notProtected?: true; missingOutside?: true };
  "date-mismatch": { signingTime: string; date: string; minutesApart: number };
  "no-date": { signingTime: string; dateField: "absent" | "unreadable" };
  expired: { notAfter: string; at: string };
  "not-yet-valid": { notBefore: string; at: string };
  "unknown-issuer": { issuer: string; caIssuers: string[] };
  "untrusted-root": { subject: string };
  "issuer-loop": { issuer: string };
  distrusted: { subject: string };
  "bad-certificate-signature": { issuer: string };
  "not-a-ca": { subject: string };
  "path-length-exceeded": Record<string, never>;
  /** required: the key usage bits of which one is needed (RFC 5280 section 4.2.1.3 names); present: those the certificate has. */
  "key-usage": { required: KeyUsageBit[]; present: KeyUsageBit[] };
  /** The extended key usages the certificate has and the one required, by their RFC identifiers (emailProtection), or OIDs Signet does not know. */
  "missing-email-protection": { present: string[]; required: string };
  "name-constraints-violated":
    | { reason: "not-permitted" | "excluded" | "unsupported-form" | "malformed-name"; name: string }
    | { reason: "malformed-constraint"; constraint: string }
    | { reason: "undecodable" | "not-critical" | "in-end-entity" };
  "policy-violation": { reason: "malformed-policy-extension" | "no-acceptable-policy" | "any-policy-mapped" };
  "unhandled-critical-extension": { extensions: string[] };
  "path-search-limit": { limit: string; value: number } | { signatureChecks: number; steps: number };
  "validated-at-signing-time": { signingTime: string };
  /** reason: a CRLReason's name (RFC 5280 section 5.3.1; crl.ts REVOCATION_REASONS), "unspecified" when none was given. */
  revoked: { reason: string; date: string; source: string };
  "revocation-unknown": Revocation;
  "revocation-unavailable": Revocation;
  "revocation-stale": Revocation;
  "revocation-response-invalid": Revocation;
  "no-decryption-key": { recipients: number };
  /** by: who held the key that failed (ports.ts Decryptor). */
  "decryption-failed": { by: "host" | "signet" };
  /** opened: the content was seen and holds no signature over it; otherwise it is not known whether one is inside. */
  "unauthenticated-encryption": { algorithm: string; opened: boolean };
  "weak-encryption": { algorithm: string };
};

/**
 * The params of `C`'s issues. Any issue may also be marked untrustedPath: found on the closest path
 * to a root that is not trusted (path/builder.ts), so not what keeps the signer from being trusted.
 */
export type ParamsOf<C extends IssueCode> = IssueParamsByCode[C] & { untrustedPath?: true };

/** Every code has its entry: a code added to codes.ts without one fails to compile here. */
export type MissingParams = Exclude<IssueCode, keyof IssueParamsByCode>;
const everyCodeHasParams: [MissingParams] extends [never] ? true : MissingParams = true;
void everyCodeHasParams;
