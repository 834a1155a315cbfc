/**
 * Reading an issue's params for text, the same in every language: values as text
 * (lists joined), the revocation sources tried, and header field names as mail
 * programs write them (From, Reply-To), which every language's clients show.
 */
import type { IssueParams, RevocationProblem, RevocationReason } from "../../core/index.js";

export const s = (v: unknown): string => (Array.isArray(v) ? v.join(", ") : v === undefined ? "" : String(v));

/** The sources a revocation check tried and what went wrong with each, as the core lists them. */
export const problems = (p: IssueParams): RevocationProblem[] =>
  Array.isArray(p.problems) ? p.problems.filter((x): x is RevocationProblem => typeof x === "object" && x !== null) : [];

/** A span of minutes in the unit a reader takes in: minutes up to two hours, hours up to two days, then days (rounded down). */
export function spanUnit(minutes: number): { n: number; unit: "minute" | "hour" | "day" } {
  const m = Math.abs(Math.floor(minutes));
  if (m < 120) return { n: m, unit: "minute" };
  if (m < 48 * 60) return { n: Math.floor(m / 60), unit: "hour" };
  return { n: Math.floor(m / (24 * 60)), unit: "day" };
}

const FIELD_NAMES: Record<string, string> = { from: "From", to: "To", cc: "Cc", "reply-to": "Reply-To", subject: "Subject", date: "Date" };
export const fieldName = (v: unknown): string => FIELD_NAMES[String(v)] ?? String(v);

/**
 * A revocation's reason in a catalogue's words, or null when there is none worth saying (absent, or
 * unspecified, RFC 5280 section 5.3.1: no reason code is the same); a name no table knows stays as given.
 */
export function revocationReason(v: unknown, words: Record<RevocationReason, string>): string | null {
  if (v === undefined || v === null || v === "unspecified") return null;
  return Object.hasOwn(words, String(v)) ? words[String(v) as RevocationReason] : String(v);
}

/** The reader's own account of a damaged structure, for the details: never the headline. */
export const readerDetail = (p: IssueParams): { details?: string[] } => (typeof p.detail === "string" && p.detail ? { details: [p.detail] } : {});

/** A table's entry for a reason read from params, or undefined for a reason the table does not hold. */
export function byReason<T>(table: { readonly [reason: string]: T }, reason: unknown): T | undefined {
  return Object.hasOwn(table, String(reason)) ? table[String(reason)] : undefined;
}

/** A list of identifiers (key usage bits, EKUs) in a catalogue's words, an unknown one as given, joined by `joiner`. */
export function words(v: unknown, names: Readonly<Record<string, string>>, joiner: string): string {
  const list = Array.isArray(v) ? v.map(String) : v === undefined ? [] : [String(v)];
  return list.map((x) => byReason(names, x) ?? x).join(joiner);
}
