/**
 * AES-CBC and AES-GCM decryption in code (@noble/ciphers), for the one case
 * WebCrypto refuses: Chromium's WebCrypto has no 192-bit AES (its importKey
 * takes 128 and 256 only), so mail sent with AES-192, which Thunderbird and
 * OpenSSL offer, would fail to open in the demo page and Outlook's pane.
 * content-cipher.ts comes here only when WebCrypto will not take the key.
 */
import { cbc, gcm } from "@noble/ciphers/aes.js";

/** AES-CBC with RFC 5652 section 6.3's padding removed, or null when the key, length or padding is wrong. */
export function aesCbcDecryptSoftware(key: Uint8Array, iv: Uint8Array, ciphertext: Uint8Array): Uint8Array | null {
  try {
    return cbc(key, iv).decrypt(ciphertext);
  } catch {
    return null;
  }
}

/**
 * AES-GCM (NIST SP 800-38D) with a tag of `tagLength` bytes, 12 to 16 (RFC 5084 section 3.2), or null
 * when the tag is not of that length or does not match. @noble/ciphers checks 16-byte tags only, so the tag is computed here: the key
 * stream is what encrypting zeros yields, the plaintext is the ciphertext XOR that stream, and the
 * full tag is that of encrypting the plaintext again (over the same ciphertext and AAD); its first
 * bytes are compared in constant time. No plaintext is returned before the tag matched.
 */
export function aesGcmDecryptSoftware(key: Uint8Array, nonce: Uint8Array, ciphertext: Uint8Array, tag: Uint8Array, tagLength: number, aad?: Uint8Array): Uint8Array | null {
  if (tag.length !== tagLength || tagLength < 12 || tagLength > 16) return null;
  try {
    const stream = gcm(key, nonce, aad).encrypt(new Uint8Array(ciphertext.length));
    const plaintext = ciphertext.map((b, i) => b ^ stream[i]!);
    const sealed = gcm(key, nonce, aad).encrypt(plaintext);
    const expected = sealed.subarray(ciphertext.length, ciphertext.length + tagLength);
    let difference = 0;
    // Stryker disable next-line EqualityOperator: one step past both ends XORs undefined with undefined, which is 0
    for (let i = 0; i < tag.length; i++) difference |= expected[i]! ^ tag[i]!;
    return difference === 0 ? plaintext : null;
  } catch {
    return null;
  }
}
