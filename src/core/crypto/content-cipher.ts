/**
 * The content-encryption algorithms of S/MIME, one row each: the key length
 * the key transport must yield (RFC 3218 needs it known in advance), how to
 * read the parameters, and how to decrypt. AES goes through WebCrypto (AES-192
 * through aes-software.ts where WebCrypto lacks it); 3DES and RC2, which
 * WebCrypto lacks, through legacy-cbc.ts.
 */
import * as asn1js from "asn1js";
import { OID } from "../oids.js";
import { toArrayBuffer } from "../util/bytes.js";
import { integerValue } from "../util/asn1-integer.js";
import { rc2CbcDecrypt, tripleDesCbcDecrypt } from "./legacy-cbc.js";
import { aesCbcDecryptSoftware, aesGcmDecryptSoftware } from "./aes-software.js";

export interface ContentCipher {
  /** The length in bytes of the content-encryption key. */
  keyLength: number;
  /** Bits of strength shown to the reader: the key size, or RC2's effective key bits. */
  bits: number;
  /**
   * The plaintext, or null when the key, the padding or the tag is wrong: one answer for all of them,
   * so no caller can tell a wrong key from damaged content.
   */
  decrypt(key: Uint8Array, ciphertext: Uint8Array, aad?: Uint8Array, tag?: Uint8Array): Promise<Uint8Array | null>;
}

export type ContentCipherResult = { ok: true; cipher: ContentCipher } | { ok: false; why: "unknown-algorithm" | "parameters-malformed" };

function octets(el: asn1js.AsnType | undefined, length?: number): Uint8Array | null {
  // Stryker disable next-line ConditionalExpression,LogicalOperator: asn1js leaves a constructed string's own bytes empty, so the length checks refuse it too; this says so first
  if (!(el instanceof asn1js.OctetString) || el.valueBlock.isConstructed) return null;
  const v = new Uint8Array(el.valueBlock.valueHexView);
  return length === undefined || v.length === length ? v : null;
}

function integer(el: asn1js.AsnType | undefined): number | null {
  return el instanceof asn1js.Integer ? integerValue(el) : null;
}

function parseParams(params: Uint8Array | null): asn1js.AsnType | undefined {
  if (!params) return undefined;
  const parsed = asn1js.fromBER(toArrayBuffer(params));
  // asn1js's offset is -1 when it cannot read, which no length equals.
  return parsed.offset !== params.length ? undefined : parsed.result;
}

// Stryker disable all: where WebCrypto will not take the key, aes-software.ts gives the same answers (both tested against
// OpenSSL), so in Node, whose WebCrypto has AES-192, which of the two runs is not observable; Chromium's test shows the fallback
/** The key as WebCrypto's, or null where WebCrypto has no AES of its length (Chromium: no AES-192). */
async function webCryptoKey(name: "AES-CBC" | "AES-GCM", key: Uint8Array): Promise<CryptoKey | null> {
  try {
    return await globalThis.crypto.subtle.importKey("raw", toArrayBuffer(key), name, false, ["decrypt"]);
  } catch {
    return null;
  }
}
// Stryker restore all

async function webCryptoDecrypt(algorithm: AesCbcParams | AesGcmParams, key: CryptoKey, data: Uint8Array): Promise<Uint8Array | null> {
  try {
    // The view itself, not a copy (a large message's ciphertext is most of it); WebCrypto copies what it needs.
    return new Uint8Array(await globalThis.crypto.subtle.decrypt(algorithm, key, data as Uint8Array<ArrayBuffer>));
  } catch {
    return null;
  }
}

/** RFC 3565 section 4.1: AES-CBC, the parameter is the 16-byte IV. */
function aesCbc(keyLength: number, params: asn1js.AsnType | undefined): ContentCipherResult {
  const iv = octets(params, 16);
  if (!iv) return { ok: false, why: "parameters-malformed" };
  return {
    ok: true,
    cipher: {
      keyLength,
      bits: keyLength * 8,
      decrypt: async (key, ciphertext) => {
        // Stryker disable next-line StringLiteral: as above, either path gives the answer
        const k = await webCryptoKey("AES-CBC", key);
        return k ? webCryptoDecrypt({ name: "AES-CBC", iv: toArrayBuffer(iv) }, k, ciphertext) : aesCbcDecryptSoftware(key, iv, ciphertext);
      },
    },
  };
}

/** RFC 5084 section 3.2: GCMParameters ::= SEQUENCE { aes-nonce OCTET STRING, aes-ICVlen INTEGER DEFAULT 12 }. */
function aesGcm(keyLength: number, params: asn1js.AsnType | undefined): ContentCipherResult {
  if (!(params instanceof asn1js.Sequence)) return { ok: false, why: "parameters-malformed" };
  const [nonceEl, icvEl] = params.valueBlock.value;
  const nonce = octets(nonceEl);
  const icvLen = icvEl === undefined ? 12 : integer(icvEl);
  // RFC 5084 section 3.2: the ICV is 12 to 16 octets (4 and 8 are for other uses, never for CMS).
  // Stryker disable next-line ConditionalExpression: null compares below 12 too; the test is there for the type
  if (!nonce || nonce.length === 0 || icvLen === null || icvLen < 12 || icvLen > 16) return { ok: false, why: "parameters-malformed" };
  return {
    ok: true,
    cipher: {
      keyLength,
      bits: keyLength * 8,
      decrypt: async (key, ciphertext, aad, tag) => {
        // Stryker disable next-line ConditionalExpression: a tag of another length fails WebCrypto's check as well; this refuses it first
        if (!tag || tag.length !== icvLen) return null;
        // Stryker disable next-line StringLiteral: as above, either path gives the answer
        const k = await webCryptoKey("AES-GCM", key);
        // Stryker disable next-line ConditionalExpression,BooleanLiteral: as above
        if (!k) return aesGcmDecryptSoftware(key, nonce, ciphertext, tag, icvLen, aad);
        const data = new Uint8Array(ciphertext.length + tag.length);
        data.set(ciphertext);
        data.set(tag, ciphertext.length);
        const algorithm: AesGcmParams = { name: "AES-GCM", iv: toArrayBuffer(nonce), tagLength: icvLen * 8 };
        if (aad) algorithm.additionalData = toArrayBuffer(aad);
        return webCryptoDecrypt(algorithm, k, data);
      },
    },
  };
}

/** RFC 3370 section 5.1: DES-EDE3-CBC, the parameter is the 8-byte IV. */
function tripleDes(params: asn1js.AsnType | undefined): ContentCipherResult {
  const iv = octets(params, 8);
  if (!iv) return { ok: false, why: "parameters-malformed" };
  return {
    ok: true,
    cipher: { keyLength: 24, bits: 112, decrypt: async (key, ct) => tripleDesCbcDecrypt(key, iv, ct) },
  };
}

/**
 * RFC 3370 section 5.2 and RFC 2268 section 6: RC2-CBC, the parameter is a SEQUENCE of the version
 * (which encodes the effective key bits) and the IV, or the IV alone (32 effective bits).
 */
function rc2(params: asn1js.AsnType | undefined): ContentCipherResult {
  const [bits, iv] =
    params instanceof asn1js.Sequence
      ? [rc2EffectiveBits(integer(params.valueBlock.value[0])), octets(params.valueBlock.value[1], 8)]
      : [32, octets(params, 8)];
  if (!iv || bits === null) return { ok: false, why: "parameters-malformed" };
  // The key carries as many bytes as the effective bits need (what every S/MIME sender does).
  const keyLength = Math.ceil(bits / 8);
  return { ok: true, cipher: { keyLength, bits, decrypt: async (key, ct) => rc2CbcDecrypt(key, bits, iv, ct) } };
}

/**
 * RFC 2268 section 6: versions 160, 120 and 58 stand for 40, 64 and 128 bits (the ones senders use; the
 * rest of that section's table is not read); 256 to 1024 are the bits themselves.
 */
function rc2EffectiveBits(version: number | null): number | null {
  if (version === 160) return 40;
  if (version === 120) return 64;
  if (version === 58) return 128;
  // Stryker disable next-line ConditionalExpression: null compares below 256 too; the test is there for the type
  return version !== null && version >= 256 && version <= 1024 ? version : null;
}

const AES_CBC: Record<string, number> = { [OID.aes128Cbc]: 16, [OID.aes192Cbc]: 24, [OID.aes256Cbc]: 32 };
const AES_GCM: Record<string, number> = { [OID.aes128Gcm]: 16, [OID.aes192Gcm]: 24, [OID.aes256Gcm]: 32 };

/** The cipher named by a ContentEncryptionAlgorithmIdentifier, or why it cannot be used. */
export function contentCipher(oid: string, params: Uint8Array | null): ContentCipherResult {
  const parsed = parseParams(params);
  if (AES_CBC[oid]) return aesCbc(AES_CBC[oid], parsed);
  if (AES_GCM[oid]) return aesGcm(AES_GCM[oid], parsed);
  if (oid === OID.desEde3Cbc) return tripleDes(parsed);
  if (oid === OID.rc2Cbc) return rc2(parsed);
  return { ok: false, why: "unknown-algorithm" };
}
