/**
 * A minimal, strict DER reader (X.690 section 10) for the hot paths where a
 * full ASN.1 object model is too slow: a CRL with a million entries must not
 * build a million objects. Definite lengths only; every read is bounds-checked
 * and returns null on malformed input instead of throwing.
 */

export interface Tlv {
  /** The identifier octet (single-byte tags only: all X.509 structures use them). */
  tag: number;
  /** Offset of the identifier octet. */
  start: number;
  /** Offset of the first content octet. */
  contentStart: number;
  /** One past the last content octet. */
  end: number;
}

/**
 * The element at `offset`. `shortest` (default) refuses a length not written in its shortest form,
 * as DER requires; a reader that only copies text out (x509/name-text.ts) takes any definite one, as
 * BER readers do.
 */
export function readTlv(bytes: Uint8Array, offset: number, limit = bytes.length, shortest = true): Tlv | null {
  if (offset + 2 > limit) return null;
  const tag = bytes[offset]!;
  if ((tag & 0x1f) === 0x1f) return null; // multi-byte tags do not occur here
  let p = offset + 1;
  const first = bytes[p++]!;
  let len: number;
  if (first < 0x80) len = first;
  else {
    const n = first & 0x7f;
    // 0x80 is BER's indefinite length; more than 4 length octets means > 4 GiB.
    if (n === 0 || n > 4 || p + n > limit) return null;
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + bytes[p++]!;
    if (shortest && (len < 0x80 || (n > 1 && bytes[p - n] === 0))) return null; // not the shortest form (DER)
  }
  const end = p + len;
  if (end > limit) return null;
  return { tag, start: offset, contentStart: p, end };
}

/** A DER length's octets (X.690 section 10.1: the shortest form), for the few elements the core writes. */
export function lengthOctets(n: number): number[] {
  // Stryker disable next-line ConditionalExpression: without it a short length comes out in the long form, which asn1js reads as BER all the same
  if (n < 0x80) return [n];
  const out: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) out.unshift(v & 0xff);
  return [0x80 | out.length, ...out];
}

/** The children of a constructed element, or null if they do not exactly fill it. */
export function children(bytes: Uint8Array, parent: Tlv, shortest = true): Tlv[] | null {
  const out: Tlv[] = [];
  for (let p = parent.contentStart; p < parent.end; ) {
    const t = readTlv(bytes, p, parent.end, shortest);
    if (!t) return null;
    out.push(t);
    p = t.end;
  }
  return out;
}

/** Two decimal digits at `p`, or -1. */
function two(bytes: Uint8Array, p: number): number {
  const a = bytes[p]! - 0x30;
  const b = bytes[p + 1]! - 0x30;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/**
 * UTCTime (tag 0x17) or GeneralizedTime (0x18) in the forms RFC 5280 section 4.1.2.5
 * allows (seconds, "Z"). Read digit by digit: a large CRL has one per entry.
 */
export function readTime(bytes: Uint8Array, t: Tlv): Date | null {
  const len = t.end - t.contentStart;
  let p = t.contentStart;
  let year: number;
  if (t.tag === 0x17 && len === 13) {
    const yy = two(bytes, p);
    if (yy < 0) return null;
    year = yy >= 50 ? 1900 + yy : 2000 + yy; // section 4.1.2.5.1
    p += 2;
  } else if (t.tag === 0x18 && len === 15) {
    const hi = two(bytes, p);
    const lo = two(bytes, p + 2);
    if (hi < 0 || lo < 0) return null;
    year = hi * 100 + lo;
    p += 4;
  } else return null;
  const [mo, d, h, mi, s] = [two(bytes, p), two(bytes, p + 2), two(bytes, p + 4), two(bytes, p + 6), two(bytes, p + 8)];
  if (bytes[p + 10] !== 0x5a || mo < 1 || mo > 12 || d < 1 || d > 31 || h < 0 || h > 23 || mi < 0 || mi > 59 || s < 0 || s > 60) return null;
  return new Date(Date.UTC(year, mo - 1, d, h, mi, s));
}

/**
 * An OBJECT IDENTIFIER's dotted form; null when a subidentifier is cut short (its last octet
 * still says more follow) or padded with a leading 0x80 (X.690 section 8.19.2).
 */
export function readOid(bytes: Uint8Array, t: Tlv): string | null {
  if (t.tag !== 0x06 || t.end === t.contentStart || bytes[t.end - 1]! & 0x80) return null;
  const parts: number[] = [];
  let v = 0;
  for (let i = t.contentStart; i < t.end; i++) {
    const b = bytes[i]!;
    if (b === 0x80 && (i === t.contentStart || !(bytes[i - 1]! & 0x80))) return null;
    v = v * 128 + (b & 0x7f);
    if (!(b & 0x80)) {
      if (parts.length === 0) parts.push(v < 80 ? Math.floor(v / 40) : 2, v < 80 ? v % 40 : v - 80);
      else parts.push(v);
      v = 0;
    }
  }
  return parts.join(".");
}
