/**
 * The layer walk (src/core/layers/walk.ts), finding by finding: which parts are taken as S/MIME
 * layers and which are not, and every issue the walk itself raises, with its severity, location
 * and particulars as the SecurityReport contract (README.md, src/core/report/types.ts) gives them. Signatures and encryption are
 * OpenSSL's (`openssl cms`); where a test needs a structure OpenSSL will not write, pkijs or asn1js
 * changes OpenSSL's, and the test says what it changed.
 */
import { deflateSync } from "node:zlib";
import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inspectDetachedSignature, type SecurityReport } from "../../src/core/index.js";
import { compressedData, compressedDataFromDeflated, pkcs7MimeMessage } from "../helpers/cms-build.js";
import { inspect, signedLayers, signers } from "../helpers/inspect.js";
import { OpensslPki, rfc2822, type Identity } from "../helpers/pki.js";

const PART = "Content-Type: text/plain\r\n\r\nThe invoice is attached.\r\n";
const OID = { signedData: "1.2.840.113549.1.7.2", envelopedData: "1.2.840.113549.1.7.3", digestedData: "1.2.840.113549.1.7.5" };

let pki: OpensslPki;
let ca: Identity;
let alice: Identity;
let bob: Identity;
let nomail: Identity;

beforeAll(() => {
  pki = new OpensslPki();
  ca = pki.makeCa("WalkCA");
  alice = pki.makeLeaf("walk-alice", ca, { sanEmails: ["alice@example.org"] });
  bob = pki.makeLeaf("walk-bob", ca, { sanEmails: ["bob@example.org"] });
  nomail = pki.makeLeaf("walk-nomail", ca, { cn: "Archive Service" });
});
afterAll(() => pki.cleanup());

const headers = (): string => `Date: ${rfc2822(new Date())}\r\nFrom: alice@example.org\r\nTo: bob@example.org\r\nSubject: walk\r\n`;
const b64 = (der: Uint8Array): string => Buffer.from(der).toString("base64").replace(/.{64}/g, "$&\r\n");
const ab = (b: Uint8Array): ArrayBuffer => Uint8Array.from(b).buffer;
/** Each issue as [code, severity, where, params]: the whole of what the report says. */
const found = (r: SecurityReport) => r.issues.map((i) => [i.code, i.severity, i.where, i.params]);

/** OpenSSL's detached signature over `part` exactly (-binary: the part is already CRLF), as DER. */
function detached(part: string, who: Identity = alice, extra: string[] = []): Uint8Array {
  const input = pki.write("walk-part.eml", part);
  return new Uint8Array(pki.run(["cms", "-sign", "-binary", "-in", input, "-signer", who.cert, "-inkey", who.key, "-outform", "DER", ...extra]));
}

/** OpenSSL's SignedData with its content inside (-nodetach), as DER. */
function opaque(part: string, who: Identity = alice): Uint8Array {
  return detached(part, who, ["-nodetach"]);
}

/** `der` with `edit` applied to pkijs's reading of its SignedData, encoded again. */
function rewritten(der: Uint8Array, edit: (sd: pkijs.SignedData) => void): Uint8Array {
  const ci = pkijs.ContentInfo.fromBER(ab(der));
  const sd = new pkijs.SignedData({ schema: ci.content });
  edit(sd);
  return new Uint8Array(new pkijs.ContentInfo({ contentType: OID.signedData, content: sd.toSchema(true) }).toSchema().toBER(false));
}

/** A multipart/signed entity (no message headers) around `part` and `signature`, the signature part typed as given. */
function signedEntity(part: string, signature: Uint8Array, o: { protocol?: string | null; sigType?: string; sigBody?: string } = {}): string {
  const b = `sig-${Math.random().toString(36).slice(2)}`;
  const protocol = o.protocol === null ? "" : `; protocol="${o.protocol ?? "application/pkcs7-signature"}"`;
  return (
    `MIME-Version: 1.0\r\nContent-Type: multipart/signed${protocol}; micalg=sha-256; boundary="${b}"\r\n\r\n` +
    `--${b}\r\n${part}\r\n--${b}\r\nContent-Type: ${o.sigType ?? "application/pkcs7-signature"}; name=smime.p7s\r\nContent-Transfer-Encoding: base64\r\n\r\n` +
    `${o.sigBody ?? b64(signature)}\r\n--${b}--\r\n`
  );
}

/** A multipart/mixed entity around `parts`, with a boundary of its own (nested ones must differ, RFC 2046 section 5.1.1). */
const mixed = (...parts: string[]): string => {
  const b = `mixed-${Math.random().toString(36).slice(2)}`;
  return `MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="${b}"\r\n\r\n${parts.map((p) => `--${b}\r\n${p}\r\n`).join("")}--${b}--\r\n`;
};

describe("which multipart/signed is S/MIME", () => {
  it("one without a protocol parameter, its signature part labelled application/pkcs7-signature: verified", async () => {
    const r = await inspect(headers() + signedEntity(PART, detached(PART), { protocol: null }));
    expect([r.signature, r.layers.length, found(r)]).toEqual(["valid", 1, []]);
  });

  it("one whose protocol and signature part name another kind of signature: not a layer, and nothing said", async () => {
    const r = await inspect(headers() + signedEntity(PART, detached(PART), { protocol: "application/x-other-signature", sigType: "application/x-other-signature" }));
    expect([r.signature, r.layers.length, found(r)]).toEqual(["unsigned", 0, []]);
  });

  it("a signature attached to a multipart/mixed is no signature over the part beside it", async () => {
    const sig = `Content-Type: application/pkcs7-signature; name=smime.p7s\r\nContent-Transfer-Encoding: base64\r\n\r\n${b64(detached(PART))}`;
    const r = await inspect(headers() + mixed(PART, sig));
    expect([r.signature, r.layers.length]).toEqual(["unsigned", 0]);
  });
});

describe("an application/octet-stream part is read as CMS when its name ends in .p7m", () => {
  const attachment = (type: string, disposition: string | null): string =>
    `${headers()}MIME-Version: 1.0\r\nContent-Type: ${type}\r\n${disposition === null ? "" : `Content-Disposition: ${disposition}\r\n`}Content-Transfer-Encoding: base64\r\n\r\n${b64(opaque(PART))}\r\n`;

  it("named by Content-Disposition (quoted or not, spaces around the =) or by Content-Type's name", async () => {
    const named = [
      attachment("application/octet-stream", 'attachment; filename="smime.p7m"'),
      attachment("application/octet-stream", "attachment; filename  =  SMIME.P7M"),
      attachment("application/octet-stream; name=smime.p7m", null),
      attachment("application/octet-stream; name=smime.p7m", "inline"),
    ];
    const reports = await Promise.all(named.map((m) => inspect(m)));
    expect(reports.map((r) => [r.signature, r.layers.length])).toEqual([["valid", 1], ["valid", 1], ["valid", 1], ["valid", 1]]);
  });

  it("not when the name only contains .p7m, nor when the part says it is text", async () => {
    const unnamed = [
      attachment("application/octet-stream", 'attachment; filename="smime.p7m.txt"'),
      attachment("text/plain; name=notes.p7m", 'attachment; filename="notes.p7m"'),
    ];
    const reports = await Promise.all(unnamed.map((m) => inspect(m)));
    expect(reports.map((r) => r.layers.length)).toEqual([0, 0]);
  });
});

describe("OpenPGP", () => {
  it("PGP/MIME encryption: the control part is not walked, even when it holds an S/MIME signature", async () => {
    const b = "pgp-enc";
    const msg = `${headers()}MIME-Version: 1.0\r\nContent-Type: multipart/encrypted; protocol="application/pgp-encrypted"; boundary="${b}"\r\n\r\n--${b}\r\n${signedEntity(PART, detached(PART))}\r\n--${b}\r\nContent-Type: application/octet-stream\r\n\r\n-----BEGIN PGP MESSAGE-----\r\n\r\nhQEMA\r\n-----END PGP MESSAGE-----\r\n--${b}--\r\n`;
    const r = await inspect(msg);
    expect([r.layers.length, r.signature, found(r)]).toEqual([0, "unverifiable", [["openpgp-not-inspected", "warning", {}, { form: "pgp-mime-encrypted", mimePath: "" }]]]);
  });

  it("inline armour in a second part is named by its part", async () => {
    const armour = "Content-Type: text/plain\r\n\r\n-----BEGIN PGP SIGNED MESSAGE-----\r\nHash: SHA256\r\n\r\nPay 100.\r\n-----BEGIN PGP SIGNATURE-----\r\n\r\niQEz\r\n-----END PGP SIGNATURE-----\r\n";
    const r = await inspect(headers() + mixed(PART, armour));
    expect(found(r)).toEqual([["openpgp-not-inspected", "warning", {}, { form: "inline-signed", mimePath: "2" }]]);
  });

  it("a PGP/MIME signed message with no parts at all gives a report", async () => {
    const msg = `${headers()}MIME-Version: 1.0\r\nContent-Type: multipart/signed; protocol="application/pgp-signature"; boundary="none"\r\n\r\nno parts here\r\n`;
    const r = await inspect(msg);
    expect(r.issues.find((i) => i.code === "openpgp-not-inspected")?.params).toEqual({ form: "pgp-mime-signed", mimePath: "" });
  });
});

describe("a multipart/signed that is not well formed", () => {
  it("with one part: malformed-mime, an error at the layer", async () => {
    const b = "one-part";
    const msg = `${headers()}MIME-Version: 1.0\r\nContent-Type: multipart/signed; protocol="application/pkcs7-signature"; boundary="${b}"\r\n\r\n--${b}\r\n${PART}\r\n--${b}--\r\n`;
    const r = await inspect(msg);
    expect([r.layers.length, found(r)]).toEqual([1, [["malformed-mime", "error", { layer: 0 }, { reason: "multipart-signed-parts" }]]]);
  });

  it("a signature part labelled otherwise (named, cut at 60 characters) and base64 that does not decode cleanly: warnings naming the part, inside a layer by that layer's prefix", async () => {
    const label = `application/x-${"a".repeat(70)}`;
    const body = `${b64(detached(PART))}\r\n*** not base64 ***`;
    const inner = signedEntity(PART, detached(PART), { sigType: label, sigBody: body });
    const r = await inspect(pkcs7MimeMessage(headers(), compressedData(new TextEncoder().encode(inner)), "compressed-data"));
    expect(found(r).filter(([code]) => code === "malformed-mime")).toEqual([
      ["malformed-mime", "warning", { layer: 1 }, { reason: "signature-part-type", found: label.slice(0, 60), mimePath: "L0:2" }],
      ["malformed-mime", "warning", { layer: 1 }, { reason: "base64-invalid-characters", count: 6, mimePath: "L0:2" }],
    ]);
    expect(r.layers.map((l) => [l.kind, l.mimePath])).toEqual([["compressed", ""], ["signed", "L0:"]]);
  });

  it("a signature part that holds EnvelopedData, or SignedData whose eContent is no OCTET STRING: malformed-cms errors at the layer", async () => {
    pki.write("walk-enc.txt", "secret\n");
    const enveloped = new Uint8Array(pki.run(["cms", "-encrypt", "-in", "walk-enc.txt", "-outform", "DER", bob.cert]));
    const notSigned = await inspect(headers() + signedEntity(PART, enveloped));
    expect(found(notSigned)).toEqual([["malformed-cms", "error", { layer: 0 }, { reason: "not-signed-data", contentType: "envelopedData" }]]);
    const badContent = rewritten(detached(PART), (sd) => {
      sd.encapContentInfo.eContent = new asn1js.Integer({ value: 5 }) as unknown as asn1js.OctetString;
    });
    const unreadable = await inspect(headers() + signedEntity(PART, badContent));
    expect(found(unreadable)).toEqual([["malformed-cms", "error", { layer: 0 }, { reason: "unreadable", structure: "SignedData", detail: "eContent is not an OCTET STRING" }]]);
  });

  it("bytes after the SignedData: a warning saying how many (in a pkcs7-mime part: at message level, naming the part)", async () => {
    const trailing = new Uint8Array([...detached(PART), 0x05, 0x00]);
    const r = await inspect(headers() + signedEntity(PART, trailing));
    expect([r.signature, found(r)]).toEqual(["valid", [["malformed-cms", "warning", { layer: 0 }, { reason: "trailing-data", bytes: 2 }]]]);
    const opaqueTrailing = new Uint8Array([...opaque(PART), 0x05, 0x00, 0x05, 0x00]);
    const p = await inspect(pkcs7MimeMessage(headers(), opaqueTrailing, "signed-data"));
    expect([p.signature, found(p)]).toEqual(["valid", [["malformed-cms", "warning", {}, { reason: "trailing-data", bytes: 4, mimePath: "" }]]]);
  });

  it("a SignedData without signers: no-signers, an error", async () => {
    const none = rewritten(detached(PART), (sd) => (sd.signerInfos = []));
    const r = await inspect(headers() + signedEntity(PART, none));
    expect(found(r)).toEqual([["no-signers", "error", { layer: 0 }, {}]]);
  });
});

describe("limits met by the walk (limits.ts)", () => {
  it("more signers than maxSigners: the first ones verified, the rest said as an error", async () => {
    const input = pki.write("walk-two.eml", PART);
    const two = new Uint8Array(pki.run(["cms", "-sign", "-binary", "-in", input, "-signer", alice.cert, "-inkey", alice.key, "-signer", bob.cert, "-inkey", bob.key, "-outform", "DER"]));
    const r = await inspect(headers() + signedEntity(PART, two), { limits: { maxSigners: 1 } });
    expect([signedLayers(r)[0]!.signers.length, found(r)]).toEqual([
      1, [["multiple-signers", "info", { layer: 0 }, { count: 2 }], ["limit-exceeded", "error", { layer: 0 }, { limit: "maxSigners", value: 1 }]],
    ]);
  });

  it("a signed layer past maxSecurityLayers is not opened, and said", async () => {
    const inner = signedEntity(PART, detached(PART));
    const r = await inspect(headers() + signedEntity(inner, detached(inner)), { limits: { maxSecurityLayers: 1 } });
    expect([r.layers.length, found(r)]).toEqual([1, [["limit-exceeded", "error", {}, { limit: "maxSecurityLayers", value: 1 }]]]);
  });

  it("CompressedData is capped at 1 MiB or 200 times its compressed size, whichever is more, and never past maxDecompressedBytes", async () => {
    const zeros = (mib: number) => new Uint8Array(mib * 1024 * 1024);
    const cappedAt = async (content: Uint8Array, limits = {}) => {
      const r = await inspect(pkcs7MimeMessage(headers(), compressedDataFromDeflated(deflateSync(content)), "compressed-data"), { limits });
      return [r.signature, found(r)];
    };
    const limit = (value: string) => ["unverifiable", [["limit-exceeded", "error", { layer: 0 }, { limit: "maxDecompressedBytes", value }]]];
    expect(await cappedAt(zeros(2))).toEqual(limit(String(1024 * 1024)));
    const twenty = deflateSync(zeros(20));
    expect(await cappedAt(zeros(20))).toEqual(limit(String(twenty.length * 200)));
    expect(await cappedAt(zeros(2), { maxDecompressedBytes: 500_000 })).toEqual(limit("500000"));
  });
});

describe("nested signatures", () => {
  it("an inner signer is named by its address, else its subject, else '?'; depth counts the signed layers", async () => {
    const byNoMail = signedEntity(PART, detached(PART, nomail));
    const r = await inspect(headers() + signedEntity(byNoMail, detached(byNoMail)));
    const nested = r.issues.find((i) => i.code === "nested-signature");
    expect([nested?.severity, nested?.where, nested?.params.depth, String(nested?.params.signedBy)]).toEqual(["info", { layer: 1 }, 2, expect.stringContaining("Archive Service")]);
    const noCert = signedEntity(PART, detached(PART, alice, ["-nocerts"]));
    const q = await inspect(headers() + signedEntity(noCert, detached(noCert)));
    expect(q.issues.find((i) => i.code === "nested-signature")?.params).toEqual({ depth: 2, signedBy: ["?"] });
    const byAlice = signedEntity(PART, detached(PART, alice));
    const a = await inspect(headers() + signedEntity(byAlice, detached(byAlice)));
    expect(a.issues.find((i) => i.code === "nested-signature")?.params).toEqual({ depth: 2, signedBy: ["alice@example.org"] });
  });
});

describe("what the signed part shows when the layer covers only part of the message", () => {
  it("a first line past 80 characters is cut at 80; a signed part with no text gives no preview and no beginning", async () => {
    const long = `Content-Type: text/plain\r\n\r\n${"Quarterly figures ".repeat(8)}\r\nsecond line\r\n`;
    const r = await inspect(headers() + mixed(signedEntity(long, detached(long)), PART));
    const beginsWith = r.issues.find((i) => i.code === "partially-signed")?.params.beginsWith;
    expect(beginsWith).toBe("Quarterly figures ".repeat(8).slice(0, 80));
    const image = "Content-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo=\r\n";
    const p = await inspect(headers() + mixed(signedEntity(image, detached(image)), PART));
    expect([found(p), "contentPreview" in p.layers[0]!]).toEqual([[["partially-signed", "warning", { layer: 0 }, { mimePath: "1" }]], false]);
  });

  it("an opaque signed part beside text: its preview is named inside the layer (L0:)", async () => {
    const part = `Content-Type: application/pkcs7-mime; smime-type=signed-data; name=smime.p7m\r\nContent-Transfer-Encoding: base64\r\n\r\n${b64(opaque(PART))}`;
    const r = await inspect(headers() + mixed(part, PART));
    expect(r.layers[0]).toMatchObject({ coverage: "partial", contentPreview: { text: "The invoice is attached.", mimePath: "L0:" } });
  });
});

describe("application/pkcs7-mime that cannot be opened", () => {
  it("a CMS type Signet does not read (digestedData): malformed-cms at message level, naming the type and the part; the content counts as unseen", async () => {
    const digested = new pkijs.ContentInfo({ contentType: OID.digestedData, content: new asn1js.Sequence({ value: [new asn1js.Integer({ value: 0 })] }) });
    const r = await inspect(pkcs7MimeMessage(headers(), new Uint8Array(digested.toSchema().toBER(false)), "signed-data"));
    expect([r.signature, r.layers.length, found(r)]).toEqual(["unverifiable", 0, [["malformed-cms", "error", {}, { reason: "unsupported-content-type", contentType: "digestedData", mimePath: "" }]]]);
  });

  it("a body that is no CMS, in base64 that does not decode cleanly: malformed-cms and malformed-mime naming the part", async () => {
    const part = "Content-Type: application/pkcs7-mime; smime-type=enveloped-data\r\nContent-Transfer-Encoding: base64\r\n\r\naGVsbG8=\r\n*** not base64 ***";
    const r = await inspect(headers() + mixed(PART, part));
    expect([r.signature, found(r).map(([code, severity, where, params]) => [code, severity, where, (params as { mimePath: string }).mimePath])]).toEqual([
      "unverifiable", [["malformed-cms", "error", {}, "2"], ["malformed-mime", "warning", {}, "2"]],
    ]);
  });

  it("opaque SignedData whose eContent is no OCTET STRING, or in base64 that does not decode cleanly, or without content: said at the layer", async () => {
    const bad = rewritten(opaque(PART), (sd) => {
      sd.encapContentInfo.eContent = new asn1js.Integer({ value: 5 }) as unknown as asn1js.OctetString;
    });
    const unreadable = await inspect(pkcs7MimeMessage(headers(), bad, "signed-data"));
    expect([unreadable.layers.length, found(unreadable)]).toEqual([1, [["malformed-cms", "error", { layer: 0 }, { reason: "unreadable", structure: "SignedData", detail: "eContent is not an OCTET STRING" }]]]);
    const messy = `${headers()}MIME-Version: 1.0\r\nContent-Type: application/pkcs7-mime; smime-type=signed-data\r\nContent-Transfer-Encoding: base64\r\n\r\n${b64(opaque(PART))}\r\n*** not base64 ***\r\n`;
    const m = await inspect(messy);
    expect(found(m).map(([code, severity, where, params]) => [code, severity, where, typeof (params as { reason: unknown }).reason])).toEqual([["malformed-mime", "warning", { layer: 0 }, "string"]]);
    const contentless = await inspect(pkcs7MimeMessage(headers(), detached(PART), "signed-data"));
    expect(found(contentless)).toEqual([
      ["malformed-cms", "error", { layer: 0 }, { reason: "opaque-without-content" }],
      ["malformed-cms", "error", { layer: 0, signer: 0 }, { reason: "no-content" }],
    ]);
  });
});

describe("encrypted layers", () => {
  it("3DES (RFC 8551 section 2.7: legacy): weak-encryption, unauthenticated, no key, each with its particulars", async () => {
    pki.write("walk-3des.txt", PART);
    const der = new Uint8Array(pki.run(["cms", "-encrypt", "-des3", "-in", "walk-3des.txt", "-outform", "DER", bob.cert]));
    const r = await inspect(pkcs7MimeMessage(headers(), der, "enveloped-data"));
    expect(found(r)).toEqual([
      ["weak-encryption", "warning", { layer: 0 }, { algorithm: "3DES-CBC" }],
      ["no-decryption-key", "warning", { layer: 0 }, { recipients: 1 }],
      // Not opened: whether a signature inside protects it is not known, so this is information only.
      ["unauthenticated-encryption", "info", { layer: 0 }, { algorithm: "3DES-CBC", opened: false }],
    ]);
  });

  it("an EnvelopedData that cannot be read: malformed-cms and nothing more, no recipients, the algorithm unknown, not opened", async () => {
    const ci = new pkijs.ContentInfo({ contentType: OID.envelopedData, content: new asn1js.Integer({ value: 1 }) });
    const r = await inspect(pkcs7MimeMessage(headers(), new Uint8Array(ci.toSchema().toBER(false)), "enveloped-data"));
    expect([r.layers[0]?.kind === "enveloped" && r.layers[0].recipients, found(r)]).toEqual([
      [],
      [
        ["malformed-cms", "error", { layer: 0 }, { reason: "unreadable", structure: "EnvelopedData", detail: "EnvelopedData is not a SEQUENCE" }],
      ],
    ]);
    expect([r.encryption, r.layers[0]]).toEqual(["failed", expect.objectContaining({ opened: false, notOpened: "failed", contentEncryptionAlgorithm: null })]);
  });
});

describe("MIME problems inside a layer", () => {
  it("are said at that layer, named inside it; a broken zlib stream is malformed-cms", async () => {
    const noBoundary = "Content-Type: multipart/mixed\r\n\r\nno boundary at all\r\n";
    const r = await inspect(pkcs7MimeMessage(headers(), compressedData(new TextEncoder().encode(noBoundary)), "compressed-data"));
    expect(found(r)).toEqual([["malformed-mime", "warning", { layer: 0 }, { reason: "no-boundary", mimePath: "L0:" }]]);
    const broken = deflateSync(new TextEncoder().encode(PART)).subarray(0, 6);
    const b = await inspect(pkcs7MimeMessage(headers(), compressedDataFromDeflated(broken), "compressed-data"));
    expect([b.signature, found(b).map(([code, severity, where, params]) => [code, severity, where, (params as { reason: string; structure: string }).reason === "unreadable" && (params as { structure: string }).structure === "CompressedData"])]).toEqual([
      "unverifiable", [["malformed-cms", "error", { layer: 0 }, true]],
    ]);
  });

  it("a MIME limit met inside a layer is an error", async () => {
    let nested = PART;
    for (let i = 0; i < 12; i++) nested = `Content-Type: multipart/mixed; boundary="n${i}"\r\n\r\n--n${i}\r\n${nested}\r\n--n${i}--\r\n`;
    const r = await inspect(pkcs7MimeMessage(headers(), compressedData(new TextEncoder().encode(nested)), "compressed-data"), { limits: { maxMimeDepth: 4 } });
    expect(found(r).map(([code, severity, where, params]) => [code, severity, where, (params as { limit: string }).limit])).toEqual([["limit-exceeded", "error", { layer: 0 }, "maxMimeDepth"]]);
  });
});

describe("a signed message/rfc822 wrapper (RFC 8551 section 3.1)", () => {
  const enveloped = () => {
    pki.write("walk-wrap.txt", "Content-Type: text/plain\r\n\r\nsecret\r\n");
    const der = new Uint8Array(pki.run(["cms", "-encrypt", "-in", "walk-wrap.txt", "-outform", "DER", bob.cert]));
    return `Content-Type: application/pkcs7-mime; smime-type=enveloped-data\r\nContent-Transfer-Encoding: base64\r\n\r\n${b64(der)}`;
  };
  const wrapper = () => {
    const inner = `From: alice@example.org\r\nTo: bob@example.org\r\nSubject: walk\r\n${mixed(PART, enveloped(), "Content-Type: multipart/mixed\r\n\r\nno boundary\r\n")}`;
    return `Content-Type: message/rfc822\r\n\r\n${inner}`;
  };

  it("is walked as the signer's message: its parts named inside it (L0m:), its problems said at the signed layer, its headers compared", async () => {
    const part = wrapper();
    const r = await inspect(headers() + signedEntity(part, detached(part)));
    expect(r.layers.map((l) => [l.index, l.kind, l.mimePath, l.coverage])).toEqual([[0, "signed", "", "whole"], [1, "enveloped", "L0m:2", "partial"]]);
    expect(found(r).filter(([code]) => code === "malformed-mime")).toEqual([["malformed-mime", "warning", { layer: 0 }, { reason: "no-boundary", mimePath: "L0m:3" }]]);
    expect(signedLayers(r)[0]!.protectedHeaders?.form).toBe("message/rfc822");
  });

  it("inside an opaque signature (application/pkcs7-mime signed-data) the same: its parts named inside the wrapper (L0m:)", async () => {
    const r = await inspect(pkcs7MimeMessage(headers(), opaque(wrapper()), "signed-data"));
    expect(r.layers.map((l) => [l.index, l.kind, l.mimePath, l.coverage])).toEqual([[0, "signed", "", "whole"], [1, "enveloped", "L0m:2", "partial"]]);
    expect(found(r).filter(([code]) => code === "malformed-mime")).toEqual([["malformed-mime", "warning", { layer: 0 }, { reason: "no-boundary", mimePath: "L0m:3" }]]);
    expect(signedLayers(r)[0]!.protectedHeaders?.form).toBe("message/rfc822");
  });

  it("beside other parts, it covers only part of the message: its headers are not taken as the message's", async () => {
    const part = wrapper();
    const r = await inspect(headers() + mixed(signedEntity(part, detached(part)), PART));
    const layer = signedLayers(r)[0]!;
    expect([layer.coverage, layer.protectedHeaders, layer.uncoveredHeaders]).toEqual(["partial", undefined, undefined]);
  });
});

describe("a CMS object given on its own (cms-file.ts), not in a message", () => {
  it("an attached signature: one layer at the top, the content walked inside it, no sender judged", async () => {
    const r = await inspect(opaque(PART));
    expect([r.signature, r.layers.map((l) => [l.kind, l.mimePath, l.contentType, l.coverage]), found(r)]).toEqual([
      "valid", [["signed", "", "application/pkcs7-mime", "whole"]], [["cms-object", "info", {}, { detached: false }]],
    ]);
    expect([signers(r)[0]!.identity, signedLayers(r)[0]!.form]).toEqual(["unknown", "pkcs7-mime"]);
  });

  it("a detached signature with its content: one whole layer over the content's exact bytes; the content changed is invalid", async () => {
    const content = new TextEncoder().encode("Figures\nwith bare LF line ends\n");
    const input = pki.write("walk-file.bin", content);
    const der = new Uint8Array(pki.run(["cms", "-sign", "-binary", "-in", input, "-signer", alice.cert, "-inkey", alice.key, "-outform", "DER"]));
    const r = await inspectDetachedSignature(der, content, { clock: { now: () => new Date() } });
    expect([r.signature, r.layers.map((l) => [l.index, l.kind, l.kind === "signed" && l.form, l.mimePath, l.contentType, l.coverage]), found(r)]).toEqual([
      "valid", [[0, "signed", "detached", "", "application/pkcs7-signature", "whole"]], [["cms-object", "info", {}, { detached: true }]],
    ]);
    // No sender to bind, not even the no-date note: a file has no header fields.
    expect(signers(r)[0]!.identity).toBe("unknown");
    const changed = await inspectDetachedSignature(der, new TextEncoder().encode("Figures\r\nwith bare LF line ends\r\n"), { clock: { now: () => new Date() } });
    expect([changed.signature, found(changed).map(([code]) => code)]).toEqual(["invalid", ["cms-object", "digest-mismatch"]]);
  });

  it("a detached signature alone, and an encrypted file: said, and their content counts as unseen", async () => {
    const alone = await inspect(detached(PART));
    expect([alone.signature, alone.verdict, found(alone)]).toEqual(["unverifiable", "warning", [["cms-object", "info", {}, { detached: false }], ["detached-signature", "warning", { layer: 0 }, {}]]]);
    pki.write("walk-file-enc.txt", PART);
    const enveloped = await inspect(new Uint8Array(pki.run(["cms", "-encrypt", "-in", "walk-file-enc.txt", "-outform", "DER", bob.cert])));
    expect([enveloped.signature, enveloped.encryption, enveloped.layers.map((l) => [l.kind, l.mimePath])]).toEqual(["unverifiable", "no-key", [["enveloped", ""]]]);
  });

  it("past maxSecurityLayers, or with no SignedData in it, a detached signature file gives no signers", async () => {
    const content = new TextEncoder().encode(PART);
    const none = await inspectDetachedSignature(detached(PART), content, { clock: { now: () => new Date() } }, { limits: { maxSecurityLayers: 0 } });
    expect([none.layers.length, found(none).map(([code]) => code)]).toEqual([0, ["cms-object", "limit-exceeded"]]);
    pki.write("walk-file-enc2.txt", PART);
    const notSigned = await inspectDetachedSignature(new Uint8Array(pki.run(["cms", "-encrypt", "-in", "walk-file-enc2.txt", "-outform", "DER", bob.cert])), content, { clock: { now: () => new Date() } });
    expect([notSigned.signature, found(notSigned).map(([code, severity]) => [code, severity])]).toEqual(["unverifiable", [["cms-object", "info"], ["malformed-cms", "error"]]]);
  });
});
