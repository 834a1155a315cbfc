/**
 * Signed attributes read one by one (src/core/cms/attributes.ts): signing-time (RFC 5652
 * section 11.3), SMIMECapabilities (RFC 8551 section 2.5.2) and the encryption key preference
 * (section 2.5.3), in the shapes the RFCs give and in shapes they do not. OpenSSL's own attributes
 * are read in test/interop; here each value is built with asn1js to reach the odd ones.
 */
import * as asn1js from "asn1js";
import { describe, expect, it } from "vitest";
import { attributeValues, encryptionKeyPreference, signingTime, smimeCapabilities } from "../../src/core/cms/attributes.js";
import type { AttributeFields } from "../../src/core/cms/signed-data-fields.js";

const OID = {
  signingTime: "1.2.840.113549.1.9.5",
  smimeCapabilities: "1.2.840.113549.1.9.15",
  encryptionKeyPreference: "1.2.840.113549.1.9.16.2.11",
  aes128: "2.16.840.1.101.3.4.1.2",
  aes256: "2.16.840.1.101.3.4.1.42",
  rc2: "1.2.840.113549.3.2",
};

/** One attribute, each value as its DER element, as the SignedData readers give them (signed-data-fields.ts). */
const attrs = (type: string, ...values: asn1js.AsnType[]): AttributeFields[] => [{ type, values: values.map((v) => new Uint8Array(v.toBER(false))) }];
const oid = (value: string) => new asn1js.ObjectIdentifier({ value });
const seq = (...value: asn1js.AsnType[]) => new asn1js.Sequence({ value });
const octets = (...bytes: number[]) => new asn1js.OctetString({ valueHex: Uint8Array.from(bytes).buffer });
const tagged = (tagNumber: number, ...value: asn1js.AsnType[]) => new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber }, value });

describe("attributeValues and signingTime", () => {
  it("no attributes at all: no values", () => {
    expect(attributeValues(undefined, OID.signingTime)).toEqual([]);
  });

  it("one signing-time value is the time; two values (RFC 5652 section 11.3 allows one) are no time", () => {
    const t = new asn1js.UTCTime({ valueDate: new Date("2026-12-03T09:30:00Z") });
    expect(signingTime(attrs(OID.signingTime, t))?.toISOString()).toBe("2026-12-03T09:30:00.000Z");
    expect(signingTime(attrs(OID.signingTime, t, new asn1js.UTCTime({ valueDate: new Date("2020-01-01T00:00:00Z") })))).toBeNull();
  });
});

describe("smimeCapabilities", () => {
  it("each capability named in order; RC2 with its key size (an INTEGER parameter), another algorithm's INTEGER parameter not read as a size", () => {
    const caps = seq(seq(oid(OID.aes256)), seq(oid(OID.rc2), new asn1js.Integer({ value: 128 })), seq(oid(OID.aes128), new asn1js.Integer({ value: 7 })));
    expect(smimeCapabilities(attrs(OID.smimeCapabilities, caps))?.map((c) => [c.oid, c.name])).toEqual([
      [OID.aes256, "AES-256-CBC"], [OID.rc2, "RC2-CBC (128 bits)"], [OID.aes128, "AES-128-CBC"],
    ]);
  });

  it("entries that are no SEQUENCE, or name no OID, are passed over", () => {
    const caps = seq(new asn1js.Integer({ value: 1 }), seq(new asn1js.Integer({ value: 2 })), seq(), seq(oid(OID.aes128)));
    expect(smimeCapabilities(attrs(OID.smimeCapabilities, caps))?.map((c) => c.oid)).toEqual([OID.aes128]);
  });
});

describe("encryptionKeyPreference: only the forms RFC 8551 section 2.5.3 gives", () => {
  const pref = (value: asn1js.AsnType) => encryptionKeyPreference(attrs(OID.encryptionKeyPreference, value));

  it("recipientKeyId [1] and subjectAltKeyIdentifier [2] give the key identifier, upper case", () => {
    expect(pref(tagged(1, octets(0xab, 0x01)))).toEqual({ kind: "subject-key-identifier", subjectKeyIdentifier: "AB01" });
    expect(pref(new asn1js.Primitive({ idBlock: { tagClass: 3, tagNumber: 2 }, valueHex: Uint8Array.from([0xcd, 0x02]).buffer }))).toEqual({ kind: "subject-key-identifier", subjectKeyIdentifier: "CD02" });
  });

  it("other tags, other classes and other shapes name nothing", () => {
    const odd = [
      // [1] whose first field is no OCTET STRING
      tagged(1, new asn1js.Integer({ value: 5 })),
      // [3] constructed, and [APPLICATION 1] constructed, each around an OCTET STRING
      tagged(3, octets(1)),
      new asn1js.Constructed({ idBlock: { tagClass: 2, tagNumber: 1 }, value: [octets(1)] }),
      // primitive [1], [APPLICATION 2], and a universal primitive with tag 2 (an INTEGER)
      new asn1js.Primitive({ idBlock: { tagClass: 3, tagNumber: 1 }, valueHex: Uint8Array.from([1]).buffer }),
      new asn1js.Primitive({ idBlock: { tagClass: 2, tagNumber: 2 }, valueHex: Uint8Array.from([1]).buffer }),
      new asn1js.Integer({ value: 2 }),
      // issuerAndSerialNumber [0] whose content is not one
      tagged(0, new asn1js.Integer({ value: 3 })),
    ];
    expect(odd.map(pref)).toEqual(odd.map(() => undefined));
  });
});
