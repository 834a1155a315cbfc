/**
 * Message digests. `digest` uses WebCrypto for every hash it has; SHA-224 and
 * MD5, which WebCrypto lacks, come from @noble/hashes. MD5 is computed only so
 * a report can say precisely what was used: policy never accepts it.
 * `syncHash` serves the hand-written RSA paths, which hash inside their padding checks.
 */
import { sha224, sha256, sha384, sha512 } from "@noble/hashes/sha2.js";
import { md5, sha1 } from "@noble/hashes/legacy.js";
import type { CHash } from "@noble/hashes/utils.js";
import type { DigestName } from "./algorithms.js";

const NOBLE: Record<DigestName, CHash> = {
  MD5: md5,
  "SHA-1": sha1,
  "SHA-224": sha224,
  "SHA-256": sha256,
  "SHA-384": sha384,
  "SHA-512": sha512,
};

export function syncHash(name: DigestName): (data: Uint8Array) => Uint8Array {
  return NOBLE[name];
}

/** The hash as @noble/hashes' HMAC and PBKDF2 take it (with its block length). */
export function hashFunction(name: DigestName): CHash {
  return NOBLE[name];
}

export async function digest(name: DigestName, data: Uint8Array): Promise<Uint8Array> {
  // Stryker disable next-line ConditionalExpression: @noble gives the same digests; WebCrypto is only faster
  if (name === "SHA-224" || name === "MD5") return NOBLE[name](data);
  return new Uint8Array(await globalThis.crypto.subtle.digest(name, data as Uint8Array<ArrayBuffer>));
}
