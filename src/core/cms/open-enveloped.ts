/**
 * Opening an EnvelopedData or AuthEnvelopedData with the user's own keys:
 * find the RecipientInfo that names one of them (RFC 5652 section 6.2), recover
 * the content-encryption key, and decrypt (RFC 5652 section 6.3, RFC 5083).
 *
 * Every failure after a recipient matched is one outcome, "failed": a wrong
 * padding in the key transport, a key that unwraps badly, content whose padding
 * or tag is wrong. With RFC 3218's random key (crypto/rsa-decrypt.ts) a bad
 * key transport is not even known as such: it fails where a wrong key would.
 */
import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import { OID, oidName } from "../oids.js";
import { digestByOid, type DigestName } from "../crypto/algorithms.js";
import { contentCipher, type ContentCipher } from "../crypto/content-cipher.js";
import { decryptOaepKey, decryptPkcs1v15Key } from "../crypto/rsa-decrypt.js";
import { aesKeyUnwrap, agreementHash, eccCmsSharedInfo, wrapKekLength, x963Kdf } from "../crypto/key-agreement.js";
import type { RecipientKey } from "../keys/recipient-key.js";
import type { UnsupportedReason } from "../report/codes.js";
import { bytesEqual } from "../util/bytes.js";
import { serialKey } from "../x509/serial.js";
import { receivedBytes, type EnvelopedParts } from "./enveloped-data.js";

export type OpenOutcome =
  | { ok: true; content: Uint8Array; cipher: ContentCipher; recipient: number; key: RecipientKey }
  /** None of the keys is among the recipients. */
  | { ok: false; reason: "not-a-recipient" }
  /** A recipient matched, but an algorithm on the way is one Signet does not implement. */
  | { ok: false; reason: "unsupported"; algorithm: string; why: UnsupportedReason }
  /** A recipient matched and decryption failed: key transport, key unwrap, padding or tag, never told apart. */
  | { ok: false; reason: "failed"; recipient: number }
  /** The content is not inside (RFC 5652 section 6.1: encryptedContent is optional). */
  | { ok: false; reason: "no-content" };

type Rid = pkijs.IssuerAndSerialNumber | asn1js.OctetString;

function names(rid: Rid, key: RecipientKey): boolean {
  const cert = key.certificate;
  if (rid instanceof pkijs.IssuerAndSerialNumber) {
    // Serials compare as signed integers (RFC 5280 section 4.1.2.2), names as RFC 5280 section 7.1 says.
    return serialKey(rid.serialNumber.valueBlock.valueHexView) === serialKey(cert.cert.serialNumber.valueBlock.valueHexView) && cert.cert.issuer.isEqual(rid.issuer);
  }
  const own = cert.subjectKeyIdentifier;
  return own !== null && bytesEqual(own, new Uint8Array(rid.valueBlock.valueHexView));
}

/** A content-encryption key to try, from one RecipientInfo entry that names one of the keys. */
type Candidate = { recipient: number; key: RecipientKey; unwrap: (cipher: ContentCipher) => Promise<Uint8Array | null> } | { recipient: number; unsupported: { algorithm: string; why: UnsupportedReason } };

/**
 * RFC 4055 section 4.1: RSAES-OAEP-params ::= SEQUENCE { hashFunc [0] DEFAULT sha1, maskGenFunc [1]
 * DEFAULT mgf1SHA1, pSourceFunc [2] DEFAULT pSpecifiedEmpty }, each explicitly tagged. Read here
 * rather than by pkijs, whose default label is SHA-1's digest of nothing instead of nothing.
 */
function oaepParams(params: unknown): { hash: DigestName; mgfHash: DigestName; label: Uint8Array } | null {
  const out = { hash: "SHA-1" as DigestName | null, mgfHash: "SHA-1" as DigestName | null, label: new Uint8Array() };
  if (params === undefined || params instanceof asn1js.Null) return { hash: "SHA-1", mgfHash: "SHA-1", label: out.label };
  // Stryker disable next-line ConditionalExpression: another type has no list of fields, and the loop's throw is caught by the caller, with the same null
  if (!(params instanceof asn1js.Sequence)) return null;
  for (const field of params.valueBlock.value) {
    // Stryker disable next-line OptionalChaining: a primitive field has no value list, and without the ?. the throw is caught by the caller, with the same null
    const inner = (field as asn1js.Constructed).valueBlock.value?.[0];
    if (field.idBlock.tagClass !== 3 || !inner) return null;
    const alg = new pkijs.AlgorithmIdentifier({ schema: inner });
    const tag = field.idBlock.tagNumber;
    if (tag === 0) out.hash = digestByOid(alg.algorithmId);
    else if (tag === 1) {
      if (alg.algorithmId !== OID.mgf1 || !alg.algorithmParams) return null;
      out.mgfHash = digestByOid(new pkijs.AlgorithmIdentifier({ schema: alg.algorithmParams as asn1js.AsnType }).algorithmId);
    } else if (tag === 2) {
      const label = alg.algorithmParams as unknown;
      if (alg.algorithmId !== OID.pSpecified || !(label instanceof asn1js.OctetString)) return null;
      out.label = new Uint8Array(label.valueBlock.valueHexView);
    } else return null;
  }
  const { hash, mgfHash, label } = out;
  // MD5 is no hash for new cryptography (RFC 6151); no sender uses it for OAEP.
  if (!hash || !mgfHash || hash === "MD5" || mgfHash === "MD5") return null;
  return { hash, mgfHash, label };
}

function keyTransport(ri: pkijs.KeyTransRecipientInfo, key: RecipientKey, recipient: number): Candidate {
  const oid = ri.keyEncryptionAlgorithm.algorithmId;
  const encryptedKey = new Uint8Array(ri.encryptedKey.valueBlock.valueHexView);
  if (key.kind !== "rsa") return { recipient, unsupported: { algorithm: oidName(oid), why: "key-kind-mismatch" } };
  if (oid === OID.rsaEncryption) return { recipient, key, unwrap: async (cipher) => decryptPkcs1v15Key(key.rsa, encryptedKey, cipher.keyLength) };
  if (oid === OID.rsaesOaep) {
    let params: ReturnType<typeof oaepParams>;
    // Stryker disable BlockStatement: an empty catch leaves params undefined, which is refused below as null is
    try {
      params = oaepParams(ri.keyEncryptionAlgorithm.algorithmParams);
    } catch {
      params = null;
    }
    // Stryker restore BlockStatement
    if (!params) return { recipient, unsupported: { algorithm: oidName(oid), why: "parameters-malformed" } };
    const { hash, mgfHash, label } = params;
    return { recipient, key, unwrap: async (cipher) => decryptOaepKey(key.rsa, encryptedKey, cipher.keyLength, hash, mgfHash, label) };
  }
  return { recipient, unsupported: { algorithm: oidName(oid), why: "unknown-algorithm" } };
}

/** The OID of an AlgorithmIdentifier, or null when the element is none. */
function algorithmOid(el: asn1js.AsnType): string | null {
  try {
    return new pkijs.AlgorithmIdentifier({ schema: el }).algorithmId;
  } catch {
    return null;
  }
}

/** RFC 5753 section 3.1.2: ephemeral-static ECDH, the originator's key given in the message. */
function keyAgreement(ri: pkijs.KeyAgreeRecipientInfo, encryptedKey: Uint8Array, key: RecipientKey, recipient: number): Candidate {
  const scheme = ri.keyEncryptionAlgorithm.algorithmId;
  const hash = agreementHash(scheme);
  if (!hash) return { recipient, unsupported: { algorithm: oidName(scheme), why: "unknown-algorithm" } };
  if (key.kind !== "ec") return { recipient, unsupported: { algorithm: oidName(scheme), why: "key-kind-mismatch" } };
  // RFC 5753 section 7.1: the scheme's parameters are the key-wrap AlgorithmIdentifier.
  const wrapEl = ri.keyEncryptionAlgorithm.algorithmParams as asn1js.AsnType | undefined;
  const wrapOid = wrapEl ? algorithmOid(wrapEl) : undefined;
  if (wrapOid === null) return { recipient, unsupported: { algorithm: oidName(scheme), why: "parameters-malformed" } };
  const kekLength = wrapOid ? wrapKekLength(wrapOid) : null;
  // A KEK length comes only from a wrap algorithm, which comes only from wrapEl.
  if (!kekLength) return { recipient, unsupported: { algorithm: oidName(wrapOid ?? scheme), why: "unknown-algorithm" } };
  // OriginatorIdentifierOrKey (RFC 5652 section 6.2.2): only originatorKey [1] is ephemeral-static.
  const originator = ri.originator.value as unknown;
  if (!(originator instanceof pkijs.OriginatorPublicKey)) return { recipient, unsupported: { algorithm: oidName(scheme), why: "unknown-algorithm" } };
  const point = new Uint8Array(originator.publicKey.valueBlock.valueHexView);
  const ukm = ri.ukm ? new Uint8Array(ri.ukm.valueBlock.valueHexView) : null;
  const sharedInfo = eccCmsSharedInfo(receivedBytes(wrapEl!), ukm, kekLength);
  return {
    recipient,
    key,
    unwrap: async () => {
      const z = await key.agree(point);
      return z ? aesKeyUnwrap(x963Kdf(hash, z, sharedInfo, kekLength), encryptedKey) : null;
    },
  };
}

/** Every RecipientInfo entry naming one of the keys, numbered as the report's recipients are. */
function candidates(parts: EnvelopedParts, keys: readonly RecipientKey[]): Candidate[] {
  const found: Candidate[] = [];
  let recipient = 0;
  for (const ri of parts.recipientInfos) {
    const v = ri.value as unknown;
    if (v instanceof pkijs.KeyTransRecipientInfo) {
      const key = keys.find((k) => names(v.rid as Rid, k));
      if (key) found.push(keyTransport(v, key, recipient));
      recipient++;
    } else if (v instanceof pkijs.KeyAgreeRecipientInfo) {
      for (const rek of v.recipientEncryptedKeys.encryptedKeys) {
        const rid = rek.rid.value as pkijs.IssuerAndSerialNumber | pkijs.RecipientKeyIdentifier;
        const key = keys.find((k) => names(rid instanceof pkijs.IssuerAndSerialNumber ? rid : rid.subjectKeyIdentifier, k));
        if (key) found.push(keyAgreement(v, new Uint8Array(rek.encryptedKey.valueBlock.valueHexView), key, recipient));
        recipient++;
      }
    } else {
      // KEK and password recipients (RFC 5652 sections 6.2.3, 6.2.4) name no certificate.
      recipient++;
    }
  }
  return found;
}

export async function openEnveloped(parts: EnvelopedParts, keys: readonly RecipientKey[]): Promise<OpenOutcome> {
  const mine = candidates(parts, keys);
  if (mine.length === 0) return { ok: false, reason: "not-a-recipient" };
  const chosen = contentCipher(parts.contentEncryptionOid, parts.contentEncryptionParams);
  if (!chosen.ok) return { ok: false, reason: "unsupported", algorithm: oidName(parts.contentEncryptionOid), why: chosen.why };
  if (!parts.encryptedContent) return { ok: false, reason: "no-content" };
  const { cipher } = chosen;
  let failed: number | null = null;
  let unsupported: { algorithm: string; why: UnsupportedReason } | null = null;
  for (const c of mine) {
    if ("unsupported" in c) {
      unsupported ??= c.unsupported;
      continue;
    }
    const cek = await c.unwrap(cipher);
    const content = cek && cek.length === cipher.keyLength ? await cipher.decrypt(cek, parts.encryptedContent, parts.authAttributes ?? undefined, parts.mac ?? undefined) : null;
    if (content) return { ok: true, content, cipher, recipient: c.recipient, key: c.key };
    failed ??= c.recipient;
  }
  if (failed !== null) return { ok: false, reason: "failed", recipient: failed };
  return { ok: false, reason: "unsupported", ...unsupported! };
}
