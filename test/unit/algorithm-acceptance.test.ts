/**
 * The one algorithm policy (src/core/policy/algorithm-acceptance.ts), asked directly: RFC 8551
 * section 2.1 for digests (MD5 never, SHA-1 only when allowed, then with a warning) and section
 * 4.1 for RSA and DSA key sizes (refused under 1024 bits, a warning under 2048).
 */
import { describe, expect, it } from "vitest";
import { judgeDigest, judgeKey, judgeSignatureDigests, refusal } from "../../src/core/policy/algorithm-acceptance.js";
import { smimeProfile } from "../../src/core/policy/profile.js";
import type { PublicKeyDescription } from "../../src/core/crypto/public-key.js";

const strict = smimeProfile({});
const lenient = smimeProfile({ acceptSha1: true });
const rsa = (bits: number): PublicKeyDescription => ({ kind: "rsa", spki: new Uint8Array(), modulus: new Uint8Array(), exponent: new Uint8Array(), bits });

describe("the algorithm policy", () => {
  it("digests: SHA-256 and up pass; SHA-1 refused unless allowed; MD5 refused whatever the setting; no hash, nothing to judge", () => {
    expect(["SHA-224", "SHA-256", "SHA-384", "SHA-512"].map((h) => judgeDigest(h as "SHA-256", strict))).toEqual([null, null, null, null]);
    expect(judgeDigest("SHA-1", strict)).toEqual({ code: "weak-digest", severity: "error", params: { algorithm: "SHA-1" } });
    expect(judgeDigest("SHA-1", lenient)).toEqual({ code: "weak-digest", severity: "warning", params: { algorithm: "SHA-1", accepted: true } });
    expect(judgeDigest("MD5", lenient)).toEqual({ code: "weak-digest", severity: "error", params: { algorithm: "MD5" } });
    expect(judgeDigest(null, strict)).toBeNull();
  });

  it("keys: RSA and DSA by size, at the two thresholds; elliptic curves pass", () => {
    expect([1023, 1024, 2047, 2048].map((bits) => judgeKey(rsa(bits), strict)?.severity ?? null)).toEqual(["error", "warning", "warning", null]);
    expect(judgeKey({ kind: "dsa", key: { p: 1n, q: 1n, g: 1n, y: 1n }, bits: 1024 }, strict)).toEqual({ code: "weak-key", severity: "warning", params: { bits: 1024, minimum: 2048 } });
    expect(judgeKey({ kind: "ec", spki: new Uint8Array(), curve: "P-256", point: new Uint8Array(), bits: 256 }, strict)).toBeNull();
  });

  it("a signature's digests: the scheme's hash and the CMS digest, each judged once; nothing for a clean signature", () => {
    expect(judgeSignatureDigests({ kind: "rsa-pkcs1", hash: "SHA-256" }, strict)).toEqual([]);
    expect(judgeSignatureDigests({ kind: "rsa-pkcs1", hash: "SHA-256" }, strict, "SHA-256")).toEqual([]);
    expect(judgeSignatureDigests({ kind: "rsa-pkcs1", hash: "SHA-1" }, strict, "SHA-1").map((f) => f.params.algorithm)).toEqual(["SHA-1"]);
    expect(judgeSignatureDigests({ kind: "ecdsa", hash: "SHA-256" }, strict, "MD5").map((f) => f.params.algorithm)).toEqual(["MD5"]);
  });

  it("refusal: the first error among the digest and the key; warnings do not refuse", () => {
    expect(refusal({ kind: "rsa-pkcs1", hash: "SHA-256" }, rsa(2048), strict)).toBeNull();
    expect(refusal({ kind: "rsa-pkcs1", hash: "SHA-256" }, rsa(1024), strict)).toBeNull();
    expect(refusal({ kind: "rsa-pkcs1", hash: "SHA-1" }, rsa(512), strict)).toEqual({ code: "weak-digest", severity: "error", params: { algorithm: "SHA-1" } });
    expect(refusal({ kind: "rsa-pkcs1", hash: "SHA-1" }, rsa(512), lenient)).toEqual({ code: "weak-key", severity: "error", params: { bits: 512, minimum: 1024 } });
  });
});
