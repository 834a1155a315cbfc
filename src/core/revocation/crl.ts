/**
 * Certificate revocation lists (RFC 5280 section 5), read with the small DER
 * reader rather than an object model: a CRL of 100,000 entries parses in a
 * fraction of a second and a lookup by serial is one Map access. Only what
 * revocation checking needs is kept. Signature checks and the decision are
 * made by the callers (the revocation issue wires them into the report).
 */
import * as pkijs from "pkijs";
import { toArrayBuffer, toHex } from "../util/bytes.js";
import { children, readOid, readTime, readTlv, type Tlv } from "../util/der.js";
import { EXT } from "../oids.js";
import { nameKey } from "../x509/name.js";
import { serialKey } from "../x509/serial.js";

/** CRLReason (RFC 5280 section 5.3.1); value 7 is unused. */
export const REVOCATION_REASONS = [
  "unspecified",
  "keyCompromise",
  "cACompromise",
  "affiliationChanged",
  "superseded",
  "cessationOfOperation",
  "certificateHold",
  null,
  "removeFromCRL",
  "privilegeWithdrawn",
  "aACompromise",
] as const;
export type RevocationReason = Exclude<(typeof REVOCATION_REASONS)[number], null>;

export interface CrlEntry {
  revocationDate: Date;
  reason: RevocationReason | null;
}

export interface ParsedCrl {
  /** The whole CRL as received, for caching. */
  der: Uint8Array;
  /** The signed part (tbsCertList) exactly as encoded. */
  tbs: Uint8Array;
  signatureOid: string;
  /** The AlgorithmIdentifier's parameters, DER, when present (RSA-PSS). */
  signatureParams: Uint8Array | null;
  signature: Uint8Array;
  issuer: pkijs.RelativeDistinguishedNames;
  issuerKey: string;
  thisUpdate: Date;
  nextUpdate: Date | null;
  /** Entries keyed by `entryKey(issuerKey, serial)`: indirect CRLs name other issuers (section 5.3.3). */
  entries: Map<string, CrlEntry>;
  crlNumber: string | null;
  /** RFC 5280 section 5.2.3: the CRL number MUST be present and non-critical. */
  crlNumberCritical: boolean;
  /** Set on a delta CRL (section 5.2.4): the base CRL number it extends. */
  deltaBase: string | null;
  /** The issuingDistributionPoint extension, DER of its value, when present (section 5.2.5). */
  issuingDistributionPoint: Uint8Array | null;
  /** Critical CRL or entry extensions this reader does not understand (section 5.2: such a CRL must not be used). */
  unknownCritical: string[];
}

const KNOWN_CRL_EXTENSIONS = new Set<string>([EXT.cRLNumber, EXT.deltaCRLIndicator, EXT.issuingDistributionPoint, EXT.authorityKeyIdentifier, EXT.freshestCrl, EXT.authorityInfoAccess]);
const KNOWN_ENTRY_EXTENSIONS = new Set<string>([EXT.reasonCode, EXT.invalidityDate, EXT.certificateIssuer]);

export function entryKey(issuerKey: string, serial: string): string {
  return `${issuerKey}|${serial}`;
}

interface Extension {
  oid: string;
  critical: boolean;
  value: Tlv; // the OCTET STRING's content, as an element
}

function readExtensions(bytes: Uint8Array, seq: Tlv): Extension[] | null {
  const list = children(bytes, seq);
  if (!list) return null;
  // Stryker disable next-line ArrayDeclaration: a stray element has no oid and no critical flag, so every caller passes over it
  const out: Extension[] = [];
  for (const ext of list) {
    // Extension ::= SEQUENCE { extnID OBJECT IDENTIFIER, critical BOOLEAN DEFAULT FALSE, extnValue OCTET STRING }
    const parts = children(bytes, ext);
    if (!parts || parts.length > 3) return null;
    // Stryker disable next-line ConditionalExpression: one field cannot be both the OID and the OCTET STRING that the tests below ask for
    if (parts.length < 2) return null;
    if (parts.length === 3 && parts[1]!.tag !== 0x01) return null;
    const oid = readOid(bytes, parts[0]!);
    const critical = parts.length === 3 && bytes[parts[1]!.contentStart] !== 0;
    const octets = parts[parts.length - 1]!;
    if (!oid || octets.tag !== 0x04) return null;
    const value = readTlv(bytes, octets.contentStart, octets.end);
    if (!value || value.end !== octets.end) return null;
    out.push({ oid, critical, value });
  }
  return out;
}

function integerHex(bytes: Uint8Array, t: Tlv): string | null {
  return t.tag === 0x02 ? toHex(bytes.subarray(t.contentStart, t.end)) : null;
}

function parseName(bytes: Uint8Array, t: Tlv): pkijs.RelativeDistinguishedNames {
  return pkijs.RelativeDistinguishedNames.fromBER(toArrayBuffer(bytes.subarray(t.start, t.end)));
}

/** The directoryName of a certificateIssuer entry extension (GeneralNames), as a name key. */
function certificateIssuerKey(bytes: Uint8Array, v: Tlv): string | null {
  // Stryker disable BlockStatement: an empty catch returns undefined, which the caller refuses as it refuses null
  try {
    const names = pkijs.GeneralNames.fromBER(toArrayBuffer(bytes.subarray(v.start, v.end)));
    // Stryker disable next-line OptionalChaining: without a directoryName the throw is caught below, and null is the answer either way
    const dn = names.names.find((n) => n.type === 4)?.value;
    return dn instanceof pkijs.RelativeDistinguishedNames ? nameKey(dn) : null;
  } catch {
    return null;
  }
  // Stryker restore BlockStatement
}

export function parseCrl(der: Uint8Array): ParsedCrl | { error: string } {
  const fail = (error: string) => ({ error });
  const outer = readTlv(der, 0);
  if (!outer || outer.tag !== 0x30) return fail("not a DER SEQUENCE");
  const top = children(der, outer);
  if (!top || top.length !== 3) return fail("CertificateList needs tbsCertList, signatureAlgorithm, signatureValue");
  const [tbsTlv, algTlv, sigTlv] = top as [Tlv, Tlv, Tlv];
  const alg = children(der, algTlv);
  const signatureOid = alg?.[0] ? readOid(der, alg[0]) : null;
  if (!signatureOid || sigTlv.tag !== 0x03 || sigTlv.end === sigTlv.contentStart) return fail("bad signature algorithm or value");
  const tbs = children(der, tbsTlv);
  if (!tbs) return fail("malformed tbsCertList");
  let i = 0;
  if (tbs[i]?.tag === 0x02) i++; // version v2
  i++; // signature AlgorithmIdentifier (must equal the outer one: checked by the caller's signature check)
  const issuerTlv = tbs[i++];
  const thisTlv = tbs[i++];
  if (!issuerTlv || issuerTlv.tag !== 0x30 || !thisTlv) return fail("missing issuer or thisUpdate");
  const thisUpdate = readTime(der, thisTlv);
  if (!thisUpdate) return fail("bad thisUpdate");
  let nextUpdate: Date | null = null;
  if (tbs[i] && (tbs[i]!.tag === 0x17 || tbs[i]!.tag === 0x18)) {
    nextUpdate = readTime(der, tbs[i]!);
    if (!nextUpdate) return fail("bad nextUpdate");
    i++;
  }
  let issuer: pkijs.RelativeDistinguishedNames;
  try {
    issuer = parseName(der, issuerTlv);
  } catch {
    return fail("undecodable issuer name");
  }
  const crl: ParsedCrl = {
    der,
    tbs: der.subarray(tbsTlv.start, tbsTlv.end),
    signatureOid,
    signatureParams: alg && alg[1] ? der.slice(alg[1].start, alg[1].end) : null,
    signature: der.slice(sigTlv.contentStart + 1, sigTlv.end),
    issuer,
    issuerKey: nameKey(issuer),
    thisUpdate,
    nextUpdate,
    entries: new Map(),
    crlNumber: null,
    crlNumberCritical: false,
    deltaBase: null,
    issuingDistributionPoint: null,
    unknownCritical: [],
  };
  if (tbs[i]?.tag === 0x30) {
    const list = tbs[i++]!;
    let currentIssuer = crl.issuerKey;
    // Walk the entries without building arrays: this is the loop a 1,000,000-entry CRL runs.
    for (let p = list.contentStart; p < list.end; ) {
      const entry = readTlv(der, p, list.end);
      if (!entry || entry.tag !== 0x30) return fail("malformed revokedCertificates entry");
      p = entry.end;
      const serial = readTlv(der, entry.contentStart, entry.end);
      const date = serial ? readTlv(der, serial.end, entry.end) : null;
      if (!serial || serial.tag !== 0x02 || !date) return fail("malformed revoked certificate");
      const revocationDate = readTime(der, date);
      if (!revocationDate) return fail("bad revocationDate");
      const e: CrlEntry = { revocationDate, reason: null };
      if (date.end < entry.end) {
        const extSeq = readTlv(der, date.end, entry.end);
        const exts = extSeq ? readExtensions(der, extSeq) : null;
        if (!exts) return fail("malformed entry extensions");
        for (const x of exts) {
          if (x.oid === EXT.reasonCode && x.value.tag === 0x0a) e.reason = REVOCATION_REASONS[der[x.value.contentStart]!] ?? null;
          else if (x.oid === EXT.certificateIssuer) {
            // Section 5.3.3: this and the following entries belong to that issuer.
            const key = certificateIssuerKey(der, x.value);
            if (!key) return fail("malformed certificateIssuer");
            currentIssuer = key;
          } else if (x.critical && !KNOWN_ENTRY_EXTENSIONS.has(x.oid)) crl.unknownCritical.push(x.oid);
        }
      }
      crl.entries.set(entryKey(currentIssuer, serialKey(der, serial.contentStart, serial.end)), e);
    }
  }
  if (tbs[i]?.tag === 0xa0) {
    const wrapper = tbs[i]!;
    const seq = readTlv(der, wrapper.contentStart, wrapper.end);
    const exts = seq ? readExtensions(der, seq) : null;
    if (!exts) return fail("malformed crlExtensions");
    for (const x of exts) {
      if (x.oid === EXT.cRLNumber) {
        crl.crlNumber = integerHex(der, x.value);
        crl.crlNumberCritical = x.critical;
      }
      else if (x.oid === EXT.deltaCRLIndicator) crl.deltaBase = integerHex(der, x.value);
      else if (x.oid === EXT.issuingDistributionPoint) crl.issuingDistributionPoint = der.slice(x.value.start, x.value.end);
      if (x.critical && !KNOWN_CRL_EXTENSIONS.has(x.oid)) crl.unknownCritical.push(x.oid);
    }
  }
  return crl;
}

/** The entry for a certificate, by its issuer's name key and serial number content octets. */
export function findEntry(crl: ParsedCrl, issuerKey: string, serial: Uint8Array): CrlEntry | undefined {
  return crl.entries.get(entryKey(issuerKey, serialKey(serial)));
}
