/**
 * CRL distribution points (RFC 5280 section 4.2.1.13) and the CRL's issuing
 * distribution point (section 5.2.5), read with the DER reader: names become
 * comparable keys ("dn:<name key>", "uri:<uri>"), reasons a bit mask (bit i is
 * ReasonFlags bit i; bit 0 unused).
 */
import * as pkijs from "pkijs";
import { toArrayBuffer, toHex } from "../util/bytes.js";
import { children, lengthOctets, readTlv, type Tlv } from "../util/der.js";
import { nameKey } from "../x509/name.js";

export const ALL_REASONS = 0b1_1111_1110;

export interface DistributionPointView {
  /** Name keys of the distribution point, or null when absent. */
  names: string[] | null;
  reasons: number;
  /** Name keys of cRLIssuer, or null when the certificate's issuer issues the CRLs. */
  crlIssuers: string[] | null;
}

export interface IssuingDistributionPointView {
  names: string[] | null;
  onlyUserCerts: boolean;
  onlyCaCerts: boolean;
  onlyAttributeCerts: boolean;
  reasons: number;
  indirect: boolean;
}

function nameFromDer(der: Uint8Array): pkijs.RelativeDistinguishedNames {
  return pkijs.RelativeDistinguishedNames.fromBER(toArrayBuffer(der));
}

/** GeneralName (RFC 5280 section 4.2.1.6) as a key: directoryName by its normalised name, URI by its text. */
function generalNameKey(bytes: Uint8Array, g: Tlv): string {
  const type = g.tag & 0x1f;
  if (type === 4) {
    const inner = readTlv(bytes, g.contentStart, g.end);
    return inner ? `dn:${nameKey(nameFromDer(bytes.subarray(inner.start, inner.end)))}` : "dn:?";
  }
  const content = bytes.subarray(g.contentStart, g.end);
  if (type === 6) return `uri:${String.fromCharCode(...content)}`;
  return `${type}:${toHex(content)}`;
}

function generalNames(bytes: Uint8Array, seq: Tlv): string[] {
  return (children(bytes, seq) ?? []).map((g) => generalNameKey(bytes, g));
}

/** DistributionPointName: fullName [0], or nameRelativeToCRLIssuer [1] appended to the CRL issuer's name. */
function dpName(bytes: Uint8Array, choice: Tlv, crlIssuer: pkijs.RelativeDistinguishedNames): string[] {
  const inner = readTlv(bytes, choice.contentStart, choice.end);
  if (!inner) return [];
  if ((inner.tag & 0x1f) === 0) return generalNames(bytes, inner);
  // A RelativeDistinguishedName: re-tag the [1] as a SET and parse one RDN.
  const set = new Uint8Array(bytes.subarray(inner.start, inner.end));
  set[0] = 0x31;
  const rdn = pkijs.RelativeDistinguishedNames.fromBER(toArrayBuffer(new Uint8Array([0x30, ...lengthOctets(set.length), ...set])));
  return [`dn:${nameKey(new pkijs.RelativeDistinguishedNames({ typesAndValues: [...crlIssuer.typesAndValues, ...rdn.typesAndValues] }))}`];
}

/** ReasonFlags BIT STRING content (first octet: unused bits) as a mask. */
function reasons(bytes: Uint8Array, t: Tlv): number {
  let mask = 0;
  for (let i = 1; i <= 8; i++) {
    const octet = bytes[t.contentStart + 1 + (i >> 3)];
    // Stryker disable next-line ConditionalExpression: past the end is also past t.end, the next test
    if (octet !== undefined && t.contentStart + 1 + (i >> 3) < t.end && octet & (0x80 >> (i & 7))) mask |= 1 << i;
  }
  return mask;
}

const bool = (bytes: Uint8Array, t: Tlv): boolean => t.end > t.contentStart && bytes[t.contentStart] !== 0;

/** The cRLDistributionPoints extension value (DER), for a certificate issued by `issuer`. */
export function readDistributionPoints(der: Uint8Array, issuer: pkijs.RelativeDistinguishedNames): DistributionPointView[] | null {
  // CRLDistributionPoints ::= SEQUENCE SIZE (1..MAX) OF DistributionPoint (RFC 5280 section 4.2.1.13),
  // each a SEQUENCE, filling the value to its last byte: anything else is malformed, not "no points".
  const list = wholeSequence(der);
  if (!list || list.length === 0 || list.some((dp) => dp.tag !== SEQUENCE)) return null;
  return list.map((dp) => {
    const view: DistributionPointView = { names: null, reasons: ALL_REASONS, crlIssuers: null };
    let nameTlv: Tlv | null = null;
    let crlIssuerName = issuer;
    // Stryker disable next-line ArrayDeclaration: every element here is a SEQUENCE (tested above), which always has children
    for (const f of children(der, dp) ?? []) {
      const n = f.tag & 0x1f;
      if (n === 0) nameTlv = f;
      else if (n === 1) view.reasons = reasons(der, f);
      else if (n === 2) {
        view.crlIssuers = generalNames(der, f);
        // Stryker disable next-line ArrayDeclaration: a stray element is no directoryName, so nothing is found either way
        const dn = (children(der, f) ?? []).find((g) => (g.tag & 0x1f) === 4);
        const inner = dn ? readTlv(der, dn.contentStart, dn.end) : null;
        if (inner) crlIssuerName = nameFromDer(der.subarray(inner.start, inner.end));
      }
    }
    if (nameTlv) view.names = dpName(der, nameTlv, crlIssuerName);
    return view;
  });
}

const SEQUENCE = 0x30;

/** The elements of the SEQUENCE that is the whole of `der`, or null when `der` is anything else. */
function wholeSequence(der: Uint8Array): Tlv[] | null {
  const seq = readTlv(der, 0);
  if (!seq || seq.tag !== SEQUENCE || seq.end !== der.length) return null;
  return children(der, seq);
}

/** The issuingDistributionPoint extension value (DER) of a CRL issued by `crlIssuer`. */
export function readIssuingDistributionPoint(der: Uint8Array, crlIssuer: pkijs.RelativeDistinguishedNames): IssuingDistributionPointView | null {
  // IssuingDistributionPoint ::= SEQUENCE { ... } (RFC 5280 section 5.2.5): a NULL or a truncated value is malformed.
  const fields = wholeSequence(der);
  if (!fields) return null;
  const view: IssuingDistributionPointView = { names: null, onlyUserCerts: false, onlyCaCerts: false, onlyAttributeCerts: false, reasons: ALL_REASONS, indirect: false };
  for (const f of fields) {
    switch (f.tag & 0x1f) {
      case 0:
        view.names = dpName(der, f, crlIssuer);
        break;
      case 1:
        view.onlyUserCerts = bool(der, f);
        break;
      case 2:
        view.onlyCaCerts = bool(der, f);
        break;
      case 3:
        view.reasons = reasons(der, f);
        break;
      case 4:
        view.indirect = bool(der, f);
        break;
      case 5:
        view.onlyAttributeCerts = bool(der, f);
        break;
    }
  }
  return view;
}
