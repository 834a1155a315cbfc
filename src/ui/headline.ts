/**
 * The one-line answer the banner shows and the report view opens with: the
 * verdict in words, who signed, and the most important problem. Pure: the
 * same report always gives the same headline.
 */
import type { Issue, SecurityReport, SignerReport } from "../core/index.js";
import type { Catalogue } from "./messages/catalogue.js";

/** What a host knows of a message at a moment: its report so far, or why there is none. */
export interface MessageState {
  report: SecurityReport | null;
  /** Network answers (revocation, AIA) are still coming. */
  pending: boolean;
  error?: string;
}

export type Tone = SecurityReport["verdict"] | "checking";

export interface Headline {
  tone: Tone;
  /** The verdict in one word, shown beside its icon (colour is never the only signal). */
  label: string;
  title: string;
  detail: string;
}

const SEVERITY_ORDER: Record<Issue["severity"], number> = { error: 0, warning: 1, info: 2 };

/** Errors first, then warnings, then notes; stable within a severity. */
export function rankIssues(issues: readonly Issue[]): Issue[] {
  return issues.map((issue, i) => ({ issue, i })).sort((a, b) => SEVERITY_ORDER[a.issue.severity] - SEVERITY_ORDER[b.issue.severity] || a.i - b.i).map((x) => x.issue);
}

export function commonName(dn: string): string {
  return /(?:^|,\s*)CN=([^,]+)/.exec(dn)?.[1]?.trim() ?? dn;
}

/** Whether the report is of an S/MIME file given on its own (the core's cms-object finding), not of a message. */
export function isCmsFile(report: SecurityReport): boolean {
  return report.issues.some((i) => i.code === "cms-object");
}

export function firstSigner(report: SecurityReport): SignerReport | null {
  for (const layer of report.layers) if (layer.kind === "signed") for (const s of layer.signers) return s;
  return null;
}

/** The signer an issue is about (its `where`), with its place among its layer's signers. */
function signerAt(report: SecurityReport, issue: Issue): { signer: SignerReport; index: number; count: number } | null {
  const { layer, signer } = issue.where;
  const l = layer === undefined ? undefined : report.layers[layer];
  if (l?.kind !== "signed" || signer === undefined || !l.signers[signer]) return null;
  return { signer: l.signers[signer], index: signer, count: l.signers.length };
}

/**
 * "Alice Example <alice@example.org>", from the certificate: its address that the From line
 * names, else its first; the From address when there is no certificate.
 */
export function signerName(signer: SignerReport, report: SecurityReport): string {
  const c = signer.certificate;
  if (!c) return report.message.from[0] ?? "?";
  const name = commonName(c.subject);
  const from = report.message.from.map((a) => a.toLowerCase());
  const email = c.emails.find((e) => from.includes(e.toLowerCase())) ?? c.emails[0];
  return email && name !== email ? `${name} <${email}>` : (email ?? name);
}

/** A From mailbox as a mail client shows it, with the address it hides: "The Manager <eve@example.org>". */
export function shownMailbox(m: SecurityReport["message"]["fromMailboxes"][number]): string {
  return m.displayName ? `"${m.displayName}" <${m.address}>` : m.address;
}

export const ICONS: Record<Tone, string> = { verified: "✔", warning: "⚠", danger: "✖", none: "○", checking: "…" };

export function headline(report: SecurityReport, pending: boolean, cat: Catalogue): Headline {
  const ui = cat.ui;
  const signer = firstSigner(report);
  const who = signer ? ui.signedBy(signerName(signer, report)) : null;
  // While revocation and AIA answers are still coming, a green verdict is not yet earned; a red one cannot improve.
  const tone: Tone = pending && report.verdict !== "danger" ? "checking" : report.verdict;
  const top = rankIssues(report.issues).find((i) => i.severity !== "info");
  if (report.verdict === "none") return { tone, label: ui.verdict[tone], title: ui.notProtected, detail: ui.notProtectedAdvice };
  if (report.verdict === "verified" || !top) {
    const parts = [ui.trustText[report.trust], pending ? ui.checking : ui.revocationShort[report.revocation]];
    if (report.encryption !== "none") parts.push(ui.encryptionText[report.encryption]);
    return { tone, label: ui.verdict[tone], title: who ?? ui.encryptionText[report.encryption], detail: parts.filter(Boolean).join(", ") };
  }
  const problem = cat.issue(top).title;
  // Name the signer the problem is about: with two signers, "Signed by" the valid one under
  // "the content was changed" would blame the wrong person.
  const about = signerAt(report, top);
  const whose = about ? (about.count > 1 ? ui.signerOf(signerName(about.signer, report), about.index, about.count) : ui.signedBy(signerName(about.signer, report))) : who;
  return { tone, label: ui.verdict[tone], title: problem, detail: [whose, pending ? ui.checking : null].filter(Boolean).join(". ") };
}

/** The headline of any state: before the report (reading), without one (an error), or of the report. */
export function stateHeadline({ report, pending, error }: MessageState, cat: Catalogue): Headline {
  const ui = cat.ui;
  if (error !== undefined) return { tone: "warning", label: ui.verdict.warning, title: ui.error(error), detail: "" };
  if (!report) return { tone: "checking", label: ui.verdict.checking, title: ui.loading, detail: "" };
  return headline(report, pending, cat);
}
