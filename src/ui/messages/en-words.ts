/**
 * English numbers in words a reader takes in at once: a count with its noun in the
 * right number, a span of time in the largest unit that keeps it readable, an age
 * that stays true when the computer's clock is behind. en.ts and ui-en.ts use them;
 * another language's catalogue brings its own.
 */
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
