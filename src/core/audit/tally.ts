/**
 * What an administrator wants from an archive, added up one report at a time so
 * that an archive of any size is summarised in memory proportional to its signers,
 * not its messages: counts by verdict and by issue code, and each signer's
 * certificate with its expiry and the algorithms it signs with.
 */
import type { EncryptionStatus, Issue, SecurityReport, Severity, SignatureStatus, SignerReport, Verdict } from "../report/types.js";

/** One signing certificate as the archive shows it. */
export interface AuditSigner {
  fingerprintSha256: string;
  subject: string;
  issuer: string;
  emails: string[];
  notAfter: string;
  /** "RSA 2048", "EC P-256", "Ed25519". */
  key: string;
  /** Digest algorithms its signatures used, e.g. ["SHA-256"]. */
  digestAlgorithms: string[];
  signatureAlgorithms: string[];
  /** Messages it signed (a message it signed twice counts once). */
  messages: number;
  /** Messages where its signature was valid and its path reached a trusted anchor. */
  verifiedMessages: number;
  /** The latest signingTime it claimed, when any did. */
  lastSigningTime: string | null;
  /** Issue codes the policy raised against this signer or its certificates (weak-digest, weak-key...), by messages. */
  issues: Record<string, number>;
}

export interface AuditIssueCount {
  code: string;
  severity: Severity;
  /** Messages with at least one such issue. */
  messages: number;
}

export interface AuditSummary {
  auditVersion: 1;
  /** The time certificates were judged at, and expiry measured from. */
  validationTime: string;
  messages: number;
  /** Messages over the size limit, skipped unread (inspectTooLarge's reports). */
  oversized: number;
  verdicts: Record<Verdict, number>;
  signature: Record<SignatureStatus, number>;
  encryption: Record<EncryptionStatus, number>;
  /** Most frequent first. */
  issues: AuditIssueCount[];
  /** Soonest expiry first. */
  signers: AuditSigner[];
}

const zero = <K extends string>(keys: readonly K[]): Record<K, number> => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

function keyText(signer: SignerReport): string {
  const c = signer.certificate!;
  if (c.namedCurve) return `${c.keyAlgorithm} ${c.namedCurve}`;
  return c.keyBits !== undefined ? `${c.keyAlgorithm} ${c.keyBits}` : c.keyAlgorithm;
}

const SEVERITY_RANK: Record<Severity, number> = { error: 2, warning: 1, info: 0 };

export class AuditTally {
  private count = 0;
  private oversizedCount = 0;
  private readonly verdicts = zero<Verdict>(["verified", "warning", "danger", "none"]);
  private readonly signature = zero<SignatureStatus>(["valid", "invalid", "refused", "unverifiable", "unsigned"]);
  private readonly encryption = zero<EncryptionStatus>(["none", "decrypted", "no-key", "failed", "not-inspected"]);
  private readonly issues = new Map<string, AuditIssueCount>();
  private readonly signers = new Map<string, AuditSigner>();

  constructor(private readonly validationTime: Date) {}

  add(report: SecurityReport): void {
    this.count++;
    if (report.issues.some((i) => i.code === "limit-exceeded" && i.params.limit === "maxMessageBytes")) this.oversizedCount++;
    this.verdicts[report.verdict]++;
    this.signature[report.signature]++;
    this.encryption[report.encryption]++;
    const seen = new Set<string>();
    for (const issue of report.issues) {
      if (seen.has(issue.code)) continue;
      seen.add(issue.code);
      const known = this.issues.get(issue.code);
      if (!known) this.issues.set(issue.code, { code: issue.code, severity: issue.severity, messages: 1 });
      else {
        known.messages++;
        if (SEVERITY_RANK[issue.severity] > SEVERITY_RANK[known.severity]) known.severity = issue.severity;
      }
    }
    const signedHere = new Set<string>();
    report.layers.forEach((layer, layerIndex) => {
      if (layer.kind !== "signed") return;
      layer.signers.forEach((signer, signerIndex) => {
        if (!signer.certificate) return;
        const fp = signer.certificate.fingerprintSha256;
        const entry = this.signerEntry(signer);
        if (!signedHere.has(fp)) {
          signedHere.add(fp);
          entry.messages++;
          if (signer.status === "valid" && signer.trust === "trusted") entry.verifiedMessages++;
        }
        if (!entry.digestAlgorithms.includes(signer.digestAlgorithm.name)) entry.digestAlgorithms.push(signer.digestAlgorithm.name);
        if (!entry.signatureAlgorithms.includes(signer.signatureAlgorithm.name)) entry.signatureAlgorithms.push(signer.signatureAlgorithm.name);
        if (signer.signingTime && (entry.lastSigningTime === null || signer.signingTime > entry.lastSigningTime)) entry.lastSigningTime = signer.signingTime;
        const own = new Set(report.issues.filter((i: Issue) => i.where.layer === layerIndex && i.where.signer === signerIndex).map((i) => i.code));
        for (const code of own) entry.issues[code] = (entry.issues[code] ?? 0) + 1;
      });
    });
  }

  private signerEntry(signer: SignerReport): AuditSigner {
    const c = signer.certificate!;
    let entry = this.signers.get(c.fingerprintSha256);
    if (!entry) {
      entry = {
        fingerprintSha256: c.fingerprintSha256,
        subject: c.subject,
        issuer: c.issuer,
        emails: [...c.emails],
        notAfter: c.notAfter,
        key: keyText(signer),
        digestAlgorithms: [],
        signatureAlgorithms: [],
        messages: 0,
        verifiedMessages: 0,
        lastSigningTime: null,
        issues: {},
      };
      this.signers.set(c.fingerprintSha256, entry);
    }
    return entry;
  }

  summary(): AuditSummary {
    return {
      auditVersion: 1,
      validationTime: this.validationTime.toISOString(),
      messages: this.count,
      oversized: this.oversizedCount,
      verdicts: { ...this.verdicts },
      signature: { ...this.signature },
      encryption: { ...this.encryption },
      issues: [...this.issues.values()].map((i) => ({ ...i })).sort((a, b) => b.messages - a.messages || a.code.localeCompare(b.code)),
      signers: [...this.signers.values()]
        .map((s) => ({ ...s, emails: [...s.emails], digestAlgorithms: [...s.digestAlgorithms], signatureAlgorithms: [...s.signatureAlgorithms], issues: { ...s.issues } }))
        .sort((a, b) => a.notAfter.localeCompare(b.notAfter) || a.fingerprintSha256.localeCompare(b.fingerprintSha256)),
    };
  }
}

/** The signers an administrator should look at, by reason (each list soonest expiry first). */
export interface AuditAttention {
  expired: AuditSigner[];
  expiringSoon: AuditSigner[];
  sha1: AuditSigner[];
  /** Signers the policy found weak (weak-key or weak-digest raised against them). */
  weak: AuditSigner[];
}

const DAY_MS = 24 * 60 * 60 * 1000;

export function auditAttention(summary: AuditSummary, expiringWithinDays: number): AuditAttention {
  const now = Date.parse(summary.validationTime);
  const soon = now + expiringWithinDays * DAY_MS;
  const ends = (s: AuditSigner): number => Date.parse(s.notAfter);
  return {
    expired: summary.signers.filter((s) => ends(s) < now),
    expiringSoon: summary.signers.filter((s) => ends(s) >= now && ends(s) <= soon),
    sha1: summary.signers.filter((s) => s.digestAlgorithms.includes("SHA-1") || s.signatureAlgorithms.some((a) => /sha-?1\b/i.test(a))),
    weak: summary.signers.filter((s) => "weak-key" in s.issues || "weak-digest" in s.issues),
  };
}
