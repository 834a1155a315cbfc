/** Small ASN.1 helpers over asn1js, with errors as values. */
import * as asn1js from "asn1js";
import { berStructureProblem } from "../util/ber-structure.js";
import { concatBytes, toArrayBuffer } from "../util/bytes.js";
import { DEFAULT_LIMITS } from "../limits.js";

export type Parsed<T> = { ok: true; value: T; trailingBytes: number } | { ok: false; reason: string };

/**
 * Parses one BER element; bytes after it are counted in `trailingBytes` for the caller to report.
 * An element asn1js reads although its lengths do not nest (ber-structure.ts) is refused: what asn1js
 * builds from it is not what the bytes say.
 */
export function parseBer(bytes: Uint8Array): Parsed<asn1js.AsnType> {
  if (bytes.length === 0) return { ok: false, reason: "empty" };
  let parsed: ReturnType<typeof asn1js.fromBER>;
  // Defensive: asn1js 3 answers bad input, absurd depth included (it stops at its own nesting
  // limit, test/unit/asn1.test.ts), with offset -1 rather than an exception; should a version
  // throw, the reader still gives a reason, never an exception.
  // Stryker disable all: the catch is not reached with asn1js 3, as above
  try {
    // asn1js 4 refuses content over 16 MiB, and more than 10,000 elements, unless told otherwise. A message
    // may carry more (limits.ts), and OpenSSL's -stream output cuts a large content into segments of about
    // 1 KiB; one element per 256 bytes allows those while bounding what a hostile object can make asn1js build.
    parsed = asn1js.fromBER(toArrayBuffer(bytes), { maxContentLength: DEFAULT_LIMITS.maxMessageBytes, maxNodes: 10_000 + Math.floor(bytes.length / 256) });
  } catch (e) {
    return { ok: false, reason: e instanceof Error ? e.message : "undecodable" };
  }
  // Stryker restore all
  // Stryker disable next-line StringLiteral: asn1js 3 names every failure it gives, so the fallback is not reached
  if (parsed.offset === -1) return { ok: false, reason: parsed.result.error || "undecodable" };
  const problem = berStructureProblem(bytes, parsed.offset);
  if (problem) return { ok: false, reason: `inconsistent encoding: ${problem}` };
  return { ok: true, value: parsed.result, trailingBytes: bytes.length - parsed.offset };
}

/** One element as parseBer reads it, or null when it does not read (what the small readers of a single value want). */
export function berElement(bytes: Uint8Array): asn1js.AsnType | null {
  const parsed = parseBer(bytes);
  return parsed.ok ? parsed.value : null;
}

/**
 * The content octets of an OCTET STRING, joining the segments of a BER
 * constructed encoding (RFC 5652 section 5.2 allows either form for eContent).
 */
export function octetStringContent(el: asn1js.AsnType, depth = 0): Uint8Array | null {
  if (depth > 16) return null;
  if (el instanceof asn1js.OctetString) {
    const block = el.valueBlock;
    if (!block.isConstructed) return new Uint8Array(block.valueHexView);
    const parts: Uint8Array[] = [];
    for (const child of block.value) {
      const c = octetStringContent(child, depth + 1);
      if (!c) return null;
      parts.push(c);
    }
    return concatBytes(parts);
  }
  return null;
}

export function oidString(el: unknown): string | null {
  return el instanceof asn1js.ObjectIdentifier ? el.valueBlock.toString() : null;
}

/** UTCTime or GeneralizedTime (RFC 5280 section 4.1.2.5) as a Date. */
export function asn1Time(el: unknown): Date | null {
  if (el instanceof asn1js.UTCTime || el instanceof asn1js.GeneralizedTime) {
    const d = el.toDate();
    return Number.isNaN(d.getTime()) ? null : d;
  }
  return null;
}
