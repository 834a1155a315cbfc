/**
 * A SignedData (RFC 5652 section 5) as the signer checks need it: plain fields and byte views, read
 * by one of two readers that give the same fields.
 *
 * - `readSignedDataDer`, a strict reader for the common case, which builds no object per node:
 *   pkijs's schema comparison of a 1.5 KB signature cost about 2.6 ms, most of a message's
 *   inspection (issue 14's profile). DER throughout (util/der.ts: definite, shortest lengths),
 *   except that the outer levels may also take BER's two liberties that streaming writers use
 *   (NSS, so Thunderbird, and OpenSSL's -stream): indefinite lengths on constructed elements,
 *   and the encapsulated content cut into OCTET STRING segments. A SignerInfo and everything in
 *   it must be DER: its signed attributes are signed as DER.
 * - `signedDataFieldsOf`, the same fields from pkijs's SignedData, for everything the strict
 *   reader leaves and as the reference: test/unit/signed-data-fields.test.ts compares the two
 *   on every SignedData of the corpora and of OpenSSL's making.
 */
import type * as pkijs from "pkijs";
import type * as asn1js from "asn1js";
import { children, readOid, readTlv, type Tlv } from "../util/der.js";
import { concatBytes } from "../util/bytes.js";
import { octetStringContent } from "./asn1.js";

export interface AlgorithmFields {
  oid: string;
  /** The parameters element as sent (05 00 for NULL), or null when absent. */
  params: Uint8Array | null;
}

export interface AttributeFields {
  type: string;
  /** Each AttributeValue's element, as sent. */
  values: Uint8Array[];
}

export type SignerIdFields =
  /** IssuerAndSerialNumber: the issuer's Name element and the serial's INTEGER content octets. */
  | { kind: "issuer-and-serial"; issuer: Uint8Array; serial: Uint8Array }
  /** [0] SubjectKeyIdentifier. */
  | { kind: "subject-key-identifier"; ski: Uint8Array };

export interface SignerInfoFields {
  version: number;
  sid: SignerIdFields;
  digestAlgorithm: AlgorithmFields;
  /** The signed attributes: the DER that is signed (with the SET OF tag, RFC 5652 section 5.4), and each attribute. */
  signedAttrs: { der: Uint8Array; attributes: AttributeFields[] } | null;
  signatureAlgorithm: AlgorithmFields;
  signature: Uint8Array;
  /** The unsigned attributes (a countersignature, a timestamp), which no check reads; null when absent. */
  unsignedAttrs: AttributeFields[] | null;
}

export interface SignedDataFields {
  version: number;
  /** The digestAlgorithms field's OIDs (RFC 5652 section 5.1). */
  digestAlgorithms: string[];
  eContentType: string;
  /** The encapsulated content, or null when detached. */
  eContent: Uint8Array | null;
  /** The certificates field's CertificateChoices as sent, or null when there is no such field. */
  certificates: Uint8Array[] | null;
  /** RevocationInfoChoices (RFC 5652 section 10.2.1): CRLs, and other formats by their OID, as DER. */
  crls: Uint8Array[];
  otherRevocationInfo: { format: string; der: Uint8Array }[];
  signerInfos: SignerInfoFields[];
}

const SEQUENCE = 0x30;
const SET = 0x31;
const INTEGER = 0x02;
const OCTET_STRING = 0x04;

/** A small non-negative INTEGER (a version), or null. */
function smallInteger(bytes: Uint8Array, t: Tlv): number | null {
  const n = t.end - t.contentStart;
  if (t.tag !== INTEGER || n < 1 || n > 2 || bytes[t.contentStart]! >= 0x80) return null;
  return n === 1 ? bytes[t.contentStart]! : bytes[t.contentStart]! * 256 + bytes[t.contentStart + 1]!;
}

function algorithm(bytes: Uint8Array, t: Tlv): AlgorithmFields | null {
  if (t.tag !== SEQUENCE) return null;
  const parts = children(bytes, t);
  if (!parts || parts.length < 1 || parts.length > 2) return null;
  const oid = readOid(bytes, parts[0]!);
  if (oid === null) return null;
  const p = parts[1];
  return { oid, params: p ? bytes.subarray(p.start, p.end) : null };
}

function attribute(bytes: Uint8Array, t: Tlv): AttributeFields | null {
  if (t.tag !== SEQUENCE) return null;
  const parts = children(bytes, t);
  if (!parts || parts.length !== 2 || parts[1]!.tag !== SET) return null;
  const type = readOid(bytes, parts[0]!);
  const values = children(bytes, parts[1]!);
  if (type === null || !values) return null;
  return { type, values: values.map((v) => bytes.subarray(v.start, v.end)) };
}

/** A Name (RFC 5280 section 4.1.2.4) in shape: SEQUENCE OF SET OF SEQUENCE { OID, value }. Its text is read later, from these bytes. */
function isName(bytes: Uint8Array, t: Tlv): boolean {
  if (t.tag !== SEQUENCE) return false;
  const rdns = children(bytes, t);
  return (
    rdns !== null &&
    rdns.every((rdn) => {
      const atvs = rdn.tag === SET ? children(bytes, rdn) : null;
      return atvs !== null && atvs.length > 0 && atvs.every((atv) => atv.tag === SEQUENCE && children(bytes, atv)?.length === 2 && readOid(bytes, children(bytes, atv)![0]!) !== null);
    })
  );
}

/** [0] or [1] IMPLICIT SET OF Attribute. */
function attributesOf(bytes: Uint8Array, field: Tlv): AttributeFields[] | null {
  const list = children(bytes, field)?.map((a) => attribute(bytes, a));
  return list && !list.some((a) => a === null) ? (list as AttributeFields[]) : null;
}

function signerId(bytes: Uint8Array, t: Tlv): SignerIdFields | null {
  // [0] IMPLICIT SubjectKeyIdentifier: a primitive OCTET STRING's content.
  if (t.tag === 0x80) return { kind: "subject-key-identifier", ski: bytes.subarray(t.contentStart, t.end) };
  if (t.tag !== SEQUENCE) return null;
  const parts = children(bytes, t);
  if (!parts || parts.length !== 2 || !isName(bytes, parts[0]!) || parts[1]!.tag !== INTEGER || parts[1]!.end === parts[1]!.contentStart) return null;
  return { kind: "issuer-and-serial", issuer: bytes.subarray(parts[0]!.start, parts[0]!.end), serial: bytes.subarray(parts[1]!.contentStart, parts[1]!.end) };
}

function signerInfo(bytes: Uint8Array, t: Tlv): SignerInfoFields | null {
  if (t.tag !== SEQUENCE) return null;
  const parts = children(bytes, t);
  if (!parts || parts.length < 5) return null;
  let i = 0;
  const version = smallInteger(bytes, parts[i++]!);
  const sid = signerId(bytes, parts[i++]!);
  const digestAlgorithm = algorithm(bytes, parts[i++]!);
  let signedAttrs: SignerInfoFields["signedAttrs"] = null;
  if (parts[i]?.tag === 0xa0) {
    const field = parts[i++]!;
    const attributes = attributesOf(bytes, field);
    if (!attributes) return null;
    // What is signed is the SET OF: the same bytes under the SET tag (RFC 5652 section 5.4).
    // A copy: a Node Buffer's slice() is a view, and the input is never written to.
    const der = new Uint8Array(bytes.subarray(field.start, field.end));
    der[0] = SET;
    signedAttrs = { der, attributes };
  }
  const signatureAlgorithm = parts[i] ? algorithm(bytes, parts[i++]!) : null;
  const sig = parts[i++];
  let unsignedAttrs: AttributeFields[] | null = null;
  if (parts[i]?.tag === 0xa1) {
    unsignedAttrs = attributesOf(bytes, parts[i++]!);
    if (!unsignedAttrs) return null;
  }
  if (version === null || !sid || !digestAlgorithm || !signatureAlgorithm || sig?.tag !== OCTET_STRING || i !== parts.length) return null;
  return { version, sid, digestAlgorithm, signedAttrs, signatureAlgorithm, signature: bytes.subarray(sig.contentStart, sig.end), unsignedAttrs };
}

/**
 * An element of the outer levels, whose length may be BER's indefinite form (X.690 section
 * 8.1.3.6, constructed elements only): `contentEnd` is then before its end-of-contents octets
 * and `end` past them; for a definite length the two are the same.
 */
interface OuterElement extends Tlv {
  contentEnd: number;
}

/** Indefinite lengths nested deeper than this are left to pkijs (the outer levels need four). */
const MAX_INDEFINITE_DEPTH = 8;

function outerElement(bytes: Uint8Array, offset: number, limit: number, depth: number): OuterElement | null {
  const tag = bytes[offset];
  if (tag === undefined || offset + 2 > limit) return null;
  if (bytes[offset + 1] !== 0x80) {
    const t = readTlv(bytes, offset, limit);
    return t ? { ...t, contentEnd: t.end } : null;
  }
  if (!(tag & 0x20) || (tag & 0x1f) === 0x1f || depth >= MAX_INDEFINITE_DEPTH) return null;
  for (let p = offset + 2; p + 2 <= limit; ) {
    if (bytes[p] === 0 && bytes[p + 1] === 0) return { tag, start: offset, contentStart: offset + 2, contentEnd: p, end: p + 2 };
    const child = outerElement(bytes, p, limit, depth + 1);
    if (!child) return null;
    p = child.end;
  }
  return null;
}

/** The children of an outer element, or null if they do not exactly fill it. */
function outerChildren(bytes: Uint8Array, parent: OuterElement, depth = 0): OuterElement[] | null {
  const out: OuterElement[] = [];
  for (let p = parent.contentStart; p < parent.contentEnd; ) {
    const child = outerElement(bytes, p, parent.contentEnd, depth);
    if (!child) return null;
    out.push(child);
    p = child.end;
  }
  return out;
}

/** Elements whose inside the DER readers take: definite lengths only. */
const definite = (elements: OuterElement[] | null): OuterElement[] | null => (elements && elements.every((e) => e.contentEnd === e.end) ? elements : null);

/** [0] EXPLICIT OCTET STRING: primitive, or (BER) constructed of primitive segments, joined. */
function encapsulatedContent(bytes: Uint8Array, explicit: OuterElement): Uint8Array | null {
  const inner = explicit.tag === 0xa0 ? outerChildren(bytes, explicit) : null;
  if (!inner || inner.length !== 1) return null;
  const octets = inner[0]!;
  if (octets.tag === OCTET_STRING) return bytes.subarray(octets.contentStart, octets.end);
  if (octets.tag !== 0x24) return null;
  const segments = definite(outerChildren(bytes, octets));
  if (!segments || segments.some((s) => s.tag !== OCTET_STRING)) return null;
  return concatBytes(segments.map((s) => bytes.subarray(s.contentStart, s.end)));
}

function revocationInfo(bytes: Uint8Array, field: OuterElement, out: SignedDataFields): boolean {
  const entries = definite(outerChildren(bytes, field));
  if (!entries) return false;
  for (const e of entries) {
    if (e.tag === SEQUENCE) out.crls.push(bytes.subarray(e.start, e.end));
    else if (e.tag === 0xa1) {
      // [1] IMPLICIT OtherRevocationInfoFormat ::= SEQUENCE { otherRevInfoFormat OID, otherRevInfo ANY }
      const parts = children(bytes, e);
      const format = parts?.length === 2 ? readOid(bytes, parts[0]!) : null;
      if (format === null) return false;
      out.otherRevocationInfo.push({ format, der: bytes.subarray(parts![1]!.start, parts![1]!.end) });
    } else return false;
  }
  return true;
}

/**
 * The fields of the SignedData element `t` of `bytes`, or null when it is not as strict as the
 * header says or not shaped as RFC 5652 section 5.1 says: the caller then asks pkijs
 * (signedDataFieldsOf). The fields are views into `bytes` (a segmented content is joined), which
 * the caller must not change.
 */
export function readSignedDataDer(bytes: Uint8Array, t: OuterElement): SignedDataFields | null {
  if (t.tag !== SEQUENCE) return null;
  const parts = outerChildren(bytes, t);
  if (!parts || parts.length < 4) return null;
  const version = smallInteger(bytes, parts[0]!);
  const algorithmsField = parts[1]!;
  const encap = parts[2]!;
  if (version === null || algorithmsField.tag !== SET || encap.tag !== SEQUENCE) return null;
  const algorithms = definite(outerChildren(bytes, algorithmsField))?.map((a) => algorithm(bytes, a));
  if (!algorithms || algorithms.some((a) => a === null)) return null;
  const encapParts = outerChildren(bytes, encap);
  if (!encapParts || encapParts.length < 1 || encapParts.length > 2) return null;
  const eContentType = readOid(bytes, encapParts[0]!);
  let eContent: Uint8Array | null = null;
  if (encapParts[1]) {
    eContent = encapsulatedContent(bytes, encapParts[1]);
    if (!eContent) return null;
  }
  if (eContentType === null) return null;
  const out: SignedDataFields = {
    version,
    digestAlgorithms: (algorithms as AlgorithmFields[]).map((a) => a.oid),
    eContentType,
    eContent,
    certificates: null,
    crls: [],
    otherRevocationInfo: [],
    signerInfos: [],
  };
  let i = 3;
  if (parts[i]?.tag === 0xa0) {
    const certificates = definite(outerChildren(bytes, parts[i++]!));
    if (!certificates) return null;
    out.certificates = certificates.map((c) => bytes.subarray(c.start, c.end));
  }
  if (parts[i]?.tag === 0xa1 && !revocationInfo(bytes, parts[i++]!, out)) return null;
  const signers = parts[i++];
  if (signers?.tag !== SET || i !== parts.length) return null;
  const infos = definite(outerChildren(bytes, signers))?.map((s) => signerInfo(bytes, s));
  if (!infos || infos.some((s) => s === null)) return null;
  out.signerInfos = infos as SignerInfoFields[];
  return out;
}

/** A ContentInfo holding a SignedData the strict reader reads: its fields and the bytes after it; null for anything else. */
export function readSignedDataContentInfo(der: Uint8Array, signedDataOid: string): { fields: SignedDataFields; trailingBytes: number } | null {
  const ci = outerElement(der, 0, der.length, 0);
  if (ci?.tag !== SEQUENCE) return null;
  const parts = outerChildren(der, ci);
  if (!parts || parts.length !== 2 || readOid(der, parts[0]!) !== signedDataOid || parts[1]!.tag !== 0xa0) return null;
  const inner = outerChildren(der, parts[1]!);
  if (!inner || inner.length !== 1) return null;
  const fields = readSignedDataDer(der, inner[0]!);
  return fields ? { fields, trailingBytes: der.length - ci.end } : null;
}

const view = (b: ArrayBuffer | Uint8Array): Uint8Array => (b instanceof Uint8Array ? b : new Uint8Array(b));
const elementBytes = (el: asn1js.AsnType): Uint8Array => view(el.valueBeforeDecodeView);

function algorithmOf(a: pkijs.AlgorithmIdentifier): AlgorithmFields {
  const params = a.algorithmParams as asn1js.AsnType | undefined;
  return { oid: a.algorithmId, params: params ? elementBytes(params) : null };
}

/**
 * The same fields from pkijs's reading (BER, and the reference for the strict reader).
 * `revocationElements`: the crls field's entries as asn1js read them, so that a CRL is given as
 * sent, not as pkijs would encode it again.
 */
export function signedDataFieldsOf(sd: pkijs.SignedData, certificates: Uint8Array[] | null, revocationElements: readonly asn1js.AsnType[] = []): SignedDataFields {
  const encapsulated = sd.encapContentInfo.eContent;
  const eContent = encapsulated ? octetStringContent(encapsulated) : null;
  if (encapsulated && !eContent) throw new Error("eContent is not an OCTET STRING");
  const out: SignedDataFields = {
    version: sd.version,
    digestAlgorithms: sd.digestAlgorithms.map((a) => a.algorithmId),
    eContentType: sd.encapContentInfo.eContentType,
    eContent,
    certificates,
    crls: [],
    otherRevocationInfo: [],
    signerInfos: sd.signerInfos.map((si) => {
      const sid: SignerIdFields =
        "issuer" in si.sid && "serialNumber" in si.sid
          ? { kind: "issuer-and-serial", issuer: view(si.sid.issuer.valueBeforeDecode), serial: view(si.sid.serialNumber.valueBlock.valueHexView) }
          : { kind: "subject-key-identifier", ski: view((si.sid as asn1js.Primitive).valueBlock.valueHexView) };
      const attrs = si.signedAttrs;
      const unsigned = si.unsignedAttrs;
      const attributeFields = (list: pkijs.Attribute[]): AttributeFields[] => list.map((a) => ({ type: a.type, values: (a.values as asn1js.AsnType[]).map(elementBytes) }));
      return {
        version: si.version,
        sid,
        digestAlgorithm: algorithmOf(si.digestAlgorithm),
        signedAttrs: attrs ? { der: view(attrs.encodedValue), attributes: attributeFields(attrs.attributes) } : null,
        signatureAlgorithm: algorithmOf(si.signatureAlgorithm),
        signature: view(si.signature.valueBlock.valueHexView),
        unsignedAttrs: unsigned ? attributeFields(unsigned.attributes) : null,
      };
    }),
  };
  (sd.crls ?? []).forEach((r, i) => {
    // RevocationInfoChoice: a CertificateList, or an OtherRevocationInfoFormat.
    if ("otherRevInfoFormat" in r) out.otherRevocationInfo.push({ format: r.otherRevInfoFormat, der: elementBytes(r.otherRevInfo as asn1js.AsnType) });
    else {
      const sent = revocationElements[i];
      // Stryker disable next-line BooleanLiteral: a CRL read from DER encodes back to the same DER either way
      out.crls.push(sent ? elementBytes(sent) : new Uint8Array(r.toSchema(false).toBER(false)));
    }
  });
  return out;
}
