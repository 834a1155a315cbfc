/**
 * The verification policy: one immutable object, built by a named profile.
 * Every field documents its default and where the rule comes from.
 * Path validation settings (EKU, name constraints, revocation) join this
 * object with the trust and revocation issues.
 */
import type { DigestName } from "../crypto/algorithms.js";
import { DEFAULT_LIMITS, type Limits } from "../limits.js";
import { DEFAULT_PATH_BUDGET, type PathBudget } from "../path/budget.js";
import { DEFAULT_POLICY_INPUTS, type PolicyInputs } from "./policy-tree.js";
import { EKU } from "../oids.js";

export interface SmimePolicy {
  readonly name: string;
  /** When certificates are judged. Default: the Clock port's now. */
  readonly validationTime: Date;
  /**
   * Digests never accepted. Default MD5 (RFC 8551 section 2.1 forbids it; collisions
   * are practical). SHA-1 is handled by `acceptSha1`.
   */
  readonly forbiddenDigests: ReadonlySet<DigestName>;
  /**
   * Accept SHA-1 signatures with a warning instead of rejecting them. Default false:
   * RFC 8551 section 2.1 says receivers SHOULD NOT accept SHA-1 and Thunderbird
   * rejects it unless a preference allows it (the same switch as its allow_sha1 test).
   */
  readonly acceptSha1: boolean;
  /**
   * RSA (and DSA) keys below this size get `weak-key` as a warning. Default 2048 bits
   * (RFC 8551 section 4.1: receivers SHOULD accept 2048 to 4096 bits; CA/B Forum S/MIME BR 6.1.5).
   */
  readonly minRsaBits: number;
  /** RSA (and DSA) keys below this size make the signature invalid. Default 1024 bits (RFC 8551 section 4.1 MUST NOT below). */
  readonly hardMinRsaBits: number;
  /** Check that From (and Sender) match an email of the signer's certificate (RFC 8550 section 3). Default true. */
  readonly checkSenderBinding: boolean;
  /**
   * Largest accepted gap between the signingTime attribute and the Date header before
   * `date-mismatch`. Default one hour, the tolerance Thunderbird applies.
   */
  readonly maxDateSkewMs: number;
  readonly limits: Limits;
  /** Limits of the certificate path search (path/budget.ts documents each default). */
  readonly pathBudget: PathBudget;
  /**
   * Revocation checking: `off`; `soft` (default: a status that cannot be learned is a
   * warning, as browsers and mail clients soft-fail); `hard` (it is an error).
   */
  readonly revocation: "off" | "soft" | "hard";
  /** Which certificates: the whole chain below the anchor (default), or the signer's only. */
  readonly revocationDepth: "chain" | "signer";
  /**
   * Time for all revocation fetches of one signer, in ms. Default 10,000: the report shows
   * the local answer at once; this bounds how long the network may add.
   */
  readonly revocationDeadlineMs: number;
  /**
   * Send a nonce with OCSP requests (RFC 8954). Default false: most responders pre-sign
   * answers and ignore nonces, and a nonce forces POST and defeats HTTP caches; freshness
   * is judged from thisUpdate/nextUpdate instead (RFC 6960 section 4.2.2.1).
   */
  readonly ocspNonce: boolean;
  /**
   * The initial policy inputs of RFC 5280 section 6.1.1 (c), (e), (f), (g).
   * Default: any policy, nothing required or inhibited (what mail clients use).
   */
  readonly policyInputs: PolicyInputs;
  /**
   * The extended key usage the signer's certificate (and any CA with an EKU) must allow.
   * Default emailProtection (RFC 8550 section 4.4.4); other profiles exist only for test corpora.
   */
  readonly requiredEku: string;
  /**
   * Judge each signer's certificates at its signingTime instead of `validationTime`.
   * Default false: the signing time is the signer's own claim (RFC 5652 section 11.3),
   * so a report made this way says so (`validated-at-signing-time`).
   */
  readonly validateAtSigningTime: boolean;
}

export interface SmimeProfileOptions {
  validationTime?: Date;
  acceptSha1?: boolean;
  checkSenderBinding?: boolean;
  limits?: Partial<Limits>;
  pathBudget?: Partial<PathBudget>;
  revocation?: "off" | "soft" | "hard";
  revocationDepth?: "chain" | "signer";
  revocationDeadlineMs?: number;
  ocspNonce?: boolean;
  policyInputs?: Partial<PolicyInputs>;
  requiredEku?: string;
  validateAtSigningTime?: boolean;
}

/** The default S/MIME receiving profile (RFC 8551 receiver rules, Thunderbird-compatible). */
export function smimeProfile(options: SmimeProfileOptions = {}, now: Date = new Date()): SmimePolicy {
  return Object.freeze({
    name: "smime",
    validationTime: options.validationTime ?? now,
    forbiddenDigests: new Set<DigestName>(["MD5"]),
    acceptSha1: options.acceptSha1 ?? false,
    minRsaBits: 2048,
    hardMinRsaBits: 1024,
    checkSenderBinding: options.checkSenderBinding ?? true,
    maxDateSkewMs: 60 * 60 * 1000,
    limits: Object.freeze({ ...DEFAULT_LIMITS, ...options.limits }),
    pathBudget: Object.freeze({ ...DEFAULT_PATH_BUDGET, ...options.pathBudget }),
    revocation: options.revocation ?? "soft",
    revocationDepth: options.revocationDepth ?? "chain",
    revocationDeadlineMs: options.revocationDeadlineMs ?? 10_000,
    ocspNonce: options.ocspNonce ?? false,
    policyInputs: Object.freeze({ ...DEFAULT_POLICY_INPUTS, ...options.policyInputs }),
    requiredEku: options.requiredEku ?? EKU.emailProtection,
    validateAtSigningTime: options.validateAtSigningTime ?? false,
  });
}
