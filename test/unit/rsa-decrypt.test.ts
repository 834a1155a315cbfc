/**
 * RSA key transport, decryption side (src/core/crypto/rsa-decrypt.ts): the
 * key comes back exactly when the padding is right, and a random key of the
 * expected length comes back for every kind of wrong padding (RFC 3218
 * section 2.3.2), so no caller can tell the failures apart. Ciphertexts come
 * from OpenSSL (`openssl pkeyutl -encrypt`) and from Node's public-key
 * encryption; the wrong paddings are built with the public key by hand.
 */
import { execFileSync } from "node:child_process";
import { createPublicKey, publicEncrypt, constants } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decryptOaepKey, decryptPkcs1v15Key, rsaDecryptPrimitive, type RsaPrivateKey } from "../../src/core/crypto/rsa-decrypt.js";
import { modPow, toBigInt, toBytes } from "../../src/core/crypto/bigint.js";
import { syncHash } from "../../src/core/crypto/digest.js";
import { mgf1 } from "../../src/core/crypto/rsa-manual.js";
import { recipientKeyFromPkcs8 } from "../../src/core/keys/recipient-key.js";
import { CertificateView } from "../../src/core/x509/certificate.js";

let dir: string;
let key: RsaPrivateKey;
let publicPem: string;
const openssl = (args: string[], input?: Uint8Array) => new Uint8Array(execFileSync("openssl", args, { cwd: dir, ...(input ? { input } : {}) }));

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "signet-rsa-"));
  openssl(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "k.pem", "-out", "c.pem", "-subj", "/CN=rsa-test", "-days", "2"]);
  const pkcs8 = openssl(["pkcs8", "-topk8", "-nocrypt", "-in", "k.pem", "-outform", "DER"]);
  const cert = CertificateView.fromDer(openssl(["x509", "-in", "c.pem", "-outform", "DER"]));
  const k = await recipientKeyFromPkcs8(pkcs8, cert);
  if (typeof k === "string" || k.kind !== "rsa") throw new Error(String(k));
  key = k.rsa;
  publicPem = readFileSync(join(dir, "c.pem"), "utf8");
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const cek = Uint8Array.from({ length: 32 }, (_, i) => i + 1);

/** RSAEP with the public key on an encoded message we build: the only way to make a wrong padding. */
function encryptRaw(em: Uint8Array): Uint8Array {
  return toBytes(modPow(toBigInt(em), key.e, key.n), key.size);
}

function v15(blockType: number, ps: Uint8Array, separator: number, message: Uint8Array): Uint8Array {
  return Uint8Array.from([0x00, blockType, ...ps, separator, ...message]);
}

const nonzero = (n: number) => new Uint8Array(n).fill(0x5a);

describe("RSAES-PKCS1-v1_5 (RFC 8017 section 7.2.2) per RFC 3218", () => {
  it("a key OpenSSL encrypted (pkeyutl, PKCS#1 v1.5) comes back exactly", () => {
    writeFileSync(join(dir, "cek.bin"), cek);
    const ct = openssl(["pkeyutl", "-encrypt", "-certin", "-inkey", "c.pem", "-in", "cek.bin"]);
    expect(decryptPkcs1v15Key(key, ct, 32)).toEqual(cek);
  });

  it("a right padding around a key of another length gives random bytes of the expected length, new each time", () => {
    const ct = publicEncrypt({ key: createPublicKey(publicPem), padding: constants.RSA_PKCS1_PADDING }, cek.subarray(0, 16));
    const a = decryptPkcs1v15Key(key, ct, 32);
    const b = decryptPkcs1v15Key(key, ct, 32);
    expect([a.length, b.length]).toEqual([32, 32]);
    expect(a).not.toEqual(b);
  });

  const k = () => key.size;
  const wrong: [string, () => Uint8Array][] = [
    ["block type 01 (a signature's)", () => v15(0x01, nonzero(k() - 35), 0x00, cek)],
    ["a first byte that is not 00", () => Uint8Array.from([0x01, ...v15(0x02, nonzero(k() - 35), 0x00, cek).subarray(1)])],
    ["a zero byte inside the first eight padding bytes", () => v15(0x02, Uint8Array.from([...nonzero(3), 0, ...nonzero(k() - 39)]), 0x00, Uint8Array.from([...cek]))],
    ["no zero separator before the key", () => v15(0x02, nonzero(k() - 35), 0x01, cek)],
    ["the separator one byte early (a 33-byte key)", () => v15(0x02, nonzero(k() - 36), 0x00, Uint8Array.from([7, ...cek]))],
  ];
  for (const [what, em] of wrong) {
    it(`${what}: random bytes of the expected length, never the key inside, never an exception`, () => {
      const ct = encryptRaw(em());
      const a = decryptPkcs1v15Key(key, ct, 32);
      expect(a.length).toBe(32);
      expect(a).not.toEqual(cek);
      expect(decryptPkcs1v15Key(key, ct, 32)).not.toEqual(a);
    });
  }

  it("the same padding built by hand, when right, does give the key (the cases above fail for their padding alone)", () => {
    expect(decryptPkcs1v15Key(key, encryptRaw(v15(0x02, nonzero(key.size - 35), 0x00, cek)), 32)).toEqual(cek);
  });

  it("at the length bound (RFC 8017 section 7.2.1: a message of at most k - 11 bytes): k - 11 with eight padding bytes gives the key; k - 10 with seven, random bytes", () => {
    const longest = Uint8Array.from({ length: key.size - 11 }, (_, i) => (i * 3 + 1) & 0xff);
    expect(decryptPkcs1v15Key(key, encryptRaw(v15(0x02, nonzero(8), 0x00, longest)), key.size - 11)).toEqual(longest);
    const tooLong = Uint8Array.from({ length: key.size - 10 }, (_, i) => (i * 3 + 1) & 0xff);
    const out = decryptPkcs1v15Key(key, encryptRaw(v15(0x02, nonzero(7), 0x00, tooLong)), key.size - 10);
    expect(out.length).toBe(key.size - 10);
    expect(out).not.toEqual(tooLong);
  });

  it("a faulty CRT exponent gives null from RSADP, not a wrong value (the re-encryption check against Boneh-DeMillo-Lipton)", () => {
    const faulty: RsaPrivateKey = { ...key, dp: key.dp + 2n };
    const ct = encryptRaw(v15(0x02, nonzero(key.size - 35), 0x00, cek));
    expect(rsaDecryptPrimitive(key, ct)).not.toBeNull();
    expect(rsaDecryptPrimitive(faulty, ct)).toBeNull();
    expect(decryptPkcs1v15Key(faulty, ct, 32)).not.toEqual(cek);
  });

  it("a ciphertext of the wrong length or not below the modulus is refused by RSADP, and the key is random", () => {
    expect(rsaDecryptPrimitive(key, new Uint8Array(key.size - 1))).toBeNull();
    expect(rsaDecryptPrimitive(key, toBytes(key.n, key.size))).toBeNull();
    expect(decryptPkcs1v15Key(key, new Uint8Array(key.size).fill(0xff), 32).length).toBe(32);
  });
});

describe("RSAES-OAEP (RFC 8017 section 7.1.2) with any hash, MGF1 hash and label", () => {
  const pkeyutl = (opts: string[]) => {
    writeFileSync(join(dir, "cek.bin"), cek);
    return openssl(["pkeyutl", "-encrypt", "-certin", "-inkey", "c.pem", "-in", "cek.bin", "-pkeyopt", "rsa_padding_mode:oaep", ...opts.flatMap((o) => ["-pkeyopt", o])]);
  };

  it("SHA-1 (the default), SHA-256, and SHA-384 with MGF1-SHA-1 (a pair WebCrypto cannot do) all come back exactly", () => {
    expect(decryptOaepKey(key, pkeyutl([]), 32, "SHA-1", "SHA-1", new Uint8Array())).toEqual(cek);
    expect(decryptOaepKey(key, pkeyutl(["rsa_oaep_md:sha256"]), 32, "SHA-256", "SHA-256", new Uint8Array())).toEqual(cek);
    expect(decryptOaepKey(key, pkeyutl(["rsa_oaep_md:sha384", "rsa_mgf1_md:sha1"]), 32, "SHA-384", "SHA-1", new Uint8Array())).toEqual(cek);
  });

  it("with a label, the key comes back only with that label", () => {
    const ct = pkeyutl(["rsa_oaep_md:sha256", "rsa_oaep_label:0102030405"]);
    expect(decryptOaepKey(key, ct, 32, "SHA-256", "SHA-256", Uint8Array.from([1, 2, 3, 4, 5]))).toEqual(cek);
    expect(decryptOaepKey(key, ct, 32, "SHA-256", "SHA-256", new Uint8Array())).not.toEqual(cek);
  });

  it("an OAEP block built by hand (RFC 8017 section 7.1.1 with SHA-1): right, it gives the key; a non-zero byte in its zero string, random bytes", () => {
    const sha1 = syncHash("SHA-1");
    const encode = (ps: Uint8Array): Uint8Array => {
      const k = key.size;
      const db = Uint8Array.from([...sha1(new Uint8Array()), ...ps, 0x01, ...cek]);
      const seed = Uint8Array.from({ length: 20 }, (_, i) => i + 7);
      const maskedDb = db.map((b, i) => b ^ mgf1(sha1, 20, seed, db.length)[i]!);
      const maskedSeed = seed.map((b, i) => b ^ mgf1(sha1, 20, maskedDb, 20)[i]!);
      expect(1 + maskedSeed.length + maskedDb.length).toBe(k);
      return Uint8Array.from([0, ...maskedSeed, ...maskedDb]);
    };
    const psLength = key.size - 2 * 20 - 2 - 32;
    expect(decryptOaepKey(key, encryptRaw(encode(new Uint8Array(psLength))), 32, "SHA-1", "SHA-1", new Uint8Array())).toEqual(cek);
    const dirty = new Uint8Array(psLength);
    dirty[5] = 0x05;
    expect(decryptOaepKey(key, encryptRaw(encode(dirty)), 32, "SHA-1", "SHA-1", new Uint8Array())).not.toEqual(cek);
  });

  it("at the length bound (RFC 8017 section 7.1.1: k - 2hLen - 2 bytes, an empty zero string) the key still comes back", () => {
    const sha1 = syncHash("SHA-1");
    const longest = Uint8Array.from({ length: key.size - 2 * 20 - 2 }, (_, i) => (i * 5 + 2) & 0xff);
    const db = Uint8Array.from([...sha1(new Uint8Array()), 0x01, ...longest]);
    const seed = Uint8Array.from({ length: 20 }, (_, i) => i + 9);
    const maskedDb = db.map((b, i) => b ^ mgf1(sha1, 20, seed, db.length)[i]!);
    const maskedSeed = seed.map((b, i) => b ^ mgf1(sha1, 20, maskedDb, 20)[i]!);
    const ct = encryptRaw(Uint8Array.from([0, ...maskedSeed, ...maskedDb]));
    expect(decryptOaepKey(key, ct, longest.length, "SHA-1", "SHA-1", new Uint8Array())).toEqual(longest);
    // OpenSSL agrees that this block is a valid OAEP encoding of that message.
    writeFileSync(join(dir, "oaep-edge.bin"), ct);
    expect(openssl(["pkeyutl", "-decrypt", "-inkey", "k.pem", "-in", "oaep-edge.bin", "-pkeyopt", "rsa_padding_mode:oaep"])).toEqual(longest);
  });

  it("the wrong hash, or a key of another length, gives random bytes of the expected length", () => {
    const ct = pkeyutl(["rsa_oaep_md:sha256"]);
    for (const out of [decryptOaepKey(key, ct, 32, "SHA-1", "SHA-1", new Uint8Array()), decryptOaepKey(key, ct, 16, "SHA-256", "SHA-256", new Uint8Array())]) {
      expect(out).not.toEqual(cek);
    }
    expect(decryptOaepKey(key, ct, 16, "SHA-256", "SHA-256", new Uint8Array()).length).toBe(16);
  });
});
