/**
 * The distribution point readers (src/core/revocation/distribution-point.ts):
 * a certificate's cRLDistributionPoints (RFC 5280 section 4.2.1.13) and a
 * CRL's issuingDistributionPoint (section 5.2.5), as `openssl ca` writes them
 * from its configuration, and a few forms OpenSSL does not write (an explicit
 * FALSE), built with asn1js. Names are compared as keys of names OpenSSL put
 * in certificates of their own, so the expected values do not come from the
 * reader.
 */
import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readCertificates } from "../../src/core/index.js";
import { parseCrl } from "../../src/core/revocation/crl.js";
import { ALL_REASONS, readDistributionPoints, readIssuingDistributionPoint } from "../../src/core/revocation/distribution-point.js";
import { ScenarioPki } from "../helpers/scenario-pki.js";

/** ReasonFlags bits (section 5.3.1 / 4.2.1.13): keyCompromise 1, cACompromise 2, superseded 4, aACompromise 8. */
const BIT = { keyCompromise: 1 << 1, cACompromise: 1 << 2, superseded: 1 << 4, aACompromise: 1 << 8 };

let pki: ScenarioPki;

beforeAll(() => {
  pki = new ScenarioPki();
  pki.build([
    { name: "Inter" },
    // Certificates that exist only for their names: what the readers' keys must equal.
    { name: "CrlIssuerName", subject: "/O=Signet Scenario/CN=CRL Issuer" },
    { name: "RelativeName", subject: "/O=Signet Scenario/CN=Inter/CN=Part 1" },
    { name: "RelativeToCrlIssuer", subject: "/O=Signet Scenario/CN=CRL Issuer/CN=Part 1" },
    {
      name: "Leaf", issuer: "Inter", email: "alice@example.org",
      extraExtensions: [
        "crlDistributionPoints=dp1,dp2,dp3,dp4,dp5,dp6",
        "[dp1]", "fullname=URI:http://crl.example/a.crl", "reasons=keyCompromise,CACompromise,AACompromise", "CRLissuer=dirName:crl_issuer",
        "[dp2]", "relativename=relative",
        "[relative]", "CN=Part 1",
        // A name that is neither a URI nor a directory name (an rfc822Name), and a cRLIssuer of a URI and then a
        // directory name, relative to which the point's name is read.
        "[dp3]", "fullname=email:crl@example.org", "CRLissuer=URI:http://crl.example/issuer,dirName:crl_issuer",
        "[dp4]", "relativename=relative", "CRLissuer=URI:http://crl.example/issuer,dirName:crl_issuer",
        "[dp5]", "relativename=relative128",
        "[relative128]", `GN=${"a".repeat(117)}`,
        "[dp6]", "relativename=relative316",
        "[relative316]", `GN=${"b".repeat(300)}`,
        "[crl_issuer]", "O=Signet Scenario", "CN=CRL Issuer",
      ],
    },
  ]);
});
afterAll(() => pki.cleanup());

/**
 * A name's key as the core reads it from a certificate OpenSSL made with that subject (self-signed by
 * `openssl req -x509`, as `openssl ca` would drop the attributes its policy does not list).
 */
function subjectKeyOf(subject: string): string {
  const file = `subject-${subject.length}.pem`;
  pki.run(["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", `${file}.key`, "-subj", subject, "-config", pki.write("subject.cnf", "[req]\ndistinguished_name=dn\n[dn]\n"), "-out", file]);
  return readCertificates(pki.read(file)).certificates[0]!.subjectKey;
}

const extensionValue = (name: string, oid: string): Uint8Array => new Uint8Array(pki.view(name).cert.extensions!.find((e) => e.extnID === oid)!.extnValue.valueBlock.valueHexView);

describe("cRLDistributionPoints as openssl ca writes them", () => {
  it("full name, reasons (aACompromise in the second octet) and cRLIssuer; a name relative to the issuer, appended to its name", () => {
    const inter = pki.view("Inter");
    const points = readDistributionPoints(extensionValue("Leaf", "2.5.29.31"), inter.cert.subject);
    expect(points).toEqual([
      { names: ["uri:http://crl.example/a.crl"], reasons: BIT.keyCompromise | BIT.cACompromise | BIT.aACompromise, crlIssuers: [`dn:${pki.view("CrlIssuerName").subjectKey}`] },
      { names: [`dn:${pki.view("RelativeName").subjectKey}`], reasons: ALL_REASONS, crlIssuers: null },
      // rfc822Name is GeneralName [1]: kept by its tag and octets, never taken for a URI.
      { names: [`1:${Buffer.from("crl@example.org").toString("hex")}`], reasons: ALL_REASONS, crlIssuers: ["uri:http://crl.example/issuer", `dn:${pki.view("CrlIssuerName").subjectKey}`] },
      // A relative name goes after the cRLIssuer's directory name, wherever that stands among its names.
      { names: [`dn:${pki.view("RelativeToCrlIssuer").subjectKey}`], reasons: ALL_REASONS, crlIssuers: ["uri:http://crl.example/issuer", `dn:${pki.view("CrlIssuerName").subjectKey}`] },
      // Relative names whose RDN, re-encoded as a SET, is exactly 128 octets long (the first length that
      // needs the long form, X.690 section 8.1.3.5), and over 255 (two length octets).
      { names: [`dn:${subjectKeyOf(`/O=Signet Scenario/CN=Inter/GN=${"a".repeat(117)}`)}`], reasons: ALL_REASONS, crlIssuers: null },
      { names: [`dn:${subjectKeyOf(`/O=Signet Scenario/CN=Inter/GN=${"b".repeat(300)}`)}`], reasons: ALL_REASONS, crlIssuers: null },
    ]);
  });

  it("forms OpenSSL does not write: a field it does not define, names that are not constructed, an empty directory name", () => {
    const issuer = pki.view("Inter").cert.subject;
    const tagged = (tagNumber: number, value: asn1js.AsnType[] | null) =>
      value ? new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber }, value }) : new asn1js.Primitive({ idBlock: { tagClass: 3, tagNumber }, valueHex: new ArrayBuffer(0) });
    const uri = new asn1js.Primitive({ idBlock: { tagClass: 3, tagNumber: 6 }, valueHex: new TextEncoder().encode("http://crl.example/a.crl").buffer });
    const read = (...fields: asn1js.AsnType[]) => readDistributionPoints(new Uint8Array(new asn1js.Sequence({ value: [new asn1js.Sequence({ value: fields })] }).toBER(false)), issuer);
    // [3] is no field of a DistributionPoint: passed over, not taken for a cRLIssuer.
    expect(read(tagged(0, [tagged(0, [uri])]), tagged(3, [uri]))).toEqual([{ names: ["uri:http://crl.example/a.crl"], reasons: ALL_REASONS, crlIssuers: null }]);
    // A fullName [0] and a cRLIssuer [2] written as primitives hold no names: empty, or with octets that are no element.
    expect(read(tagged(0, [tagged(0, null)]), tagged(2, null))).toEqual([{ names: [], reasons: ALL_REASONS, crlIssuers: [] }]);
    const junk = (tagNumber: number) => new asn1js.Primitive({ idBlock: { tagClass: 3, tagNumber }, valueHex: new Uint8Array([0x05]).buffer });
    expect(read(tagged(0, [junk(0)]), junk(2))).toEqual([{ names: [], reasons: ALL_REASONS, crlIssuers: [] }]);
    // A directoryName [4] with nothing in it: named "dn:?", and a relative name then goes after the certificate's issuer.
    const relative = new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 1 }, value: (pki.view("RelativeName").cert.subject.toSchema() as asn1js.Sequence).valueBlock.value.slice(-1).flatMap((set) => (set as asn1js.Set).valueBlock.value) });
    expect(read(tagged(0, [relative]), tagged(2, [tagged(4, [])]))).toEqual([{ names: [`dn:${pki.view("RelativeName").subjectKey}`], reasons: ALL_REASONS, crlIssuers: ["dn:?"] }]);
  });

  it("an empty list, or one with an element that is no DistributionPoint, is malformed (section 4.2.1.13: SIZE (1..MAX) OF SEQUENCE)", () => {
    const issuer = pki.view("Inter").cert.subject;
    expect(readDistributionPoints(new Uint8Array(new asn1js.Sequence({ value: [] }).toBER(false)), issuer)).toBeNull();
    // A well-formed list followed by one more octet: the value must end where the SEQUENCE does.
    expect(readDistributionPoints(new Uint8Array([...new Uint8Array(new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [] })] }).toBER(false)), 0x00]), issuer)).toBeNull();
    expect(readDistributionPoints(new Uint8Array(new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [] }), new asn1js.Integer({ value: 1 })] }).toBER(false)), issuer)).toBeNull();
    // One empty DistributionPoint: every reason, no names, the certificate's issuer's CRLs.
    expect(readDistributionPoints(new Uint8Array(new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [] })] }).toBER(false)), issuer)).toEqual([{ names: null, reasons: ALL_REASONS, crlIssuers: null }]);
  });
});

describe("issuingDistributionPoint", () => {
  const idpOf = (lines: string[]) => {
    const crl = parseCrl(new Uint8Array(pki.gencrl("Inter", { extensions: ["issuingDistributionPoint=critical,@idp", "[idp]", ...lines] })));
    if ("error" in crl) throw new Error(crl.error);
    return readIssuingDistributionPoint(crl.issuingDistributionPoint!, crl.issuer);
  };
  const plain = { names: null, onlyUserCerts: false, onlyCaCerts: false, onlyAttributeCerts: false, reasons: ALL_REASONS, indirect: false };

  it("each field as openssl ca writes it: a full name, only user, only CA, only attribute certificates, some reasons, indirect", () => {
    expect(idpOf(["fullname=URI:http://crl.example/a.crl"])).toEqual({ ...plain, names: ["uri:http://crl.example/a.crl"] });
    expect(idpOf(["onlyuser=TRUE"])).toEqual({ ...plain, onlyUserCerts: true });
    expect(idpOf(["onlyCA=TRUE"])).toEqual({ ...plain, onlyCaCerts: true });
    expect(idpOf(["onlyAA=TRUE"])).toEqual({ ...plain, onlyAttributeCerts: true });
    expect(idpOf(["onlysomereasons=keyCompromise,superseded"])).toEqual({ ...plain, reasons: BIT.keyCompromise | BIT.superseded });
    expect(idpOf(["indirectCRL=TRUE"])).toEqual({ ...plain, indirect: true });
  });

  it("a BOOLEAN written out as FALSE is false (DER leaves a DEFAULT FALSE out; BER may write it)", () => {
    const f = (tagNumber: number) => new asn1js.Primitive({ idBlock: { tagClass: 3, tagNumber }, valueHex: new Uint8Array([0x00]).buffer });
    const der = new Uint8Array(new asn1js.Sequence({ value: [f(1), f(2), f(4), f(5)] }).toBER(false));
    expect(readIssuingDistributionPoint(der, new pkijs.RelativeDistinguishedNames())).toEqual(plain);
  });

  it("reasons read only the octets the BIT STRING has: a one-octet string sets nothing in the second, though bytes follow it", () => {
    // onlySomeReasons [3] with one unused-bits octet and one flags octet 0xFF: bits 0 to 7; aACompromise (8) stays clear.
    // indirectCRL [4] follows: its tag octet (0x84) has the top bit set, which must not be read as aACompromise.
    const reasons = new asn1js.Primitive({ idBlock: { tagClass: 3, tagNumber: 3 }, valueHex: new Uint8Array([0x00, 0xff]).buffer });
    const indirect = new asn1js.Primitive({ idBlock: { tagClass: 3, tagNumber: 4 }, valueHex: new Uint8Array([0xff]).buffer });
    const der = new Uint8Array(new asn1js.Sequence({ value: [reasons, indirect] }).toBER(false));
    expect(readIssuingDistributionPoint(der, new pkijs.RelativeDistinguishedNames())).toEqual({ ...plain, reasons: ALL_REASONS & ~BIT.aACompromise, indirect: true });
  });

  it("a BOOLEAN of no octets is false, not whatever byte comes next; a point name [0] with nothing in it names nothing", () => {
    const empty = new asn1js.Primitive({ idBlock: { tagClass: 3, tagNumber: 1 }, valueHex: new ArrayBuffer(0) });
    const next = new asn1js.Primitive({ idBlock: { tagClass: 3, tagNumber: 2 }, valueHex: new Uint8Array([0x00]).buffer });
    expect(readIssuingDistributionPoint(new Uint8Array(new asn1js.Sequence({ value: [empty, next] }).toBER(false)), new pkijs.RelativeDistinguishedNames())).toEqual(plain);
    const noName = new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 0 }, value: [] });
    expect(readIssuingDistributionPoint(new Uint8Array(new asn1js.Sequence({ value: [noName] }).toBER(false)), new pkijs.RelativeDistinguishedNames())).toEqual({ ...plain, names: [] });
  });
});
