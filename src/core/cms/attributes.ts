/**
 * Signed attributes of a SignerInfo (RFC 5652 section 11, RFC 8551 section 2.5), as the SignedData
 * readers give them (signed-data-fields.ts): each value its own element. A value is read by asn1js
 * only when an attribute asks for its structure, one small element at a time.
 */
import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import type { AlgorithmName, EncryptionKeyPreference } from "../report/types.js";
import { toHex } from "../util/bytes.js";
import { formatName } from "../x509/name.js";
import { serialToHex } from "../x509/serial.js";
import { asn1Time, berElement, oidString } from "./asn1.js";
import { algorithmName, OID } from "../oids.js";
import { integerValue } from "../util/asn1-integer.js";
import type { AttributeFields } from "./signed-data-fields.js";

/** Each attribute of type `oid`, as its values' elements. */
export function attributeValues(attrs: readonly AttributeFields[] | undefined, oid: string): Uint8Array[][] {
  if (!attrs) return [];
  return attrs.filter((a) => a.type === oid).map((a) => a.values);
}

/** The first value of the one attribute of type `oid`, read by asn1js; null when there is none or it does not read. */
function firstValue(attrs: readonly AttributeFields[] | undefined, oid: string, onlyValue = false): asn1js.AsnType | null {
  const [values] = attributeValues(attrs, oid);
  if (!values?.length || (onlyValue && values.length !== 1)) return null;
  return berElement(values[0]!);
}

export function signingTime(attrs: readonly AttributeFields[] | undefined): Date | null {
  return asn1Time(firstValue(attrs, OID.signingTime, true));
}

/** SMIMECapabilities (RFC 8551 section 2.5.2): the sender's algorithm preferences, in order. */
export function smimeCapabilities(attrs: readonly AttributeFields[] | undefined): AlgorithmName[] | undefined {
  const seq = firstValue(attrs, OID.smimeCapabilities);
  if (!(seq instanceof asn1js.Sequence)) return undefined;
  const out: AlgorithmName[] = [];
  for (const cap of seq.valueBlock.value) {
    if (!(cap instanceof asn1js.Sequence)) continue;
    const oid = oidString(cap.valueBlock.value[0]);
    if (!oid) continue;
    const name = algorithmName(oid);
    const param = cap.valueBlock.value[1];
    // RC2 is listed once per key size, given as an INTEGER number of bits (RFC 8551 section 2.5.2).
    if (oid === OID.rc2Cbc && param instanceof asn1js.Integer) name.name = `RC2-CBC (${integerValue(param) ?? "?"} bits)`;
    out.push(name);
  }
  return out;
}

/**
 * SMIMEEncryptionKeyPreference (RFC 8551 section 2.5.3), or Microsoft's
 * equivalent (a plain IssuerAndSerialNumber), naming the certificate to encrypt to.
 */
export function encryptionKeyPreference(attrs: readonly AttributeFields[] | undefined): EncryptionKeyPreference | undefined {
  const el = firstValue(attrs, OID.encryptionKeyPreference);
  // The module has IMPLICIT TAGS: [0] and [1] replace a SEQUENCE's tag (constructed), [2] an OCTET STRING's (primitive).
  if (el instanceof asn1js.Constructed && el.idBlock.tagClass === 3) {
    const inner = el.valueBlock.value;
    if (el.idBlock.tagNumber === 0) return issuerAndSerial(new asn1js.Sequence({ value: inner }));
    // recipientKeyId [1]: RecipientKeyIdentifier ::= SEQUENCE { subjectKeyIdentifier, date OPTIONAL, other OPTIONAL }
    if (el.idBlock.tagNumber === 1 && inner[0] instanceof asn1js.OctetString) return subjectKeyIdentifier(inner[0].valueBlock.valueHexView);
  }
  // subjectAltKeyIdentifier [2] IMPLICIT SubjectKeyIdentifier (an OCTET STRING).
  if (el instanceof asn1js.Primitive && el.idBlock.tagClass === 3 && el.idBlock.tagNumber === 2) return subjectKeyIdentifier(el.valueBlock.valueHexView);
  const ms = firstValue(attrs, OID.msEncryptionKeyPreference);
  if (ms instanceof asn1js.Sequence) return issuerAndSerial(ms);
  return undefined;
}

function subjectKeyIdentifier(bytes: Uint8Array): EncryptionKeyPreference {
  return { kind: "subject-key-identifier", subjectKeyIdentifier: toHex(bytes).toUpperCase() };
}

function issuerAndSerial(seq: asn1js.Sequence): EncryptionKeyPreference | undefined {
  // Stryker disable BlockStatement: a catch that returns nothing returns undefined as well
  try {
    const ias = new pkijs.IssuerAndSerialNumber({ schema: seq });
    return {
      kind: "issuer-and-serial",
      issuer: formatName(ias.issuer),
      serialNumber: serialToHex(ias.serialNumber.valueBlock.valueHexView),
    };
  } catch {
    return undefined;
  }
  // Stryker restore BlockStatement
}
