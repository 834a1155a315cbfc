/**
 * DSA signature verification (FIPS 186-4 section 4.7), which WebCrypto lacks.
 * DSA is legacy (RFC 8551 section 2.2 keeps it for receiving old mail only),
 * but RFC 4134's examples and NIST PKITS still use it. Public-key only.
 */
import * as asn1js from "asn1js";
import { DIGEST_LENGTH, type DigestName } from "./algorithms.js";
import { digest } from "./digest.js";
import { modInverse, modPow, toBigInt } from "./bigint.js";
import { readSigValue } from "./sig-value.js";

export interface DsaPublicKey {
  p: bigint;
  q: bigint;
  g: bigint;
  y: bigint;
}

export function asn1Integer(el: unknown): bigint | null {
  return el instanceof asn1js.Integer ? toBigInt(el.valueBlock.valueHexView) : null;
}

export async function verifyDsa(key: DsaPublicKey, hash: DigestName, data: Uint8Array, signature: Uint8Array): Promise<boolean> {
  const sig = readSigValue(signature);
  if (!sig) return false;
  const { p, q, g, y } = key;
  const [r, s] = [toBigInt(sig.r), toBigInt(sig.s)];
  // Stryker disable next-line all: v is (g^u1 y^u2 mod p) mod q, in [0, q), and 0 only by a 1-in-q chance, so r outside (0, q) never equals it; the test is FIPS 186-4's and kept
  if (r <= 0n || r >= q) return false;
  // Without this, s = 0 gives w = 0 and v = 1: (r, s) = (1, 0) would verify any message.
  if (s <= 0n || s >= q) return false;
  // z = the leftmost min(N, outlen) bits of Hash(M) (FIPS 186-4 section 4.6).
  const h = await digest(hash, data);
  const nBits = q.toString(2).length;
  let z = toBigInt(h);
  const hBits = DIGEST_LENGTH[hash] * 8;
  // Stryker disable next-line EqualityOperator: equal lengths shift by zero
  if (hBits > nBits) z >>= BigInt(hBits - nBits);
  const w = modInverse(s, q);
  const u1 = (z * w) % q;
  const u2 = (r * w) % q;
  const v = ((modPow(g, u1, p) * modPow(y, u2, p)) % p) % q;
  return v === r;
}
