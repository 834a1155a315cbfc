/**
 * The SecurityReport: one plain, JSON-serialisable object that the CLI, the UI
 * and the tests all read. Field names are a public API: add, never rename.
 */
import type { IssueCode, RevocationProblemCode } from "./codes.js";

/** "refused": the mathematics holds, but policy refuses the algorithm or key (SHA-1, MD5, a short RSA key). */
export type SignatureStatus = "valid" | "invalid" | "refused" | "unsigned" | "unverifiable";
export type TrustStatus = "trusted" | "untrusted" | "invalid" | "unknown" | "not-applicable";
export type RevocationStatus = "good" | "revoked" | "unknown" | "not-checked" | "not-applicable";
/** "not-inspected": encrypted in a form Signet does not inspect (OpenPGP). */
export type EncryptionStatus = "none" | "decrypted" | "no-key" | "failed" | "not-inspected";
export type Verdict = "verified" | "warning" | "danger" | "none";
export type Severity = "error" | "warning" | "info";
export type SignerStatus = "valid" | "invalid" | "refused" | "unverifiable";
export type IdentityStatus = "match" | "mismatch" | "unknown";

/** Where an issue belongs: indexes into `layers`, a layer's `signers`, and a signer's `chain`. */
export interface IssueLocation {
  layer?: number;
  signer?: number;
  certificate?: number;
}

export type IssueParams = Record<string, string | number | boolean | string[] | RevocationProblem[]>;

export interface Issue {
  code: IssueCode;
  severity: Severity;
  where: IssueLocation;
  params: IssueParams;
}

export interface CertificateSummary {
  subject: string;
  issuer: string;
  /** Hex, as printed by `openssl x509 -serial` (upper case, no separators). */
  serialNumber: string;
  notBefore: string;
  notAfter: string;
  emails: string[];
  /** e.g. "RSA", "EC", "Ed25519" */
  keyAlgorithm: string;
  /** RSA modulus bits or EC field bits, when known. */
  keyBits?: number;
  namedCurve?: string;
  fingerprintSha256: string;
  fingerprintSha1: string;
  /** The certificate itself, base64 DER, so a viewer can show details and export it. */
  derBase64?: string;
}

export interface AlgorithmName {
  oid: string;
  /** Human-readable name, or the OID itself when unknown. */
  name: string;
}

export interface EncryptionKeyPreference {
  kind: "issuer-and-serial" | "subject-key-identifier";
  issuer?: string;
  serialNumber?: string;
  subjectKeyIdentifier?: string;
}

export interface SignerReport {
  index: number;
  status: SignerStatus;
  /** How the SignerInfo names its certificate (RFC 5652 section 5.3). */
  signerId:
    | { kind: "issuer-and-serial"; issuer: string; serialNumber: string }
    | { kind: "subject-key-identifier"; subjectKeyIdentifier: string };
  certificate: CertificateSummary | null;
  identity: IdentityStatus;
  /**
   * Leaf first, ending at the trust anchor when a path reached one. When no path
   * validates this is the attempt that came closest; `pathAttempts` lists the others.
   */
  chain: CertificateSummary[];
  /** Where the chain's last certificate is trusted from, when it is an anchor. */
  anchorSource?: "bundled" | "user" | "option";
  trust: TrustStatus;
  /** Every other path tried when none validated: subjects leaf first, and why each failed. */
  pathAttempts?: PathAttemptSummary[];
  /** Per certificate of the chain, when revocation was checked. */
  revocationEvidence?: RevocationEvidence[];
  revocation: RevocationStatus;
  /** The signingTime attribute: the signer's own claim, not a timestamp. */
  signingTime: string | null;
  digestAlgorithm: AlgorithmName;
  signatureAlgorithm: AlgorithmName;
  signedAttributes: boolean;
  smimeCapabilities?: AlgorithmName[];
  encryptionKeyPreference?: EncryptionKeyPreference;
}

/** What revocation checking found for one certificate of the signer's chain. */
export interface RevocationEvidence {
  /** Index in the signer's `chain`. */
  certificate: number;
  status: "good" | "revoked" | "unknown" | "not-checked";
  /** "supplied-crl": a CRL the caller gave (the CLI's --crl). */
  source?: "ocsp" | "crl" | "embedded-ocsp" | "embedded-crl" | "supplied-crl";
  url?: string;
  fromCache?: boolean;
  thisUpdate?: string;
  nextUpdate?: string | null;
  producedAt?: string;
  responder?: string;
  revocationDate?: string;
  reason?: string | null;
  /** Why the answer is not better, in the order things were tried. */
  problems?: RevocationProblem[];
}

/** How a Fetcher request failed (ports.ts). */
export type FetchErrorKind = "timeout" | "too-large" | "network" | "refused" | "http-status";

/** Where a revocation problem was met: a source of RevocationEvidence, or the cached OCSP answer. */
export type RevocationProblemSource = NonNullable<RevocationEvidence["source"]> | "cached-ocsp";

/** One reason a revocation source gave no answer, as data (the catalogues word it). */
export interface RevocationProblem {
  code: RevocationProblemCode;
  /** The source tried; absent for what is about the certificate itself (nothing-published). */
  source?: RevocationProblemSource;
  url?: string;
  /** fetch-failed: the request's method (OCSP), the host's error kind and HTTP status, and its detail in the host's own words. */
  method?: "GET" | "POST";
  error?: FetchErrorKind;
  status?: number;
  /** The reader's or the host's own account, where there is one (fetch-failed, ocsp-unreadable, crl-unreadable). */
  detail?: string;
  /** ocsp-not-successful: the responder's status (RFC 6960 section 4.2.1). */
  responseStatus?: string;
  /** unsupported-scheme: the address's scheme. */
  scheme?: string;
  /** crl-unknown-critical-extensions: their OIDs. */
  extensions?: string[];
  /** ocsp-responder-refused: the rule the responder's certificate breaks, by its issue code. */
  certificateIssue?: IssueCode;
  /** signature-refused and ocsp-responder-refused: the refused digest ("SHA-1"), or the key's bits and the minimum. */
  algorithm?: string;
  bits?: number;
  minimum?: number;
}

export interface PathAttemptSummary {
  subjects: string[];
  reachedAnchor: boolean;
  problems: { code: string; certificate: number }[];
}

export interface RecipientSummary {
  kind: "key-transport" | "key-agreement" | "kek" | "password" | "other";
  /** Key-encryption algorithm. */
  algorithm: AlgorithmName;
  issuer?: string;
  serialNumber?: string;
  subjectKeyIdentifier?: string;
  /** This recipient's key opened the layer (one of the user's own certificates). */
  openedWith?: true;
}

interface LayerBase {
  index: number;
  /** Dotted MIME path of the entity carrying the layer ("" is the message itself, "1.2" the second part of its first part). */
  mimePath: string;
  contentType: string;
  coverage: "whole" | "partial";
}

/** Header fields inside signed content, which the signature covers (layers/header-protection.ts). */
export interface ProtectedHeaders {
  /** How they are carried: RFC 9788's hp parameter, its draft's protected-headers="v1", or an RFC 8551 message/rfc822 wrapper. */
  form: "hp=clear" | "hp=cipher" | "protected-headers=v1" | "message/rfc822";
  /** Lower-cased names, decoded values, in the order the signer wrote them. */
  fields: { name: string; value: string }[];
}

export interface SignedLayer extends LayerBase {
  kind: "signed";
  /** How the signature came: multipart/signed, application/pkcs7-mime, or a detached signature file given with its content apart. */
  form: "multipart-signed" | "pkcs7-mime" | "detached";
  encapsulatedContentType: AlgorithmName | null;
  certificateCount: number;
  /** SignerInfos in the SignedData; more than `signers.length` when a limit stopped verification. */
  signerInfoCount: number;
  signers: SignerReport[];
  /** For a layer that covers only part of the message: the beginning of the text it covers. */
  contentPreview?: { text: string; truncated: boolean; mimePath: string };
  /** For a layer that covers the whole message: the header fields it protects, if any. */
  protectedHeaders?: ProtectedHeaders;
  /** For a layer that covers the whole message: Subject, To, Cc, Reply-To fields of the message that it does not cover. */
  uncoveredHeaders?: string[];
}

export interface EnvelopedLayer extends LayerBase {
  kind: "enveloped";
  /** AuthEnvelopedData (RFC 5083): the cipher itself protects the content's integrity. */
  authenticated: boolean;
  contentEncryptionAlgorithm: AlgorithmName | null;
  /** The content-encryption key's strength in bits (RC2: its effective key bits), when the algorithm is known. */
  contentKeyBits?: number;
  recipients: RecipientSummary[];
  /** Whether the layer's content was opened. */
  opened: boolean;
  /** Who opened it: "host" is the mail client's own key store (Thunderbird's messages.getRaw with decrypt), "signet" the user's keys in Signet. */
  decryptedBy?: "host" | "signet";
  /**
   * An encrypted part beside other content, opened because the reader asked (InspectOptions.openParts):
   * a separate piece, perhaps someone else's, never the message's own text.
   */
  openedOnRequest?: true;
  /** Why it stayed closed: no key for any recipient, a key that failed, an algorithm Signet lacks, or only part of the message (never opened by itself). */
  notOpened?: "no-key" | "failed" | "unsupported" | "partial";
  /**
   * What protects the content from change, once it is opened: the cipher ("authenticated"), a signature
   * over the whole content inside ("signed-inside"), or nothing ("none"). Absent while closed.
   */
  integrity?: "authenticated" | "signed-inside" | "none";
  /**
   * The body Signet decrypted, for the reader: text, or HTML that views sanitise and show only in a
   * sandboxed frame. Only when Signet opened the layer (a mail client shows what it decrypts itself).
   */
  decryptedBody?: { kind: "text" | "html"; body: string; truncated: boolean; mimePath: string };
}

export interface CompressedLayer extends LayerBase {
  kind: "compressed";
  algorithm: AlgorithmName | null;
  compressedBytes: number;
  decompressedBytes: number | null;
}

export type Layer = SignedLayer | EnvelopedLayer | CompressedLayer;

export interface MessageSummary {
  /** The From addresses, of every From field (RFC 5322 allows one; a message may carry more). */
  from: string[];
  /** The same mailboxes with the display name a mail client shows in their place. */
  fromMailboxes: { displayName: string | null; address: string }[];
  sender: string | null;
  subject: string | null;
  date: string | null;
  messageId: string | null;
  sizeBytes: number;
}

export interface SecurityReport {
  /** Report format version; bumped only for incompatible changes. */
  reportVersion: 1;
  signature: SignatureStatus;
  trust: TrustStatus;
  revocation: RevocationStatus;
  encryption: EncryptionStatus;
  verdict: Verdict;
  message: MessageSummary;
  layers: Layer[];
  issues: Issue[];
  /** The time certificates are judged at (ISO 8601). */
  validationTime: string;
}
