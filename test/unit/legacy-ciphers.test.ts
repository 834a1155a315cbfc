/**
 * DES, Triple-DES and RC2 (src/core/crypto/des.ts, rc2.ts, legacy-cbc.ts),
 * the ciphers WebCrypto lacks: the published test vectors (FIPS 46-3's worked
 * example, RFC 2268 section 5) and OpenSSL's `enc` as the peer for CBC with
 * padding at every length around a block.
 */
import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { desBlock, desKeySchedule } from "../../src/core/crypto/des.js";
import { rc2DecryptBlock, rc2KeySchedule } from "../../src/core/crypto/rc2.js";
import { rc2CbcDecrypt, tripleDesCbcDecrypt } from "../../src/core/crypto/legacy-cbc.js";

const hex = (s: string) => Uint8Array.from(Buffer.from(s.replace(/ /g, ""), "hex"));

function opensslEnc(cipher: string, key: string, iv: string, plain: Uint8Array, legacy = false): Uint8Array {
  const provider = legacy ? ["-provider", "legacy", "-provider", "default"] : [];
  return new Uint8Array(execFileSync("openssl", ["enc", `-${cipher}`, "-K", key, "-iv", iv, ...provider], { input: plain }));
}

describe("DES block (FIPS 46-3)", () => {
  it("the standard worked example: key 133457799BBCDFF1 enciphers 0123456789ABCDEF to 85E813540F0AB405, and back", () => {
    const k = desKeySchedule(hex("133457799BBCDFF1"));
    expect(desBlock(k, 0x01234567, 0x89abcdef, false)).toEqual([0x85e81354, 0x0f0ab405]);
    expect(desBlock(k, 0x85e81354, 0x0f0ab405, true)).toEqual([0x01234567, 0x89abcdef]);
  });
});

describe("RC2 block (RFC 2268 section 5 test vectors)", () => {
  const vectors: [string, number, string, string][] = [
    ["0000000000000000", 63, "0000000000000000", "ebb773f993278eff"],
    ["ffffffffffffffff", 64, "ffffffffffffffff", "278b27e42e2f0d49"],
    ["3000000000000000", 64, "1000000000000001", "30649edf9be7d2c2"],
    ["88", 64, "0000000000000000", "61a8a244adacccf0"],
    ["88bca90e90875a", 64, "0000000000000000", "6ccf4308974c267f"],
    // Also what `openssl enc -rc2-ecb -nopad -K 88bc…b2` gives for a zero block (its default is 128 effective bits).
    ["88bca90e90875a7f0f79c384627bafb2", 128, "0000000000000000", "2269552ab0f85ca6"],
  ];
  for (const [key, bits, plain, cipher] of vectors) {
    it(`key ${key}, ${bits} effective bits: ${cipher} deciphers to ${plain}`, () => {
      const block = hex(cipher);
      rc2DecryptBlock(rc2KeySchedule(hex(key), bits), block);
      expect(Buffer.from(block).toString("hex")).toBe(plain);
    });
  }
});

describe("CBC with PKCS#7 padding against openssl enc", () => {
  const iv = "0001020304050607";
  const k3 = "0123456789abcdeffedcba987654321089abcdef01234567";
  const plain = (n: number) => Uint8Array.from({ length: n }, (_, i) => (i * 7 + 3) & 0xff);

  it("3DES-CBC: every length from 0 to 17 bytes decrypts to the exact plaintext", () => {
    for (let n = 0; n <= 17; n++) expect(tripleDesCbcDecrypt(hex(k3), hex(iv), opensslEnc("des-ede3-cbc", k3, iv, plain(n)))).toEqual(plain(n));
  });

  it("RC2-CBC with 40, 64 and 128 effective bits (OpenSSL's legacy provider)", () => {
    const cases: [string, string, number][] = [["rc2-40-cbc", "0102030405", 40], ["rc2-64-cbc", "0102030405060708", 64], ["rc2-cbc", "00112233445566778899aabbccddeeff", 128]];
    for (const [cipher, key, bits] of cases) {
      for (const n of [0, 5, 8, 13]) expect(rc2CbcDecrypt(hex(key), bits, hex(iv), opensslEnc(cipher, key, iv, plain(n), true))).toEqual(plain(n));
    }
  });

  it("a wrong key, a damaged last block, or a length that is no multiple of 8 gives null, never a plaintext", () => {
    const ct = opensslEnc("des-ede3-cbc", k3, iv, plain(20));
    const damaged = ct.slice();
    damaged[damaged.length - 1]! ^= 0x01;
    expect(tripleDesCbcDecrypt(hex(k3), hex(iv), damaged)).toBeNull();
    expect(tripleDesCbcDecrypt(hex(k3), hex(iv), ct.subarray(0, ct.length - 1))).toBeNull();
    expect(tripleDesCbcDecrypt(hex(k3), hex(iv), new Uint8Array())).toBeNull();
    expect(tripleDesCbcDecrypt(hex(k3).subarray(0, 16), hex(iv), ct)).toBeNull();
    expect(tripleDesCbcDecrypt(hex(k3.replace(/^01/, "02")), hex(iv), ct)).not.toEqual(plain(20));
  });

  it("every padding byte is checked, not only the last (a block ending 03 03 with a third byte not 03 is refused)", () => {
    // Encrypt "xxxxx" + 02 03 03 by hand as one block with -nopad: the last byte says three bytes of padding, two are 03.
    const block = Uint8Array.from([0x78, 0x78, 0x78, 0x78, 0x78, 0x02, 0x03, 0x03]);
    const ct = new Uint8Array(execFileSync("openssl", ["enc", "-des-ede3-cbc", "-K", k3, "-iv", iv, "-nopad"], { input: block }));
    expect(tripleDesCbcDecrypt(hex(k3), hex(iv), ct)).toBeNull();
    const good = Uint8Array.from([0x78, 0x78, 0x78, 0x78, 0x78, 0x03, 0x03, 0x03]);
    const ctGood = new Uint8Array(execFileSync("openssl", ["enc", "-des-ede3-cbc", "-K", k3, "-iv", iv, "-nopad"], { input: good }));
    expect(tripleDesCbcDecrypt(hex(k3), hex(iv), ctGood)).toEqual(good.subarray(0, 5));
  });

  it("a padding byte of 0, or of more than a block (9), is refused though the bytes it names agree", () => {
    const nopad = (block: Uint8Array) => new Uint8Array(execFileSync("openssl", ["enc", "-des-ede3-cbc", "-K", k3, "-iv", iv, "-nopad"], { input: block }));
    expect(tripleDesCbcDecrypt(hex(k3), hex(iv), nopad(Uint8Array.from([0x78, 0x78, 0x78, 0x78, 0x78, 0x78, 0x78, 0x00])))).toBeNull();
    const nine = Uint8Array.from([0x78, 0x78, 0x78, 0x78, 0x78, 0x78, 0x78, 9, 9, 9, 9, 9, 9, 9, 9, 9]);
    expect(tripleDesCbcDecrypt(hex(k3), hex(iv), nopad(nine))).toBeNull();
  });

  it("a full block of padding (08 x 8) is checked to its first byte: 07 08 08 08 08 08 08 08 is refused", () => {
    const nopad = (block: Uint8Array) => new Uint8Array(execFileSync("openssl", ["enc", "-des-ede3-cbc", "-K", k3, "-iv", iv, "-nopad"], { input: block }));
    expect(tripleDesCbcDecrypt(hex(k3), hex(iv), nopad(Uint8Array.from([0x41, 0x42, 0x43, 0x44, 0x45, 0x46, 0x47, 0x48, 7, 8, 8, 8, 8, 8, 8, 8])))).toBeNull();
    expect(tripleDesCbcDecrypt(hex(k3), hex(iv), nopad(Uint8Array.from([0x41, 0x42, 0x43, 0x44, 0x45, 0x46, 0x47, 0x48, 8, 8, 8, 8, 8, 8, 8, 8])))).toEqual(Uint8Array.from([0x41, 0x42, 0x43, 0x44, 0x45, 0x46, 0x47, 0x48]));
  });

  it("an IV that is not 8 bytes, or a 3DES key that is not 24, is refused", () => {
    const ct = opensslEnc("des-ede3-cbc", k3, iv, plain(8));
    expect(tripleDesCbcDecrypt(hex(k3), hex(iv), ct)).toEqual(plain(8));
    expect(tripleDesCbcDecrypt(hex(k3), hex(iv).subarray(0, 7), ct)).toBeNull();
    expect(tripleDesCbcDecrypt(hex(k3), Uint8Array.from([...hex(iv), 0]), ct)).toBeNull();
    expect(tripleDesCbcDecrypt(Uint8Array.from([...hex(k3), 1, 2, 3, 4, 5, 6, 7, 8]), hex(iv), ct)).toBeNull();
  });

  it("RC2 keys of 1 to 128 bytes and 1 to 1024 effective bits (RFC 2268 section 2) are used; past either end, refused", () => {
    // One block whose IV is chosen so that it deciphers to a whole block of padding: any key RC2 accepts
    // gives the empty plaintext, which tells "used" from "refused" without an RC2 encryptor.
    const block = Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8]);
    const ivFor = (key: Uint8Array, bits: number) => {
      const d = block.slice();
      rc2DecryptBlock(rc2KeySchedule(key, bits), d);
      return d.map((b) => b ^ 0x08);
    };
    for (const [length, bits] of [[1, 1], [128, 1024], [16, 128]] as const) {
      const key = new Uint8Array(length).fill(0x33);
      expect(rc2CbcDecrypt(key, bits, ivFor(key, bits), block), `${length} bytes, ${bits} bits`).toEqual(new Uint8Array());
    }
    // Each refused case with the IV its own key schedule would need, so that only the guard refuses it.
    for (const [length, bits] of [[0, 128], [16, 0], [16, 1025]] as const) {
      const key = new Uint8Array(length).fill(0x33);
      expect(rc2CbcDecrypt(key, bits, ivFor(key, bits), block), `${length} bytes, ${bits} bits`).toBeNull();
    }
    // 129 bytes: RFC 2268's schedule has no room for it (its L holds 128).
    expect(rc2CbcDecrypt(new Uint8Array(129).fill(0x33), 128, ivFor(new Uint8Array(16).fill(0x33), 128), block)).toBeNull();
  });

  it("a Node Buffer as ciphertext is read, not changed (its slice() is a view)", () => {
    const ct = Buffer.from(opensslEnc("des-ede3-cbc", k3, iv, plain(24)));
    const copy = Buffer.from(ct);
    expect(tripleDesCbcDecrypt(hex(k3), hex(iv), ct)).toEqual(plain(24));
    expect(ct.equals(copy)).toBe(true);
  });
});
