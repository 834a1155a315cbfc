/**
 * The params of the issues that carry a reason (malformed-cms, malformed-mime,
 * unsupported-algorithm): a reason from the tables in codes.ts and the values that reason names,
 * typed so that no check can hand the catalogues a sentence instead.
 */
import type { MalformedCmsReason, MalformedMimeReason, Unsupported } from "./codes.js";
import type { ParamsOf } from "./params-by-code.js";

/** The CMS structures whose reading can fail, as RFC 5652 names them. */
export type CmsStructure = "ContentInfo" | "SignedData" | "SignerInfo" | "EnvelopedData" | "AuthEnvelopedData" | "CompressedData";

export type CmsDamage =
  | { reason: "unreadable"; structure: CmsStructure; detail: string }
  | { reason: "trailing-data"; bytes: number }
  /** contentType: the RFC's name for the type (envelopedData), or its OID when it has none. */
  | { reason: "not-signed-data" | "unsupported-content-type"; contentType: string }
  | { reason: "unusable-key-or-signature"; detail: string }
  | { reason: "signed-attribute-count" | "signed-attribute-value"; attribute: "content-type" | "message-digest" }
  | { reason: "malformed-certificate-extension"; extensions: string[] }
  | { reason: "unsupported-compression"; algorithm: string }
  | { reason: Exclude<MalformedCmsReason, "unreadable" | "trailing-data" | "not-signed-data" | "unsupported-content-type" | "unusable-key-or-signature" | "signed-attribute-count" | "signed-attribute-value" | "malformed-certificate-extension" | "unsupported-compression"> };

export type MimeDamage =
  | { reason: "unreadable-content-type" | "unknown-transfer-encoding"; value: string }
  | { reason: "signature-part-type"; found: string }
  | { reason: "base64-invalid-characters" | "quoted-printable-bad-escapes"; count: number }
  | { reason: "inspection-stopped"; detail: string }
  | { reason: Exclude<MalformedMimeReason, "unreadable-content-type" | "unknown-transfer-encoding" | "signature-part-type" | "base64-invalid-characters" | "quoted-printable-bad-escapes" | "inspection-stopped"> };

/** A reader's own account (asn1js, pkijs), cut short: it is a detail, not the finding. */
export function readerAccount(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).slice(0, 200);
}

/** The issue params for a damaged CMS structure, with the part it was found in when known. */
export function cmsDamage(damage: CmsDamage, mimePath?: string): CmsDamage & { mimePath?: string } {
  return mimePath === undefined ? { ...damage } : { ...damage, mimePath };
}

/** The issue params for a damaged MIME structure, with the part it was found in when known. */
export function mimeDamage(damage: MimeDamage, mimePath?: string): MimeDamage & { mimePath?: string } {
  return mimePath === undefined ? { ...damage } : { ...damage, mimePath };
}

/** What an unsupported algorithm was for: the message's digest or signature, the signer's key, or a CA's signature on a certificate. */
export type AlgorithmRole = "digest" | "signature" | "key" | "certificate signature" | "encryption";

/** The reason and value of an unsupported scheme or key, without the rest; no value key when it has none. */
export function unsupportedOf(u: Unsupported): Unsupported {
  return u.value === undefined ? { why: u.why } : { why: u.why, value: u.value };
}

/** The issue params for an algorithm Signet cannot check: its role, its name (or OID), and why. */
export function unsupportedAlgorithm(role: AlgorithmRole, algorithm: string, unsupported: Unsupported): ParamsOf<"unsupported-algorithm"> {
  return { role, algorithm, ...unsupportedOf(unsupported) };
}
