/**
 * ECDH key agreement as CMS uses it (RFC 5753): the key-encryption key comes
 * from the shared secret through the ANSI X9.63 KDF, over an
 * ECC-CMS-SharedInfo that names the key-wrap algorithm, carries the UKM when
 * there is one and the KEK's length; the KEK then unwraps the content key
 * with AES key wrap (RFC 3394, via RFC 3565 section 2.3.2).
 */
import * as asn1js from "asn1js";
import { aeskw } from "@noble/ciphers/aes.js";
import { OID } from "../oids.js";
import { DIGEST_LENGTH, type DigestName } from "./algorithms.js";
import { syncHash } from "./digest.js";
import { concatBytes } from "../util/bytes.js";

/**
 * RFC 5753 section 7.1.4 (and section 8 of SEC 1): the key-agreement schemes by their KDF hash. The
 * cofactor schemes compute the same secret on the NIST curves, whose cofactor is 1.
 */
const SCHEME_HASH: Record<string, DigestName> = {
  [OID.ecdhStdSha1Kdf]: "SHA-1",
  [OID.ecdhStdSha224Kdf]: "SHA-224",
  [OID.ecdhStdSha256Kdf]: "SHA-256",
  [OID.ecdhStdSha384Kdf]: "SHA-384",
  [OID.ecdhStdSha512Kdf]: "SHA-512",
  "1.3.133.16.840.63.0.3": "SHA-1",
  "1.3.132.1.14.0": "SHA-224",
  "1.3.132.1.14.1": "SHA-256",
  "1.3.132.1.14.2": "SHA-384",
  "1.3.132.1.14.3": "SHA-512",
};

/** RFC 3565 section 2.3.2: the AES key-wrap algorithms by KEK length. */
const WRAP_KEK_LENGTH: Record<string, number> = { [OID.aes128Wrap]: 16, [OID.aes192Wrap]: 24, [OID.aes256Wrap]: 32 };

export function agreementHash(schemeOid: string): DigestName | null {
  return SCHEME_HASH[schemeOid] ?? null;
}

export function wrapKekLength(wrapOid: string): number | null {
  return WRAP_KEK_LENGTH[wrapOid] ?? null;
}

/** ANSI X9.63 KDF (SEC 1 section 3.6.1): Hash(Z || counter || SharedInfo), counter from 1, 32 bits big-endian. */
export function x963Kdf(hash: DigestName, z: Uint8Array, sharedInfo: Uint8Array, length: number): Uint8Array {
  const h = syncHash(hash);
  const blocks: Uint8Array[] = [];
  // Stryker disable next-line EqualityOperator: one block more is cut off by the subarray below
  for (let counter = 1; blocks.length * DIGEST_LENGTH[hash] < length; counter++) {
    const c = new Uint8Array([counter >>> 24, (counter >>> 16) & 0xff, (counter >>> 8) & 0xff, counter & 0xff]);
    blocks.push(h(concatBytes([z, c, sharedInfo])));
  }
  return concatBytes(blocks).subarray(0, length);
}

/**
 * RFC 5753 section 7.2: ECC-CMS-SharedInfo ::= SEQUENCE { keyInfo AlgorithmIdentifier,
 * entityUInfo [0] EXPLICIT OCTET STRING OPTIONAL, suppPubInfo [2] EXPLICIT OCTET STRING }.
 * keyInfo is the key-wrap AlgorithmIdentifier exactly as the sender wrote it; entityUInfo is the UKM
 * and is left out when there is none (pkijs writes an empty one, which derives another KEK);
 * suppPubInfo is the KEK length in bits as four big-endian bytes.
 */
export function eccCmsSharedInfo(keyWrapAlgorithm: Uint8Array, ukm: Uint8Array | null, kekLength: number): Uint8Array {
  const bits = kekLength * 8;
  const keyInfo = asn1js.fromBER(keyWrapAlgorithm).result;
  const fields: asn1js.AsnType[] = [keyInfo];
  if (ukm) fields.push(new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 0 }, value: [new asn1js.OctetString({ valueHex: ukm })] }));
  const suppPubInfo = new Uint8Array([bits >>> 24, (bits >>> 16) & 0xff, (bits >>> 8) & 0xff, bits & 0xff]);
  fields.push(new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 2 }, value: [new asn1js.OctetString({ valueHex: suppPubInfo })] }));
  return new Uint8Array(new asn1js.Sequence({ value: fields }).toBER(false));
}

/** AES key unwrap (RFC 3394 section 2.2.2), or null when its integrity check fails. */
export function aesKeyUnwrap(kek: Uint8Array, wrapped: Uint8Array): Uint8Array | null {
  // Stryker disable BlockStatement: an empty catch returns undefined, which every caller refuses as it refuses null
  try {
    return aeskw(kek).decrypt(wrapped);
  } catch {
    return null;
  }
  // Stryker restore BlockStatement
}
