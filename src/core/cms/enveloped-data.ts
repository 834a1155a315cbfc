/**
 * EnvelopedData (RFC 5652 section 6) and AuthEnvelopedData (RFC 5083 section 2.1),
 * described without decrypting: who it is encrypted to and with what. Both
 * share the same prefix (version, [0] originatorInfo, recipientInfos,
 * encrypted content info), so one reader serves both.
 */
import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import type { AlgorithmName, RecipientSummary } from "../report/types.js";
import { concatBytes, toHex } from "../util/bytes.js";
import { formatName } from "../x509/name.js";
import { serialToHex } from "../x509/serial.js";
import { algorithmName } from "../oids.js";
import { octetStringContent } from "./asn1.js";

export interface EnvelopedSummary {
  recipients: RecipientSummary[];
  contentEncryptionAlgorithm: AlgorithmName | null;
}

/** A recipient named by issuer and serial, or by subject key identifier (RFC 5652 sections 6.2.1 and 6.2.2). */
function identify(rid: pkijs.IssuerAndSerialNumber | asn1js.OctetString): Partial<RecipientSummary> {
  if (rid instanceof pkijs.IssuerAndSerialNumber) {
    return { issuer: formatName(rid.issuer), serialNumber: serialToHex(rid.serialNumber.valueBlock.valueHexView) };
  }
  return { subjectKeyIdentifier: toHex(rid.valueBlock.valueHexView).toUpperCase() };
}

function summarizeRecipient(ri: pkijs.RecipientInfo): RecipientSummary[] {
  const v = ri.value;
  if (v instanceof pkijs.KeyTransRecipientInfo) {
    return [{ kind: "key-transport", algorithm: algorithmName(v.keyEncryptionAlgorithm.algorithmId), ...identify(v.rid) }];
  }
  if (v instanceof pkijs.KeyAgreeRecipientInfo) {
    return v.recipientEncryptedKeys.encryptedKeys.map((k) => {
      // KeyAgreeRecipientIdentifier (RFC 5652 section 6.2.2): issuerAndSerialNumber, or rKeyId [0] whose first field is the key identifier.
      const rid: pkijs.IssuerAndSerialNumber | pkijs.RecipientKeyIdentifier = k.rid.value;
      const id = identify(rid instanceof pkijs.IssuerAndSerialNumber ? rid : rid.subjectKeyIdentifier);
      return { kind: "key-agreement" as const, algorithm: algorithmName(v.keyEncryptionAlgorithm.algorithmId), ...id };
    });
  }
  if (v instanceof pkijs.KEKRecipientInfo) return [{ kind: "kek", algorithm: algorithmName(v.keyEncryptionAlgorithm.algorithmId) }];
  if (v instanceof pkijs.PasswordRecipientinfo) return [{ kind: "password", algorithm: algorithmName(v.keyEncryptionAlgorithm.algorithmId) }];
  // OtherRecipientInfo [4] (RFC 5652 section 6.2.5): a kind this reader does not know, named by its oriType.
  return [{ kind: "other", algorithm: algorithmName((v as pkijs.OtherRecipientInfo).oriType) }];
}

/** The parts of an EnvelopedData or AuthEnvelopedData that opening it needs. */
export interface EnvelopedParts {
  summary: EnvelopedSummary;
  recipientInfos: pkijs.RecipientInfo[];
  contentEncryptionOid: string;
  /** The ContentEncryptionAlgorithmIdentifier's parameters as DER, or null when absent. */
  contentEncryptionParams: Uint8Array | null;
  /** encryptedContent [0], joined when sent in segments; null when absent (RFC 5652 section 6.1: detached). */
  encryptedContent: Uint8Array | null;
  /** AuthEnvelopedData only: authAttrs as the DER of a SET OF (RFC 5083 section 2.2, the AAD), or null. */
  authAttributes: Uint8Array | null;
  /** AuthEnvelopedData only: the mac (the GCM tag, RFC 5084 section 3.1). */
  mac: Uint8Array | null;
}

/** The exact bytes an element was read from (asn1js keeps them). */
export function receivedBytes(el: asn1js.AsnType): Uint8Array {
  return new Uint8Array(el.valueBeforeDecodeView);
}

/**
 * encryptedContent [0] IMPLICIT OCTET STRING of an EncryptedContentInfo (RFC 5652 section 6.1), primitive or in BER segments
 * (OpenSSL's -stream writes those), read from the element itself.
 */
export function encryptedContent(eci: asn1js.AsnType): Uint8Array | null {
  const tagged = eci instanceof asn1js.Sequence ? eci.valueBlock.value[2] : undefined;
  if (!tagged || tagged.idBlock.tagClass !== 3 || tagged.idBlock.tagNumber !== 0) return null;
  // A view, not a copy: the ciphertext can be most of a 100 MB message, and nothing writes to it.
  if (!tagged.idBlock.isConstructed) return (tagged as asn1js.Primitive).valueBlock.valueHexView;
  const segments = (tagged as asn1js.Constructed).valueBlock.value.map((el) => octetStringContent(el));
  return segments.every((x) => x !== null) ? concatBytes(segments as Uint8Array[]) : null;
}

/**
 * Reads EnvelopedData (RFC 5652 section 6.1) or AuthEnvelopedData (RFC 5083 section 2.1); throws
 * on a structure it cannot read, which the caller reports as malformed-cms.
 */
export function readEnveloped(content: asn1js.AsnType, authenticated: boolean): EnvelopedParts {
  if (!(content instanceof asn1js.Sequence)) throw new Error(`${authenticated ? "AuthEnvelopedData" : "EnvelopedData"} is not a SEQUENCE`);
  const fields = content.valueBlock.value;
  let i = 1; // version
  // originatorInfo [0] IMPLICIT is the one tagged field that may stand before recipientInfos (a SET).
  if (fields[i]?.idBlock.tagClass === 3) i++;
  const set = fields[i++];
  if (!(set instanceof asn1js.Set)) throw new Error("recipientInfos missing");
  const recipientInfos = set.valueBlock.value.map((el) => new pkijs.RecipientInfo({ schema: el }));
  const eciEl = fields[i++];
  if (!eciEl) throw new Error("encryptedContentInfo missing");
  // EncryptedContentInfo ::= SEQUENCE { contentType, contentEncryptionAlgorithm, encryptedContent [0] OPTIONAL }
  // (RFC 5652 section 6.1), read here: pkijs's schema makes encryptedContent required, and retags it in place.
  const algorithmEl = eciEl instanceof asn1js.Sequence && eciEl.valueBlock.value[0] instanceof asn1js.ObjectIdentifier ? eciEl.valueBlock.value[1] : undefined;
  if (!algorithmEl) throw new Error("encryptedContentInfo unreadable");
  const ciphertext = encryptedContent(eciEl);
  // Absent is allowed (detached content); present but not an OCTET STRING in [0], or in segments of one, is damage.
  if (ciphertext === null && (eciEl as asn1js.Sequence).valueBlock.value.length > 2) throw new Error("encryptedContent unreadable");
  const algorithm = new pkijs.AlgorithmIdentifier({ schema: algorithmEl });
  const params = algorithm.algorithmParams as asn1js.AsnType | undefined;
  let authAttributes: Uint8Array | null = null;
  let mac: Uint8Array | null = null;
  if (authenticated) {
    const next = fields[i];
    if (next && next.idBlock.tagClass === 3 && next.idBlock.tagNumber === 1) {
      // [1] IMPLICIT SET OF: the AAD is the same bytes under the SET OF tag (RFC 5083 section 2.2).
      authAttributes = receivedBytes(next);
      authAttributes[0] = 0x31;
      i++;
    }
    mac = fields[i] ? octetStringContent(fields[i]!) : null;
    if (!mac) throw new Error("mac missing");
  }
  return {
    summary: { recipients: recipientInfos.flatMap(summarizeRecipient), contentEncryptionAlgorithm: algorithmName(algorithm.algorithmId) },
    recipientInfos,
    contentEncryptionOid: algorithm.algorithmId,
    contentEncryptionParams: params && !(params instanceof asn1js.Null && params.valueBeforeDecodeView.byteLength === 0) ? receivedBytes(params) : null,
    encryptedContent: ciphertext,
    authAttributes,
    mac,
  };
}
