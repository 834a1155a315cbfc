/** `signet audit`'s text summary: counts first, then the signers that need someone's attention, then every signer. */
import { auditAttention, type AuditSigner, type AuditSummary } from "../core/index.js";
import { formatCount as count, formatDuration } from "./progress.js";
const share = (n: number, of: number): string => (of === 0 ? "" : `${((100 * n) / of).toFixed(1).padStart(5)}%`);

/** Rows as aligned columns: text to the left, counts (`numeric` columns) to the right. */
function table(rows: readonly (readonly string[])[], numeric: readonly number[]): string[] {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => r[i]!.length))) ?? [];
  return rows.map((r) => "  " + r.map((cell, i) => (numeric.includes(i) ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join("  ").trimEnd());
}

const VERDICT_WORDS: Record<string, string> = {
  verified: "verified (signed, intact, trusted)",
  warning: "warning (look before trusting)",
  danger: "danger (something provably wrong, or unreadable)",
  none: "not protected (neither signed nor encrypted)",
};

/** The signer as a person knows them: the first email, else the subject, cut to keep the columns readable. */
function who(s: AuditSigner): string {
  const name = s.emails[0] ?? s.subject;
  return name.length > 60 ? name.slice(0, 59) + "…" : name;
}

const plural = (n: number, one: string): string => `${count(n)} ${one}${n === 1 ? "" : "s"}`;

/** Signers listed in full in the text; --json lists every one. */
const LISTED_SIGNERS = 50;

function signerRows(list: readonly AuditSigner[]): string[] {
  return table(list.map((s) => [who(s), `${s.key}, ${s.digestAlgorithms.join("/") || "?"}`, `until ${s.notAfter.slice(0, 10)}`, plural(s.messages, "message")]), [3]);
}

export interface AuditRun {
  files: readonly string[];
  bytes: number;
  seconds: number;
  unreadable: readonly { file: string; reason: string }[];
  expiringWithinDays: number;
  revocation: "off" | "soft" | "hard";
}

export function renderAudit(summary: AuditSummary, run: AuditRun): string {
  const n = summary.messages;
  const lines: string[] = [];
  const rate = run.seconds > 0 ? `, ${count(Math.round(n / run.seconds))} messages/s` : "";
  lines.push(`signet audit: ${count(n)} message${n === 1 ? "" : "s"} in ${run.files.length} input${run.files.length === 1 ? "" : "s"} (${(run.bytes / 1048576).toFixed(1)} MiB) in ${formatDuration(run.seconds)}${rate}`);
  lines.push(`certificates judged at ${summary.validationTime}; ${run.revocation === "off" ? "revocation not checked (--revocation soft asks the CAs)" : `revocation checked (${run.revocation})`}`);
  for (const u of run.unreadable) lines.push(`could not read ${u.file}: ${u.reason}`);
  lines.push("", "Verdicts");
  lines.push(...table(Object.entries(summary.verdicts).map(([v, c]) => [VERDICT_WORDS[v] ?? v, count(c), share(c, n)]), [1, 2]));
  const signed = n - summary.signature.unsigned;
  lines.push("", `Signatures: ${count(signed)} signed message${signed === 1 ? "" : "s"}`);
  lines.push(...table(Object.entries(summary.signature).filter(([s, c]) => c > 0 && s !== "unsigned").map(([s, c]) => [s, count(c), share(c, signed)]), [1, 2]));
  lines.push("", "Encryption");
  lines.push(...table(Object.entries(summary.encryption).filter(([, c]) => c > 0).map(([s, c]) => [s, count(c), share(c, n)]), [1, 2]));
  if (summary.oversized > 0) lines.push("", `${count(summary.oversized)} message${summary.oversized === 1 ? " was" : "s were"} over the size limit and skipped unread (limit-exceeded).`);
  if (summary.issues.length > 0) {
    lines.push("", "Issues (messages with each; signet inspect explains each one)");
    lines.push(...table(summary.issues.map((i) => [i.code, i.severity, count(i.messages)]), [2]));
  }
  const attention = auditAttention(summary, run.expiringWithinDays);
  const section = (title: string, list: readonly AuditSigner[]): void => {
    if (list.length === 0) return;
    lines.push("", `${title} (${list.length})`);
    lines.push(...signerRows(list));
  };
  lines.push("", `Signers: ${count(summary.signers.length)} certificate${summary.signers.length === 1 ? "" : "s"}`);
  section("Expired certificates", attention.expired);
  section(`Certificates expiring within ${run.expiringWithinDays} days`, attention.expiringSoon);
  section("Signing with SHA-1", attention.sha1);
  section("Keys or digests the policy finds weak (weak-key, weak-digest)", attention.weak);
  const byAlgorithm = new Map<string, { signers: number; messages: number }>();
  for (const s of summary.signers) {
    const key = `${s.key} with ${s.digestAlgorithms.join("/") || "?"}`;
    const a = byAlgorithm.get(key) ?? { signers: 0, messages: 0 };
    a.signers++;
    a.messages += s.messages;
    byAlgorithm.set(key, a);
  }
  if (byAlgorithm.size > 0) {
    lines.push("", "By key and digest algorithm");
    lines.push(...table([...byAlgorithm].sort((a, b) => b[1].messages - a[1].messages).map(([k, a]) => [k, plural(a.signers, "signer"), plural(a.messages, "message")]), [1, 2]));
  }
  if (summary.signers.length > 0) {
    lines.push("", "Every signer, soonest expiry first");
    lines.push(...signerRows(summary.signers.slice(0, LISTED_SIGNERS)));
    if (summary.signers.length > LISTED_SIGNERS) lines.push(`  … and ${count(summary.signers.length - LISTED_SIGNERS)} more (--json lists every one)`);
  }
  return lines.join("\n");
}
