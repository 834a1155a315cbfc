/**
 * Message digests. WebCrypto does every hash it has; SHA-224 and MD5, which
 * WebCrypto lacks, come from @noble/hashes. MD5 is computed only so a report
 * can say precisely what was used: policy never accepts it.
 */
import { sha224 } from "@noble/hashes/sha2.js";
import { md5 } from "@noble/hashes/legacy.js";
import type { DigestName } from "./algorithms.js";

export async function digest(name: DigestName, data: Uint8Array): Promise<Uint8Array> {
  switch (name) {
    case "SHA-224":
      return sha224(data);
    case "MD5":
      return md5(data);
    default:
      return new Uint8Array(await globalThis.crypto.subtle.digest(name, data as Uint8Array<ArrayBuffer>));
  }
}

export function digestSync(name: DigestName): ((data: Uint8Array) => Uint8Array) | null {
  switch (name) {
    case "SHA-224":
      return sha224;
    case "MD5":
      return md5;
    default:
      return null;
  }
}
