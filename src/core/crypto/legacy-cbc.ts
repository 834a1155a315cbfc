/**
 * CBC decryption for the 64-bit block ciphers WebCrypto lacks (3DES, RC2),
 * with the PKCS#7 padding of RFC 5652 section 6.3 removed. AES goes through
 * WebCrypto (content-cipher.ts).
 */
import { desKeySchedule, tripleDesDecryptBlock } from "./des.js";
import { rc2DecryptBlock, rc2KeySchedule } from "./rc2.js";

type BlockDecrypt = (block: Uint8Array) => void;

/** The plaintext, or null when the length or the padding is wrong (one answer for both). */
function cbcDecrypt(decryptBlock: BlockDecrypt, iv: Uint8Array, ciphertext: Uint8Array): Uint8Array | null {
  if (iv.length !== 8 || ciphertext.length === 0 || ciphertext.length % 8 !== 0) return null;
  const out = new Uint8Array(ciphertext.length);
  let previous = iv;
  for (let off = 0; off < ciphertext.length; off += 8) {
    // A copy: callers may pass a Node Buffer, whose slice() is a view that decrypting in place would change.
    const block = new Uint8Array(ciphertext.subarray(off, off + 8));
    decryptBlock(block);
    const before = previous;
    out.set(block.map((b, i) => b ^ before[i]!), off);
    previous = ciphertext.subarray(off, off + 8);
  }
  return unpad(out);
}

/** RFC 5652 section 6.3: k - (l mod k) octets, each of that value. */
function unpad(padded: Uint8Array): Uint8Array | null {
  const n = padded[padded.length - 1]!;
  let bad = n === 0 || n > 8 ? 1 : 0;
  for (let i = 1; i <= 8; i++) {
    // Every one of the last eight bytes is looked at, whatever n is.
    const inPad = i <= n ? 1 : 0;
    bad |= inPad & (padded[padded.length - i] === n ? 0 : 1);
  }
  return bad ? null : padded.subarray(0, padded.length - n);
}

/** DES-EDE3-CBC (RFC 3370 section 5.1): a 24-byte key, K1 then K2 then K3. */
export function tripleDesCbcDecrypt(key: Uint8Array, iv: Uint8Array, ciphertext: Uint8Array): Uint8Array | null {
  if (key.length !== 24) return null;
  const schedules = [0, 8, 16].map((o) => desKeySchedule(key.subarray(o, o + 8)));
  return cbcDecrypt(
    (block) => {
      const view = new DataView(block.buffer, block.byteOffset, 8);
      const [hi, lo] = tripleDesDecryptBlock(schedules, view.getUint32(0), view.getUint32(4));
      view.setUint32(0, hi);
      view.setUint32(4, lo);
    },
    iv,
    ciphertext,
  );
}

/** RC2-CBC (RFC 2268 section 6, RFC 3370 section 5.2) with the effective key length in bits. */
export function rc2CbcDecrypt(key: Uint8Array, effectiveBits: number, iv: Uint8Array, ciphertext: Uint8Array): Uint8Array | null {
  if (key.length === 0 || key.length > 128 || effectiveBits < 1 || effectiveBits > 1024) return null;
  const schedule = rc2KeySchedule(key, effectiveBits);
  return cbcDecrypt((block) => rc2DecryptBlock(schedule, block), iv, ciphertext);
}
