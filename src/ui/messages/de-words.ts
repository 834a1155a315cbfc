/**
 * German numbers in words, as en-words.ts does for English: a count with its noun
 * in the right number (the plural given, German plurals being irregular), a span
 * of time in a readable unit, an age that stays true when the clock is behind.
 */
import type { RevocationReason } from "../../core/index.js";
import { spanUnit } from "./params.js";

/** "1 Empfänger", "2 Empfänger"; "1 Wurzel", "2 Wurzeln". */
export function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

const UNITS = { minute: ["Minute", "Minuten"], hour: ["Stunde", "Stunden"], day: ["Tag", "Tage"] } as const;

/** A span of minutes in words, in the unit params.ts's spanUnit chooses. */
export function span(minutes: number): string {
  const { n, unit } = spanUnit(minutes);
  const [one, many] = UNITS[unit];
  return count(n, one, many);
}

/** How long ago a day was: "heute", "vor 1 Tag", "vor 12 Tagen"; a day ahead of the clock is said to be so. */
export function daysAgo(days: number): string {
  if (days < 0) return "ein Datum nach der Uhr dieses Computers";
  if (days === 0) return "heute";
  return `vor ${count(days, "Tag", "Tagen")}`;
}

/** Why a certificate was revoked (CRLReason, RFC 5280 section 5.3.1), in German. */
export const REVOCATION_REASON: Record<RevocationReason, string> = {
  unspecified: "keiner angegeben",
  keyCompromise: "sein privater Schlüssel wurde kompromittiert",
  cACompromise: "die ausstellende CA wurde kompromittiert",
  affiliationChanged: "die Zugehörigkeit des Inhabers hat sich geändert",
  superseded: "ein neueres Zertifikat ersetzt es",
  cessationOfOperation: "es wird nicht mehr verwendet",
  certificateHold: "es ist vorübergehend gesperrt",
  removeFromCRL: "eine vorübergehende Sperre wurde aufgehoben",
  privilegeWithdrawn: "seine Berechtigungen wurden entzogen",
  aACompromise: "die Attributautorität wurde kompromittiert",
};
