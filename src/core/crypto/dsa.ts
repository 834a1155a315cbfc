/**
 * DSA signature verification (FIPS 186-4 section 4.7), which WebCrypto lacks.
 * DSA is legacy (RFC 8551 section 2.2 keeps it for receiving old mail only),
 * but RFC 4134's examples and NIST PKITS still use it. Public-key only.
 */
import * as asn1js from "asn1js";
import { DIGEST_LENGTH, type DigestName } from "./algorithms.js";
import { digest } from "./digest.js";
import { toArrayBuffer } from "../util/bytes.js";
import { modInverse, modPow, toBigInt } from "./bigint.js";

export interface DsaPublicKey {
  p: bigint;
  q: bigint;
  g: bigint;
  y: bigint;
}

export function asn1Integer(el: unknown): bigint | null {
  return el instanceof asn1js.Integer ? toBigInt(el.valueBlock.valueHexView) : null;
}

/** Dss-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER } (RFC 3279 section 2.2.2). */
function readSignature(der: Uint8Array): { r: bigint; s: bigint } | null {
  const parsed = asn1js.fromBER(toArrayBuffer(der));
  if (parsed.offset !== der.length || !(parsed.result instanceof asn1js.Sequence)) return null;
  const [r, s] = parsed.result.valueBlock.value.map(asn1Integer);
  return r !== null && r !== undefined && s !== null && s !== undefined && parsed.result.valueBlock.value.length === 2 ? { r, s } : null;
}

export async function verifyDsa(key: DsaPublicKey, hash: DigestName, data: Uint8Array, signature: Uint8Array): Promise<boolean> {
  const sig = readSignature(signature);
  if (!sig) return false;
  const { p, q, g, y } = key;
  const { r, s } = sig;
  if (r <= 0n || r >= q || s <= 0n || s >= q) return false;
  // z = the leftmost min(N, outlen) bits of Hash(M) (FIPS 186-4 section 4.6).
  const h = await digest(hash, data);
  const nBits = q.toString(2).length;
  let z = toBigInt(h);
  const hBits = DIGEST_LENGTH[hash] * 8;
  if (hBits > nBits) z >>= BigInt(hBits - nBits);
  const w = modInverse(s, q);
  const u1 = (z * w) % q;
  const u2 = (r * w) % q;
  const v = ((modPow(g, u1, p) * modPow(y, u2, p)) % p) % q;
  return v === r;
}
