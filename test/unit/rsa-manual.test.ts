/**
 * The RSA verification Signet does by hand (src/core/crypto/rsa-manual.ts:
 * SHA-224, MD5, and RSA-PSS whose MGF1 hash differs from the message hash),
 * against signatures made by OpenSSL and against encoded messages built here
 * step by step from RFC 8017 and given OpenSSL's raw private-key operation
 * (`pkeyutl -decrypt` without padding), each broken in one place: the
 * trailer byte, the leftmost bits, the padding, the separator, the hash, the
 * salt length, the leading byte of an odd-sized modulus. OpenSSL's own
 * verdict on each crafted signature is asserted beside ours.
 */
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DigestName } from "../../src/core/crypto/algorithms.js";
import { verifyPkcs1, verifyPss } from "../../src/core/crypto/rsa-manual.js";
import { OpensslPki } from "../helpers/pki.js";

const NODE_HASH: Record<DigestName, string> = { MD5: "md5", "SHA-1": "sha1", "SHA-224": "sha224", "SHA-256": "sha256", "SHA-384": "sha384", "SHA-512": "sha512" };
const hash = (name: DigestName, data: Uint8Array): Uint8Array => new Uint8Array(createHash(NODE_HASH[name]).update(data).digest());
const DATA = new TextEncoder().encode("Pay the invoice of 3 December.");
const OTHER = new TextEncoder().encode("Pay the invoice of 4 December.");

interface Key {
  file: string;
  modulus: Uint8Array;
  bits: number;
}
const E = new Uint8Array([1, 0, 1]);

let pki: OpensslPki;
const keys: Record<string, Key> = {};

function makeKey(name: string, bits: number): Key {
  const file = `${name}.key`;
  pki.run(["genpkey", "-algorithm", "RSA", "-pkeyopt", `rsa_keygen_bits:${bits}`, "-out", file]);
  const hex = pki.run(["rsa", "-in", file, "-noout", "-modulus"]).toString().trim().split("=")[1]!;
  const modulus = Uint8Array.from(Buffer.from(hex.length % 2 ? `0${hex}` : hex, "hex"));
  return { file, modulus, bits };
}

beforeAll(() => {
  pki = new OpensslPki();
  keys.k2048 = makeKey("k2048", 2048);
  // Odd sizes: 1025 bits makes the encoded message one byte shorter than the modulus (RFC 8017 section 8.1.2 step 2b);
  // 1023 bits leaves two leftmost bits that must be zero (section 9.1.2 step 6).
  keys.k1025 = makeKey("k1025", 1025);
  keys.k1023 = makeKey("k1023", 1023);
  // 752 bits: a SHA-512 DigestInfo (83 bytes) fits with exactly the minimum 8 bytes of padding (section 9.2 step 5).
  keys.k752 = makeKey("k752", 752);
  // 720 bits: room for the SHA-512 DigestInfo with only four bytes of padding.
  keys.k720 = makeKey("k720", 720);
});
afterAll(() => pki.cleanup());

/** OpenSSL's raw private-key operation on `block` (as long as the modulus): the signature whose public operation gives `block`. */
const rawSign = (key: Key, block: Uint8Array): Uint8Array => new Uint8Array(pki.run(["pkeyutl", "-decrypt", "-inkey", key.file, "-pkeyopt", "rsa_padding_mode:none"], block));

/** OpenSSL signs the digest of `data` (pkeyutl), with PKCS#1 v1.5 or with PSS options. */
function opensslSign(key: Key, name: DigestName, data: Uint8Array, pss?: { mgf1: DigestName; salt: number }): Uint8Array {
  const opts = ["-pkeyopt", `digest:${NODE_HASH[name]}`];
  if (pss) opts.push("-pkeyopt", "rsa_padding_mode:pss", "-pkeyopt", `rsa_mgf1_md:${NODE_HASH[pss.mgf1]}`, "-pkeyopt", `rsa_pss_saltlen:${pss.salt}`);
  return new Uint8Array(pki.run(["pkeyutl", "-sign", "-inkey", key.file, ...opts], hash(name, data)));
}

/** Does OpenSSL accept `sig` over `data`? */
function opensslVerifies(key: Key, name: DigestName, data: Uint8Array, sig: Uint8Array, pss?: { mgf1: DigestName; salt: number }): boolean {
  pki.write("check.sig", sig);
  pki.write("check.dgst", hash(name, data));
  const opts = ["-pkeyopt", `digest:${NODE_HASH[name]}`];
  if (pss) opts.push("-pkeyopt", "rsa_padding_mode:pss", "-pkeyopt", `rsa_mgf1_md:${NODE_HASH[pss.mgf1]}`, "-pkeyopt", `rsa_pss_saltlen:${pss.salt}`);
  return pki.status(["pkeyutl", "-verify", "-inkey", key.file, "-in", "check.dgst", "-sigfile", "check.sig", ...opts]) === 0;
}

/** MGF1 (RFC 8017 appendix B.2.1). */
function mgf1(name: DigestName, seed: Uint8Array, length: number): Uint8Array {
  const out: number[] = [];
  for (let counter = 0; out.length < length; counter++) out.push(...hash(name, new Uint8Array([...seed, counter >>> 24, (counter >>> 16) & 0xff, (counter >>> 8) & 0xff, counter & 0xff])));
  return new Uint8Array(out.slice(0, length));
}

interface PssFaults {
  trailer?: number;
  /** Set this bit of the first byte after masking (the leftmost bits must be zero). */
  leftBit?: number;
  /** Make the padding string non-zero at this index. */
  padding?: number;
  separator?: number;
  /** Hash this instead of the data. */
  data?: Uint8Array;
  /** The byte before the encoded message when the modulus has one more (RFC 8017 section 8.1.2). */
  leading?: number;
}

/** EMSA-PSS-ENCODE (RFC 8017 section 9.1.1) for `key`, with the faults asked for, as the full modulus-length block. */
function pssBlock(key: Key, name: DigestName, mgfName: DigestName, salt: Uint8Array, f: PssFaults = {}): Uint8Array {
  const emBits = key.bits - 1;
  const emLen = Math.ceil(emBits / 8);
  const hLen = hash(name, new Uint8Array()).length;
  const mHash = hash(name, f.data ?? DATA);
  const h = hash(name, new Uint8Array([...new Uint8Array(8), ...mHash, ...salt]));
  const db = new Uint8Array(emLen - hLen - 1);
  const psLen = db.length - salt.length - 1;
  db[psLen] = f.separator ?? 0x01;
  db.set(salt, psLen + 1);
  if (f.padding !== undefined) db[f.padding] = 0x01;
  const masked = mgf1(mgfName, h, db.length).map((m, i) => m ^ db[i]!);
  masked[0] = masked[0]! & (0xff >>> (8 * emLen - emBits));
  if (f.leftBit !== undefined) masked[0] = masked[0]! | f.leftBit;
  const em = new Uint8Array([...masked, ...h, f.trailer ?? 0xbc]);
  const k = key.modulus.length;
  return k > emLen ? new Uint8Array([f.leading ?? 0, ...em]) : em;
}

const salt = (n: number, fill = 7): Uint8Array => new Uint8Array(n).fill(fill);
const pss = (key: Key, name: DigestName, mgf: DigestName, saltLength: number, sig: Uint8Array, data: Uint8Array = DATA) => verifyPss(key.modulus, E, name, mgf, saltLength, data, sig);

describe("RSASSA-PSS by hand (RFC 8017 sections 8.1.2, 9.1.2)", () => {
  it("OpenSSL's signatures verify with the parameters they were made with, and not with others", () => {
    for (const key of [keys.k2048!, keys.k1025!, keys.k1023!]) {
      const sig = opensslSign(key, "SHA-256", DATA, { mgf1: "SHA-1", salt: 20 });
      expect(pss(key, "SHA-256", "SHA-1", 20, sig)).toBe(true);
      expect(pss(key, "SHA-256", "SHA-1", 20, sig, OTHER)).toBe(false);
      expect(pss(key, "SHA-256", "SHA-1", 21, sig)).toBe(false);
      expect(pss(key, "SHA-256", "SHA-256", 20, sig)).toBe(false);
      expect(pss(key, "SHA-384", "SHA-1", 20, sig)).toBe(false);
    }
    const sha224 = opensslSign(keys.k2048!, "SHA-224", DATA, { mgf1: "SHA-224", salt: 28 });
    expect(pss(keys.k2048!, "SHA-224", "SHA-224", 28, sha224)).toBe(true);
  });

  it("the encoder here agrees with OpenSSL: its well-formed blocks verify in both", () => {
    for (const key of [keys.k2048!, keys.k1025!, keys.k1023!]) {
      const sig = rawSign(key, pssBlock(key, "SHA-256", "SHA-512", salt(32)));
      expect(opensslVerifies(key, "SHA-256", DATA, sig, { mgf1: "SHA-512", salt: 32 })).toBe(true);
      expect(pss(key, "SHA-256", "SHA-512", 32, sig)).toBe(true);
    }
  });

  it("a salt as long as the block allows (emLen = hLen + sLen + 2) verifies; one byte longer cannot", () => {
    const key = keys.k2048!; // emLen 256, SHA-224: 28
    const longest = 256 - 28 - 2;
    const sig = rawSign(key, pssBlock(key, "SHA-224", "SHA-1", salt(longest)));
    expect(opensslVerifies(key, "SHA-224", DATA, sig, { mgf1: "SHA-1", salt: longest })).toBe(true);
    expect(pss(key, "SHA-224", "SHA-1", longest, sig)).toBe(true);
    expect(pss(key, "SHA-224", "SHA-1", longest + 1, sig)).toBe(false);
  });

  it("an empty salt verifies when declared so", () => {
    const sig = rawSign(keys.k2048!, pssBlock(keys.k2048!, "SHA-256", "SHA-1", new Uint8Array()));
    expect(pss(keys.k2048!, "SHA-256", "SHA-1", 0, sig)).toBe(true);
  });

  const broken: [string, Key | undefined, PssFaults][] = [
    ["a trailer other than 0xbc (step 4)", undefined, { trailer: 0xbd }],
    ["a padding byte that is not zero (step 10)", undefined, { padding: 3 }],
    ["the first padding byte not zero (step 10)", undefined, { padding: 0 }],
    ["a separator other than 0x01 (step 10)", undefined, { separator: 0x02 }],
    ["the hash of other data (step 14)", undefined, { data: OTHER }],
  ];
  for (const [what, , faults] of broken) {
    it(`${what}: refused by OpenSSL and by Signet`, () => {
      for (const key of [keys.k2048!, keys.k1025!]) {
        const sig = rawSign(key, pssBlock(key, "SHA-256", "SHA-1", salt(20), faults));
        expect(opensslVerifies(key, "SHA-256", DATA, sig, { mgf1: "SHA-1", salt: 20 })).toBe(false);
        expect(pss(key, "SHA-256", "SHA-1", 20, sig)).toBe(false);
      }
    });
  }

  /**
   * A block with `faults` that is below the modulus, so that it can be signed at all, and the
   * message it is for: messages are tried until one gives such a block.
   */
  function signableBlock(key: Key, faults: PssFaults): { data: Uint8Array; block: Uint8Array } {
    for (let i = 0; i < 2000; i++) {
      const data = new TextEncoder().encode(`Pay invoice ${i}.`);
      const block = pssBlock(key, "SHA-256", "SHA-1", salt(20), { data, ...faults });
      if (Buffer.compare(Buffer.from(block), Buffer.from(key.modulus)) < 0) return { data, block };
    }
    throw new Error("no block below the modulus in 2000 tries");
  }

  it("a leftmost bit that must be zero is set (step 6): refused", () => {
    const key = keys.k1023!; // emBits 1022 in 128 bytes: the two leftmost bits must be zero
    const { data, block } = signableBlock(key, { leftBit: 0x40 });
    const sig = rawSign(key, block);
    expect(opensslVerifies(key, "SHA-256", data, sig, { mgf1: "SHA-1", salt: 20 })).toBe(false);
    expect(pss(key, "SHA-256", "SHA-1", 20, sig, data)).toBe(false);
    // The block is right in every other respect: the same block without the bit verifies.
    const clean = rawSign(key, pssBlock(key, "SHA-256", "SHA-1", salt(20), { data }));
    expect(pss(key, "SHA-256", "SHA-1", 20, clean, data)).toBe(true);
  });

  it("with a modulus one bit past a byte, the extra leading byte must be zero (section 8.1.2 step 2b)", () => {
    const key = keys.k1025!;
    const { data, block } = signableBlock(key, { leading: 0x01 });
    const sig = rawSign(key, block);
    expect(opensslVerifies(key, "SHA-256", data, sig, { mgf1: "SHA-1", salt: 20 })).toBe(false);
    expect(pss(key, "SHA-256", "SHA-1", 20, sig, data)).toBe(false);
  });

  it("a signature of the wrong length, or not below the modulus (RSAVP1, section 5.2.2), is refused", () => {
    const key = keys.k2048!;
    const sig = opensslSign(key, "SHA-256", DATA, { mgf1: "SHA-1", salt: 20 });
    expect(pss(key, "SHA-256", "SHA-1", 20, new Uint8Array([0, ...sig]))).toBe(false);
    expect(pss(key, "SHA-256", "SHA-1", 20, sig.subarray(1))).toBe(false);
    expect(pss(key, "SHA-256", "SHA-1", 20, key.modulus)).toBe(false);
  });
});

/** EMSA-PKCS1-v1_5 (RFC 8017 section 9.2) as the full block, from its parts. */
function pkcs1Block(k: number, prefixHex: string, digest: Uint8Array, f: { type?: number; afterDigest?: number[] } = {}): Uint8Array {
  const t = [...Buffer.from(prefixHex, "hex"), ...digest, ...(f.afterDigest ?? [])];
  const ps = new Array<number>(k - t.length - 3).fill(0xff);
  return new Uint8Array([0x00, f.type ?? 0x01, ...ps, 0x00, ...t]);
}
const SHA224_PREFIX = "302d300d06096086480165030402040500041c";

describe("RSASSA-PKCS1-v1_5 by hand (RFC 8017 section 8.2.2)", () => {
  const pkcs1 = (key: Key, name: DigestName, sig: Uint8Array, data: Uint8Array = DATA) => verifyPkcs1(key.modulus, E, name, data, sig);

  it("OpenSSL's SHA-224 and MD5 signatures verify, over the data they were made for only", () => {
    const key = keys.k2048!;
    for (const name of ["SHA-224", "MD5"] as const) {
      const sig = opensslSign(key, name, DATA);
      expect(pkcs1(key, name, sig)).toBe(true);
      expect(pkcs1(key, name, sig, OTHER)).toBe(false);
    }
    expect(pkcs1(key, "MD5", opensslSign(key, "SHA-224", DATA))).toBe(false);
  });

  it("a modulus that leaves exactly the minimum eight bytes of padding (SHA-512 in 752 bits) verifies", () => {
    const sig = opensslSign(keys.k752!, "SHA-512", DATA);
    expect(pkcs1(keys.k752!, "SHA-512", sig)).toBe(true);
  });

  it("a block with fewer than eight bytes of padding is refused (section 9.2 step 3), as OpenSSL refuses it", () => {
    const key = keys.k720!;
    const block = pkcs1Block(key.modulus.length, "3051300d060960864801650304020305000440", hash("SHA-512", DATA));
    expect(block.subarray(2, 7)).toEqual(new Uint8Array([0xff, 0xff, 0xff, 0xff, 0x00]));
    const sig = rawSign(key, block);
    expect(opensslVerifies(key, "SHA-512", DATA, sig)).toBe(false);
    expect(pkcs1(key, "SHA-512", sig)).toBe(false);
  });

  it("a modulus too short for the DigestInfo is refused, not read past", () => {
    // SHA-512 needs 94 bytes; a 512-bit key has 64.
    expect(pkcs1({ ...keys.k752!, modulus: keys.k752!.modulus.subarray(0, 64) }, "SHA-512", new Uint8Array(64).fill(1))).toBe(false);
  });

  it("blocks OpenSSL refuses are refused: block type 2, bytes after the digest (the 2006 forgery's room), another digest", () => {
    const key = keys.k2048!;
    const k = key.modulus.length;
    const digest = hash("SHA-224", DATA);
    const cases = [
      pkcs1Block(k, SHA224_PREFIX, digest, { type: 0x02 }),
      pkcs1Block(k, SHA224_PREFIX, digest, { afterDigest: [0, 0, 0, 0] }),
      pkcs1Block(k, SHA224_PREFIX, hash("SHA-224", OTHER)),
      pkcs1Block(k, "302d300d06096086480165030402040500041d", new Uint8Array([...digest, 0])),
    ];
    for (const block of cases) {
      const sig = rawSign(key, block);
      expect(opensslVerifies(key, "SHA-224", DATA, sig)).toBe(false);
      expect(pkcs1(key, "SHA-224", sig)).toBe(false);
    }
    // The control: the same construction, well formed, verifies in both.
    const good = rawSign(key, pkcs1Block(k, SHA224_PREFIX, digest));
    expect([opensslVerifies(key, "SHA-224", DATA, good), pkcs1(key, "SHA-224", good)]).toEqual([true, true]);
  });

  it("a signature of the wrong length or not below the modulus is refused", () => {
    const key = keys.k2048!;
    const sig = opensslSign(key, "SHA-224", DATA);
    expect(pkcs1(key, "SHA-224", new Uint8Array([0, ...sig]))).toBe(false);
    expect(pkcs1(key, "SHA-224", key.modulus)).toBe(false);
  });

  it("s + n, the same value modulo n and still as long as the modulus, is refused (RSAVP1 step 1), as OpenSSL refuses it", () => {
    // 1023 bits: n < 2^1023, so s + n < 2^1024 still fits in the modulus's 128 bytes.
    const key = keys.k1023!;
    const sig = opensslSign(key, "SHA-224", DATA);
    const plusN = BigInt(`0x${Buffer.from(sig).toString("hex")}`) + BigInt(`0x${Buffer.from(key.modulus).toString("hex")}`);
    const forged = Uint8Array.from(Buffer.from(plusN.toString(16).padStart(key.modulus.length * 2, "0"), "hex"));
    expect([forged.length, pkcs1(key, "SHA-224", sig), opensslVerifies(key, "SHA-224", DATA, sig)]).toEqual([key.modulus.length, true, true]);
    expect([pkcs1(key, "SHA-224", forged), opensslVerifies(key, "SHA-224", DATA, forged)]).toEqual([false, false]);
  });
});
