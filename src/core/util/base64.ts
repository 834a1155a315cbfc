/**
 * Base64 decoding for MIME bodies (RFC 2045 section 6.8). Line breaks and other
 * characters outside the alphabet are ignored, as the RFC says a decoder must;
 * the caller is told how many were skipped so that garbage can be reported.
 */

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const DECODE = new Int16Array(256).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) DECODE[ALPHABET.charCodeAt(i)] = i;

export interface Base64Result {
  bytes: Uint8Array;
  /** Characters that are neither alphabet, padding nor white space. */
  invalidCharacters: number;
  /** Data after the first padding, or a final group of a single character. */
  badTail: boolean;
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a;
}

export function decodeBase64(input: Uint8Array): Base64Result {
  const out = new Uint8Array(Math.floor((input.length * 3) / 4) + 3);
  let outLen = 0;
  let acc = 0;
  let bits = 0;
  let invalid = 0;
  let padded = false;
  let badTail = false;
  let groupChars = 0;
  for (let i = 0; i < input.length; i++) {
    // Fast path: at a group boundary, four alphabet characters are three bytes (most of any body).
    if (groupChars === 0 && !padded && i + 3 < input.length) {
      const a = DECODE[input[i]!]!;
      const b = DECODE[input[i + 1]!]!;
      const d2 = DECODE[input[i + 2]!]!;
      const d3 = DECODE[input[i + 3]!]!;
      // Stryker disable next-line ConditionalExpression,EqualityOperator: the slow path below decodes the same four characters to the same bytes
      if ((a | b | d2 | d3) >= 0) {
        out[outLen++] = (a << 2) | (b >> 4);
        out[outLen++] = ((b & 15) << 4) | (d2 >> 2);
        out[outLen++] = ((d2 & 3) << 6) | d3;
        i += 3;
        continue;
      }
    }
    const c = input[i]!;
    if (c === 0x3d) {
      padded = true;
      continue;
    }
    const v = DECODE[c]!;
    if (v < 0) {
      if (!isSpace(c)) invalid++;
      continue;
    }
    if (padded) {
      badTail = true;
      continue;
    }
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    groupChars = (groupChars + 1) % 4;
    if (bits >= 8) {
      bits -= 8;
      out[outLen++] = (acc >> bits) & 0xff;
    }
  }
  if (groupChars === 1) badTail = true;
  return { bytes: out.subarray(0, outLen), invalidCharacters: invalid, badTail };
}

export function decodeBase64Text(text: string): Base64Result {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i) & 0xff;
  return decodeBase64(bytes);
}

/** Standard base64 with padding (RFC 4648 section 4), no line breaks. */
export function encodeBase64(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i]!;
    const b = bytes[i + 1];
    const c = bytes[i + 2];
    const n = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
    out += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]! + (b === undefined ? "=" : ALPHABET[(n >> 6) & 63]!) + (c === undefined ? "=" : ALPHABET[n & 63]!);
  }
  return out;
}
