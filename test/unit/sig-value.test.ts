/**
 * The strict DER reader for DSA and ECDSA signature values
 * (src/core/crypto/sig-value.ts): SEQUENCE { INTEGER r, INTEGER s } and
 * nothing else, by the rules of X.690 section 10 (definite lengths in the
 * fewest octets) and section 8.3.2 (integers in the fewest octets). Each row
 * is the bytes and what they must read as; dsa-ecdsa.test.ts holds the same
 * forms against OpenSSL's verdicts on real signatures.
 */
import { describe, expect, it } from "vitest";
import { readSigValue } from "../../src/core/crypto/sig-value.js";

const hex = (s: string): Uint8Array => Uint8Array.from(Buffer.from(s.replace(/\s/g, ""), "hex"));
const read = (s: string) => {
  const v = readSigValue(hex(s));
  return v && { r: Buffer.from(v.r).toString("hex"), s: Buffer.from(v.s).toString("hex") };
};
const integer = (bytes: string) => `02${(bytes.length / 2).toString(16).padStart(2, "0")}${bytes}`;

describe("readSigValue", () => {
  it("reads r and s, without the sign octet a positive integer with its top bit set carries", () => {
    expect(read("3006 020101 020102")).toEqual({ r: "01", s: "02" });
    expect(read("3007 02020080 020101")).toEqual({ r: "80", s: "01" });
    expect(read("3006 020100 020101")).toEqual({ r: "00", s: "01" });
  });

  it("long lengths where they are needed: one octet from 128, two from 256", () => {
    const r = "11".repeat(64);
    const s = "22".repeat(60);
    expect(read(`308180 ${integer(r)} ${integer(s)}`)).toEqual({ r, s });
    const r2 = "11".repeat(127);
    const s2 = "22".repeat(125);
    expect(read(`30820100 ${integer(r2)} ${integer(s2)}`)).toEqual({ r: r2, s: s2 });
    const big = "33".repeat(200);
    expect(read(`30820196 0281c8${big} 0281c8${big}`)).toEqual({ r: big, s: big });
  });

  const refused: [string, string][] = [
    ["nothing", ""],
    ["a tag and no length", "30"],
    ["a long length cut short", "3081"],
    ["an integer tag and no length", "3001 02"],
    ["an indefinite length (0x80)", "3080 020101 020101 0000"],
    ["the indefinite-length octet 0x80 before exactly 128 octets, which it does not count", `3080 ${integer("11".repeat(64))} ${integer("22".repeat(60))}`],
    ["a length in three octets", "30830000 06 020101 020102"],
    ["a long length where a short one fits", "308106 020101 020102"],
    ["a two-octet length under 256", "30820006 020101 020102"],
    ["a two-octet length from 128 to 255, which one octet holds", `30820080 ${integer("11".repeat(64))} ${integer("22".repeat(60))}`],
    ["an integer with a long length where a short one fits", "3007 02810101 020102"],
    ["a redundant leading zero", "3007 02020001 020102"],
    ["a negative integer", "3006 020180 020102"],
    ["an integer of no octets", "3005 0200 020102"],
    ["an integer longer than what is left", "3006 020501 020102"],
    ["a sequence length one short", "3005 020101 020102"],
    ["a sequence length one long", "3007 020101 020102"],
    ["an octet after the sequence", "3006 020101 020102 00"],
    ["one integer", "3003 020101"],
    ["three integers", "3009 020101 020102 020103"],
    ["s of another type", "3006 020101 040102"],
    ["r of another type", "3006 040101 020102"],
    ["a SET", "3106 020101 020102"],
    ["s of another type, in the last octet", "3004 020101 04"],
    ["a length in three octets, even one that needs more than two", `3083000196 0281c8${"33".repeat(200)} 0281c8${"33".repeat(200)}`],
  ];
  for (const [what, bytes] of refused) {
    it(`refuses ${what}`, () => {
      expect(read(bytes)).toBeNull();
    });
  }
});
