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
    return {
      identity: "mismatch",
      issues: [{ code: "sender-mismatch", severity: "error", params: { addresses: unmatched, certificateEmails: emails }, certificate: 0 }],
    };
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
