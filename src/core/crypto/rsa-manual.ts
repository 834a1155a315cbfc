/**
 * RSA signature verification done by hand, for the combinations WebCrypto
 * does not offer: SHA-224 (absent from WebCrypto), MD5 (reported, never
 * accepted) and RSA-PSS whose MGF1 hash differs from the message hash
 * (RFC 4055 section 3.1 allows it; WebCrypto ties the two together).
 * Public-key operations only: there is no secret to leak through timing.
 */
import type { DigestName } from "./algorithms.js";
import { DIGEST_LENGTH } from "./algorithms.js";
import { syncHash } from "./digest.js";
import { modPow, toBigInt, toBytes } from "./bigint.js";

type HashFn = (data: Uint8Array) => Uint8Array;

/** RSAVP1 (RFC 8017 section 5.2.2): returns the encoded message, or null when the signature is out of range. */
function rsavp1(modulus: Uint8Array, exponent: Uint8Array, signature: Uint8Array): Uint8Array | null {
  const n = toBigInt(modulus);
  const s = toBigInt(signature);
  // Stryker disable next-line EqualityOperator: s = n gives 0, which no padding check accepts
  if (signature.length !== modulus.length || s >= n) return null;
  return toBytes(modPow(s, toBigInt(exponent), n), modulus.length);
}

/** DigestInfo prefixes, RFC 8017 section 9.2 note 1. */
const DIGEST_INFO_PREFIX: Record<DigestName, string> = {
  MD5: "3020300c06082a864886f70d020505000410",
  "SHA-1": "3021300906052b0e03021a05000414",
  "SHA-224": "302d300d06096086480165030402040500041c",
  "SHA-256": "3031300d060960864801650304020105000420",
  "SHA-384": "3041300d060960864801650304020205000430",
  "SHA-512": "3051300d060960864801650304020305000440",
};

function hexBytes(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  // Stryker disable next-line EqualityOperator: a write one past the end of a typed array is dropped
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  // Stryker disable next-line ConditionalExpression,BooleanLiteral: every caller compares equal lengths (k with k, hLen with hLen); kept for whoever calls next
  if (a.length !== b.length) return false;
  let diff = 0;
  // Stryker disable next-line EqualityOperator: one past the end is undefined ^ undefined, 0
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

/** RSASSA-PKCS1-v1_5-VERIFY (RFC 8017 section 8.2.2), comparing the whole re-encoded block. */
export function verifyPkcs1(
  modulus: Uint8Array,
  exponent: Uint8Array,
  hash: DigestName,
  data: Uint8Array,
  signature: Uint8Array,
): boolean {
  const em = rsavp1(modulus, exponent, signature);
  if (!em) return false;
  const t = new Uint8Array([...hexBytes(DIGEST_INFO_PREFIX[hash]), ...syncHash(hash)(data)]);
  const k = modulus.length;
  if (k < t.length + 11) return false;
  const expected = new Uint8Array(k).fill(0xff);
  expected[0] = 0x00;
  expected[1] = 0x01;
  expected[k - t.length - 1] = 0x00;
  expected.set(t, k - t.length);
  return constantTimeEqual(em, expected);
}

/** MGF1 (RFC 8017 appendix B.2.1). */
export function mgf1(hash: HashFn, hLen: number, seed: Uint8Array, length: number): Uint8Array {
  const out = new Uint8Array(length);
  let done = 0;
  // Stryker disable next-line EqualityOperator: one more round writes nothing (length - done is 0)
  for (let counter = 0; done < length; counter++) {
    const c = new Uint8Array([(counter >>> 24) & 0xff, (counter >>> 16) & 0xff, (counter >>> 8) & 0xff, counter & 0xff]);
    const block = hash(new Uint8Array([...seed, ...c]));
    out.set(block.subarray(0, Math.min(hLen, length - done)), done);
    done += hLen;
  }
  return out;
}

/** RSASSA-PSS-VERIFY with EMSA-PSS-VERIFY (RFC 8017 sections 8.1.2 and 9.1.2). */
export function verifyPss(
  modulus: Uint8Array,
  exponent: Uint8Array,
  hash: DigestName,
  mgfHash: DigestName,
  saltLength: number,
  data: Uint8Array,
  signature: Uint8Array,
): boolean {
  const m = rsavp1(modulus, exponent, signature);
  if (!m) return false;
  const modBits = (modulus.length - 1) * 8 + (32 - Math.clz32(modulus[0]!));
  const emBits = modBits - 1;
  const emLen = Math.ceil(emBits / 8);
  const em = m.subarray(m.length - emLen);
  if (m.length > emLen && m[0] !== 0) return false;
  const h = syncHash(hash);
  const hLen = DIGEST_LENGTH[hash];
  const mHash = h(data);
  // Stryker disable next-line all: RFC 8017 section 9.1.2 step 3; past it psLen is negative and db[psLen] (undefined) fails step 10 anyway
  if (emLen < hLen + saltLength + 2) return false;
  if (em[emLen - 1] !== 0xbc) return false;
  const maskedDB = em.subarray(0, emLen - hLen - 1);
  const hh = em.subarray(emLen - hLen - 1, emLen - 1);
  const zeroBits = 8 * emLen - emBits;
  if ((maskedDB[0]! & (0xff << (8 - zeroBits)) & 0xff) !== 0) return false;
  const dbMask = mgf1(syncHash(mgfHash), DIGEST_LENGTH[mgfHash], hh, maskedDB.length);
  const db = new Uint8Array(maskedDB.length);
  // Stryker disable next-line EqualityOperator: a write one past the end of a typed array is dropped
  for (let i = 0; i < db.length; i++) db[i] = maskedDB[i]! ^ dbMask[i]!;
  db[0] = db[0]! & (0xff >>> zeroBits);
  const psLen = emLen - hLen - saltLength - 2;
  for (let i = 0; i < psLen; i++) if (db[i] !== 0) return false;
  if (db[psLen] !== 0x01) return false;
  const salt = db.subarray(db.length - saltLength);
  const mPrime = new Uint8Array([...new Uint8Array(8), ...mHash, ...salt]);
  return constantTimeEqual(h(mPrime), hh);
}
