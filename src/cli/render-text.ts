/** The terminal view of a SecurityReport: verdict first, then layers, signers and issues. */
import type { EnvelopedLayer, Issue, Layer, RecipientSummary, SecurityReport, SignerReport } from "../core/index.js";
import { isCmsFile } from "../ui/headline.js";
import { describeIssue } from "../ui/messages/en.js";
import { count } from "../ui/messages/en-words.js";

const VERDICT_LINE: Record<SecurityReport["verdict"], string> = {
  verified: "VERIFIED",
  warning: "WARNING",
  danger: "DANGER",
  none: "NOT PROTECTED",
};

const SIGNATURE_TEXT: Record<SecurityReport["signature"], string> = {
  valid: "signature valid",
  invalid: "signature INVALID",
  refused: "signature intact but REFUSED (weak algorithm or key)",
  unsigned: "not signed",
  unverifiable: "signature could not be verified",
};

const TRUST_TEXT: Record<SecurityReport["trust"], string> = {
  trusted: "signer trusted",
  untrusted: "signer NOT trusted",
  invalid: "certificate chain INVALID",
  unknown: "trust not checked",
  "not-applicable": "",
};

const cn = (dn: string): string => /CN=([^,]+)/.exec(dn)?.[1] ?? dn;

const REVOCATION_TEXT: Record<SecurityReport["revocation"], string> = {
  good: "not revoked",
  revoked: "certificate REVOKED",
  unknown: "revocation status unknown",
  "not-checked": "",
  "not-applicable": "",
};

const ENCRYPTION_TEXT: Record<SecurityReport["encryption"], string> = {
  none: "not encrypted",
  decrypted: "encrypted, decrypted",
  "no-key": "encrypted, no key to decrypt",
  failed: "encrypted, decryption FAILED",
  "not-inspected": "encrypted with OpenPGP, not inspected",
};

function where(issue: Issue, r: SecurityReport): string {
  const { layer, signer, certificate } = issue.where;
  const parts: string[] = [];
  if (layer !== undefined) parts.push(`layer ${layer}`);
  if (signer !== undefined) parts.push(`signer ${signer}`);
  if (certificate !== undefined) {
    // Name the certificate: "cert 1" alone means nothing to a reader.
    const l = layer === undefined ? undefined : r.layers[layer];
    const subject = l?.kind === "signed" && signer !== undefined ? l.signers[signer]?.chain[certificate]?.subject : undefined;
    parts.push(subject ? `cert ${certificate}: ${cn(subject)}` : `cert ${certificate}`);
  }
  return parts.length ? ` [${parts.join(", ")}]` : "";
}

function renderSigner(s: SignerReport): string[] {
  const c = s.certificate;
  const who = c ? `${c.subject}${c.emails.length ? ` <${c.emails.join(", ")}>` : ""}` : "(certificate not in message)";
  const lines = [`    signer ${s.index}: ${s.status.toUpperCase()}  ${who}`];
  lines.push(`      identity: ${s.identity}   signed: ${s.signingTime ?? "no signing time"}`);
  const key = c ? `${c.keyAlgorithm}${c.keyBits ? ` ${c.keyBits}` : ""}${c.namedCurve ? ` ${c.namedCurve}` : ""}` : "?";
  lines.push(`      algorithms: ${s.signatureAlgorithm.name}, digest ${s.digestAlgorithm.name}, key ${key}`);
  if (c) lines.push(`      certificate: serial ${c.serialNumber}, issuer ${c.issuer}, valid ${c.notBefore.slice(0, 10)} to ${c.notAfter.slice(0, 10)}`);
  if (s.chain.length > 1 || s.trust !== "unknown") {
    const anchor = s.anchorSource ? ` (trusted: ${s.anchorSource === "option" ? "--anchor" : s.anchorSource})` : "";
    lines.push(`      chain: ${s.chain.map((c) => cn(c.subject)).join(" <- ")}${anchor}   trust: ${s.trust}`);
  }
  for (const e of s.revocationEvidence ?? []) {
    const who = cn(s.chain[e.certificate]?.subject ?? `#${e.certificate}`);
    const how = e.source ? ` by ${e.source}${e.fromCache ? " (cached)" : ""}${e.url ? ` ${e.url}` : ""}` : "";
    const when = e.thisUpdate ? `, as of ${e.thisUpdate.slice(0, 16)}Z${e.nextUpdate ? `, next ${e.nextUpdate.slice(0, 16)}Z` : ""}` : "";
    const revoked = e.status === "revoked" ? ` on ${e.revocationDate?.slice(0, 10) ?? "?"} (${e.reason ?? "no reason given"})` : "";
    lines.push(`      revocation: ${who}: ${e.status}${revoked}${how}${when}`);
  }
  for (const a of s.pathAttempts ?? []) {
    lines.push(`      also tried: ${a.subjects.map(cn).join(" <- ")}: ${a.problems.map((p) => `${p.code} at ${cn(a.subjects[p.certificate] ?? "?")}`).join(", ") || "no anchor"}`);
  }
  if (s.smimeCapabilities?.length) lines.push(`      capabilities: ${s.smimeCapabilities.map((a) => a.name).join(", ")}`);
  return lines;
}

const INTEGRITY_TEXT: Record<NonNullable<EnvelopedLayer["integrity"]>, string> = {
  authenticated: "protected by the cipher (authenticated encryption)",
  "signed-inside": "protected by the signature inside",
  none: "NOT protected: the content could have been changed unseen",
};

function recipientName(r: RecipientSummary): string {
  return r.serialNumber ? `${r.issuer}, serial ${r.serialNumber}` : `key identifier ${r.subjectKeyIdentifier ?? "?"}`;
}

/**
 * A MIME path as words: "1.2" is a part of the message; "L0:" the content of layer 0, "L0:2" a part
 * of it, "L0m:" the message wrapped inside it (walk.ts names them so).
 */
function partName(path: string): string {
  const m = /^L(\d+)(m?):(.*)$/.exec(path);
  if (!m) return `part ${path}`;
  const inside = m[2] ? `the message wrapped in layer ${m[1]}` : `the content of layer ${m[1]}`;
  return m[3] ? `part ${m[3]} of ${inside}` : inside;
}

/** What the input is called: a message, or an S/MIME file given on its own (cms-object). */
function renderLayer(l: Layer, whole: "message" | "file"): string[] {
  const at = l.mimePath === "" ? whole : partName(l.mimePath);
  const head = `  [${l.index}] ${l.kind} (${l.contentType}, ${at}), covers ${l.coverage === "whole" ? `the whole ${whole}` : `PART of the ${whole}`}`;
  if (l.kind === "signed") return [head, ...l.signers.flatMap(renderSigner)];
  if (l.kind === "enveloped") {
    const alg = l.contentEncryptionAlgorithm?.name ?? "unknown algorithm";
    // RC2's name does not say its strength; its effective key bits do (40 for the old export default).
    const bits = l.contentKeyBits !== undefined && !/\d{3}/.test(alg) ? ` (${l.contentKeyBits}-bit key)` : "";
    const lines = [head, `      ${alg}${bits}${l.authenticated ? " (authenticated)" : ""}, ${count(l.recipients.length, "recipient")}`];
    const mine = l.recipients.findIndex((r) => r.openedWith);
    if (l.openedOnRequest) lines.push("      opened because you asked (--open-part): a separate piece beside the message's own text, perhaps someone else's");
    if (l.decryptedBy) lines.push(`      decrypted by ${l.decryptedBy === "host" ? "the mail program" : "Signet"}${mine >= 0 ? ` with your key for recipient ${mine + 1} (${recipientName(l.recipients[mine]!)})` : ""}`);
    if (l.integrity) lines.push(`      integrity: ${INTEGRITY_TEXT[l.integrity]}`);
    // The text itself is the reader's, not a log's: its size is said, and --json carries it.
    const b = l.decryptedBody;
    if (b) lines.push(`      decrypted body: ${b.kind === "text" ? "text" : "HTML"}, ${count(b.body.length, "character")}${b.truncated ? " (cut short)" : ""} in part ${b.mimePath} (--json shows it)`);
    return lines;
  }
  return [head, `      ${l.algorithm?.name ?? "unknown"}: ${l.compressedBytes} -> ${l.decompressedBytes ?? "?"} bytes`];
}

export function renderText(name: string, r: SecurityReport): string {
  const m = r.message;
  // Bytes that are not mail were not inspected: no word about signing or encryption would be true.
  const statuses = r.issues.some((i) => i.code === "not-a-message")
    ? ["not a mail message, nothing checked"]
    : [SIGNATURE_TEXT[r.signature], TRUST_TEXT[r.trust], REVOCATION_TEXT[r.revocation], ENCRYPTION_TEXT[r.encryption]].filter(Boolean);
  const file = isCmsFile(r);
  const lines = [`${name}`, `  ${VERDICT_LINE[r.verdict]}: ${statuses.join("; ")}`];
  // An S/MIME file on its own has no header fields to show.
  if (!file) lines.push(`  from: ${m.from.join(", ") || "(none)"}   subject: ${m.subject ?? "(none)"}`);
  if (r.layers.length) lines.push("  layers:", ...r.layers.flatMap((l) => renderLayer(l, file ? "file" : "message")));
  if (r.issues.length) {
    lines.push("  issues:");
    for (const issue of r.issues) {
      const t = describeIssue(issue);
      lines.push(`    ${issue.severity.padEnd(7)} ${issue.code}${where(issue, r)}: ${t.title}`, `            ${t.advice}`);
      if (issue.params.untrustedPath === true) lines.push("            (found on a chain that reaches no trusted root)");
      for (const d of t.details ?? []) lines.push(`            - ${d}`);
    }
  }
  return lines.join("\n");
}
