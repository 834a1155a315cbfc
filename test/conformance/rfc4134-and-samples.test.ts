/**
 * RFC 4134 "Examples of S/MIME Messages" and the small public samples in
 * misc-smime (../shared/corpora/README.md, corpora 5a, 6c and 6d).
 * RFC 4134 section 2: every example is valid. Its signatures use SHA-1 (so
 * they pass only with acceptSha1) and 1024-bit keys (weak-key warnings).
 * Its From addresses ("examples.com") differ from its certificates
 * ("example.com"), so sender binding is switched off for it.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CertificateView, identitiesFromPkcs12, inspectDetachedSignature, inspectMessage, keyDecryptor, readCertificates, TrustStore, type InspectOptions, type SecurityReport } from "../../src/core/index.js";
import { recipientKeyFromPkcs8 } from "../../src/core/keys/recipient-key.js";
import { multipartSigned, pkcs7MimeMessage } from "../helpers/cms-build.js";
import { corpus } from "../helpers/corpora.js";
import { codes, signers } from "../helpers/inspect.js";
import { assertReportInvariants } from "../helpers/invariants.js";

const rfc = corpus("rfc4134");
const misc = corpus("misc-smime");
const HEAD = "Date: Fri, 06 Sep 2002 00:25:21 -0300\r\nFrom: examples@examples.com\r\n";
const AT = { clock: { now: () => new Date("2026-06-01T00:00:00Z") } };

async function run(raw: Uint8Array | string, options: InspectOptions): Promise<SecurityReport> {
  const r = await inspectMessage(typeof raw === "string" ? Buffer.from(raw, "latin1") : raw, AT, options);
  assertReportInvariants(r);
  return r;
}

describe.skipIf(rfc === null)("RFC 4134 examples", () => {
  const read = (f: string): Buffer => readFileSync(join(rfc!, f));
  const lenient: InspectOptions = { acceptSha1: true, checkSenderBinding: false };
  const messages = (): [string, string | Buffer][] => [
    ["4.1", pkcs7MimeMessage(HEAD, read("4.1.bin"), "signed-data")],
    ["4.2", pkcs7MimeMessage(HEAD, read("4.2.bin"), "signed-data")],
    // 4.3 is detached: its content is ExContent.bin, carried as the first part.
    ["4.3", multipartSigned(HEAD, read("ExContent.bin").toString("latin1"), read("4.3.bin"))],
    ["4.4", pkcs7MimeMessage(HEAD, read("4.4.bin"), "signed-data")],
    ["4.5", pkcs7MimeMessage(HEAD, read("4.5.bin"), "signed-data")],
    ["4.7", pkcs7MimeMessage(HEAD, read("4.7.bin"), "signed-data")],
    ["4.10", pkcs7MimeMessage(HEAD, read("4.10.bin"), "signed-data")],
    ["4.8.eml", read("4.8.eml")],
    ["4.9.eml", read("4.9.eml")],
  ];

  it("every signed example verifies with SHA-1 allowed (RFC 4134 section 2)", async () => {
    const results: string[] = [];
    for (const [name, msg] of messages()) {
      const r = await run(msg, lenient);
      results.push(`${name}:${r.signature}`);
      expect(r.signature, name).toBe("valid");
      expect(codes(r, "error"), name).toEqual([]);
    }
    console.log(`rfc4134: ${results.length} of ${results.length} signed examples valid (${results.join(" ")})`);
  });

  it("the raw files as they are, with no MIME around them, are inspected as CMS: the same verdicts, said to be files (4.3 with its content given apart)", async () => {
    const raw: [string, Promise<SecurityReport>][] = ["4.1", "4.2", "4.4", "4.5", "4.7", "4.10"].map((n) => [n, inspectMessage(read(`${n}.bin`), AT, lenient)]);
    raw.push(["4.3", inspectDetachedSignature(read("4.3.bin"), read("ExContent.bin"), AT, lenient)]);
    for (const [name, pending] of raw) {
      const r = await pending;
      assertReportInvariants(r);
      expect([name, r.signature, codes(r, "error"), codes(r).includes("cms-object")]).toEqual([name, "valid", [], true]);
    }
    // An enveloped example as it is (5.1.bin): its encryption described, to Bob.
    const enveloped = await run(read("5.1.bin"), lenient);
    // RFC 4134 section 5.1 encrypts with 3DES (DES-EDE3-CBC), legacy under RFC 8551 section 2.7.
    expect([enveloped.encryption, enveloped.layers.map((l) => l.kind), codes(enveloped)]).toEqual(["no-key", ["enveloped"], ["cms-object", "weak-encryption", "no-decryption-key", "unauthenticated-encryption"]]);
    // The same object as PEM under RFC 7468's CMS label.
    const pem = `-----BEGIN CMS-----\n${read("4.1.bin").toString("base64").replace(/.{64}/g, "$&\n")}\n-----END CMS-----\n`;
    expect((await run(pem, lenient)).signature).toBe("valid");
    // 4.3 alone is a detached signature whose content was not given: said, not called damaged.
    const alone = await run(read("4.3.bin"), lenient);
    expect([alone.signature, codes(alone)]).toEqual(["unverifiable", ["cms-object", "detached-signature"]]);
  });

  it("by default the same examples are refused for SHA-1 (weak-digest)", async () => {
    for (const [name, msg] of messages()) {
      const r = await run(msg, { checkSenderBinding: false });
      expect(r.signature, name).toBe("refused");
      expect(codes(r), name).toContain("weak-digest");
    }
  });

  it("4.6: Diane's DSA key inherits its parameters from Carl's; with Carl trusted every signer verifies (OpenSSL cannot)", async () => {
    const msg = pkcs7MimeMessage(HEAD, read("4.6.bin"), "signed-data");
    // Alone, the inherited parameters are unknown: that signer is unverifiable.
    const alone = await run(msg, lenient);
    expect(alone.signature).toBe("unverifiable");
    expect(alone.issues.find((i) => i.code === "unsupported-algorithm")?.params).toEqual({ algorithm: "DSA", role: "key", why: "dsa-parameters-inherited" });
    // With Carl's roots as anchors, the path supplies the parameters (RFC 3279 section 2.3.2).
    const anchors = ["CarlRSASelf.cer", "CarlDSSSelf.cer"].map((f) => ({ certificate: readCertificates(read(f)).certificates[0]!, source: "option" as const }));
    const r = await run(msg, { ...lenient, trust: { store: await TrustStore.create(anchors) } });
    expect(r.signature).toBe("valid");
    expect(signers(r).map((x) => [x.status, x.trust])).toEqual(signers(r).map(() => ["valid", "trusted"]));
  });

  it("4.11 is certificates-only: no protection layer", async () => {
    const r = await run(pkcs7MimeMessage(HEAD, read("4.11.bin"), "certs-only"), lenient);
    expect(r.signature).toBe("unsigned");
    expect(r.layers).toEqual([]);
  });

  it("5.1, 5.2 and 5.3 are enveloped to Bob: recipients as `openssl cms -cmsout -print` lists them; without Bob's key nothing opens", async () => {
    const bob = { kind: "key-transport", issuer: "CN=CarlRSA", serialNumber: BigInt("93318145165434344057210696409557070288").toString(16).toUpperCase() };
    const cases: [string | Buffer, string, string[]][] = [
      [pkcs7MimeMessage(HEAD, read("5.1.bin"), "enveloped-data"), "3DES-CBC", ["key-transport"]],
      [pkcs7MimeMessage(HEAD, read("5.2.bin"), "enveloped-data"), "RC2-CBC", ["key-transport", "kek"]],
      [read("5.3.eml"), "3DES-CBC", ["key-transport"]],
    ];
    for (const [m, cipher, kinds] of cases) {
      const r = await run(m, lenient);
      expect(r.encryption).toBe("no-key");
      const layer = r.layers[0]!;
      if (layer.kind !== "enveloped") throw new Error("expected an enveloped layer");
      expect(layer.contentEncryptionAlgorithm?.name).toBe(cipher);
      expect(layer.recipients.map((x) => x.kind)).toEqual(kinds);
      expect(layer.recipients[0]).toMatchObject(bob);
      expect(codes(r)).toContain("weak-encryption");
    }
  });

  it("with Bob's key (BobPrivRSAEncrypt.pri) 5.1, 5.2 and 5.3 decrypt to ExContent.bin, byte for byte, as `openssl cms -decrypt` does", async () => {
    const key = await recipientKeyFromPkcs8(read("BobPrivRSAEncrypt.pri"), CertificateView.fromDer(read("BobRSASignByCarl.cer")));
    if (typeof key === "string") throw new Error(key);
    const expected = read("ExContent.bin").toString("latin1");
    // 5.1 and 5.2 are bare CMS files: their content is ExContent itself, not a MIME entity.
    for (const [name, m] of [["5.1", read("5.1.bin")], ["5.2", read("5.2.bin")], ["5.3", read("5.3.eml")]] as const) {
      const r = await inspectMessage(m, { ...AT, decryptors: [keyDecryptor([key])] }, lenient);
      assertReportInvariants(r);
      const layer = r.layers[0]!;
      if (layer.kind !== "enveloped") throw new Error("expected an enveloped layer");
      expect([name, r.encryption, layer.decryptedBy, layer.recipients[0]!.openedWith]).toEqual([name, "decrypted", "signet", true]);
      expect(layer.decryptedBody?.body.replace(/\r?\n$/, "")).toBe(expected);
    }
  });
});

describe.skipIf(misc === null)("misc-smime samples", () => {
  it("OpenSSL's SignedData with an empty digestAlgorithms set: a damaged structure, never a valid signature, as OpenSSL refuses it", async () => {
    const file = join(misc!, "openssl/pkcs7-empty-digest-set.eml");
    const r = await run(readFileSync(file), {});
    expect(r.issues.find((i) => i.code === "malformed-cms")).toMatchObject({
      severity: "error",
      params: { reason: "digest-algorithm-not-listed" },
    });
    expect([r.signature, signers(r)[0]!.status, r.verdict]).toEqual(["unverifiable", "unverifiable", "danger"]);
    expect(spawnSync("openssl", ["cms", "-verify", "-noverify", "-in", file, "-out", "/dev/null"]).status).not.toBe(0);
  });

  it("autocrypt protected-headers: the encrypted samples open with Bob's PEM-armoured PKCS#12 (password 'bob'), and the signatures inside verify", async () => {
    const dir = join(misc!, "autocrypt-protected-headers");
    const read = await identitiesFromPkcs12(readFileSync(join(dir, "bob.p12")), "bob");
    if (!read.ok) throw new Error(read.problem);
    const decryptors = [keyDecryptor(read.identities)];
    const cases: [string, string[], string][] = [
      ["smime-enc+legacy-disp.eml", ["enveloped"], "unsigned"],
      ["smime-sign+enc.eml", ["enveloped", "signed"], "valid"],
      ["smime-sign+enc+legacy-disp.eml", ["enveloped", "signed"], "valid"],
    ];
    for (const [f, kinds, signature] of cases) {
      const r = await inspectMessage(readFileSync(join(dir, f)), { ...AT, decryptors }, {});
      assertReportInvariants(r);
      expect([f, r.encryption, r.layers.map((l) => l.kind), r.signature]).toEqual([f, "decrypted", kinds, signature]);
      // The .inner files are the layers the sample's author peeled off; the innermost holds the text Signet shows.
      const innermost = [".inner.inner", ".inner"].map((x) => join(dir, f.replace(".eml", x))).find((p) => existsSync(p))!;
      const inner = readFileSync(innermost, "latin1");
      const body = r.layers[0]!.kind === "enveloped" ? r.layers[0]!.decryptedBody?.body : undefined;
      // The whole text Signet shows stands in it (line ends aside), and is the message, not the legacy display part.
      const text = body?.replace(/\r\n/g, "\n").trim() ?? "";
      expect([f, text.length > 400, inner.replace(/\r\n/g, "\n").includes(text), text.startsWith("Hi Bob!")]).toEqual([f, true, true, true]);
    }
  });

  it("autocrypt protected-headers: the signed samples verify; without Bob's key the encrypted ones stay closed", async () => {
    const dir = join(misc!, "autocrypt-protected-headers");
    for (const f of ["smime-multipart-signed.eml", "smime-onepart-signed.eml"]) {
      const r = await run(readFileSync(join(dir, f)), {});
      expect(r.signature, f).toBe("valid");
      expect(signers(r)[0]!.identity, f).toBe("match");
    }
    for (const f of ["smime-sign+enc.eml", "smime-enc+legacy-disp.eml", "smime-sign+enc+legacy-disp.eml"]) {
      expect((await run(readFileSync(join(dir, f)), {})).encryption, f).toBe("no-key");
    }
  });

  it("autocrypt protected-headers: the headers inside the signed part (protected-headers=\"v1\") are read and match the outer ones", async () => {
    const dir = join(misc!, "autocrypt-protected-headers");
    for (const f of ["smime-multipart-signed.eml", "smime-onepart-signed.eml"]) {
      const r = await run(readFileSync(join(dir, f)), {});
      const layer = r.layers[0]!;
      expect(layer.kind === "signed" && layer.protectedHeaders?.form, f).toBe("protected-headers=v1");
      expect(layer.kind === "signed" && layer.protectedHeaders?.fields.find((h) => h.name === "subject")?.value, f).toBe("The FooCorp contract");
      expect(layer.kind === "signed" && layer.uncoveredHeaders, f).toEqual([]);
      expect(r.issues.filter((i) => i.code === "header-mismatch"), f).toEqual([]);
    }
  });

  it("autocrypt protected-headers: an outer Subject changed on the way is header-mismatch, with the signer's value", async () => {
    const raw = readFileSync(join(misc!, "autocrypt-protected-headers", "smime-multipart-signed.eml"), "latin1");
    // The first Subject line is the outer one (the message's header block comes first).
    const changed = Buffer.from(raw.replace("Subject: The FooCorp contract", "Subject: The FooCorp contract is approved"), "latin1");
    const r = await run(changed, {});
    expect(r.signature).toBe("valid");
    expect(r.issues.filter((i) => i.code === "header-mismatch").map((i) => [i.severity, i.params])).toEqual([
      ["warning", { header: "subject", protected: "The FooCorp contract", outer: "The FooCorp contract is approved" }],
    ]);
  });
});
