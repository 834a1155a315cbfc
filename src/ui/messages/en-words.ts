/**
 * English numbers in words a reader takes in at once: a count with its noun in the
 * right number, a span of time in the largest unit that keeps it readable, an age
 * that stays true when the computer's clock is behind. en.ts and ui-en.ts use them;
 * another language's catalogue brings its own.
 */
import type { FetchErrorKind, RevocationProblem, RevocationProblemCode, RevocationProblemSource, RevocationReason } from "../../core/index.js";
import { spanUnit } from "./params.js";

/** "1 recipient", "2 recipients". */
export function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** A span of minutes in words ("10 days" for 15292 minutes; the unit as params.ts's spanUnit chooses). */
export function span(minutes: number): string {
  const { n, unit } = spanUnit(minutes);
  return count(n, unit);
}

/** How long ago a day was: "today", "1 day ago", "12 days ago"; a day ahead of the clock is said to be so. */
export function daysAgo(days: number): string {
  if (days < 0) return "a date after this computer's clock";
  if (days === 0) return "today";
  return `${count(days, "day")} ago`;
}

/** Why a certificate was revoked (CRLReason, RFC 5280 section 5.3.1), as a reader says it. */
export const REVOCATION_REASON: Record<RevocationReason, string> = {
  unspecified: "none given",
  keyCompromise: "its private key was compromised",
  cACompromise: "the issuing CA was compromised",
  affiliationChanged: "its holder's affiliation changed",
  superseded: "a newer certificate replaced it",
  cessationOfOperation: "it is no longer used",
  certificateHold: "it is on hold",
  // Only a delta CRL should carry it (RFC 5280 section 5.3.1): it lifts an earlier hold.
  removeFromCRL: "a hold was lifted",
  privilegeWithdrawn: "its privileges were withdrawn",
  aACompromise: "the attribute authority was compromised",
};

/** Where a revocation problem was met, as the views name the source. */
const PROBLEM_SOURCE: Record<RevocationProblemSource, string> = {
  ocsp: "OCSP",
  "cached-ocsp": "OCSP answer saved earlier",
  crl: "CRL",
  "embedded-ocsp": "OCSP answer in the message",
  "embedded-crl": "CRL in the message",
  "supplied-crl": "CRL you supplied",
};

/** How a request failed, as the host's Fetcher reported it. */
const FETCH_ERROR: Record<FetchErrorKind, string> = {
  timeout: "no answer in time",
  "too-large": "the answer was too large",
  network: "the network failed",
  refused: "the address is not one Signet fetches (a private network)",
  "http-status": "the server answered with an error",
};

/** Why a revocation source gave no answer (report codes, REVOCATION_PROBLEM_CODES), in a line. */
const PROBLEM: Record<RevocationProblemCode, (p: RevocationProblem) => string> = {
  "nothing-published": () => "the certificate names no OCSP responder or CRL, and the message carries no answer for it",
  "malformed-distribution-points": () => "the certificate's CRL distribution points cannot be read",
  "deadline-reached": () => "not tried: the time allowed for revocation checks had run out",
  "unsupported-scheme": (p) => `addresses of this kind (${p.scheme ?? "?"}:) are not fetched`,
  "fetch-failed": (p) =>
    `${p.method ? `${p.method} ` : ""}request failed: ${p.error ? FETCH_ERROR[p.error] : "unknown error"}${p.status ? ` (HTTP ${p.status})` : ""}${p.detail ? `: ${p.detail}` : ""}`,
  "ocsp-unreadable": (p) => `the answer is not a readable OCSP response${p.detail ? ` (${p.detail})` : ""}`,
  "ocsp-nonce-mismatch": () => "the answer repeats another request's nonce, as a replayed answer would",
  "ocsp-not-successful": (p) => `the responder answered "${p.responseStatus ?? "?"}" instead of a status`,
  "ocsp-other-certificate": () => "the answer is about another certificate",
  "ocsp-other-issuer": () => "the answer names this serial number under another issuer",
  "ocsp-certid-hash-unsupported": () => "the answer names the issuer with a hash Signet does not compute",
  "ocsp-responder-not-issued-by-ca": () => "the responder's certificate was not issued by the certificate's CA",
  "ocsp-responder-lacks-eku": () => "the responder's certificate is not one for signing OCSP answers",
  "ocsp-responder-not-valid": () => "the responder's certificate was not valid at the time checked",
  "ocsp-responder-refused": (p) =>
    p.certificateIssue === "weak-digest"
      ? `the responder's certificate was signed by the CA with ${p.algorithm ?? "?"}, which Signet refuses`
      : p.certificateIssue === "weak-key"
        ? `the responder's key is only ${p.bits ?? "?"} bits (at least ${p.minimum ?? "?"} expected), which Signet refuses`
        : p.certificateIssue === "unhandled-critical-extension"
          ? "the responder's certificate has a critical extension Signet does not understand"
          : p.certificateIssue === "name-constraints-violated"
            ? "the responder's certificate breaks its CA's limits on names"
            : `the responder's certificate breaks a rule for certificates (${p.certificateIssue ?? "?"})`,
  "ocsp-unauthorised-signer": () => "the answer is signed by neither the CA nor a responder it authorised",
  "ocsp-from-future": () => "the answer is dated after the time checked",
  "ocsp-stale": () => "the answer is out of date",
  "ocsp-unknown-certificate": () => "the responder does not know this certificate",
  "crl-unreadable": (p) => `the file is not a readable CRL${p.detail ? ` (${p.detail})` : ""}`,
  "crl-unknown-critical-extensions": (p) => `the CRL has critical extensions Signet does not know (${(p.extensions ?? []).join(", ")})`,
  "crl-no-number": () => "the CRL has no CRL number",
  "crl-number-critical": () => "the CRL's number is marked critical",
  "crl-malformed-issuing-distribution-point": () => "the CRL's issuing distribution point cannot be read",
  "crl-stale": () => "the CRL is out of date",
  "crl-from-future": () => "the CRL is dated after the time checked",
  "crl-no-valid-signer": () => "no valid signer was found for the CRL",
  "signature-refused": (p) =>
    p.algorithm
      ? `it is signed with ${p.algorithm}, which Signet refuses: such signatures can be forged`
      : `it is signed with a key of only ${p.bits ?? "?"} bits (at least ${p.minimum ?? "?"} expected), which Signet refuses`,
  "crl-not-covering": () => "no CRL at hand covers this certificate",
  "crl-reasons-incomplete": () => "the CRLs at hand do not cover every reason for revocation",
};

/** "OCSP http://ocsp.example/: the responder does not know this certificate". */
export function revocationProblem(p: RevocationProblem): string {
  const where = p.source ? `${PROBLEM_SOURCE[p.source]}${p.url ? ` ${p.url}` : ""}: ` : "";
  return where + PROBLEM[p.code](p);
}
