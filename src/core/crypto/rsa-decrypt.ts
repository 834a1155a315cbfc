/**
 * RSA key transport, decryption side: RSAES-PKCS1-v1_5 and RSAES-OAEP
 * (RFC 8017 sections 7.1.2 and 7.2.2) as CMS uses them to carry a
 * content-encryption key (RFC 3370 section 4.2.1, RFC 3560).
 *
 * WebCrypto has no PKCS#1 v1.5 decryption and Node 20 refuses it (the Marvin
 * attack, CVE-2023-46809), yet most S/MIME mail uses it. So both schemes are
 * done here, against the padding oracle that v1.5 invites (Bleichenbacher 1998):
 * - RFC 3218 section 2.3.2: the expected key length is known from the content
 *   algorithm, and any failure (bad padding, wrong length, value out of range)
 *   yields a random key of that length instead, so the caller goes on and fails
 *   later, at the same point (the content's padding or tag), with one error.
 * - The padding is checked without a branch or early exit on secret bytes: every
 *   byte is looked at and the outcome is a mask that selects key or random bytes.
 * - The private operation is blinded (a fresh random r per call, c·r^e), so its
 *   timing does not follow the ciphertext an attacker chose. JavaScript's BigInt
 *   is not constant-time; blinding is what keeps that from being an oracle.
 * OAEP failures take the same random-key path (Manger 2001 needs them told apart).
 */
import { DIGEST_LENGTH, type DigestName } from "./algorithms.js";
import { modInverse, modPow, toBigInt, toBytes } from "./bigint.js";
import { syncHash } from "./digest.js";
import { mgf1 } from "./rsa-manual.js";

/** An RSA private key's CRT form (RFC 8017 section 3.2, second representation). */
export interface RsaPrivateKey {
  n: bigint;
  e: bigint;
  d: bigint;
  p: bigint;
  q: bigint;
  dp: bigint;
  dq: bigint;
  qInv: bigint;
  /** k, the modulus length in bytes. */
  size: number;
}

function randomBytes(length: number): Uint8Array {
  return globalThis.crypto.getRandomValues(new Uint8Array(length));
}

/** A random r in [2, n-2], invertible modulo n. */
function blindingFactor(key: RsaPrivateKey): bigint {
  for (;;) {
    const r = toBigInt(randomBytes(key.size)) % key.n;
    // Stryker disable next-line all: a random r of the modulus's size fails this with a chance below 2^-1000; it keeps the blinding sound, which no test can see
    if (r > 1n && r < key.n - 1n && r % key.p !== 0n && r % key.q !== 0n) return r;
  }
}

/**
 * RSADP (RFC 8017 section 5.1.2) with CRT and blinding, the result checked by re-encryption (a
 * faulty key or computation gives null, never a wrong value). Null too when c is out of range.
 */
export function rsaDecryptPrimitive(key: RsaPrivateKey, ciphertext: Uint8Array): Uint8Array | null {
  if (ciphertext.length !== key.size) return null;
  const c = toBigInt(ciphertext);
  if (c >= key.n) return null;
  const r = blindingFactor(key);
  const blinded = (c * modPow(r, key.e, key.n)) % key.n;
  const m1 = modPow(blinded % key.p, key.dp, key.p);
  const m2 = modPow(blinded % key.q, key.dq, key.q);
  const h = (key.qInv * (((m1 - m2) % key.p) + key.p)) % key.p;
  const mBlinded = m2 + h * key.q;
  if (modPow(mBlinded, key.e, key.n) !== blinded) return null;
  const m = (mBlinded * modInverse(r, key.n)) % key.n;
  return toBytes(m, key.size);
}

/** 0xff when a === b, else 0, with no branch on either. */
function eqMask(a: number, b: number): number {
  const x = (a ^ b) & 0xff;
  return ((x - 1) >>> 8) & 0xff;
}

/** Picks `good` where mask is 0xff and `fallback` where it is 0, byte by byte. */
function select(mask: number, good: Uint8Array, fallback: Uint8Array): Uint8Array {
  return fallback.map((f, i) => (good[i]! & mask) | (f & ~mask & 0xff));
}

/**
 * RSAES-PKCS1-v1_5 decryption of a content-encryption key of `keyLength` bytes, per RFC 3218:
 * always returns `keyLength` bytes, the real key only when EM = 00 02 PS 00 K with PS at least
 * eight non-zero bytes and K exactly `keyLength` bytes long.
 */
export function decryptPkcs1v15Key(key: RsaPrivateKey, encryptedKey: Uint8Array, keyLength: number): Uint8Array {
  const fallback = randomBytes(keyLength);
  const k = key.size;
  // The lengths are public: a modulus too small for the key cannot hold it, padding or not.
  if (k < keyLength + 11) return fallback;
  const em = rsaDecryptPrimitive(key, encryptedKey) ?? new Uint8Array(k);
  let good = eqMask(em[0]!, 0x00) & eqMask(em[1]!, 0x02) & eqMask(em[k - keyLength - 1]!, 0x00);
  for (let i = 2; i < k - keyLength - 1; i++) good &= ~eqMask(em[i]!, 0x00) & 0xff;
  return select(good, em.subarray(k - keyLength), fallback);
}

/**
 * RSAES-OAEP decryption (RFC 8017 section 7.1.2) of a key of `keyLength` bytes, with any hash and
 * MGF1 hash (RFC 4055 section 4.1 lets them differ; WebCrypto ties them) and label. Failures, of
 * any kind, give random bytes as decryptPkcs1v15Key does.
 */
export function decryptOaepKey(
  key: RsaPrivateKey,
  encryptedKey: Uint8Array,
  keyLength: number,
  hash: DigestName,
  mgfHash: DigestName,
  label: Uint8Array,
): Uint8Array {
  const fallback = randomBytes(keyLength);
  const k = key.size;
  const hLen = DIGEST_LENGTH[hash];
  // Stryker disable next-line ConditionalExpression,ArithmeticOperator: past this bound the 01 would stand inside lHash, so the checks below fail anyway; the bound only saves the work (its edge is tested)
  if (k < 2 * hLen + 2 + keyLength) return fallback;
  const em = rsaDecryptPrimitive(key, encryptedKey) ?? new Uint8Array(k);
  const lHash = syncHash(hash)(label);
  const maskedSeed = em.subarray(1, 1 + hLen);
  const maskedDb = em.subarray(1 + hLen);
  const mgf = syncHash(mgfHash);
  const mgfLen = DIGEST_LENGTH[mgfHash];
  const seedMask = mgf1(mgf, mgfLen, maskedDb, hLen);
  const seed = maskedSeed.map((b, i) => b ^ seedMask[i]!);
  const dbMask = mgf1(mgf, mgfLen, seed, maskedDb.length);
  const db = maskedDb.map((b, i) => b ^ dbMask[i]!);
  // DB = lHash' || PS (zeros) || 01 || M, with M exactly keyLength bytes: the 01 stands at a known place.
  let good = eqMask(em[0]!, 0x00);
  for (let i = 0; i < hLen; i++) good &= eqMask(db[i]!, lHash[i]!);
  const one = db.length - keyLength - 1;
  for (let i = hLen; i < one; i++) good &= eqMask(db[i]!, 0x00);
  good &= eqMask(db[one]!, 0x01);
  return select(good, db.subarray(one + 1), fallback);
}
