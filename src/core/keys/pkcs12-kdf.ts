/**
 * The key derivations of password-protected PKCS#12 files: RFC 7292
 * appendix B.2's own KDF (for the MAC and the legacy pbeWithSHAAnd…
 * schemes) and PBKDF2 (RFC 8018 section 5.2, for PBES2).
 */
import { hmac } from "@noble/hashes/hmac.js";
import { pbkdf2Async } from "@noble/hashes/pbkdf2.js";
import type { DigestName } from "../crypto/algorithms.js";
import { hashFunction } from "../crypto/digest.js";
import { toArrayBuffer } from "../util/bytes.js";

/** RFC 7292 appendix B.3: the password as a BMPString (UTF-16 big-endian) with two zero bytes at the end. */
export function bmpPassword(password: string): Uint8Array {
  const out = new Uint8Array(password.length * 2 + 2);
  // Stryker disable next-line EqualityOperator: one step more writes charCodeAt's NaN as the two zero bytes already there
  for (let i = 0; i < password.length; i++) {
    out[2 * i] = password.charCodeAt(i) >> 8;
    out[2 * i + 1] = password.charCodeAt(i) & 0xff;
  }
  return out;
}

/** RFC 7292 appendix B.3: ID 1 derives a key, 2 an IV, 3 a MAC key. */
export type Pkcs12KdfPurpose = 1 | 2 | 3;

function repeatTo(bytes: Uint8Array, v: number): Uint8Array {
  const length = v * Math.ceil(bytes.length / v);
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) out[i] = bytes[i % bytes.length]!;
  return out;
}

/** RFC 7292 appendix B.2: n bytes from the BMPString password, the salt and r iterations of the hash. */
export function pkcs12Kdf(hash: DigestName, password: Uint8Array, salt: Uint8Array, iterations: number, id: Pkcs12KdfPurpose, n: number): Uint8Array {
  const h = hashFunction(hash);
  const u = h.outputLen;
  const v = h.blockLen;
  const d = new Uint8Array(v).fill(id);
  const s = salt.length ? repeatTo(salt, v) : new Uint8Array();
  const p = password.length ? repeatTo(password, v) : new Uint8Array();
  const input = new Uint8Array(s.length + p.length);
  input.set(s);
  input.set(p, s.length);
  // Stryker disable next-line ArithmeticOperator: a longer buffer is cut to n bytes below
  const out = new Uint8Array(Math.ceil(n / u) * u);
  for (let i = 0; i * u < n; i++) {
    let a = h(new Uint8Array([...d, ...input]));
    for (let r = 1; r < iterations; r++) a = h(a);
    out.set(a, i * u);
    const b = repeatTo(a, v).subarray(0, v);
    // I_j = (I_j + B + 1) mod 2^(8v), for each v-byte block of I.
    // Stryker disable next-line EqualityOperator: a step past the end writes nothing into a Uint8Array
    for (let j = 0; j < input.length; j += v) {
      let carry = 1;
      for (let k = v - 1; k >= 0; k--) {
        const sum = input[j + k]! + b[k]! + carry;
        input[j + k] = sum & 0xff;
        carry = sum >> 8;
      }
    }
  }
  return out.subarray(0, n);
}

/** HMAC (RFC 2104) with a hash by name. */
export function hmacOf(hash: DigestName, key: Uint8Array, data: Uint8Array): Uint8Array {
  return hmac(hashFunction(hash), key, data);
}

/** PBKDF2 (RFC 8018 section 5.2) with HMAC over `hash`; WebCrypto where it has the hash, @noble otherwise. */
export async function pbkdf2(hash: DigestName, password: Uint8Array, salt: Uint8Array, iterations: number, length: number): Promise<Uint8Array> {
  if (hash === "SHA-224" || hash === "MD5") return pbkdf2Async(hashFunction(hash), password, salt, { c: iterations, dkLen: length });
  const subtle = globalThis.crypto.subtle;
  const key = await subtle.importKey("raw", toArrayBuffer(password), "PBKDF2", false, ["deriveBits"]);
  return new Uint8Array(await subtle.deriveBits({ name: "PBKDF2", hash, salt: toArrayBuffer(salt), iterations }, key, length * 8));
}
