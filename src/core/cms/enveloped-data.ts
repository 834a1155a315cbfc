/**
 * EnvelopedData (RFC 5652 section 6) and AuthEnvelopedData (RFC 5083 section 2.1),
 * described without decrypting: who it is encrypted to and with what. Both
 * share the same prefix (version, [0] originatorInfo, recipientInfos,
 * encrypted content info), so one reader serves both.
 */
import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import type { AlgorithmName, RecipientSummary } from "../report/types.js";
import { toHex } from "../util/bytes.js";
import { formatName } from "../x509/name.js";
import { serialToHex } from "../x509/serial.js";
import { algorithmName } from "../oids.js";

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

function summarizeRecipient(el: asn1js.AsnType): RecipientSummary[] {
  const ri = new pkijs.RecipientInfo({ schema: el });
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

export function summarizeEnveloped(content: asn1js.AsnType): EnvelopedSummary {
  if (!(content instanceof asn1js.Sequence)) throw new Error("EnvelopedData is not a SEQUENCE");
  const fields = content.valueBlock.value;
  let i = 1; // version
  // originatorInfo [0] IMPLICIT is the one tagged field that may stand before recipientInfos (a SET):
  // a tagged field there is stepped over (this reader describes what it finds; it decides nothing).
  if (fields[i]?.idBlock.tagClass === 3) i++;
  const set = fields[i++];
  if (!(set instanceof asn1js.Set)) throw new Error("recipientInfos missing");
  const recipients = set.valueBlock.value.flatMap(summarizeRecipient);
  const eci = fields[i];
  const contentEncryptionAlgorithm = eci ? algorithmName(new pkijs.EncryptedContentInfo({ schema: eci }).contentEncryptionAlgorithm.algorithmId) : null;
  return { recipients, contentEncryptionAlgorithm };
}
