/**
 * CompressedData (RFC 3274), read by src/core/cms/compressed-data.ts: built here
 * with asn1js around zlib streams from Node's own zlib (an independent
 * implementation), with the output limit at its edge, and every malformed part.
 */
import { deflateSync } from "node:zlib";
import * as asn1js from "asn1js";
import { describe, expect, it } from "vitest";
import { decompress } from "../../src/core/cms/compressed-data.js";

const ZLIB = "1.2.840.113549.1.9.16.3.8"; // id-alg-zlibCompress (RFC 3274 section 2)
const DATA = "1.2.840.113549.1.7.1";

/** CompressedData ::= SEQUENCE { version, compressionAlgorithm, encapContentInfo { eContentType, [0] EXPLICIT OCTET STRING } } */
function compressedData(o: { algorithm?: string | null; eContentType?: string | null; stream?: Uint8Array | null }): asn1js.Sequence {
  const alg = o.algorithm === null ? new asn1js.Null() : new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value: o.algorithm ?? ZLIB })] });
  const eci: asn1js.AsnType[] = [];
  if (o.eContentType !== null) eci.push(new asn1js.ObjectIdentifier({ value: o.eContentType ?? DATA }));
  if (o.stream !== null) eci.push(new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 0 }, value: [new asn1js.OctetString({ valueHex: (o.stream ?? new Uint8Array()).slice().buffer })] }));
  return new asn1js.Sequence({ value: [new asn1js.Integer({ value: 0 }), alg, new asn1js.Sequence({ value: eci })] });
}

const text = new TextEncoder().encode("Content-Type: text/plain\r\n\r\nThe numbers are attached.\r\n".repeat(20));
const stream = new Uint8Array(deflateSync(text));

describe("decompress", () => {
  it("zlib content comes back whole, with its content type and compressed size", async () => {
    const r = await decompress(compressedData({ stream }), () => 1 << 20);
    expect(r.ok && [Buffer.from(r.bytes).equals(Buffer.from(text)), r.eContentType, r.compressedBytes, r.algorithm]).toEqual([true, DATA, stream.length, ZLIB]);
  });

  it("output exactly at the limit is allowed; one byte over is refused as the limit, with the limit given", async () => {
    expect((await decompress(compressedData({ stream }), () => text.length)).ok).toBe(true);
    expect(await decompress(compressedData({ stream }), () => text.length - 1)).toEqual({ ok: false, algorithm: ZLIB, compressedBytes: stream.length, reason: "limit", detail: String(text.length - 1) });
  });

  it("the limit is asked with the compressed size (so it can be a multiple of it)", async () => {
    const asked: number[] = [];
    await decompress(compressedData({ stream }), (n) => (asked.push(n), 1 << 20));
    expect(asked).toEqual([stream.length]);
  });

  it("another algorithm is unsupported, named; a broken zlib stream is malformed, with zlib's words", async () => {
    expect(await decompress(compressedData({ algorithm: "1.2.3.4", stream }), () => 1 << 20)).toEqual({ ok: false, algorithm: "1.2.3.4", compressedBytes: stream.length, reason: "unsupported", detail: "1.2.3.4" });
    const broken = stream.slice(0, 10);
    broken[3] = broken[3]! ^ 0xff;
    expect(await decompress(compressedData({ stream: broken }), () => 1 << 20)).toMatchObject({ ok: false, algorithm: ZLIB, compressedBytes: 10, reason: "malformed", detail: expect.stringMatching(/.+/) });
  });

  it("a structure without algorithm or content, or that is no SEQUENCE, is malformed; no content type reads as none", async () => {
    const malformed = { ok: false, compressedBytes: 0, reason: "malformed", detail: "CompressedData structure" };
    expect(await decompress(compressedData({ algorithm: null, stream }), () => 1 << 20)).toEqual({ ...malformed, algorithm: null });
    expect(await decompress(compressedData({ stream: null }), () => 1 << 20)).toEqual({ ...malformed, algorithm: ZLIB });
    expect(await decompress(new asn1js.Integer({ value: 1 }), () => 1 << 20)).toEqual({ ...malformed, algorithm: null });
    const noType = await decompress(new asn1js.Sequence({ value: [new asn1js.Integer({ value: 0 }), new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value: ZLIB })] }), new asn1js.Sequence({ value: [new asn1js.Integer({ value: 1 }), new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 0 }, value: [new asn1js.OctetString({ valueHex: stream.slice().buffer })] })] })] }), () => 1 << 20);
    expect(noType.ok && noType.eContentType).toBe("");
  });

  it("an encapContentInfo that is no SEQUENCE, or content not wrapped in [0] EXPLICIT (RFC 5652 section 5.2), is malformed", async () => {
    const malformed = { ok: false, algorithm: ZLIB, compressedBytes: 0, reason: "malformed", detail: "CompressedData structure" };
    const withEci = (eci: asn1js.AsnType) => new asn1js.Sequence({ value: [new asn1js.Integer({ value: 0 }), new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value: ZLIB })] }), eci] });
    expect(await decompress(withEci(new asn1js.OctetString({ valueHex: stream.slice().buffer })), () => 1 << 20)).toEqual(malformed);
    const bare = new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value: DATA }), new asn1js.OctetString({ valueHex: stream.slice().buffer })] });
    expect(await decompress(withEci(bare), () => 1 << 20)).toEqual(malformed);
  });
});
