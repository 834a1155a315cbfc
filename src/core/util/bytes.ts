/**
 * Byte helpers shared by the core. Messages are handled as bytes end to end
 * (a signature covers bytes, not characters); `latin1` is the one lossless
 * byte <-> string mapping, used where text search over raw bytes is needed.
 */

/** Maps each byte to the code point of the same value; offsets stay byte offsets. */
export function latin1(bytes: Uint8Array, start = 0, end = bytes.length): string {
  // fromCharCode takes array-likes, so typed-array chunks go in without copying to arrays;
  // chunks stay below engines' argument-count limits.
  const CHUNK = 0x8000;
  const parts: string[] = [];
  for (let i = start; i < end; i += CHUNK) {
    parts.push(String.fromCharCode.apply(null, bytes.subarray(i, Math.min(i + CHUNK, end)) as unknown as number[]));
  }
  return parts.join("");
}

/** Inverse of `latin1`: code points above 0xFF are truncated to their low byte. */
export function fromLatin1(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i) & 0xff;
  return out;
}

export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  let total = 0;
  for (const p of parts) total += p.length;
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export function toHex(bytes: Uint8Array, separator = ""): string {
  const parts: string[] = [];
  for (const b of bytes) parts.push(b.toString(16).padStart(2, "0"));
  return parts.join(separator);
}

/**
 * A standalone ArrayBuffer holding exactly these bytes (asn1js wants one).
 * Always a copy: a Node Buffer's slice() is a view of a shared pool, so
 * `slice().buffer` would hand the parser other data; and pkijs writes into
 * buffers it is given (SignedAndUnsignedAttributes retags byte 0).
 */
export function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return copy.buffer;
}

/** A copy as a plain Uint8Array (never a Node Buffer, whose slice() shares memory). */
export function copyBytes(bytes: Uint8Array): Uint8Array {
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return copy;
}

/** Strips leading zero bytes (DER INTEGER sign padding) so serials compare by value. */
export function stripLeadingZeros(bytes: Uint8Array): Uint8Array {
  let i = 0;
  while (i < bytes.length - 1 && bytes[i] === 0) i++;
  return bytes.subarray(i);
}
