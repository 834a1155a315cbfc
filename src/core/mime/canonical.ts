/**
 * Canonical line endings (RFC 8551 section 3.1.1): text is signed with CRLF.
 * Mail stores often keep bare LF; restoring CRLF lets such copies verify.
 * Returns the input itself when it holds no bare LF (the common case), so
 * large messages are not copied for nothing.
 */
export function toCrlf(bytes: Uint8Array): Uint8Array {
  let bare = 0;
  for (let i = bytes.indexOf(0x0a); i !== -1; i = bytes.indexOf(0x0a, i + 1)) {
    if (i === 0 || bytes[i - 1] !== 0x0d) bare++;
  }
  if (bare === 0) return bytes;
  const out = new Uint8Array(bytes.length + bare);
  let n = 0;
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i]!;
    if (c === 0x0a && (i === 0 || bytes[i - 1] !== 0x0d)) out[n++] = 0x0d;
    out[n++] = c;
  }
  return out;
}
