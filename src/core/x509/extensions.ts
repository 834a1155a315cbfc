/**
 * The certificate extensions path validation reads (RFC 5280 section 4.2),
 * decoded once per certificate. An extension that is present but cannot be
 * decoded is listed in `malformed`: a validator must not treat it as absent.
 */
import * as asn1js from "asn1js";
import * as pkijs from "pkijs";

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

/** Certificate and CRL extensions (RFC 5280 sections 4.2 and 5.2-5.3), the one table of them. */
export const EXT = {
  subjectKeyIdentifier: "2.5.29.14",
  keyUsage: "2.5.29.15",
  subjectAltName: "2.5.29.17",
  issuerAltName: "2.5.29.18",
  basicConstraints: "2.5.29.19",
  // CRL and CRL entry extensions (RFC 5280 sections 5.2 and 5.3)
  cRLNumber: "2.5.29.20",
  reasonCode: "2.5.29.21",
  invalidityDate: "2.5.29.24",
  deltaCRLIndicator: "2.5.29.27",
  issuingDistributionPoint: "2.5.29.28",
  certificateIssuer: "2.5.29.29",
  nameConstraints: "2.5.29.30",
  crlDistributionPoints: "2.5.29.31",
  certificatePolicies: "2.5.29.32",
  policyMappings: "2.5.29.33",
  authorityKeyIdentifier: "2.5.29.35",
  policyConstraints: "2.5.29.36",
  extKeyUsage: "2.5.29.37",
  freshestCrl: "2.5.29.46",
  inhibitAnyPolicy: "2.5.29.54",
  authorityInfoAccess: "1.3.6.1.5.5.7.1.1",
  subjectInfoAccess: "1.3.6.1.5.5.7.1.11",
} as const;

export const EKU = {
  any: "2.5.29.37.0",
  emailProtection: "1.3.6.1.5.5.7.3.4",
  ocspSigning: "1.3.6.1.5.5.7.3.9",
} as const;

const CA_ISSUERS = "1.3.6.1.5.5.7.48.2";
const OCSP = "1.3.6.1.5.5.7.48.1";

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
          out.caIssuers = urls(v, CA_ISSUERS);
          out.ocsp = urls(v, OCSP);
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
