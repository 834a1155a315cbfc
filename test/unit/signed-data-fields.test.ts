/**
 * The strict DER reader of SignedData (src/core/cms/signed-data-fields.ts) against pkijs, its
 * reference: on every SignedData of the public corpora and the samples, and on OpenSSL's in every
 * form it writes, the strict reader gives exactly pkijs's fields or leaves the object to pkijs
 * (BER); and on damaged copies of each it never reads what pkijs refuses, nor reads it otherwise.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseBer } from "../../src/core/cms/asn1.js";
import { cmsFileObject } from "../../src/core/cms/cms-file.js";
import { readSignedDataContentInfo, type SignedDataFields } from "../../src/core/cms/signed-data-fields.js";
import { readSignedDataWithPkijs } from "../../src/core/cms/signed-data.js";
import { parseEntity, type MimeEntity } from "../../src/core/mime/entity.js";
import { messageStart } from "../../src/core/mime/message-shape.js";
import { decodeBody } from "../../src/core/mime/transfer-encoding.js";
import { DEFAULT_LIMITS } from "../../src/core/limits.js";
import { CORPORA, corpus } from "../helpers/corpora.js";
import { ScenarioPki } from "../helpers/scenario-pki.js";
import { attachCrls } from "../helpers/cms-build.js";

const SIGNED_DATA = "1.2.840.113549.1.7.2";
const root = resolve(import.meta.dirname, "../..");

/**
 * pkijs's fields, or null when pkijs does not read the object as a ContentInfo holding a
 * SignedData: asn1js's reading as the core takes it (parseBer, which refuses what asn1js reads
 * although its lengths do not nest).
 */
function pkijsFields(der: Uint8Array): SignedDataFields | null {
  try {
    const ber = parseBer(der);
    if (!ber.ok) return null;
    const ci = new pkijs.ContentInfo({ schema: ber.value });
    if (ci.contentType !== SIGNED_DATA) return null;
    return readSignedDataWithPkijs({ content: ci.content as asn1js.AsnType, certificates: null });
  } catch {
    return null;
  }
}

/** Plain data for comparison: byte views as arrays of numbers. */
function plain(f: SignedDataFields | null): unknown {
  return JSON.parse(JSON.stringify(f, (_k, v: unknown) => (v instanceof Uint8Array ? Array.from(v) : v)));
}

/** Every SignedData in a message: its pkcs7 parts, and the same inside each signed content, a few levels down. */
function signedDataIn(raw: Uint8Array, depth = 0): Uint8Array[] {
  if (depth > 3) return [];
  const out: Uint8Array[] = [];
  const ctx = { limits: DEFAULT_LIMITS, problems: [], partCount: 0 };
  const walk = (e: MimeEntity): void => {
    if (e.parts.length) return e.parts.forEach(walk);
    if (!/pkcs7-(signature|mime)$/.test(e.contentType.subtype)) return;
    const der = cmsFileObject(decodeBody(e).bytes);
    if (!der) return;
    out.push(der);
    const eContent = readSignedDataContentInfo(der, SIGNED_DATA)?.fields.eContent ?? pkijsFields(der)?.eContent;
    if (eContent) out.push(...signedDataIn(eContent, depth + 1));
  };
  walk(parseEntity(raw, messageStart(raw), raw.length, "", 0, ctx));
  return out;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

/**
 * The byte ranges of `der` that the strict reader hands on unread, as views: the certificates and
 * CRLs (read by CertificateView and the CRL reader), other revocation data, algorithm parameters,
 * attribute values, the signer's issuer name (its shape is checked, its text read by name-text.ts),
 * the content and the signature value.
 */
function handedOn(der: Uint8Array, f: SignedDataFields): [number, number][] {
  const views = [
    ...(f.certificates ?? []),
    ...f.crls,
    ...f.otherRevocationInfo.map((r) => r.der),
    f.eContent,
    ...f.signerInfos.flatMap((si) => [
      si.digestAlgorithm.params,
      si.signatureAlgorithm.params,
      si.signature,
      si.sid.kind === "issuer-and-serial" ? si.sid.issuer : null,
      ...(si.signedAttrs?.attributes.flatMap((a) => a.values) ?? []),
      ...(si.unsignedAttrs?.flatMap((a) => a.values) ?? []),
    ]),
  ].filter((v): v is Uint8Array => v !== null && v.buffer === der.buffer);
  return views.map((v) => [v.byteOffset - der.byteOffset, v.byteOffset - der.byteOffset + v.length]);
}

/** A ContentInfo of type SignedData, by its first bytes' OID, whatever its lengths (enveloped parts are not compared). */
const isSignedData = (der: Uint8Array): boolean => Buffer.from(der.subarray(0, 24)).includes(Buffer.from([0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02]));

/**
 * Compares the two readers on `der`; gives which one read it. `damagedAt`: the byte a damaged
 * copy changed, when known; where the strict reader reads and pkijs refuses, it must lie in
 * something the strict reader hands on unread, whose own reader then judges it.
 */
function compare(der: Uint8Array, name: string, damagedAt?: number): "strict" | "pkijs" | "neither" | "handed-on" {
  const before = Uint8Array.from(der);
  const strict = readSignedDataContentInfo(der, SIGNED_DATA);
  // The strict reader writes nothing into its input (a Node Buffer's slice is a view).
  expect(Buffer.compare(before, der), name).toBe(0);
  const reference = pkijsFields(der);
  if (strict && reference) {
    expect(plain(strict.fields), name).toEqual(plain(reference));
    return "strict";
  }
  if (strict) {
    // Read strictly, refused by pkijs: only for damage inside an element the strict reader hands on.
    const inside = damagedAt !== undefined && handedOn(der, strict.fields).some(([from, to]) => damagedAt >= from && damagedAt < to);
    expect(inside, `${name}: read strictly, refused by pkijs, damaged at ${damagedAt ?? "?"}`).toBe(true);
    return "handed-on";
  }
  return reference ? "pkijs" : "neither";
}

/** Damaged copies: one byte changed at each of `n` places (a fixed sequence), and cut short; with the byte changed. */
function damaged(der: Uint8Array, n: number): [Uint8Array, number | undefined][] {
  const out: [Uint8Array, number | undefined][] = [];
  let seed = der.length;
  for (let i = 0; i < n; i++) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    const copy = Uint8Array.from(der);
    const at = seed % copy.length;
    copy[at] = (copy[at]! + 1 + (seed % 255)) & 0xff;
    out.push([copy, at]);
  }
  out.push([der.subarray(0, der.length - 1), undefined], [der.subarray(0, Math.floor(der.length / 2)), undefined]);
  return out;
}

let pki: ScenarioPki;
beforeAll(() => {
  pki = new ScenarioPki();
  pki.build([{ name: "FieldsCA" }, { name: "Rsa", issuer: "FieldsCA", key: "rsa:2048", email: "rsa@example.org" }, { name: "Ec", issuer: "FieldsCA", email: "ec@example.org" }]);
});
afterAll(() => pki.cleanup());

describe("the strict SignedData reader against pkijs", () => {
  it("on every SignedData of the corpora and the samples: pkijs's fields exactly, or left to pkijs", () => {
    const dirs = ["misc-smime", "thunderbird-smime", "rfc4134", "nist-pkits"].map((d) => corpus(d)).filter((d): d is string => d !== null);
    if (dirs.length === 0) console.log(`signed-data-fields: corpora not found at ${CORPORA}; corpus part skipped, samples only`);
    const files = [...dirs.flatMap(filesUnder), ...filesUnder(join(root, "samples"))].filter((f) => /\.(eml|bin|p7[msc])$/.test(f));
    const tally = { strict: 0, pkijs: 0, neither: 0, "handed-on": 0 };
    for (const f of files) {
      const bytes = new Uint8Array(readFileSync(f));
      const found = f.endsWith(".eml") ? signedDataIn(bytes) : [cmsFileObject(bytes)].filter((d): d is Uint8Array => d !== null);
      for (const der of found.filter(isSignedData)) tally[compare(der, f)]++;
    }
    console.log(`signed-data-fields: ${files.length} files, ${tally.strict} SignedData read strictly and equal to pkijs's, ${tally.pkijs} left to pkijs (BER), ${tally.neither} neither reads`);
    if (dirs.length) expect(tally.strict).toBeGreaterThan(50);
    expect(tally.strict).toBeGreaterThan(5);
  });

  it("on OpenSSL's SignedData in every form it writes: strict where it is DER, pkijs where -stream makes BER", () => {
    const content = pki.write("fields-content.txt", "Content-Type: text/plain\r\n\r\nHello\r\n");
    const sign = (who: string, extra: string[]) =>
      new Uint8Array(pki.run(["cms", "-sign", "-binary", "-in", content, "-signer", pki.get(who).cert, "-inkey", pki.get(who).key, "-outform", "DER", ...extra]));
    const forms: [string, Uint8Array, "strict" | "pkijs"][] = [
      ["detached RSA", sign("Rsa", []), "strict"],
      ["attached EC", sign("Ec", ["-nodetach"]), "strict"],
      ["RSA-PSS", sign("Rsa", ["-keyopt", "rsa_padding_mode:pss"]), "strict"],
      ["no signed attributes", sign("Rsa", ["-noattr"]), "strict"],
      ["no certificates", sign("Rsa", ["-nocerts"]), "strict"],
      ["subject key identifier", sign("Ec", ["-keyid"]), "strict"],
      ["two signers", new Uint8Array(pki.run(["cms", "-sign", "-binary", "-in", content, "-signer", pki.get("Rsa").cert, "-inkey", pki.get("Rsa").key, "-signer", pki.get("Ec").cert, "-inkey", pki.get("Ec").key, "-outform", "DER"])), "strict"],
      ["-stream (indefinite lengths, the content in segments)", sign("Rsa", ["-nodetach", "-stream"]), "strict"],
    ];
    // A CRL and an OCSP response (an OCSPResponse of status tryLater: 30 03 0a 01 03) attached as RFC 5940 says.
    const message = pki.sign({ signers: [{ who: pki.get("Rsa") }], content: "Content-Type: text/plain\n\nHi\n" });
    const withRevocation = signedDataIn(attachCrls(message, [new Uint8Array(pki.gencrl("FieldsCA"))], [Uint8Array.of(0x30, 0x03, 0x0a, 0x01, 0x03)]));
    forms.push(["with a CRL and an OCSP response", withRevocation[0]!, "strict"]);
    for (const [name, der, expected] of forms) expect(compare(der, name), name).toBe(expected);
    const fields = readSignedDataContentInfo(withRevocation[0]!, SIGNED_DATA)!.fields;
    expect([fields.crls.length, fields.otherRevocationInfo.map((r) => r.format)]).toEqual([1, ["1.3.6.1.5.5.7.16.2"]]);
  });

  it("refuses a signer whose issuer is no Name inside, and a SignerInfo with a field after its last, as pkijs does or leaving them to it", () => {
    const der = new Uint8Array(pki.run(["cms", "-sign", "-binary", "-in", pki.write("fields-2.txt", "x"), "-signer", pki.get("Rsa").cert, "-inkey", pki.get("Rsa").key, "-outform", "DER"]));
    const fields = readSignedDataContentInfo(der, SIGNED_DATA)!.fields;
    const sid = fields.signerInfos[0]!.sid;
    if (sid.kind !== "issuer-and-serial") throw new Error("OpenSSL names the signer by issuer and serial");
    // The issuer's first attribute value made longer than its attribute: the Name's outer lengths still hold.
    const at = sid.issuer.byteOffset - der.byteOffset;
    const badName = Uint8Array.from(der);
    const valueLength = at + 2 + 2 + 2 + 5 + 1; // SEQUENCE, SET, SEQUENCE headers, the OID 06 03 55 04 xx, the value's tag
    badName[valueLength] = badName[valueLength]! + 8;
    expect(readSignedDataContentInfo(badName, SIGNED_DATA)).toBeNull();
    expect(pkijsFields(badName)).toBeNull();
    // A NULL after the signature, inside the SignerInfo: no field RFC 5652 section 5.3 has.
    const ci = asn1js.fromBER(Uint8Array.from(der).buffer).result as asn1js.Sequence;
    const signedData = (ci.valueBlock.value[1] as asn1js.Constructed).valueBlock.value[0] as asn1js.Sequence;
    const signerInfos = signedData.valueBlock.value.at(-1) as asn1js.Set;
    (signerInfos.valueBlock.value[0] as asn1js.Sequence).valueBlock.value.push(new asn1js.Null());
    const extra = new Uint8Array(ci.toBER(false));
    expect(readSignedDataContentInfo(extra, SIGNED_DATA)).toBeNull();
    expect(compare(extra, "a SignerInfo with a trailing NULL")).not.toBe("strict");
  });

  it("on damaged copies of each: never reads what pkijs refuses, and what both read, they read alike", () => {
    const dirs = ["misc-smime", "thunderbird-smime", "rfc4134", "nist-pkits"].map((d) => corpus(d)).filter((d): d is string => d !== null);
    const files = [...dirs.flatMap(filesUnder), ...filesUnder(join(root, "samples"))].filter((f) => /\.(eml|bin)$/.test(f));
    const tally = { strict: 0, pkijs: 0, neither: 0, "handed-on": 0 };
    for (const f of files) {
      const bytes = new Uint8Array(readFileSync(f));
      const found = f.endsWith(".eml") ? signedDataIn(bytes) : [cmsFileObject(bytes)].filter((d): d is Uint8Array => d !== null);
      for (const der of found.filter(isSignedData).slice(0, 1)) for (const [d, at] of damaged(der, 16)) tally[compare(d, `${f} damaged`, at)]++;
    }
    const tried = Object.values(tally).reduce((a, b) => a + b, 0);
    console.log(
      `signed-data-fields: ${tried} damaged copies: ${tally.strict} read alike by both, ${tally.pkijs} by pkijs alone, ${tally.neither} by neither, ${tally["handed-on"]} read strictly and refused by pkijs for damage inside an element handed on unread`,
    );
    expect(tried).toBeGreaterThan(100);
  });
});
