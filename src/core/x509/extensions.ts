/**
 * The certificate extensions path validation reads (RFC 5280 section 4.2),
 * decoded once per certificate. An extension that is present but cannot be
 * decoded is listed in `malformed`: a validator must not treat it as absent.
 */
import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import { EXT, OID } from "../oids.js";

/** KeyUsage bits, in the order of RFC 5280 section 4.2.1.3. */
export const KEY_USAGE_BITS = [
  "digitalSignature",
  "nonRepudiation",
  "keyEncipherment",
  "dataEncipherment",
  "keyAgreement",
  "keyCertSign",
  "cRLSign",
  "encipherOnly",
  "decipherOnly",
] as const;
export type KeyUsageBit = (typeof KEY_USAGE_BITS)[number];

export interface Extensions {
  basicConstraints: { ca: boolean; pathLen: number | null } | null;
  keyUsage: ReadonlySet<KeyUsageBit> | null;
  extKeyUsage: readonly string[] | null;
  subjectKeyId: Uint8Array | null;
  authorityKeyId: Uint8Array | null;
  /** AIA caIssuers URLs (RFC 5280 section 4.2.2.1). */
  caIssuers: readonly string[];
  /** AIA OCSP URLs, for the revocation issue. */
  ocsp: readonly string[];
  /** OIDs of the extensions marked critical. */
  critical: readonly string[];
  /** OIDs of extensions present but undecodable, or present twice (RFC 5280 section 4.2). */
  malformed: readonly string[];
}

function bitsOf(bitString: asn1js.BitString): Set<KeyUsageBit> {
  const bytes = bitString.valueBlock.valueHexView;
  const out = new Set<KeyUsageBit>();
  KEY_USAGE_BITS.forEach((name, i) => {
    const byte = bytes[i >> 3];
    if (byte !== undefined && byte & (0x80 >> (i & 7))) out.add(name);
  });
  return out;
}

function octets(v: unknown): Uint8Array | null {
  return v instanceof asn1js.OctetString ? new Uint8Array(v.valueBlock.valueHexView) : null;
}

function urls(info: pkijs.InfoAccess, method: string): string[] {
  return info.accessDescriptions
    .filter((d) => d.accessMethod === method && d.accessLocation.type === 6)
    .map((d) => String(d.accessLocation.value));
}

export function readExtensions(cert: pkijs.Certificate): Extensions {
  const out: Extensions = {
    basicConstraints: null,
    keyUsage: null,
    extKeyUsage: null,
    subjectKeyId: null,
    authorityKeyId: null,
    caIssuers: [],
    ocsp: [],
    critical: [],
    malformed: [],
  };
  const seen = new Set<string>();
  const critical: string[] = [];
  const malformed: string[] = [];
  for (const ext of cert.extensions ?? []) {
    if (seen.has(ext.extnID)) malformed.push(ext.extnID);
    seen.add(ext.extnID);
    if (ext.critical) critical.push(ext.extnID);
    const v: unknown = ext.parsedValue;
    try {
      switch (ext.extnID) {
        case EXT.basicConstraints: {
          if (!(v instanceof pkijs.BasicConstraints)) throw new Error();
          const len = v.pathLenConstraint;
          const pathLen = len === undefined ? null : typeof len === "number" ? len : len.valueBlock.valueDec;
          out.basicConstraints = { ca: v.cA === true, pathLen };
          break;
        }
        case EXT.keyUsage:
          if (!(v instanceof asn1js.BitString)) throw new Error();
          out.keyUsage = bitsOf(v);
          break;
        case EXT.extKeyUsage:
          if (!(v instanceof pkijs.ExtKeyUsage)) throw new Error();
          out.extKeyUsage = v.keyPurposes;
          break;
        case EXT.subjectKeyIdentifier:
          out.subjectKeyId = octets(v);
          if (!out.subjectKeyId) throw new Error();
          break;
        case EXT.authorityKeyIdentifier:
          if (!(v instanceof pkijs.AuthorityKeyIdentifier)) throw new Error();
          out.authorityKeyId = v.keyIdentifier ? new Uint8Array(v.keyIdentifier.valueBlock.valueHexView) : null;
          break;
        case EXT.authorityInfoAccess:
          if (!(v instanceof pkijs.InfoAccess)) throw new Error();
          out.caIssuers = urls(v, OID.adCaIssuers);
          out.ocsp = urls(v, OID.adOcsp);
          break;
      }
    } catch {
      malformed.push(ext.extnID);
    }
  }
  out.critical = critical;
  out.malformed = malformed;
  return out;
}

/**
 * The extension's value as `type`, or null when it is not that structure to the last byte.
 * pkijs does not refuse a value of another shape: a NULL where NameConstraints belong reads
 * as an empty NameConstraints, which would mean "no constraints". A critical extension that
 * does not decode must fail the certificate (RFC 5280 section 4.2), not vanish.
 */
export function parsedAs<T>(ext: pkijs.Extension, type: { new (...args: never[]): T; schema(): asn1js.AsnType }): T | null {
  const parsedValue: unknown = ext.parsedValue;
  if (!(parsedValue instanceof type)) return null;
  const value = ext.extnValue.valueBlock.valueHexView;
  const parsed = asn1js.fromBER(value);
  return parsed.offset === value.length && asn1js.compareSchema(parsed.result, parsed.result, type.schema()).verified ? parsedValue : null;
}
