/**
 * The content-encryption table (src/core/crypto/content-cipher.ts): how each
 * algorithm's parameters are read, judged against the RFC that defines them
 * (RFC 3565 for AES-CBC, RFC 5084 for AES-GCM, RFC 3370 and RFC 2268 for 3DES
 * and RC2), and what decrypt answers for a right and a wrong key, tag or AAD,
 * with OpenSSL (`openssl enc`, and Node's crypto, which is OpenSSL, for GCM,
 * which `enc` refuses) as the peer that encrypted.
 */
import { createCipheriv } from "node:crypto";
import { execFileSync } from "node:child_process";
import * as asn1js from "asn1js";
import { describe, expect, it } from "vitest";
import { contentCipher, type ContentCipher } from "../../src/core/crypto/content-cipher.js";
import { aesCbcDecryptSoftware, aesGcmDecryptSoftware } from "../../src/core/crypto/aes-software.js";
import { OID } from "../../src/core/oids.js";

const der = (el: asn1js.AsnType) => new Uint8Array(el.toBER());
const octets = (n: number, fill = 7) => new asn1js.OctetString({ valueHex: new Uint8Array(n).fill(fill) });
const int = (n: number) => new asn1js.Integer({ value: n });
const seq = (...value: asn1js.AsnType[]) => new asn1js.Sequence({ value });
const gcmParams = (nonce: number, icv?: number) => der(icv === undefined ? seq(octets(nonce)) : seq(octets(nonce), int(icv)));
const rc2Params = (version: number) => der(seq(int(version), octets(8)));

function cipherOf(oid: string, params: Uint8Array | null): ContentCipher {
  const result = contentCipher(oid, params);
  if (!result.ok) throw new Error(`expected a cipher, got ${result.why}`);
  return result.cipher;
}

function malformed(oid: string, params: Uint8Array | null) {
  expect(contentCipher(oid, params)).toEqual({ ok: false, why: "parameters-malformed" });
}

describe("parameters, as each RFC defines them", () => {
  it("AES-CBC (RFC 3565 section 4.1): the 16-byte IV; key and strength from the OID", () => {
    for (const [oid, length] of [[OID.aes128Cbc, 16], [OID.aes192Cbc, 24], [OID.aes256Cbc, 32]] as const) {
      const c = cipherOf(oid, der(octets(16)));
      expect([c.keyLength, c.bits]).toEqual([length, length * 8]);
    }
    for (const params of [null, der(octets(15)), der(octets(17)), der(seq(octets(16))), der(int(16))]) malformed(OID.aes128Cbc, params);
  });

  it("parameters followed by stray bytes, or not DER at all, are malformed", () => {
    malformed(OID.aes128Cbc, Uint8Array.from([...der(octets(16)), 0x00]));
    malformed(OID.aes128Cbc, Uint8Array.from([0x04, 0x10, 1, 2, 3]));
    malformed(OID.aes128Cbc, new Uint8Array(0));
  });

  it("a constructed OCTET STRING (BER's chunked form) is not taken for an IV", () => {
    // 24 80 (04 10 <16 bytes>) 00 00: the same 16 bytes as one chunk of an indefinite-length string.
    const chunked = Uint8Array.from([0x24, 0x80, 0x04, 0x10, ...new Uint8Array(16).fill(7), 0x00, 0x00]);
    malformed(OID.aes128Cbc, chunked);
    malformed(OID.aes128Gcm, der(seq(new asn1js.OctetString({ isConstructed: true, value: [octets(12)] }))));
  });

  it("AES-GCM (RFC 5084 section 3.2): a nonce, and an ICV of 12 (the default) to 16 octets", () => {
    for (const [oid, length] of [[OID.aes128Gcm, 16], [OID.aes192Gcm, 24], [OID.aes256Gcm, 32]] as const) {
      const c = cipherOf(oid, gcmParams(12));
      expect([c.keyLength, c.bits]).toEqual([length, length * 8]);
    }
    for (const icv of [12, 13, 16]) expect(contentCipher(OID.aes128Gcm, gcmParams(12, icv)).ok).toBe(true);
    for (const icv of [4, 8, 11, 17]) malformed(OID.aes128Gcm, gcmParams(12, icv));
    malformed(OID.aes128Gcm, gcmParams(0));
    malformed(OID.aes128Gcm, der(seq()));
    malformed(OID.aes128Gcm, der(seq(octets(12), octets(1))));
    malformed(OID.aes128Gcm, der(octets(12)));
    malformed(OID.aes128Gcm, null);
  });

  it("3DES-CBC (RFC 3370 section 5.1): the 8-byte IV, a 24-byte key, 112 bits of strength", () => {
    const c = cipherOf(OID.desEde3Cbc, der(octets(8)));
    expect([c.keyLength, c.bits]).toEqual([24, 112]);
    for (const params of [null, der(octets(7)), der(octets(16))]) malformed(OID.desEde3Cbc, params);
  });

  it("RC2-CBC (RFC 2268 section 6): versions 160, 120 and 58 are 40, 64 and 128 bits; 256 to 1024 the bits; the IV alone 32", () => {
    const cases: [Uint8Array, number, number][] = [
      [rc2Params(160), 40, 5],
      [rc2Params(120), 64, 8],
      [rc2Params(58), 128, 16],
      [rc2Params(256), 256, 32],
      [rc2Params(1024), 1024, 128],
      [der(octets(8)), 32, 4],
    ];
    for (const [params, bits, keyLength] of cases) {
      const c = cipherOf(OID.rc2Cbc, params);
      expect([c.bits, c.keyLength]).toEqual([bits, keyLength]);
    }
    for (const version of [0, 32, 57, 59, 255, 1025]) malformed(OID.rc2Cbc, rc2Params(version));
    malformed(OID.rc2Cbc, der(seq(octets(1), octets(8))));
    malformed(OID.rc2Cbc, der(seq(int(58), octets(16))));
    malformed(OID.rc2Cbc, der(seq(int(58))));
    malformed(OID.rc2Cbc, der(octets(16)));
    malformed(OID.rc2Cbc, null);
  });

  it("an OID not in the table is unknown, whatever its parameters", () => {
    expect(contentCipher(OID.aes128Wrap, der(octets(16)))).toEqual({ ok: false, why: "unknown-algorithm" });
    expect(contentCipher("1.2.3.4", null)).toEqual({ ok: false, why: "unknown-algorithm" });
  });
});

const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");
const plain = Uint8Array.from({ length: 37 }, (_, i) => (i * 11 + 5) & 0xff);

describe("decrypt, against what OpenSSL encrypted", () => {
  it("AES-CBC: the plaintext with the right key; null with a wrong one (no exception reaches the caller)", async () => {
    const key = new Uint8Array(32).fill(0x42);
    const iv = new Uint8Array(16).fill(7);
    const ct = new Uint8Array(execFileSync("openssl", ["enc", "-aes-256-cbc", "-K", hex(key), "-iv", hex(iv)], { input: plain }));
    const c = cipherOf(OID.aes256Cbc, der(octets(16)));
    expect(await c.decrypt(key, ct)).toEqual(plain);
    expect(await c.decrypt(new Uint8Array(32).fill(0x43), ct)).toBeNull();
    expect(await c.decrypt(new Uint8Array(5), ct)).toBeNull();
  });

  function gcm(key: Uint8Array, nonce: Uint8Array, tagLength: number, aad?: Uint8Array) {
    const cipher = createCipheriv(`aes-${key.length * 8}-gcm` as "aes-128-gcm", key, nonce, { authTagLength: tagLength });
    if (aad) cipher.setAAD(aad);
    const ct = new Uint8Array(Buffer.concat([cipher.update(plain), cipher.final()]));
    return { ct, tag: new Uint8Array(cipher.getAuthTag()) };
  }

  it("AES-GCM: the tag must be as long as the ICV named, and the AAD (RFC 5083's authAttrs) is checked", async () => {
    const key = new Uint8Array(16).fill(0x11);
    const nonce = new Uint8Array(12).fill(7);
    const aad = Uint8Array.from([0x31, 0x03, 1, 2, 3]);

    const twelve = gcm(key, nonce, 12, aad);
    const c12 = cipherOf(OID.aes128Gcm, gcmParams(12));
    expect(await c12.decrypt(key, twelve.ct, aad, twelve.tag)).toEqual(plain);
    expect(await c12.decrypt(key, twelve.ct, Uint8Array.from([0x31, 0x03, 1, 2, 4]), twelve.tag)).toBeNull();
    expect(await c12.decrypt(key, twelve.ct, undefined, twelve.tag)).toBeNull();
    expect(await c12.decrypt(key, twelve.ct, aad)).toBeNull();
    expect(await c12.decrypt(key, twelve.ct, aad, twelve.tag.subarray(0, 11))).toBeNull();

    // An ICV of 16 named in the parameters: a 16-byte tag decrypts, the same tag cut to 12 does not.
    const sixteen = gcm(key, nonce, 16);
    const c16 = cipherOf(OID.aes128Gcm, gcmParams(12, 16));
    expect(await c16.decrypt(key, sixteen.ct, undefined, sixteen.tag)).toEqual(plain);
    expect(await c16.decrypt(key, sixteen.ct, undefined, sixteen.tag.subarray(0, 12))).toBeNull();
    expect(await c12.decrypt(key, sixteen.ct, undefined, sixteen.tag)).toBeNull();
  });

  it("3DES and RC2 decrypt through legacy-cbc with the IV and effective bits the parameters name", async () => {
    const key3 = Uint8Array.from({ length: 24 }, (_, i) => i * 9 + 1);
    const iv = Uint8Array.from([9, 8, 7, 6, 5, 4, 3, 2]);
    const ivParams = der(new asn1js.OctetString({ valueHex: iv }));
    const ct3 = new Uint8Array(execFileSync("openssl", ["enc", "-des-ede3-cbc", "-K", hex(key3), "-iv", hex(iv)], { input: plain }));
    expect(await cipherOf(OID.desEde3Cbc, ivParams).decrypt(key3, ct3)).toEqual(plain);

    const key5 = Uint8Array.from([1, 2, 3, 4, 5]);
    const legacy = ["-provider", "legacy", "-provider", "default"];
    const ct40 = new Uint8Array(execFileSync("openssl", ["enc", "-rc2-40-cbc", "-K", hex(key5), "-iv", hex(iv), ...legacy], { input: plain }));
    const rc2With = (version: number) => der(seq(int(version), new asn1js.OctetString({ valueHex: iv })));
    expect(await cipherOf(OID.rc2Cbc, rc2With(160)).decrypt(key5, ct40)).toEqual(plain);
    // The same key read as 64 effective bits is another cipher: the plaintext does not come out.
    expect(await cipherOf(OID.rc2Cbc, rc2With(120)).decrypt(key5, ct40)).not.toEqual(plain);
  });
});

describe("AES in code, where WebCrypto lacks a key length (Chromium has no AES-192), against OpenSSL's output", () => {
  const key24 = Uint8Array.from({ length: 24 }, (_, i) => i * 7 + 3);

  it("CBC: AES-192 and AES-128 decrypt exactly; a wrong key or a damaged last block gives null", () => {
    const iv = new Uint8Array(16).fill(9);
    for (const key of [key24, key24.subarray(0, 16)]) {
      const ct = new Uint8Array(execFileSync("openssl", ["enc", `-aes-${key.length * 8}-cbc`, "-K", hex(key), "-iv", hex(iv)], { input: plain }));
      expect(aesCbcDecryptSoftware(key, iv, ct)).toEqual(plain);
      const damaged = ct.slice();
      damaged[damaged.length - 1]! ^= 1;
      expect(aesCbcDecryptSoftware(key, iv, damaged)).toBeNull();
      expect(aesCbcDecryptSoftware(key.map((b) => b ^ 1), iv, ct)).not.toEqual(plain);
    }
    expect(aesCbcDecryptSoftware(new Uint8Array(5), iv, new Uint8Array(16))).toBeNull();
    // A key of no AES length makes @noble/ciphers throw: that is a null too, never an exception.
    expect(aesGcmDecryptSoftware(new Uint8Array(5), new Uint8Array(12), new Uint8Array(16), new Uint8Array(12), 12)).toBeNull();
  });

  it("GCM: tags of 12, 13 and 16 bytes, 12- and 16-byte nonces, with and without AAD; any change to tag, AAD, ciphertext or key gives null", () => {
    for (const [nonceLength, tagLength, withAad] of [[12, 12, true], [12, 16, false], [16, 13, true], [12, 16, true]] as const) {
      const nonce = Uint8Array.from({ length: nonceLength }, (_, i) => i + 1);
      const aad = withAad ? Uint8Array.from([0x31, 0x02, 0x05, 0x00]) : undefined;
      const c = createCipheriv("aes-192-gcm" as "aes-128-gcm", key24, nonce, { authTagLength: tagLength });
      if (aad) c.setAAD(aad);
      const ct = new Uint8Array(Buffer.concat([c.update(plain), c.final()]));
      const tag = new Uint8Array(c.getAuthTag());
      const what = `${nonceLength}-byte nonce, ${tagLength}-byte tag${withAad ? ", AAD" : ""}`;
      expect(aesGcmDecryptSoftware(key24, nonce, ct, tag, tagLength, aad), what).toEqual(plain);
      const flip = (b: Uint8Array, i: number) => b.map((x, j) => (j === i ? x ^ 1 : x));
      expect(aesGcmDecryptSoftware(key24, nonce, ct, flip(tag, tagLength - 1), tagLength, aad), what).toBeNull();
      expect(aesGcmDecryptSoftware(key24, nonce, flip(ct, 3), tag, tagLength, aad), what).toBeNull();
      expect(aesGcmDecryptSoftware(flip(key24, 0), nonce, ct, tag, tagLength, aad), what).toBeNull();
      expect(aesGcmDecryptSoftware(key24, nonce, ct, tag, tagLength, aad ? flip(aad, 2) : Uint8Array.from([1])), what).toBeNull();
      // A 17th byte (0) after the whole tag is no longer tag: RFC 5084 section 3.2 stops at 16.
      if (tagLength === 16) expect(aesGcmDecryptSoftware(key24, nonce, ct, Uint8Array.from([...tag, 0]), 17, aad), what).toBeNull();
      // A tag cut short is refused against the length named; named as shorter, it is GCM's shorter tag
      // (NIST SP 800-38D section 5.2.1.2: the leftmost bytes), down to RFC 5084's 12.
      expect(aesGcmDecryptSoftware(key24, nonce, ct, tag.subarray(0, tagLength - 1), tagLength, aad), what).toBeNull();
      expect(aesGcmDecryptSoftware(key24, nonce, ct, tag.subarray(0, tagLength - 1), tagLength - 1, aad), what).toEqual(tagLength > 12 ? plain : null);
    }
  });
});
