/**
 * German numbers in words, as en-words.ts does for English: a count with its noun
 * in the right number (the plural given, German plurals being irregular), a span
 * of time in a readable unit, an age that stays true when the clock is behind.
 */

/** "1 Empfänger", "2 Empfänger"; "1 Wurzel", "2 Wurzeln". */
export function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** A span of minutes: minutes up to two hours, hours up to two days, then days (rounded down). */
export function span(minutes: number): string {
  const m = Math.abs(Math.floor(minutes));
  if (m < 120) return count(m, "Minute", "Minuten");
  if (m < 48 * 60) return count(Math.floor(m / 60), "Stunde", "Stunden");
  return count(Math.floor(m / (24 * 60)), "Tag", "Tage");
}

/** How long ago a day was: "heute", "vor 1 Tag", "vor 12 Tagen"; a day ahead of the clock is said to be so. */
export function daysAgo(days: number): string {
  if (days < 0) return "ein Datum nach der Uhr dieses Computers";
  if (days === 0) return "heute";
  return `vor ${count(days, "Tag", "Tagen")}`;
}
