/** The Date header field (RFC 5322 section 3.3). */

/**
 * A date-time as RFC 5322 section 3.3 writes it, or null when it cannot be read. Comments (CFWS,
 * section 3.2.2) are removed first: V8 skips them itself, other engines need not. Date.parse reads
 * the rest in every engine we run on.
 */
export function parseMailDate(value: string | null): Date | null {
  if (value === null) return null;
  const t = Date.parse(value.replace(/\([^)]*\)/g, " ").trim());
  return Number.isNaN(t) ? null : new Date(t);
}
