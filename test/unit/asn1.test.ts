/**
 * The small ASN.1 helpers of the CMS reader (src/core/cms/asn1.ts): BER parsing
 * with errors as values, the content of an OCTET STRING in either form (X.690
 * section 8.7: primitive, or constructed of segments, which RFC 5652 section 5.2
 * allows for eContent), and times. The bytes are written out here by X.690's rules.
 */
import { describe, expect, it } from "vitest";
import * as asn1js from "asn1js";
import { asn1Time, octetStringContent, parseBer } from "../../src/core/cms/asn1.js";
import { parseContentInfo } from "../../src/core/cms/content-info.js";
import { integerValue } from "../../src/core/util/asn1-integer.js";

const hex = (s: string): Uint8Array => Uint8Array.from(Buffer.from(s.replace(/\s/g, ""), "hex"));
const parsed = (s: string) => {
  const r = parseBer(hex(s));
  if (!r.ok) throw new Error(r.reason);
  return r.value;
};
const content = (s: string, depth?: number) => {
  const c = octetStringContent(parsed(s), depth);
  return c && Buffer.from(c).toString("hex");
};

describe("parseBer", () => {
  it("one element, with the bytes after it counted; nothing, or a cut element, refused with the reason", () => {
    expect(parseBer(hex("0403 010203 ffff"))).toMatchObject({ ok: true, trailingBytes: 2 });
    expect(parseBer(new Uint8Array())).toEqual({ ok: false, reason: "empty" });
    expect(parseBer(hex("0405 0102"))).toEqual({ ok: false, reason: expect.stringContaining("End of input reached") });
  });

  it("lengths that do not nest (an inner element running past its parent) are refused as inconsistent", () => {
    // SEQUENCE of 3 octets holding an OCTET STRING that claims 4.
    expect(parseBer(hex("3003 0404 01020304"))).toMatchObject({ ok: false, reason: expect.stringMatching(/^inconsistent encoding: |End of input/) });
  });

  it("nesting past asn1js's own depth limit is a reason, not an exception", () => {
    const depth = 100_000;
    const bytes = new Uint8Array(depth * 2);
    for (let i = 0; i < depth; i++) bytes.set([0x30, 0x80], i * 2); // indefinite-length SEQUENCEs, never closed
    expect(parseBer(bytes)).toEqual({ ok: false, reason: "Maximum ASN.1 nesting depth exceeded" });
  });
});

describe("octetStringContent", () => {
  it("a primitive OCTET STRING gives its octets; a constructed one its segments joined, in order", () => {
    expect(content("0403 010203")).toBe("010203");
    expect(content("2480 0402 0102 0401 03 0000")).toBe("010203");
    expect(content("240b 2406 0402 0102 0400 0401 03")).toBe("010203");
  });

  it("anything else is null: another type, an implicitly tagged OCTET STRING, primitive or constructed", () => {
    expect(content("0201 05")).toBeNull();
    expect(content("8003 010203")).toBeNull();
    expect(content("a003 040101")).toBeNull();
    // asn1js itself refuses a constructed OCTET STRING with a segment of another type.
    expect(parseBer(hex("2480 0402 0102 0201 03 0000"))).toMatchObject({ ok: false });
  });

  it("segments nested 16 deep are read; a 17th level is refused (a bound on recursion)", () => {
    const nest = (levels: number): string => {
      let inner = "0401 07";
      for (let i = 0; i < levels; i++) {
        const len = inner.replace(/\s/g, "").length / 2;
        inner = `24${len.toString(16).padStart(2, "0")} ${inner}`;
      }
      return inner;
    };
    expect(content(nest(16))).toBe("07");
    expect(content(nest(17))).toBeNull();
    // Called from inside a structure, the count starts where it is.
    expect(content(nest(1), 16)).toBeNull();
  });
});

describe("asn1Time", () => {
  it("UTCTime and GeneralizedTime as dates; another type is null", () => {
    expect(asn1Time(new asn1js.UTCTime({ valueDate: new Date("2026-12-03T10:00:00Z") }))?.toISOString()).toBe("2026-12-03T10:00:00.000Z");
    expect(asn1Time(new asn1js.GeneralizedTime({ valueDate: new Date("2051-01-01T00:00:00Z") }))?.toISOString()).toBe("2051-01-01T00:00:00.000Z");
    expect(asn1Time(new asn1js.Integer({ value: 5 }))).toBeNull();
  });
});

describe("parseContentInfo", () => {
  it("a SEQUENCE that is no ContentInfo (RFC 5652 section 3) is refused, saying so", () => {
    const r = parseContentInfo(hex("3003 020105"));
    expect(r.ok === false && r.reason.startsWith("not a ContentInfo: ")).toBe(true);
  });
});

describe("integerValue (util/asn1-integer.ts), not asn1js's valueDec", () => {
  it("reads INTEGERs of four bytes and more, which asn1js's valueDec reads as 0; null beyond the safe integers", () => {
    const read = (hex: string) => integerValue(asn1js.fromBER(Uint8Array.from(Buffer.from(hex, "hex")).buffer).result as asn1js.Integer);
    // X.690 section 8.3: two's complement, big-endian, shortest form.
    expect(read("02037fffff")).toBe(8_388_607);
    expect(read("020400800000")).toBe(8_388_608);
    expect((asn1js.fromBER(Uint8Array.from(Buffer.from("020400800000", "hex")).buffer).result as asn1js.Integer).valueBlock.valueDec).toBe(0);
    expect(read("020400989680")).toBe(10_000_000);
    expect(read("0201ff")).toBe(-1);
    expect(read("02071fffffffffffff")).toBe(Number.MAX_SAFE_INTEGER);
    expect(read("020720000000000000")).toBeNull();
  });
});
