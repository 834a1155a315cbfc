/**
 * German numbers in words, as en-words.ts does for English: a count with its noun
 * in the right number (the plural given, German plurals being irregular), a span
 * of time in a readable unit, an age that stays true when the clock is behind.
 */
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
