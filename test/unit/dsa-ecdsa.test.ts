/**
 * DSA (done by hand, src/core/crypto/dsa.ts) and ECDSA (WebCrypto, or
 * @noble/curves for SHA-224) against OpenSSL's signatures, and against
 * signature values that must never verify: DSA's s = 0 (with r = 1 it
 * "verifies" any message when the range check is gone: w = 0, so v = 1) and
 * its other out-of-range values, and ECDSA-Sig-Values whose DER is not
 * exactly SEQUENCE { INTEGER, INTEGER } (RFC 3279 section 2.2.3). OpenSSL's
 * verdict on each is asserted beside ours. Keys are read by describePublicKey
 * from the SubjectPublicKeyInfo OpenSSL writes.
 */
import { createHash } from "node:crypto";
import * as pkijs from "pkijs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DigestName } from "../../src/core/crypto/algorithms.js";
import { describePublicKey, inheritDsaParameters, type PublicKeyDescription } from "../../src/core/crypto/public-key.js";
import { ecdsaDerToRaw, verifySignature, verifySignedObject } from "../../src/core/crypto/verify.js";
import { OpensslPki } from "../helpers/pki.js";

const NODE_HASH: Partial<Record<DigestName, string>> = { "SHA-1": "sha1", "SHA-224": "sha224", "SHA-256": "sha256", "SHA-384": "sha384", "SHA-512": "sha512" };
const DATA = new TextEncoder().encode("The board meets on Tuesday.");
const OTHER = new TextEncoder().encode("The board meets on Friday.");

let pki: OpensslPki;
const keyFiles: Record<string, string> = {};

function key(name: string): PublicKeyDescription {
  const der = pki.run(["pkey", "-in", keyFiles[name]!, "-pubout", "-outform", "DER"]);
  return describePublicKey(pkijs.PublicKeyInfo.fromBER(new Uint8Array(der).buffer));
}

function sign(name: string, hash: DigestName, data: Uint8Array): Uint8Array {
  const md = NODE_HASH[hash]!;
  return new Uint8Array(pki.run(["pkeyutl", "-sign", "-inkey", keyFiles[name]!, "-pkeyopt", `digest:${md}`], createHash(md).update(data).digest()));
}

function opensslVerifies(name: string, hash: DigestName, data: Uint8Array, sig: Uint8Array): boolean {
  const md = NODE_HASH[hash]!;
  pki.write("v.dgst", createHash(md).update(data).digest());
  pki.write("v.sig", sig);
  return pki.status(["pkeyutl", "-verify", "-inkey", keyFiles[name]!, "-in", "v.dgst", "-sigfile", "v.sig", "-pkeyopt", `digest:${md}`]) === 0;
}

/** DER INTEGER of a non-negative bigint (a leading zero when the top bit is set). */
function derInteger(n: bigint): number[] {
  let hex = n.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  const bytes = [...Buffer.from(hex, "hex")];
  if (bytes[0]! & 0x80) bytes.unshift(0);
  return [0x02, bytes.length, ...bytes];
}
const derSequence = (...items: number[][]): Uint8Array => {
  const body = items.flat();
  return new Uint8Array([0x30, ...(body.length < 128 ? [body.length] : [0x81, body.length]), ...body]);
};

beforeAll(() => {
  pki = new OpensslPki();
  pki.run(["genpkey", "-genparam", "-algorithm", "DSA", "-pkeyopt", "dsa_paramgen_bits:2048", "-pkeyopt", "dsa_paramgen_q_bits:256", "-out", "dsa.params"]);
  pki.run(["genpkey", "-paramfile", "dsa.params", "-out", "dsa.key"]);
  keyFiles.dsa = "dsa.key";
  for (const curve of ["P-256", "P-384", "P-521"]) {
    pki.run(["genpkey", "-algorithm", "EC", "-pkeyopt", `ec_paramgen_curve:${curve}`, "-out", `${curve}.key`]);
    keyFiles[curve] = `${curve}.key`;
  }
});
afterAll(() => pki.cleanup());

describe("DSA (FIPS 186-4 section 4.7), 2048-bit p and 256-bit q", () => {
  const dsa = () => key("dsa");

  it("reads the key: p's size, and q, g, y as OpenSSL prints them", () => {
    const k = dsa();
    expect(k.kind === "dsa" && k.bits).toBe(2048);
    const text = pki.run(["pkey", "-in", keyFiles.dsa!, "-text", "-noout"]).toString();
    // "pub:" / "P:" / "Q:" / "G:" each followed by indented lines of hex pairs.
    const field = (name: string) => BigInt(`0x${new RegExp(`^${name}:\\s*\\n((?:\\s+[0-9a-f:]+\\n)+)`, "m").exec(text)![1]!.replace(/[\s:]/g, "")}`);
    expect(k.kind === "dsa" && [k.key.p, k.key.q, k.key.g, k.key.y]).toEqual([field("P"), field("Q"), field("G"), field("pub")]);
  });

  it("OpenSSL's signatures verify: a hash as long as q, shorter, and longer (its leftmost 256 bits, section 4.6); each over its own data and hash only", async () => {
    for (const hash of ["SHA-256", "SHA-224", "SHA-512", "SHA-1"] as const) {
      const sig = sign("dsa", hash, DATA);
      expect(await verifySignature(dsa(), { kind: "dsa", hash }, DATA, sig)).toBe(true);
      expect(await verifySignature(dsa(), { kind: "dsa", hash }, OTHER, sig)).toBe(false);
    }
    expect(await verifySignature(dsa(), { kind: "dsa", hash: "SHA-384" }, DATA, sign("dsa", "SHA-512", DATA))).toBe(false);
  });

  it("r and s outside 0 < r, s < q never verify, whatever the message: s = 0 and s = q with r = 1 above all", async () => {
    const k = dsa();
    if (k.kind !== "dsa") throw new Error("not a DSA key");
    const q = k.key.q;
    for (const [r, s] of [[1n, 0n], [1n, q], [0n, 1n], [q, 1n], [0n, 0n], [1n, q + q]] as const) {
      const sig = derSequence(derInteger(r), derInteger(s));
      expect(opensslVerifies("dsa", "SHA-256", DATA, sig)).toBe(false);
      expect(await verifySignature(k, { kind: "dsa", hash: "SHA-256" }, DATA, sig)).toBe(false);
    }
  });

  it("a signature that is not exactly SEQUENCE { INTEGER, INTEGER } is refused", async () => {
    const good = sign("dsa", "SHA-256", DATA);
    const parts = [...good.subarray(2)];
    const cases = [
      new Uint8Array([...good, 0x00]), // a byte after it
      derSequence(parts), // the same integers, then...
      derSequence(parts, [0x02, 0x01, 0x01]), // a third integer
      derSequence(parts.slice(0, parts[1]! + 2)), // one integer
      new Uint8Array([0x31, ...good.subarray(1)]), // a SET
      new Uint8Array([0x30, 0x81, good[1]!, ...good.subarray(2)]), // a long length where a short one fits
    ];
    expect(await verifySignature(key("dsa"), { kind: "dsa", hash: "SHA-256" }, DATA, cases[1]!)).toBe(true);
    for (const sig of [cases[0]!, cases[2]!, cases[3]!, cases[4]!, cases[5]!]) {
      expect(opensslVerifies("dsa", "SHA-256", DATA, sig)).toBe(false);
      expect(await verifySignature(key("dsa"), { kind: "dsa", hash: "SHA-256" }, DATA, sig)).toBe(false);
    }
  });

  it("a key without parameters takes its issuer's (RFC 3279 section 2.3.2), and only a DSA issuer's", () => {
    const k = dsa();
    if (k.kind !== "dsa") throw new Error("not a DSA key");
    const bare: PublicKeyDescription = { kind: "dsa-inherited", y: 5n, bits: 0 };
    expect(inheritDsaParameters(bare, k)).toEqual({ kind: "dsa", key: { ...k.key, y: 5n }, bits: 2048 });
    expect(inheritDsaParameters(bare, key("P-256"))).toBeNull();
    expect(inheritDsaParameters(bare, null)).toBeNull();
    expect(inheritDsaParameters(k, null)).toBe(k);
  });
});

describe("ECDSA (RFC 5758), P-256, P-384 and P-521", () => {

  it("OpenSSL's signatures verify through WebCrypto (SHA-256/384/512) and @noble (SHA-224), over their own data only", async () => {
    for (const curve of ["P-256", "P-384", "P-521"] as const) {
      const k = key(curve);
      expect(k.kind === "ec" && [k.curve, k.bits]).toEqual([curve, curve === "P-521" ? 521 : Number(curve.slice(2))]);
      for (const hash of ["SHA-256", "SHA-384", "SHA-512", "SHA-224", "SHA-1"] as const) {
        const sig = sign(curve, hash, DATA);
        expect(await verifySignature(k, { kind: "ecdsa", hash }, DATA, sig)).toBe(true);
        expect(await verifySignature(k, { kind: "ecdsa", hash }, OTHER, sig)).toBe(false);
      }
    }
  });

  it("a key of another type never verifies an ECDSA signature, nor an EC key another scheme's", async () => {
    const sig = sign("P-256", "SHA-256", DATA);
    expect(await verifySignature(key("dsa"), { kind: "ecdsa", hash: "SHA-256" }, DATA, sig)).toBe(false);
    expect(await verifySignature(key("P-256"), { kind: "dsa", hash: "SHA-256" }, DATA, sig)).toBe(false);
    expect(await verifySignature(key("P-256"), { kind: "rsa-pkcs1", hash: "SHA-256" }, DATA, sig)).toBe(false);
  });

  it("a key whose point is not on the curve verifies nothing: @noble says false, WebCrypto refuses the key, and a signed object calls it a bad signature", async () => {
    // The SPKI as OpenSSL wrote it, its last coordinate changed: the point (x, y + 1) is not on P-256.
    const der = new Uint8Array(pki.run(["pkey", "-in", keyFiles["P-256"]!, "-pubout", "-outform", "DER"]));
    der[der.length - 1] = der.at(-1)! ^ 1;
    const offCurve = describePublicKey(pkijs.PublicKeyInfo.fromBER(der.slice().buffer));
    expect(offCurve.kind).toBe("ec");
    const sig224 = sign("P-256", "SHA-224", DATA);
    expect(await verifySignature(offCurve, { kind: "ecdsa", hash: "SHA-224" }, DATA, sig224)).toBe(false);
    // ecdsa-with-SHA224 and ecdsa-with-SHA256 (RFC 5758 section 3.2).
    expect(await verifySignedObject(offCurve, "1.2.840.10045.4.3.1", undefined, DATA, sig224)).toEqual({ ok: false, reason: "bad-signature" });
    expect(await verifySignedObject(offCurve, "1.2.840.10045.4.3.2", undefined, DATA, sign("P-256", "SHA-256", DATA))).toEqual({ ok: false, reason: "bad-signature" });
  });

  it("ecdsaDerToRaw: r and s right-aligned in fixed halves, leading zeros dropped", () => {
    expect(ecdsaDerToRaw(derSequence(derInteger(1n), derInteger(0x8000n)), 4)).toEqual(new Uint8Array([0, 0, 0, 1, 0, 0, 0x80, 0]));
    // A long-form sequence length (P-521 signatures need it).
    const long = derSequence(derInteger(2n ** 520n), derInteger(2n ** 519n));
    expect(long[1]).toBe(0x81);
    const raw = ecdsaDerToRaw(long, 66);
    expect([raw?.length, raw?.[0], raw?.[1], raw?.[66], raw?.[67]]).toEqual([132, 1, 0, 0, 0x80]);
  });

  it("ECDSA-Sig-Values that are not exactly SEQUENCE { INTEGER, INTEGER }: refused here and by OpenSSL", async () => {
    const curve = "P-256";
    const good = sign(curve, "SHA-256", DATA);
    const body = [...good.subarray(2)];
    const rLen = body[1]!;
    const r = body.slice(0, rLen + 2);
    const s = body.slice(rLen + 2);
    const rValue = BigInt(`0x${Buffer.from(r.slice(2)).toString("hex")}`);
    const cases: [string, Uint8Array][] = [
      ["a byte after the sequence", new Uint8Array([...good, 0])],
      ["a sequence length one short", new Uint8Array([0x30, good[1]! - 1, ...body])],
      ["no sequence tag", new Uint8Array([0x31, ...good.subarray(1)])],
      ["r not an INTEGER", derSequence([0x04, ...r.slice(1)], s)],
      ["r of length 0", derSequence([0x02, 0x00], s)],
      ["one integer only", derSequence(r)],
      ["three integers", derSequence(r, s, [0x02, 0x01, 0x01])],
      ["r longer than the curve", derSequence(derInteger(rValue + (1n << 256n)), s)],
      ["an integer's length past the end", new Uint8Array([0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x09, 0x01])],
      ["an indefinite length", new Uint8Array([0x30, 0x80, ...body, 0, 0])],
      ["a length in three bytes", new Uint8Array([0x30, 0x83, 0, 0, body.length, ...body])],
    ];
    for (const [what, sig] of cases) {
      expect([what, opensslVerifies(curve, "SHA-256", DATA, sig)]).toEqual([what, false]);
      expect([what, await verifySignature(key(curve), { kind: "ecdsa", hash: "SHA-256" }, DATA, sig)]).toEqual([what, false]);
    }
    expect(await verifySignature(key(curve), { kind: "ecdsa", hash: "SHA-256" }, DATA, derSequence(r, s))).toBe(true);
  });

  it("BER forms of a valid signature (a redundant leading zero, a long length where a short one fits): refused, as OpenSSL refuses them", async () => {
    for (const hash of ["SHA-256", "SHA-224"] as const) {
      const good = sign("P-256", hash, DATA);
      const body = [...good.subarray(2)];
      const rLen = body[1]!;
      const variants = [
        derSequence([0x02, rLen + 1, 0, ...body.slice(2, rLen + 2)], body.slice(rLen + 2)),
        new Uint8Array([0x30, 0x81, body.length, ...body]),
        derSequence([0x02, 0x81, rLen, ...body.slice(2, rLen + 2)], body.slice(rLen + 2)),
      ];
      for (const sig of variants) {
        expect(opensslVerifies("P-256", hash, DATA, sig)).toBe(false);
        expect(await verifySignature(key("P-256"), { kind: "ecdsa", hash }, DATA, sig)).toBe(false);
      }
    }
  });

  it("an r or an s wider than the curve is no P-256 signature value", () => {
    expect(ecdsaDerToRaw(derSequence(derInteger(1n), derInteger(2n ** 256n + 1n)), 32)).toBeNull();
    expect(ecdsaDerToRaw(derSequence(derInteger(2n ** 256n + 1n), derInteger(1n)), 32)).toBeNull();
    expect(ecdsaDerToRaw(derSequence(derInteger(1n), derInteger(2n ** 255n)), 32)?.[32]).toBe(0x80);
  });

  it("a negative integer (its top bit set without a leading zero) is no signature value", () => {
    expect(ecdsaDerToRaw(new Uint8Array([0x30, 0x06, 0x02, 0x01, 0x80, 0x02, 0x01, 0x01]), 32)).toBeNull();
    expect(ecdsaDerToRaw(new Uint8Array([0x30, 0x07, 0x02, 0x02, 0x00, 0x80, 0x02, 0x01, 0x01]), 32)?.[31]).toBe(0x80);
  });
});
