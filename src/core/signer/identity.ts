/**
 * Who the reader is shown as the sender, against who signed.
 *
 * Sender binding (RFC 8550 section 3, RFC 8551 section 3.1): the address a
 * reader sees is the From field's, so only a certificate that covers every
 * From mailbox can make a message verified. A Sender field (RFC 5322 section
 * 3.6.2, "on behalf of") that the certificate covers while From is someone
 * else is named for what it is, and does not vouch for From. A Sender the
 * certificate does not cover, beside a From it does, is a warning: mailing
 * lists add one, and the reader's From is still the signer's.
 *
 * The header fields themselves (RFC 5322 section 3.6: exactly one From, at
 * most one Sender), look-alike addresses and display names are judged here
 * too, as is the signingTime / Date check that Thunderbird applies.
 */
import type { LocalIssue } from "../report/local-issue.js";
import { sameAddress, type Mailbox } from "../mime/address.js";
import type { SmimePolicy } from "../policy/profile.js";
import type { IdentityStatus } from "../report/types.js";
import type { CertificateView } from "../x509/certificate.js";
import { judgeDisplayName } from "./display-name.js";
import { lookalikeAddress } from "./lookalike-address.js";

export interface SenderHeaders {
  /** The mailboxes of each From header field, in the order of the fields. */
  fromFields: Mailbox[][];
  /** The mailboxes of each Sender header field. */
  senderFields: Mailbox[][];
  /** The Date field read as a time; null when it is absent or cannot be read. */
  date: Date | null;
  /** Whether the message has a Date field at all (RFC 5322 section 3.6 requires one). */
  hasDateField: boolean;
}

const addressesOf = (fields: readonly Mailbox[][]): string[] => fields.flat().map((m) => m.address);

/** A header field repeated: an error when the copies name different mailboxes (a client shows one of them), else a warning. */
function repeatedField(code: "multiple-from-fields" | "multiple-sender-fields", fields: readonly Mailbox[][]): LocalIssue[] {
  if (fields.length <= 1) return [];
  // Stryker disable next-line MethodExpression,StringLiteral: upper or lower, the case is folded; an address holds no comma, so no join runs two together
  const distinct = new Set(fields.map((f) => f.map((m) => m.address.toLowerCase()).join(",")));
  return [{ code, severity: distinct.size > 1 ? "error" : "warning", params: { count: fields.length, addresses: addressesOf(fields) } }];
}

/**
 * Findings about the sender fields of a signed message, once for the message
 * (whoever signed): repeated From or Sender fields, no From, look-alike addresses.
 */
export function senderFieldFindings(headers: SenderHeaders): LocalIssue[] {
  const issues = [...repeatedField("multiple-from-fields", headers.fromFields), ...repeatedField("multiple-sender-fields", headers.senderFields)];
  if (addressesOf(headers.fromFields).length === 0) issues.push({ code: "missing-from", severity: "warning", params: { fields: headers.fromFields.length } });
  for (const [field, fields] of [["from", headers.fromFields], ["sender", headers.senderFields]] as const) {
    for (const address of new Set(addressesOf(fields))) {
      const found = lookalikeAddress(address);
      if (found) issues.push({ code: "lookalike-address", severity: "warning", params: { field, address, ascii: found.ascii, reason: found.reason, scripts: found.scripts } });
    }
  }
  return issues;
}

export function bindSender(
  certificate: CertificateView | null,
  headers: SenderHeaders,
  policy: SmimePolicy,
): { identity: IdentityStatus; issues: LocalIssue[] } {
  if (!certificate || !policy.checkSenderBinding) return { identity: "unknown", issues: [] };
  const emails = certificate.emails;
  if (emails.length === 0) {
    return { identity: "unknown", issues: [{ code: "no-email-in-certificate", severity: "warning", params: {}, certificate: 0 }] };
  }
  const from = headers.fromFields.flat();
  // No From to bind to: senderFieldFindings says so once for the message.
  if (from.length === 0) return { identity: "unknown", issues: [] };
  const covered = (address: string): boolean => emails.some((e) => sameAddress(address, e));
  const sender = addressesOf(headers.senderFields);
  const unmatched = from.map((m) => m.address).filter((a) => !covered(a));
  if (unmatched.length > 0) {
    // The local part is compared exactly (RFC 5321 section 2.4), but a difference in letter
    // case alone is a client's spelling, not an impostor: CAs validate the mailbox, and
    // providers deliver both spellings to it. Still a mismatch, reported as a warning.
    const caseOnly = unmatched.every((addr) => emails.some((e) => addr.toLowerCase() === e.toLowerCase()));
    if (!caseOnly && sender.length > 0 && sender.every(covered)) {
      const params = { from: unmatched, sender, certificateEmails: emails };
      return { identity: "mismatch", issues: [{ code: "signed-on-behalf", severity: "error", params }] };
    }
    const params = { addresses: unmatched, certificateEmails: emails, ...(caseOnly ? { caseOnly: true as const } : {}) };
    return { identity: "mismatch", issues: [{ code: "sender-mismatch", severity: caseOnly ? "warning" : "error", params, certificate: 0 }] };
  }
  const issues: LocalIssue[] = [];
  const otherSenders = sender.filter((a) => !covered(a));
  if (otherSenders.length > 0) {
    issues.push({ code: "sender-mismatch", severity: "warning", params: { field: "sender", addresses: otherSenders, certificateEmails: emails }, certificate: 0 });
  }
  // About the header, not the certificate: these findings are the signer's, not pinned to a certificate of its chain.
  let identity: IdentityStatus = "match";
  for (const mailbox of from) {
    const found = judgeDisplayName(mailbox.displayName, mailbox.address, certificate);
    if (!found) continue;
    // Stryker disable next-line StringLiteral: judgeDisplayName finds nothing without a display name, so the fallback is not reached
    const params = { displayName: mailbox.displayName ?? "", address: mailbox.address, certificateNames: certificate.personalNames };
    if (found.kind === "spoof") {
      identity = "mismatch";
      issues.push({ code: "display-name-spoof", severity: "error", params: { ...params, shownAddress: found.shownAddress } });
    } else {
      issues.push({ code: "display-name-unverified", severity: "warning", params });
    }
  }
  return { identity, issues };
}

export function checkSigningTime(signingTime: string | null, headers: SenderHeaders, policy: SmimePolicy): LocalIssue[] {
  if (signingTime === null) return [];
  // Nothing to compare with: a fact worth knowing, not a sign of re-sending (no-date, info).
  if (headers.date === null) return [{ code: "no-date", severity: "info", params: { signingTime, dateField: headers.hasDateField ? "unreadable" : "absent" } }];
  const gapMs = Math.abs(Date.parse(signingTime) - headers.date.getTime());
  if (gapMs <= policy.maxDateSkewMs) return [];
  return [
    {
      code: "date-mismatch",
      severity: "warning",
      params: { signingTime, date: headers.date.toISOString(), minutesApart: Math.round(gapMs / 60000) },
    },
  ];
}
