/**
 * The one-word answer the UI leads with, derived from the four statuses and the
 * issues. One function, so every front end agrees.
 */
import type {
  EncryptionStatus,
  Issue,
  Layer,
  RevocationStatus,
  SignatureStatus,
  SignerReport,
  SignerStatus,
  TrustStatus,
  Verdict,
} from "./types.js";

export function allSigners(layers: readonly Layer[]): SignerReport[] {
  return layers.flatMap((l) => (l.kind === "signed" ? l.signers : []));
}

/**
 * `valid` only when there is at least one signed layer and every signer of every
 * signed layer is valid; `invalid` as soon as one signer is invalid (a forged
 * signature next to a good one must not look good); otherwise `unverifiable`.
 */
export function signatureStatus(layers: readonly Layer[], hiddenContent: boolean): SignatureStatus {
  const signed = layers.filter((l) => l.kind === "signed");
  if (signed.length === 0) return hiddenContent ? "unverifiable" : "unsigned";
  const statuses: SignerStatus[] = allSigners(layers).map((s) => s.status);
  if (statuses.includes("invalid")) return "invalid";
  // A refused signature is intact but not acceptable: as serious as a broken one, and told apart from it.
  if (statuses.includes("refused")) return "refused";
  if (statuses.length === 0 || statuses.includes("unverifiable")) return "unverifiable";
  // A signed layer without any signer (no-signers) proves nothing, and one whose
  // signers were not all verified (a limit stopped us) proves too little.
  if (signed.some((l) => l.kind === "signed" && (l.signers.length === 0 || l.signers.length < l.signerInfoCount))) return "unverifiable";
  return "valid";
}

/** The weakest answer over all signers: one untrusted signer makes the message untrusted. */
export function combineTrust(signers: readonly SignerReport[]): TrustStatus {
  if (signers.length === 0) return "not-applicable";
  const order: TrustStatus[] = ["invalid", "untrusted", "unknown", "trusted"];
  for (const t of order) if (signers.some((s) => s.trust === t)) return t;
  return "unknown";
}

export function combineRevocation(signers: readonly SignerReport[]): RevocationStatus {
  if (signers.length === 0) return "not-applicable";
  const order: RevocationStatus[] = ["revoked", "unknown", "not-checked", "good"];
  for (const r of order) if (signers.some((s) => s.revocation === r)) return r;
  return "not-checked";
}

export interface VerdictInputs {
  signature: SignatureStatus;
  trust: TrustStatus;
  revocation: RevocationStatus;
  encryption: EncryptionStatus;
  issues: readonly Issue[];
}

/**
 * - `danger`: something is provably wrong: a bad signature, a revoked or invalid
 *   certificate, or any error-severity issue (sender mismatch, malformed CMS...).
 * - `verified`: a valid signature from a trusted, not revoked certificate with no warnings.
 * - `none`: nothing to say: unsigned, unencrypted, no errors.
 * - `warning`: everything else, including a valid signature whose trust is not yet known.
 */
export function computeVerdict(v: VerdictInputs): Verdict {
  const errors = v.issues.some((i) => i.severity === "error");
  if (v.signature === "invalid" || v.signature === "refused" || v.trust === "invalid" || v.revocation === "revoked" || errors) return "danger";
  const warnings = v.issues.some((i) => i.severity === "warning");
  if (v.signature === "unsigned") {
    if (v.encryption === "none" && !warnings) return "none";
    return warnings || v.encryption !== "decrypted" ? "warning" : "none";
  }
  if (
    v.signature === "valid" &&
    v.trust === "trusted" &&
    (v.revocation === "good" || v.revocation === "not-checked") &&
    !warnings
  ) {
    return "verified";
  }
  return "warning";
}
