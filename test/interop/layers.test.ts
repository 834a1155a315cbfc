/**
 * Security layers and their coverage: nesting, partial signing, encryption,
 * compression and certs-only, with messages made by OpenSSL (and, where
 * OpenSSL 3.0 cannot, assembled around peer-made signatures and zlib streams).
 */
import { deflateSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compressedData, compressedDataFromDeflated, ed25519SignedData, multipartSigned, pkcs7MimeMessage } from "../helpers/cms-build.js";
import { hostDecryptor, inspectMessage } from "../../src/core/index.js";
import { codes, inspect, signedLayers, signers } from "../helpers/inspect.js";
import { OpensslPki, rfc2822, type Identity } from "../helpers/pki.js";

const TEXT = "Content-Type: text/plain; charset=utf-8\n\nThe quarterly numbers are attached.\n";
let pki: OpensslPki;
let ca: Identity;
let alice: Identity;
let bob: Identity;
let signedMsg: Uint8Array;

const header = (): string => `Date: ${rfc2822(new Date())}\r\nFrom: alice@example.org\r\nTo: bob@example.org\r\nSubject: layers\r\n`;

beforeAll(() => {
  pki = new OpensslPki();
  ca = pki.makeCa("LayersCA");
  alice = pki.makeLeaf("alice", ca, { sanEmails: ["alice@example.org"] });
  bob = pki.makeLeaf("bob", ca, { sanEmails: ["bob@example.org"] });
  signedMsg = pki.sign({ signers: [{ who: alice }], content: TEXT });
});
afterAll(() => pki.cleanup());

/** The part of an OpenSSL output message after its To/From/Subject headers: the MIME entity itself. */
function entityOf(msg: Uint8Array): string {
  const text = Buffer.from(msg).toString("latin1");
  return text.replace(/^(Date|To|From|Subject): .*\n/gm, "");
}

function encrypt(content: Uint8Array, cipher: string): Uint8Array {
  const input = pki.write(`enc-in-${cipher}.eml`, content);
  pki.run(["cms", "-encrypt", `-${cipher}`, "-in", input, "-from", "alice@example.org", "-to", "bob@example.org", "-subject", "enc", "-out", `enc-${cipher}.eml`, bob.cert]);
  return Buffer.concat([Buffer.from(`Date: ${rfc2822(new Date())}\n`), pki.read(`enc-${cipher}.eml`)]);
}

describe("coverage", () => {
  it("a signed part beside an unsigned footer is partially-signed", async () => {
    const b = "mixed-outer";
    const msg = `${header()}MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="${b}"\r\n\r\n--${b}\r\n${entityOf(signedMsg)}\r\n--${b}\r\nContent-Type: text/plain\r\n\r\nSent via the list. Unsubscribe: ...\r\n--${b}--\r\n`;
    const r = await inspect(msg);
    expect(r.signature).toBe("valid");
    expect(r.layers).toHaveLength(1);
    expect(r.layers[0]).toMatchObject({ kind: "signed", coverage: "partial", mimePath: "1" });
    expect(r.issues).toEqual([{ code: "partially-signed", severity: "warning", where: { layer: 0 }, params: { mimePath: "1", beginsWith: "The quarterly numbers are attached." } }]);
    // What the signature vouches for, so the reader can tell it from the footer beside it.
    expect(r.layers[0]).toMatchObject({ contentPreview: { text: "The quarterly numbers are attached.", truncated: false, mimePath: "1.1" } });
    expect(r.verdict).toBe("warning");
  });

  it("unsigned text put first and the signed part pushed below: the finding and the preview name the signed part, not the first text", async () => {
    const b = "pushed";
    const spacer = "<br>".repeat(200);
    const msg = `${header()}MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="${b}"\r\n\r\n--${b}\r\nContent-Type: text/html\r\n\r\n<p>URGENT: pay invoice 4471 today.</p>${spacer}\r\n--${b}\r\n${entityOf(signedMsg)}\r\n--${b}--\r\n`;
    const r = await inspect(msg);
    expect(r.layers[0]).toMatchObject({ coverage: "partial", mimePath: "2", contentPreview: { text: "The quarterly numbers are attached.", mimePath: "2.1" } });
    expect(r.issues.map((i) => [i.code, i.params.beginsWith])).toEqual([["partially-signed", "The quarterly numbers are attached."]]);
  });

  it("a signed part that is the only part of a multipart/mixed wrapper covers the whole message", async () => {
    const b = "wrapper";
    const msg = `${header()}MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="${b}"\r\n\r\n--${b}\r\n${entityOf(signedMsg)}\r\n--${b}--\r\n`;
    const r = await inspect(msg);
    expect(r.layers[0]).toMatchObject({ coverage: "whole" });
    expect(codes(r)).toEqual([]);
  });

  it("a signed message forwarded as message/rfc822 is not this message's protection", async () => {
    const b = "fwd";
    const msg = `${header()}MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="${b}"\r\n\r\n--${b}\r\nContent-Type: text/plain\r\n\r\nSee below.\r\n--${b}\r\nContent-Type: message/rfc822\r\n\r\n${Buffer.from(signedMsg).toString("latin1")}\r\n--${b}--\r\n`;
    const r = await inspect(msg);
    expect(r.signature).toBe("unsigned");
    expect(r.layers).toEqual([]);
    expect(r.verdict).toBe("none");
  });
});

describe("nesting", () => {
  it("signed inside signed: two valid layers, nested-signature", async () => {
    const outer = pki.sign({ signers: [{ who: alice }], content: entityOf(signedMsg), detached: false });
    const r = await inspect(outer);
    expect(r.signature).toBe("valid");
    expect(r.layers.map((l) => [l.kind, l.mimePath, l.coverage])).toEqual([
      ["signed", "", "whole"],
      ["signed", "L0:", "whole"],
    ]);
    expect(codes(r)).toEqual(["nested-signature"]);
    expect(r.issues[0]).toMatchObject({ severity: "info", where: { layer: 1 }, params: { depth: 2, signedBy: ["alice@example.org"] } });
    expect(signers(r).map((s) => s.status)).toEqual(["valid", "valid"]);
  });

  it("someone else's signed message wrapped in the forwarder's signature: the outer signer speaks for From, the inner one is named", async () => {
    // Alice's signed message, then Bob signs it as a whole and sends it under his own From, two days later.
    const old = pki.sign({ signers: [{ who: alice }], content: "Content-Type: text/plain\n\nI approve the budget.\n", date: new Date(Date.now() - 2 * 86400_000) });
    const wrapped = pki.sign({ signers: [{ who: bob }], content: entityOf(old), from: "bob@example.org", detached: false });
    expect(pki.opensslVerifies(wrapped)).toBe(true);
    const r = await inspect(wrapped);
    expect(r.signature).toBe("valid");
    expect(signers(r).map((s) => [s.certificate?.emails[0], s.identity])).toEqual([
      ["bob@example.org", "match"],
      ["alice@example.org", "mismatch"],
    ]);
    // No sender-mismatch and no date-mismatch for Alice's inner, older signature.
    expect(r.issues.map((i) => [i.code, i.params.signedBy])).toEqual([["nested-signature", ["alice@example.org"]]]);
  });

  it("the same wrapping sent under Alice's From by Bob: the outer signer does not cover From, danger", async () => {
    const wrapped = pki.sign({ signers: [{ who: bob }], content: entityOf(signedMsg), from: "alice@example.org", detached: false });
    const r = await inspect(wrapped);
    expect(r.verdict).toBe("danger");
    expect(r.issues.map((i) => [i.code, i.where])).toEqual([
      ["sender-mismatch", { layer: 0, signer: 0, certificate: 0 }],
      ["nested-signature", { layer: 1 }],
    ]);
  });

  it("an inner signature that fails still makes the message invalid: the reader sees that content", async () => {
    const tampered = Buffer.from(Buffer.from(signedMsg).toString("latin1").replace("quarterly", "yearly"), "latin1");
    const outer = pki.sign({ signers: [{ who: alice }], content: entityOf(tampered), detached: false });
    const r = await inspect(outer);
    expect(signers(r).map((s) => s.status)).toEqual(["valid", "invalid"]);
    expect([r.signature, r.verdict]).toEqual(["invalid", "danger"]);
  });

  it("signed, then encrypted (AES-256-CBC): the enveloped layer hides the signature", async () => {
    const msg = encrypt(Buffer.from(entityOf(signedMsg), "latin1"), "aes256");
    const r = await inspect(msg);
    expect(r.encryption).toBe("no-key");
    expect(r.signature).toBe("unverifiable");
    expect(r.layers).toHaveLength(1);
    const layer = r.layers[0]!;
    expect(layer.kind).toBe("enveloped");
    if (layer.kind !== "enveloped") return;
    expect(layer.contentEncryptionAlgorithm?.name).toBe("AES-256-CBC");
    expect(layer.authenticated).toBe(false);
    const serial = pki.run(["x509", "-in", bob.cert, "-noout", "-serial"]).toString().trim().split("=")[1];
    expect(layer.recipients).toEqual([
      { kind: "key-transport", algorithm: { oid: "1.2.840.113549.1.1.1", name: "RSA" }, issuer: "O=Signet Test, CN=LayersCA", serialNumber: serial },
    ]);
    expect(codes(r)).toEqual(["no-decryption-key", "unauthenticated-encryption"]);
  });

  it("AES-GCM produces AuthEnvelopedData (RFC 5083): authenticated, no EFAIL note", async () => {
    const msg = encrypt(Buffer.from(TEXT), "aes-256-gcm");
    const r = await inspect(msg);
    const layer = r.layers[0]!;
    expect(layer).toMatchObject({ kind: "enveloped", authenticated: true, contentEncryptionAlgorithm: { name: "AES-256-GCM" } });
    expect(codes(r)).toEqual(["no-decryption-key"]);
  });

  it("3DES is weak-encryption", async () => {
    const r = await inspect(encrypt(Buffer.from(TEXT), "des3"));
    expect(codes(r)).toContain("weak-encryption");
  });

  it("encrypted, then signed: the signature covers the ciphertext; the inner layer is enveloped", async () => {
    const enc = encrypt(Buffer.from(TEXT), "aes128");
    const inner = Buffer.from(enc).toString("latin1").replace(/^(Date|To|From|Subject): .*\n/gm, "");
    const msg = pki.sign({ signers: [{ who: alice }], content: inner, detached: false });
    const r = await inspect(msg);
    expect(r.layers.map((l) => [l.kind, l.mimePath])).toEqual([
      ["signed", ""],
      ["enveloped", "L0:"],
    ]);
    expect(signers(r)[0]!.status).toBe("valid");
    expect(r.encryption).toBe("no-key");
  });
});

describe("content types and headers", () => {
  it("legacy x-pkcs7 types verify the same", async () => {
    const text = Buffer.from(signedMsg).toString("latin1").replace(/application\/pkcs7-signature/g, "application/x-pkcs7-signature");
    const r = await inspect(text);
    expect(r.signature).toBe("valid");
    const opaque = Buffer.from(pki.sign({ signers: [{ who: alice }], content: TEXT, detached: false })).toString("latin1");
    const r2 = await inspect(opaque.replace("application/pkcs7-mime", "application/x-pkcs7-mime"));
    expect(r2.signature).toBe("valid");
  });

  it("a lying smime-type (enveloped-data on signed data) is decided by the CMS content", async () => {
    const opaque = Buffer.from(pki.sign({ signers: [{ who: alice }], content: TEXT, detached: false })).toString("latin1");
    const lying = opaque.replace(/smime-type=signed-data/, "smime-type=enveloped-data");
    expect(lying).toContain("enveloped-data");
    const r = await inspect(lying);
    expect(r.layers.map((l) => l.kind)).toEqual(["signed"]);
    expect(r.signature).toBe("valid");
  });

  it("a certs-only message is no protection layer", async () => {
    pki.run(["crl2pkcs7", "-nocrl", "-certfile", alice.cert, "-outform", "DER", "-out", "certs.p7c"]);
    const r = await inspect(pkcs7MimeMessage(header(), pki.read("certs.p7c"), "certs-only"));
    expect(r.signature).toBe("unsigned");
    expect(r.layers).toEqual([]);
    expect(r.issues).toEqual([]);
  });
});

describe("Ed25519 (RFC 8419), signed by openssl pkeyutl", () => {
  it("verifies, and a changed body does not", async () => {
    const ed = pki.makeLeaf("ed", ca, { key: "ed25519", sanEmails: ["alice@example.org"] });
    const part = "Content-Type: text/plain\r\n\r\nSigned with Ed25519.\r\n";
    const der = ed25519SignedData(Buffer.from(part), pki.read(ed.cert).toString(), (data) => {
      pki.write("ed-attrs.der", data);
      return pki.run(["pkeyutl", "-sign", "-rawin", "-inkey", ed.key, "-in", "ed-attrs.der"]);
    });
    const r = await inspect(multipartSigned(header(), part, der));
    expect(r.signature).toBe("valid");
    expect(signers(r)[0]).toMatchObject({ status: "valid", identity: "match", signatureAlgorithm: { name: "Ed25519" } });
    expect(signers(r)[0]!.certificate?.keyAlgorithm).toBe("Ed25519");
    const bad = await inspect(multipartSigned(header(), part.replace("Ed25519", "Ed448!!"), der));
    expect(bad.signature).toBe("invalid");
    expect(codes(bad)).toEqual(["digest-mismatch"]);
  });
});

describe("compressed-data (RFC 3274)", () => {
  it("a signed message inside compressed-data is unwrapped and verified", async () => {
    const r = await inspect(pkcs7MimeMessage(header(), compressedData(Buffer.from(entityOf(signedMsg), "latin1")), "compressed-data"));
    expect(r.layers.map((l) => [l.kind, l.mimePath])).toEqual([
      ["compressed", ""],
      ["signed", "L0:"],
    ]);
    expect(r.signature).toBe("valid");
    expect(signedLayers(r)[0]!.coverage).toBe("whole");
  });

  it("a decompression bomb stops at the limit (limit-exceeded), in bounded memory", async () => {
    const zeros = deflateSync(Buffer.alloc(100 * 1024 * 1024), { level: 9 }); // ~100 KB on the wire
    expect(zeros.length).toBeLessThan(200_000);
    const before = process.memoryUsage().rss;
    const r = await inspect(pkcs7MimeMessage(header(), compressedDataFromDeflated(zeros), "compressed-data"));
    expect(codes(r)).toEqual(["limit-exceeded"]);
    expect(r.issues[0]!.params.limit).toBe("maxDecompressedBytes");
    expect(r.layers[0]).toMatchObject({ kind: "compressed", decompressedBytes: null });
    // The cap is 200x the input (~20 MB); far less than the 100 MB the bomb holds.
    expect(process.memoryUsage().rss - before).toBeLessThan(80 * 1024 * 1024);
  });
});

describe("decryption by the host (Thunderbird's messages.getRaw with decrypt: true)", () => {
  // The host seam: OpenSSL decrypts with Bob's key, as Thunderbird would with its own store.
  const opensslDecrypts = (msg: Uint8Array, key: Identity, cert: Identity) => [
    hostDecryptor(async () => {
      const file = pki.write(`host-in-${Math.random()}.eml`, msg);
      return new Uint8Array(pki.run(["cms", "-decrypt", "-in", file, "-recip", cert.cert, "-inkey", key.key]));
    }),
  ];
  const now = { now: () => new Date() };

  it("signed, then encrypted: the envelope is opened by the host and the inner signature verified", async () => {
    const msg = encrypt(Buffer.from(entityOf(signedMsg)), "aes-256-gcm");
    const r = await inspectMessage(msg, { clock: now, decryptors: opensslDecrypts(msg, bob, bob) });
    expect(r.layers.map((l) => [l.index, l.kind])).toEqual([
      [0, "enveloped"],
      [1, "signed"],
    ]);
    expect(r.layers[0]).toMatchObject({ opened: true, decryptedBy: "host" });
    expect(r.encryption).toBe("decrypted");
    expect(r.signature).toBe("valid");
    expect(signers(r)[0]!.certificate?.emails).toEqual(["alice@example.org"]);
    expect(codes(r)).not.toContain("no-decryption-key");
    // No trust inputs: the signer's identity is unconfirmed, as for any signed message without them.
    expect(r.verdict).toBe(r.trust === "unknown" ? "warning" : "verified");
  });

  it("the issue locations of the plaintext point at the shifted layers", async () => {
    const msg = encrypt(Buffer.from(entityOf(signedMsg).replace("quarterly", "QUARTERLY")), "aes128");
    const r = await inspectMessage(msg, { clock: now, decryptors: opensslDecrypts(msg, bob, bob) });
    expect(r.signature).toBe("invalid");
    const bad = r.issues.find((i) => i.code === "digest-mismatch" || i.code === "signature-invalid");
    expect(bad?.where.layer).toBe(1);
    // A signature over the whole plaintext is inside: the CBC envelope is not the EFAIL case (the signature says the change).
    expect(r.layers[0]).toMatchObject({ integrity: "signed-inside" });
    expect(codes(r)).not.toContain("unauthenticated-encryption");
    expect(r.verdict).toBe("danger");
  });

  it("a host that cannot decrypt (throws, or returns the ciphertext unchanged) leaves the report as it was", async () => {
    const msg = encrypt(Buffer.from(TEXT), "aes256");
    for (const host of [hostDecryptor(() => Promise.reject(new Error("no key"))), hostDecryptor(async () => msg)]) {
      const r = await inspectMessage(msg, { clock: now, decryptors: [host] });
      expect(r.encryption).toBe("no-key");
      expect(codes(r)).toContain("no-decryption-key");
    }
  });
});
