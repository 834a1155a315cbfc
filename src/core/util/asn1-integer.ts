/**
 * An INTEGER's (or ENUMERATED's) value as a number, or null beyond the safe integers. Not asn1js's
 * valueDec: asn1js 3 leaves it 0 for any encoding of four bytes or more (measured: 8,388,608 and
 * 10,000,001 both read as 0), so PKCS#12's iteration count of ten million would read as zero.
 */
import type * as asn1js from "asn1js";

export function integerValue(el: asn1js.Integer): number | null {
  const v = el.toBigInt();
  return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : null;
}
