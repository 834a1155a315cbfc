/**
 * Sender binding (RFC 8550 section 3, RFC 8551 section 3.1): the From address,
 * and Sender when present, must each be an email of the signer's certificate.
 * Also the signingTime / Date check that Thunderbird applies.
 */
import type { LocalIssue } from "../cms/signed-data.js";
import { sameAddress } from "../mime/address.js";
import type { SmimePolicy } from "../policy/profile.js";
import type { IdentityStatus } from "../report/types.js";
import type { CertificateView } from "../x509/certificate.js";

export interface SenderHeaders {
  from: string[];
  sender: string[];
  date: Date | null;
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
  const claimed = [...headers.from, ...headers.sender];
  if (claimed.length === 0) {
    return {
      identity: "unknown",
      issues: [{ code: "sender-mismatch", severity: "warning", params: { reason: "no From address", certificateEmails: emails }, certificate: 0 }],
    };
  }
  const unmatched = claimed.filter((addr) => !emails.some((e) => sameAddress(addr, e)));
  if (unmatched.length > 0) {
    // The local part is compared exactly (RFC 5321 section 2.4), but a difference in letter
    // case alone is a client's spelling, not an impostor: CAs validate the mailbox, and
    // providers deliver both spellings to it. Still a mismatch, reported as a warning.
    const caseOnly = unmatched.every((addr) => emails.some((e) => addr.toLowerCase() === e.toLowerCase()));
    const params = { addresses: unmatched, certificateEmails: emails, ...(caseOnly ? { caseOnly: true } : {}) };
    return { identity: "mismatch", issues: [{ code: "sender-mismatch", severity: caseOnly ? "warning" : "error", params, certificate: 0 }] };
  }
  return { identity: "match", issues: [] };
}

export function checkSigningTime(signingTime: string | null, headers: SenderHeaders, policy: SmimePolicy): LocalIssue[] {
  if (signingTime === null) return [];
  if (headers.date === null) return [{ code: "date-mismatch", severity: "warning", params: { signingTime, reason: "no Date header" } }];
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
