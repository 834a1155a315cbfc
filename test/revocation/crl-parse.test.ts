/**
 * The CRL reader (src/core/revocation/crl.ts, RFC 5280 section 5.1) on
 * structures built here field by field with asn1js, an encoder independent of
 * the reader: a CertificateList is SEQUENCE { tbsCertList, signatureAlgorithm,
 * signatureValue BIT STRING }, and tbsCertList is SEQUENCE { version OPTIONAL,
 * signature, issuer, thisUpdate, nextUpdate OPTIONAL, revokedCertificates
 * OPTIONAL, [0] crlExtensions OPTIONAL }. Each row changes one field and says
 * what the reader must make of it. Signatures are not checked here (the
 * callers do, crl-rules.test.ts); the bytes of one stand in.
 */
import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import { describe, expect, it } from "vitest";
import { entryKey, parseCrl, type ParsedCrl } from "../../src/core/revocation/crl.js";
import { nameKey } from "../../src/core/x509/name.js";

type Asn = asn1js.AsnType;
const oid = (value: string) => new asn1js.ObjectIdentifier({ value });
const seq = (...value: Asn[]) => new asn1js.Sequence({ value });
const utc = (s: string) => new asn1js.UTCTime({ valueDate: new Date(s) });
const int = (value: number) => new asn1js.Integer({ value });
const enumerated = (value: number) => new asn1js.Enumerated({ value });
const octets = (inner: Asn) => new asn1js.OctetString({ valueHex: inner.toBER(false) });
const sha256WithRsa = () => seq(oid("1.2.840.113549.1.1.11"), new asn1js.Null());
const name = (cn: string) =>
  new pkijs.RelativeDistinguishedNames({ typesAndValues: [new pkijs.AttributeTypeAndValue({ type: "2.5.4.3", value: new asn1js.Utf8String({ value: cn }) })] });
const ISSUER = name("Parse CA");
const OTHER_ISSUER = name("Other CA");

/** An Extension: OID, critical when asked (the BOOLEAN present), and its value wrapped in an OCTET STRING. */
const ext = (id: string, value: Asn, critical?: boolean) => seq(oid(id), ...(critical === undefined ? [] : [new asn1js.Boolean({ value: critical })]), octets(value));
/** A revokedCertificates entry: serial, date, and entry extensions when given. */
const entry = (serial: number, extensions?: Asn[]) => seq(int(serial), utc("2026-03-02T00:00:00Z"), ...(extensions ? [seq(...extensions)] : []));
const crlNumber = (n: number, critical?: boolean) => ext("2.5.29.20", int(n), critical);

interface Parts {
  version?: Asn | null;
  issuer?: Asn | null;
  thisUpdate?: Asn | null;
  nextUpdate?: Asn | null;
  entries?: Asn | null;
  extensions?: Asn | null;
  algorithm?: Asn;
  signature?: Asn;
  /** Replaces the whole tbsCertList. */
  tbs?: Asn;
  /** Replaces the whole CertificateList's element list. */
  top?: Asn[];
}

/** A CertificateList with one revoked serial (7, keyCompromise) and CRL number 5, changed as `p` says (null leaves a field out). */
function build(p: Parts = {}): Uint8Array {
  const field = (v: Asn | null | undefined, d: Asn | null) => (v === undefined ? d : v);
  const tbsFields = [
    field(p.version, int(1)),
    sha256WithRsa(),
    field(p.issuer, ISSUER.toSchema()),
    field(p.thisUpdate, utc("2026-03-01T00:00:00Z")),
    field(p.nextUpdate, utc("2026-04-01T00:00:00Z")),
    field(p.entries, seq(entry(7, [ext("2.5.29.21", enumerated(1))]))),
    field(p.extensions, new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 0 }, value: [seq(crlNumber(5))] })),
  ].filter((f): f is Asn => f !== null);
  const tbs = p.tbs ?? seq(...tbsFields);
  const top = p.top ?? [tbs, p.algorithm ?? sha256WithRsa(), p.signature ?? new asn1js.BitString({ valueHex: new Uint8Array([1, 2, 3, 4]).buffer })];
  return new Uint8Array(seq(...top).toBER(false));
}

const crlExtensions = (...extensions: Asn[]) => new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 0 }, value: [seq(...extensions)] });
const parsed = (d: Uint8Array): ParsedCrl => {
  const r = parseCrl(d);
  if ("error" in r) throw new Error(r.error);
  return r;
};
const serialHex = (n: number) => n.toString(16).padStart(2, "0").toUpperCase();
const entryFor = (crl: ParsedCrl, issuer: pkijs.RelativeDistinguishedNames, serial: number) => crl.entries.get(entryKey(nameKey(issuer), serialHex(serial)));

describe("parseCrl on a well-formed CertificateList", () => {
  it("reads issuer, times, the entry with its reason, the CRL number; the signature's bytes and the algorithm's parameters", () => {
    const crl = parsed(build());
    expect([crl.issuerKey, crl.thisUpdate.toISOString(), crl.nextUpdate?.toISOString(), crl.crlNumber, crl.crlNumberCritical, crl.deltaBase, crl.unknownCritical]).toEqual([
      nameKey(ISSUER), "2026-03-01T00:00:00.000Z", "2026-04-01T00:00:00.000Z", "05", false, null, [],
    ]);
    expect(entryFor(crl, ISSUER, 7)).toEqual({ revocationDate: new Date("2026-03-02T00:00:00Z"), reason: "keyCompromise" });
    expect(crl.signatureOid).toBe("1.2.840.113549.1.1.11");
    expect([...crl.signature]).toEqual([1, 2, 3, 4]);
    expect([...crl.signatureParams!]).toEqual([0x05, 0x00]);
    expect(parsed(build({ algorithm: seq(oid("1.2.840.10045.4.3.2")) })).signatureParams).toBeNull();
  });

  it("a v1 CRL (no version), without nextUpdate, entries or extensions, is read so", () => {
    const crl = parsed(build({ version: null, nextUpdate: null, entries: null, extensions: null }));
    expect([crl.issuerKey, crl.nextUpdate, crl.entries.size, crl.crlNumber, crl.crlNumberCritical]).toEqual([nameKey(ISSUER), null, 0, null, false]);
  });

  it("without nextUpdate but with entries: the element after thisUpdate is the entries, not a time", () => {
    const crl = parsed(build({ nextUpdate: null }));
    expect([crl.nextUpdate, entryFor(crl, ISSUER, 7)?.reason, crl.crlNumber]).toEqual([null, "keyCompromise", "05"]);
  });

  it("an ENUMERATED in an entry extension other than reasonCode is no reason", () => {
    const crl = parsed(build({ entries: seq(entry(7, [ext("1.3.6.1.4.1.99999.5", enumerated(1))])) }));
    expect(entryFor(crl, ISSUER, 7)).toEqual({ revocationDate: new Date("2026-03-02T00:00:00Z"), reason: null });
  });

  it("a CRL number that is not an INTEGER is no CRL number (section 5.2.3: CRLNumber ::= INTEGER)", () => {
    const crl = parsed(build({ extensions: crlExtensions(ext("2.5.29.20", new asn1js.OctetString({ valueHex: new Uint8Array([5]).buffer }))) }));
    expect(crl.crlNumber).toBeNull();
  });

  it("certificateIssuer names the issuer by its directoryName, wherever it stands among the GeneralNames", () => {
    const email = new asn1js.Primitive({ idBlock: { tagClass: 3, tagNumber: 1 }, valueHex: new TextEncoder().encode("ca@example.org").buffer });
    const dirName = new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 4 }, value: [OTHER_ISSUER.toSchema()] });
    const crl = parsed(build({ entries: seq(entry(2, [ext("2.5.29.29", seq(email, dirName), true)])) }));
    expect([entryFor(crl, OTHER_ISSUER, 2)?.reason, entryFor(crl, ISSUER, 2)]).toEqual([null, undefined]);
  });

  it("entry extensions: a reason that is not ENUMERATED is no reason; certificateIssuer moves this and later entries to that issuer (section 5.3.3)", () => {
    const certIssuer = ext("2.5.29.29", seq(new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 4 }, value: [OTHER_ISSUER.toSchema()] })), true);
    const crl = parsed(build({ entries: seq(entry(1, [ext("2.5.29.21", int(1))]), entry(2, [certIssuer]), entry(3)) }));
    expect([entryFor(crl, ISSUER, 1)?.reason, entryFor(crl, ISSUER, 2), entryFor(crl, OTHER_ISSUER, 2)?.reason, entryFor(crl, OTHER_ISSUER, 3)?.reason]).toEqual([null, undefined, null, null]);
  });

  it("critical extensions it does not know are listed, in CRL and entry alike; known or non-critical ones are not (section 5.2)", () => {
    const crl = parsed(build({
      entries: seq(entry(1, [ext("1.3.6.1.4.1.99999.1", new asn1js.Null(), true), ext("1.3.6.1.4.1.99999.2", new asn1js.Null(), false), ext("2.5.29.24", new asn1js.GeneralizedTime({ valueDate: new Date() }), true)])),
      extensions: crlExtensions(crlNumber(5), ext("1.3.6.1.4.1.99999.3", new asn1js.Null(), true), ext("1.3.6.1.4.1.99999.4", new asn1js.Null())),
    }));
    expect(crl.unknownCritical).toEqual(["1.3.6.1.4.1.99999.1", "1.3.6.1.4.1.99999.3"]);
  });

  it("a critical CRL number is kept as critical; a delta CRL indicator gives the base number", () => {
    const crl = parsed(build({ extensions: crlExtensions(crlNumber(9, true), ext("2.5.29.27", int(4), true)) }));
    expect([crl.crlNumber, crl.crlNumberCritical, crl.deltaBase]).toEqual(["09", true, "04"]);
  });
});

describe("parseCrl refuses what is not a CertificateList, naming the part", () => {
  const GOOD_TBS_FIELDS = () => [int(1), sha256WithRsa(), ISSUER.toSchema(), utc("2026-03-01T00:00:00Z")];
  const rows: [string, Uint8Array, string][] = [
    ["a SET, not a SEQUENCE", new Uint8Array(new asn1js.Set({ value: [int(1)] }).toBER(false)), "not a DER SEQUENCE"],
    ["two elements", build({ top: [seq(...GOOD_TBS_FIELDS()), sha256WithRsa()] }), "CertificateList needs tbsCertList, signatureAlgorithm, signatureValue"],
    ["four elements", build({ top: [seq(...GOOD_TBS_FIELDS()), sha256WithRsa(), new asn1js.BitString({ valueHex: new Uint8Array([1]).buffer }), int(0)] }), "CertificateList needs tbsCertList, signatureAlgorithm, signatureValue"],
    ["an algorithm without an OID", build({ algorithm: seq(new asn1js.Null()) }), "bad signature algorithm or value"],
    ["an algorithm that is not a SEQUENCE", build({ algorithm: int(5) }), "bad signature algorithm or value"],
    ["a signature that is an OCTET STRING", build({ signature: new asn1js.OctetString({ valueHex: new Uint8Array([1, 2]).buffer }) }), "bad signature algorithm or value"],
    ["a signature BIT STRING of no octets", build({ signature: new asn1js.Primitive({ idBlock: { tagClass: 1, tagNumber: 3 }, valueHex: new ArrayBuffer(0) }) }), "bad signature algorithm or value"],
    ["a tbsCertList that is an INTEGER", build({ tbs: int(5) }), "malformed tbsCertList"],
    ["an empty tbsCertList", build({ tbs: seq() }), "missing issuer or thisUpdate"],
    ["an issuer SEQUENCE that holds no names", build({ issuer: seq(int(1)) }), "undecodable issuer name"],
    ["no issuer", build({ tbs: seq(int(1), sha256WithRsa()) }), "missing issuer or thisUpdate"],
    ["an issuer that is a SET", build({ issuer: new asn1js.Set({ value: [] }) }), "missing issuer or thisUpdate"],
    ["no thisUpdate", build({ tbs: seq(int(1), sha256WithRsa(), ISSUER.toSchema()) }), "missing issuer or thisUpdate"],
    ["a thisUpdate that is an INTEGER", build({ thisUpdate: int(2026) }), "bad thisUpdate"],
    ["a nextUpdate that is no time", build({ nextUpdate: new asn1js.Primitive({ idBlock: { tagClass: 1, tagNumber: 23 }, valueHex: new TextEncoder().encode("not a time").buffer }) }), "bad nextUpdate"],
    ["an entry that is an INTEGER", build({ entries: seq(int(7)) }), "malformed revokedCertificates entry"],
    ["an entry whose serial is an OCTET STRING", build({ entries: seq(seq(new asn1js.OctetString({ valueHex: new Uint8Array([7]).buffer }), utc("2026-03-02T00:00:00Z"))) }), "malformed revoked certificate"],
    ["an entry without a date", build({ entries: seq(seq(int(7))) }), "malformed revoked certificate"],
    ["an entry whose date is no time", build({ entries: seq(seq(int(7), int(20260302))) }), "bad revocationDate"],
    ["entry extensions that are an INTEGER", build({ entries: seq(seq(int(7), utc("2026-03-02T00:00:00Z"), int(1))) }), "malformed entry extensions"],
    ["an entry extension of four fields", build({ entries: seq(entry(7, [seq(oid("2.5.29.21"), new asn1js.Boolean({ value: false }), octets(enumerated(1)), octets(enumerated(1)))])) }), "malformed entry extensions"],
    ["an entry extension that is an INTEGER, not a SEQUENCE", build({ entries: seq(entry(7, [int(1)])) }), "malformed entry extensions"],
    ["an entry extension whose middle field is not the BOOLEAN", build({ entries: seq(entry(7, [seq(oid("1.3.6.1.4.1.99999.1"), int(255), octets(new asn1js.Null()))])) }), "malformed entry extensions"],
    ["an entry extension without an OID", build({ entries: seq(entry(7, [seq(int(1), octets(new asn1js.Null()))])) }), "malformed entry extensions"],
    ["an entry extension whose value is not an OCTET STRING", build({ entries: seq(entry(7, [seq(oid("2.5.29.21"), seq(enumerated(1)))])) }), "malformed entry extensions"],
    ["an entry extension whose value holds bytes after its element", build({ entries: seq(entry(7, [seq(oid("2.5.29.21"), new asn1js.OctetString({ valueHex: new Uint8Array([0x0a, 0x01, 0x01, 0x00]).buffer }))])) }), "malformed entry extensions"],
    ["a certificateIssuer that is no GeneralNames", build({ entries: seq(entry(7, [ext("2.5.29.29", int(5), true)])) }), "malformed certificateIssuer"],
    ["crlExtensions that are an INTEGER", build({ extensions: new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 0 }, value: [int(5)] }) }), "malformed crlExtensions"],
  ];
  for (const [what, der, error] of rows) {
    it(what, () => {
      expect(parseCrl(der)).toEqual({ error });
    });
  }
});
