/**
 * Quoted-printable decoding (RFC 2045 section 6.7). Soft line breaks ("=" at the
 * end of a line) are removed; a malformed escape is kept literally, which is the
 * robust behaviour section 6.7 (note 1) recommends, and counted for reporting.
 */

function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  return -1;
}

export interface QuotedPrintableResult {
  bytes: Uint8Array;
  malformedEscapes: number;
}

export function decodeQuotedPrintable(input: Uint8Array): QuotedPrintableResult {
  const out = new Uint8Array(input.length);
  let n = 0;
  let malformed = 0;
  for (let i = 0; i < input.length; i++) {
    const c = input[i]!;
    if (c !== 0x3d) {
      out[n++] = c;
      continue;
    }
    // Soft line break: "=" followed by optional transport padding and CRLF or LF.
    let j = i + 1;
    while (j < input.length && (input[j] === 0x20 || input[j] === 0x09)) j++;
    if (j < input.length && input[j] === 0x0d && input[j + 1] === 0x0a) {
      i = j + 1;
      continue;
    }
    if (j < input.length && input[j] === 0x0a) {
      i = j;
      continue;
    }
    if (j >= input.length) {
      i = j;
      continue;
    }
    const hi = hexValue(input[i + 1] ?? -1);
    const lo = hexValue(input[i + 2] ?? -1);
    if (hi >= 0 && lo >= 0) {
      out[n++] = (hi << 4) | lo;
      i += 2;
    } else {
      malformed++;
      out[n++] = c;
    }
  }
  return { bytes: out.subarray(0, n), malformedEscapes: malformed };
}
