/**
 * The two-integer signature value of DSA and ECDSA: Dss-Sig-Value and
 * ECDSA-Sig-Value, both SEQUENCE { r INTEGER, s INTEGER } (RFC 3279 sections
 * 2.2.2 and 2.2.3), read as strict DER (X.690 section 10). OpenSSL re-encodes
 * what it parsed and refuses a signature whose bytes differ, so a BER variant
 * of a valid signature (a redundant leading zero, a long-form length) is not
 * a second valid signature there, and is not one here.
 */

/** r and s as unsigned big-endian magnitudes (no sign byte), or null for anything but that exact DER. */
export function readSigValue(der: Uint8Array): { r: Uint8Array; s: Uint8Array } | null {
  let p = 0;
  /** A DER length: short form below 128, else the fewest bytes (one or two here). Null when it is not that. */
  const readLength = (): number | null => {
    const first = der[p++];
    // Stryker disable next-line ConditionalExpression: past the end, undefined & 0x7f is 0, refused as the indefinite form below
    if (first === undefined) return null;
    if (first < 0x80) return first;
    const count = first & 0x7f;
    // Stryker disable next-line ConditionalExpression: a count of 0 reads no octets, and the length 0 is then refused as under 0x80
    if (count === 0 || count > 2) return null;
    let length = 0;
    for (let i = 0; i < count; i++) {
      const b = der[p++];
      // Stryker disable next-line ConditionalExpression: a missing octet reads as 0, and the length then fails the minimum-octets test or overruns the input
      if (b === undefined) return null;
      length = (length << 8) | b;
    }
    // X.690 section 10.1: the definite form with the minimum number of octets.
    return length < 0x80 || (count === 2 && length < 0x100) ? null : length;
  };
  const readInteger = (): Uint8Array | null => {
    if (der[p++] !== 0x02) return null;
    const length = readLength();
    // Stryker disable next-line ConditionalExpression,ArithmeticOperator: an integer that overruns the input leaves p past its end, which the tests after it refuse (no s to read, or p !== der.length)
    if (length === null || length === 0 || p + length > der.length) return null;
    const bytes = der.subarray(p, p + length);
    p += length;
    // X.690 section 8.3.2: no redundant leading octet; and a signature's integers are positive.
    if (bytes[0]! & 0x80) return null;
    if (bytes.length > 1 && bytes[0] === 0 && !(bytes[1]! & 0x80)) return null;
    return bytes[0] === 0 && bytes.length > 1 ? bytes.subarray(1) : bytes;
  };
  if (der[p++] !== 0x30) return null;
  const length = readLength();
  // Stryker disable next-line ConditionalExpression: a null length adds as 0, so only "30 80" with nothing after passes here, and has no r to read
  if (length === null || p + length !== der.length) return null;
  const r = readInteger();
  const s = r && readInteger();
  return r && s && p === der.length ? { r, s } : null;
}

/** An unsigned big-endian magnitude as the content of a DER INTEGER: no redundant zeros, a zero before a high bit. */
function derIntegerContent(magnitude: Uint8Array): Uint8Array {
  let start = 0;
  while (start < magnitude.length - 1 && magnitude[start] === 0) start++;
  const trimmed = magnitude.subarray(start);
  return trimmed[0]! & 0x80 ? Uint8Array.from([0, ...trimmed]) : trimmed;
}

/**
 * WebCrypto's ECDSA signature (r and s side by side, each the curve's size, IEEE P1363) as the
 * ECDSA-Sig-Value DER that X.509 and CMS carry (RFC 3279 section 2.2.3). The inverse of readSigValue.
 */
export function ecdsaSigValue(raw: Uint8Array): Uint8Array {
  const half = raw.length / 2;
  const ints = [raw.subarray(0, half), raw.subarray(half)].map(derIntegerContent).map((c) => Uint8Array.from([0x02, c.length, ...c]));
  const body = Uint8Array.from([...ints[0]!, ...ints[1]!]);
  // A body under 128 bytes for P-256 and P-384; P-521's needs the long form.
  const length = body.length < 0x80 ? [body.length] : [0x81, body.length];
  return Uint8Array.from([0x30, ...length, ...body]);
}
