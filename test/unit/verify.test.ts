/**
 * The signature dispatcher (src/core/crypto/verify.ts) and the key reader
 * (public-key.ts), with keys and signatures from OpenSSL: every scheme with
 * its own key type and with the others (a wrong key type is a bad signature,
 * never an error), WebCrypto's RSA-PSS salt limit at its edge, Ed25519, RSA
 * keys labelled id-RSASSA-PSS (RFC 4055 section 1.2), curves and key types
 * Signet does not verify (named in the answer), and what verifySignedObject
 * makes of each.
 */
import { createHash } from "node:crypto";
import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describePublicKey, type PublicKeyDescription } from "../../src/core/crypto/public-key.js";
import { verifySignature, verifySignedObject, DSA_INHERITED } from "../../src/core/crypto/verify.js";
import { OpensslPki } from "../helpers/pki.js";

const DATA = new TextEncoder().encode("Signed on the third.");
let pki: OpensslPki;

const spkiOf = (keyFile: string): Uint8Array => new Uint8Array(pki.run(["pkey", "-in", keyFile, "-pubout", "-outform", "DER"]));
const keyOf = (keyFile: string): PublicKeyDescription => describePublicKey(pkijs.PublicKeyInfo.fromBER(spkiOf(keyFile).slice().buffer));

function sign(keyFile: string, opts: string[], data = DATA, md = "sha256"): Uint8Array {
  const digest = createHash(md).update(data).digest();
  return new Uint8Array(pki.run(["pkeyutl", "-sign", "-inkey", keyFile, "-pkeyopt", `digest:${md}`, ...opts.flatMap((o) => ["-pkeyopt", o])], digest));
}

beforeAll(() => {
  pki = new OpensslPki();
  pki.run(["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", "rsa.key"]);
  pki.run(["genpkey", "-algorithm", "RSA-PSS", "-pkeyopt", "rsa_keygen_bits:2048", "-out", "rsapss.key"]);
  pki.run(["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "ec.key"]);
  pki.run(["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:secp256k1", "-out", "k1.key"]);
  pki.run(["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-pkeyopt", "ec_param_enc:explicit", "-out", "explicit.key"]);
  pki.run(["genpkey", "-algorithm", "ED25519", "-out", "ed.key"]);
  pki.run(["genpkey", "-algorithm", "ED448", "-out", "ed448.key"]);
});
afterAll(() => pki.cleanup());

describe("describePublicKey", () => {
  it("RSA: modulus without its sign byte, exponent, size; the SPKI as OpenSSL wrote it", () => {
    const k = keyOf("rsa.key");
    const hex = pki.run(["rsa", "-in", "rsa.key", "-noout", "-modulus"]).toString().trim().split("=")[1]!;
    expect(k.kind === "rsa" && [Buffer.from(k.modulus).toString("hex").toUpperCase(), [...k.exponent], k.bits, Buffer.from(k.spki).equals(Buffer.from(spkiOf("rsa.key")))]).toEqual([hex, [1, 0, 1], 2048, true]);
  });

  it("an RSA key labelled id-RSASSA-PSS is read as RSA, its SPKI rewrapped as rsaEncryption for WebCrypto", () => {
    const k = keyOf("rsapss.key");
    expect(k.kind).toBe("rsa");
    if (k.kind !== "rsa") return;
    expect(k.bits).toBe(2048);
    const info = pkijs.PublicKeyInfo.fromBER(k.spki.slice().buffer);
    expect(info.algorithm.algorithmId).toBe("1.2.840.113549.1.1.1");
    expect(Buffer.from(info.subjectPublicKey.valueBlock.valueHexView).equals(Buffer.from(pkijs.PublicKeyInfo.fromBER(spkiOf("rsapss.key").slice().buffer).subjectPublicKey.valueBlock.valueHexView))).toBe(true);
  });

  it("EC on the NIST curves; other curves and explicit parameters are named as unsupported", () => {
    const ec = keyOf("ec.key");
    expect(ec.kind === "ec" && [ec.curve, ec.bits, ec.point.length, ec.point[0], Buffer.from(ec.spki).equals(Buffer.from(spkiOf("ec.key")))]).toEqual(["P-256", 256, 65, 4, true]);
    expect(keyOf("k1.key")).toEqual({ kind: "unsupported", algorithmOid: "1.2.840.10045.2.1", why: "unknown-curve", value: "1.3.132.0.10" });
    expect(keyOf("explicit.key")).toEqual({ kind: "unsupported", algorithmOid: "1.2.840.10045.2.1", why: "unknown-curve", value: "explicit" });
  });

  it("Ed25519 is read; Ed448 is an unsupported key type, named by its OID", () => {
    const ed = keyOf("ed.key");
    expect(ed.kind === "ed25519" && [ed.point.length, ed.bits, Buffer.from(ed.spki).equals(Buffer.from(spkiOf("ed.key")))]).toEqual([32, 256, true]);
    expect(keyOf("ed448.key")).toEqual({ kind: "unsupported", algorithmOid: "1.3.101.113", why: "unknown-algorithm", value: "1.3.101.113" });
  });

  it("an RSA key whose bits are not an RSAPublicKey is malformed, not a crash", () => {
    const info = pkijs.PublicKeyInfo.fromBER(spkiOf("rsa.key").slice().buffer);
    const withBits = (bits: number[]) => new pkijs.PublicKeyInfo({ algorithm: info.algorithm, subjectPublicKey: new asn1js.BitString({ valueHex: new Uint8Array(bits).buffer }) });
    expect(describePublicKey(withBits([0x30, 0x03, 0x02]))).toEqual({ kind: "unsupported", algorithmOid: "1.2.840.113549.1.1.1", why: "malformed-key" });
    // Well-formed DER, but a SEQUENCE of one INTEGER: pkijs refuses it, and the key is malformed.
    expect(describePublicKey(withBits([0x30, 0x03, 0x02, 0x01, 0x05]))).toEqual({ kind: "unsupported", algorithmOid: "1.2.840.113549.1.1.1", why: "malformed-key" });
  });

  it("an RSA modulus of zero, or of no octets, has no bits (so every size rule refuses it)", () => {
    const info = pkijs.PublicKeyInfo.fromBER(spkiOf("rsa.key").slice().buffer);
    const withBits = (bits: number[]) => new pkijs.PublicKeyInfo({ algorithm: info.algorithm, subjectPublicKey: new asn1js.BitString({ valueHex: new Uint8Array(bits).buffer }) });
    for (const modulus of [[0x02, 0x01, 0x00], [0x02, 0x00]]) {
      const k = describePublicKey(withBits([0x30, modulus.length + 3, ...modulus, 0x02, 0x01, 0x03]));
      expect(k.kind === "rsa" && [k.bits, k.modulus.length, [...k.exponent]]).toEqual([0, 0, [3]]);
    }
  });

  it("a DSA key whose public value is not an INTEGER, or whose parameters lack g, is malformed", () => {
    const dsa = "1.2.840.10040.4.1";
    const int = (n: number) => new asn1js.Integer({ value: n });
    const key = (params: asn1js.AsnType, y: Uint8Array) => describePublicKey(new pkijs.PublicKeyInfo({ algorithm: new pkijs.AlgorithmIdentifier({ algorithmId: dsa, algorithmParams: params }), subjectPublicKey: new asn1js.BitString({ valueHex: y.slice().buffer }) }));
    const y = new Uint8Array(int(7).toBER(false));
    expect(key(new asn1js.Sequence({ value: [int(23), int(11), int(4)] }), y)).toEqual({ kind: "dsa", key: { p: 23n, q: 11n, g: 4n, y: 7n }, bits: 5 });
    expect(key(new asn1js.Sequence({ value: [int(23), int(11)] }), y)).toEqual({ kind: "unsupported", algorithmOid: dsa, why: "malformed-key" });
    // p, or q, that is not an INTEGER (a NULL in its place) is as malformed as a g left out.
    expect(key(new asn1js.Sequence({ value: [new asn1js.Null(), int(11), int(4)] }), y)).toEqual({ kind: "unsupported", algorithmOid: dsa, why: "malformed-key" });
    expect(key(new asn1js.Sequence({ value: [int(23), new asn1js.Null(), int(4)] }), y)).toEqual({ kind: "unsupported", algorithmOid: dsa, why: "malformed-key" });
    expect(key(new asn1js.Sequence({ value: [int(23), int(11), int(4)] }), new Uint8Array([0x04, 0x01, 0x07]))).toEqual({ kind: "unsupported", algorithmOid: dsa, why: "malformed-key" });
  });
});

describe("verifySignature", () => {
  it("each scheme with its own key verifies OpenSSL's signature, and with any other key type is simply false", async () => {
    const rsa = keyOf("rsa.key");
    const ec = keyOf("ec.key");
    const ed = keyOf("ed.key");
    const pkcs1 = sign("rsa.key", []);
    const pss = sign("rsa.key", ["rsa_padding_mode:pss", "rsa_pss_saltlen:32"]);
    const ecdsa = sign("ec.key", []);
    pki.write("data.bin", DATA);
    const eddsa = new Uint8Array(pki.run(["pkeyutl", "-sign", "-rawin", "-inkey", "ed.key", "-in", "data.bin"]));
    const cases = [
      { scheme: { kind: "rsa-pkcs1", hash: "SHA-256" } as const, sig: pkcs1, own: rsa },
      { scheme: { kind: "rsa-pss", hash: "SHA-256", mgfHash: "SHA-256", saltLength: 32 } as const, sig: pss, own: rsa },
      { scheme: { kind: "ecdsa", hash: "SHA-256" } as const, sig: ecdsa, own: ec },
      { scheme: { kind: "ed25519" } as const, sig: eddsa, own: ed },
    ];
    for (const c of cases) {
      expect([c.scheme.kind, await verifySignature(c.own, c.scheme, DATA, c.sig)]).toEqual([c.scheme.kind, true]);
      for (const other of [rsa, ec, ed].filter((k) => k !== c.own)) expect([c.scheme.kind, other.kind, await verifySignature(other, c.scheme, DATA, c.sig)]).toEqual([c.scheme.kind, other.kind, false]);
    }
    expect(await verifySignature(rsa, { kind: "dsa", hash: "SHA-256" }, DATA, pkcs1)).toBe(false);
    // The RSA-PSS-labelled key verifies as RSA.
    expect(await verifySignature(keyOf("rsapss.key"), { kind: "rsa-pss", hash: "SHA-256", mgfHash: "SHA-256", saltLength: 32 }, DATA, sign("rsapss.key", ["rsa_pss_saltlen:32"]))).toBe(true);
  });

  it("RSA-PSS through WebCrypto: the longest salt a 2048-bit key allows verifies (emLen - hLen - 2 = 222); a declared longer one is false", async () => {
    const rsa = keyOf("rsa.key");
    const sig = sign("rsa.key", ["rsa_padding_mode:pss", "rsa_pss_saltlen:max"]);
    expect(await verifySignature(rsa, { kind: "rsa-pss", hash: "SHA-256", mgfHash: "SHA-256", saltLength: 222 }, DATA, sig)).toBe(true);
    expect(await verifySignature(rsa, { kind: "rsa-pss", hash: "SHA-256", mgfHash: "SHA-256", saltLength: 223 }, DATA, sig)).toBe(false);
  });

  it("Ed25519: a signature of any length but 64 bytes is false", async () => {
    pki.write("data.bin", DATA);
    const sig = new Uint8Array(pki.run(["pkeyutl", "-sign", "-rawin", "-inkey", "ed.key", "-in", "data.bin"]));
    expect(await verifySignature(keyOf("ed.key"), { kind: "ed25519" }, DATA, new Uint8Array([...sig, 0]))).toBe(false);
    expect(await verifySignature(keyOf("ed.key"), { kind: "ed25519" }, new TextEncoder().encode("other"), sig)).toBe(false);
  });

  it("what cannot be answered throws UnsupportedAlgorithmError with the reason: the scheme, the key, an inherited DSA key", async () => {
    const sig = new Uint8Array(64);
    await expect(verifySignature(keyOf("rsa.key"), { kind: "unsupported", why: "unknown-algorithm", value: "1.2.3.4" }, DATA, sig)).rejects.toMatchObject({ unsupported: { why: "unknown-algorithm", value: "1.2.3.4" } });
    await expect(verifySignature(keyOf("k1.key"), { kind: "ecdsa", hash: "SHA-256" }, DATA, sig)).rejects.toMatchObject({ unsupported: { why: "unknown-curve", value: "1.3.132.0.10" } });
    await expect(verifySignature({ kind: "dsa-inherited", y: 3n, bits: 0 }, { kind: "dsa", hash: "SHA-256" }, DATA, sig)).rejects.toMatchObject({ unsupported: DSA_INHERITED });
  });
});

describe("keys the primitives refuse", () => {
  it("an EC or Ed25519 key whose bytes are not a point verifies nothing, and says so as a bad signature", async () => {
    const ec = keyOf("ec.key");
    const ed = keyOf("ed.key");
    if (ec.kind !== "ec" || ed.kind !== "ed25519") throw new Error("unexpected key types");
    const badEc = { ...ec, point: new Uint8Array(65).fill(9), spki: new Uint8Array([0x30, 0x00]) };
    const badEd = { ...ed, point: new Uint8Array(31), spki: new Uint8Array([0x30, 0x00]) };
    const ecdsaSig = sign("ec.key", [], DATA, "sha224");
    // SHA-224 goes to @noble, SHA-256 to WebCrypto: both refuse the key.
    expect(await verifySignature(badEc, { kind: "ecdsa", hash: "SHA-224" }, DATA, ecdsaSig)).toBe(false);
    expect(await verifySignature(badEd, { kind: "ed25519" }, DATA, new Uint8Array(64))).toBe(false);
    expect(await verifySignedObject(badEc, "1.2.840.10045.4.3.2", undefined, DATA, sign("ec.key", []))).toEqual({ ok: false, reason: "bad-signature" });
  });
});

describe("verifySignedObject: the answer for certificates, CRLs and OCSP responses", () => {
  it("ok, bad-signature, or unsupported with what is unsupported", async () => {
    const rsa = keyOf("rsa.key");
    const sha256WithRSA = "1.2.840.113549.1.1.11";
    const sig = sign("rsa.key", []);
    expect(await verifySignedObject(rsa, sha256WithRSA, undefined, DATA, sig)).toEqual({ ok: true });
    expect(await verifySignedObject(rsa, sha256WithRSA, undefined, new TextEncoder().encode("x"), sig)).toEqual({ ok: false, reason: "bad-signature" });
    expect(await verifySignedObject(rsa, "1.3.101.113", undefined, DATA, sig)).toStrictEqual({ ok: false, reason: "unsupported", why: "unknown-algorithm", value: "1.3.101.113" });
    // A reason without a value carries none (not value: undefined), as the report's JSON would show it.
    expect(await verifySignedObject({ kind: "dsa-inherited", y: 3n, bits: 0 }, "2.16.840.1.101.3.4.3.2", undefined, DATA, sig)).toStrictEqual({ ok: false, reason: "unsupported", why: "dsa-parameters-inherited" });
    expect(await verifySignedObject(keyOf("ed448.key"), sha256WithRSA, undefined, DATA, sig)).toEqual({ ok: false, reason: "unsupported", why: "unknown-algorithm", value: "1.3.101.113" });
    // A signature WebCrypto refuses outright (wrong length) is a bad signature, not an error.
    expect(await verifySignedObject(rsa, sha256WithRSA, undefined, DATA, sig.subarray(1))).toEqual({ ok: false, reason: "bad-signature" });
  });
});
