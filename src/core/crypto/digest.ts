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

/**
 * Below this many bytes @noble/hashes is used even where WebCrypto has the hash: a WebCrypto call
 * costs about 40-60 microseconds whatever the input in Node 20 (measured: SHA-256 of 200 bytes 58 us
 * against @noble's 4 us; even at 8 KiB, 43 us against 47 us), and a message's signed attributes,
 * certificates and small bodies are all below it.
 */
const SMALL_INPUT = 4096;

export async function digest(name: DigestName, data: Uint8Array): Promise<Uint8Array> {
  // Stryker disable next-line ConditionalExpression,EqualityOperator: @noble gives the same digests; WebCrypto is only faster on large inputs
  if (name === "SHA-224" || name === "MD5" || data.length < SMALL_INPUT) return NOBLE[name](data);
  return new Uint8Array(await globalThis.crypto.subtle.digest(name, data as Uint8Array<ArrayBuffer>));
}
