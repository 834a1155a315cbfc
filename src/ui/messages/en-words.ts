/**
 * English numbers in words a reader takes in at once: a count with its noun in the
 * right number, a span of time in the largest unit that keeps it readable, an age
 * that stays true when the computer's clock is behind. en.ts and ui-en.ts use them;
 * another language's catalogue brings its own.
 */
import type { RevocationReason } from "../../core/index.js";
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
