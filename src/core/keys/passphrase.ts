/**
 * Private keys at rest are sealed under a key derived from a passphrase the
 * user sets: PBKDF2-HMAC-SHA-256 (RFC 8018 section 5.2) with 600,000
 * iterations by default, the figure OWASP's Password Storage Cheat Sheet gives
 * for PBKDF2-HMAC-SHA-256 (2023), done by WebCrypto in every host; then
 * AES-256-GCM (NIST SP 800-38D) with a fresh 96-bit nonce per seal and the
 * record's identity as associated data, so a sealed key cannot be moved to
 * another record unnoticed. The iteration count is stored with the salt, so it
 * can be raised for new stores without breaking old ones.
 */
import { toArrayBuffer } from "../util/bytes.js";
import { decodeBase64Text, encodeBase64 } from "../util/base64.js";

/**
 * The fewest characters a key store passphrase or a backup's password may have: NIST SP 800-63B section
 * 5.1.1.1's floor for a memorized secret the user chooses. The hosts and the command check it before asking the store.
 */
export const MIN_SECRET_LENGTH = 8;

/** OWASP Password Storage Cheat Sheet (2023): PBKDF2-HMAC-SHA-256 with 600,000 iterations. */
export const DEFAULT_PASSPHRASE_ITERATIONS = 600_000;

/** Iteration counts a stored header may name (a damaged or hostile file cannot ask for hours). */
const MAX_ITERATIONS = 10_000_000;

export interface KdfParams {
  kdf: "PBKDF2-SHA-256";
  iterations: number;
  /** base64, 16 random bytes. */
  salt: string;
}

export interface Sealed {
  /** base64, 12 random bytes. */
  iv: string;
  /** base64, the AES-256-GCM ciphertext with its 16-byte tag. */
  data: string;
}

const b64 = (bytes: Uint8Array): string => encodeBase64(bytes);
const unb64 = (text: string): Uint8Array => decodeBase64Text(text).bytes;

export function newKdfParams(iterations = DEFAULT_PASSPHRASE_ITERATIONS): KdfParams {
  return { kdf: "PBKDF2-SHA-256", iterations, salt: b64(globalThis.crypto.getRandomValues(new Uint8Array(16))) };
}

/** The sealing key: an AES-GCM CryptoKey that cannot be exported, derived from the passphrase. */
export async function sealingKey(passphrase: string, params: KdfParams): Promise<CryptoKey> {
  // Stryker disable next-line EqualityOperator: the upper bound itself (ten million rounds) takes seconds of hashing to test
  if (params.kdf !== "PBKDF2-SHA-256" || !(params.iterations >= 1 && params.iterations <= MAX_ITERATIONS)) throw new Error("unsupported key-derivation parameters");
  const subtle = globalThis.crypto.subtle;
  const base = await subtle.importKey("raw", toArrayBuffer(new TextEncoder().encode(passphrase.normalize("NFC"))), "PBKDF2", false, ["deriveKey"]);
  return subtle.deriveKey(
    { name: "PBKDF2", hash: "SHA-256", salt: toArrayBuffer(unb64(params.salt)), iterations: params.iterations },
    base,
    { name: "AES-GCM", length: 256 },
    false,
    ["encrypt", "decrypt"],
  );
}

export async function seal(key: CryptoKey, plaintext: Uint8Array, context: string): Promise<Sealed> {
  const iv = globalThis.crypto.getRandomValues(new Uint8Array(12));
  const aad = toArrayBuffer(new TextEncoder().encode(context));
  const data = new Uint8Array(await globalThis.crypto.subtle.encrypt({ name: "AES-GCM", iv, additionalData: aad }, key, toArrayBuffer(plaintext)));
  return { iv: b64(iv), data: b64(data) };
}

/** The plaintext, or null when the key (the passphrase) is wrong or the sealed bytes were changed. */
export async function unseal(key: CryptoKey, sealed: Sealed, context: string): Promise<Uint8Array | null> {
  // Stryker disable BlockStatement: an empty catch returns undefined, which every caller refuses as it refuses null
  try {
    const aad = toArrayBuffer(new TextEncoder().encode(context));
    return new Uint8Array(await globalThis.crypto.subtle.decrypt({ name: "AES-GCM", iv: toArrayBuffer(unb64(sealed.iv)), additionalData: aad }, key, toArrayBuffer(unb64(sealed.data))));
  } catch {
    return null;
  }
  // Stryker restore BlockStatement
}
