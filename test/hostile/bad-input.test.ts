/**
 * Hostile input: each case must give a report with a clear issue code, in
 * bounded time and memory, and never throw out of inspectMessage. The test
 * timeout (60 s) is the hang detector; no timing is asserted.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compressedData, pkcs7MimeMessage } from "../helpers/cms-build.js";
import { codes, inspect, signers } from "../helpers/inspect.js";
import { assertReportInvariants } from "../helpers/invariants.js";
import { OpensslPki, rfc2822, type Identity } from "../helpers/pki.js";

const HEAD = `Date: ${rfc2822(new Date())}\r\nFrom: alice@example.org\r\nSubject: hostile\r\n`;
let pki: OpensslPki;
let alice: Identity;
let signed: string;
let opaque: string;

beforeAll(() => {
  pki = new OpensslPki();
  const ca = pki.makeCa("HostileCA");
  alice = pki.makeLeaf("alice", ca, { sanEmails: ["alice@example.org"] });
  signed = Buffer.from(pki.sign({ signers: [{ who: alice }], content: "Content-Type: text/plain\n\nhello\n" })).toString("latin1");
  opaque = Buffer.from(pki.sign({ signers: [{ who: alice }], content: "Content-Type: text/plain\n\nhello\n", detached: false })).toString("latin1");
});
afterAll(() => pki.cleanup());

async function check(input: string | Uint8Array, options = {}) {
  const r = await inspect(typeof input === "string" ? Buffer.from(input, "latin1") : input, options);
  assertReportInvariants(r);
  return r;
}

function signatureBase64(msg: string): { before: string; b64: string; after: string } {
  const start = msg.indexOf("\n\n", msg.indexOf("application/pkcs7-signature; name")) + 2;
  const end = msg.indexOf("\n\n", start);
  return { before: msg.slice(0, start), b64: msg.slice(start, end), after: msg.slice(end) };
}

function withSignatureDer(msg: string, edit: (der: Buffer) => Buffer): string {
  const { before, b64, after } = signatureBase64(msg);
  const der = edit(Buffer.from(b64.replace(/\s+/g, ""), "base64"));
  return before + der.toString("base64").replace(/.{64}/g, "$&\n") + after;
}

describe("malformed input gives a report, never an exception", () => {
  it("bytes that are not mail are not-a-message, never 'not signed, not encrypted': empty, DER, PEM, an HTTP capture, a PNG", async () => {
    const certificateDer = pki.run(["x509", "-in", alice.cert, "-outform", "DER"]);
    const cases: [string, Uint8Array | string][] = [
      ["empty", new Uint8Array()],
      ["empty", " \r\n\r\n\t"],
      ["der", new Uint8Array(certificateDer)],
      ["pem", pki.read(alice.cert).toString("latin1")],
      // An AS2 capture: a request line, then headers and a MIME body.
      ["http", `POST /as2 HTTP/1.1\r\nHost: example.org\r\nContent-Type: application/pkcs7-mime\r\n\r\nxxxx`],
      ["http", `HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n`],
      ["no-header-field", new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])],
      ["no-header-field", "Dear Alice,\r\nplease find the invoice attached.\r\n"],
    ];
    for (const [found, input] of cases) {
      const r = await check(input);
      expect([found, r.issues.map((i) => [i.code, i.severity, i.params.found]), r.signature, r.encryption, r.verdict]).toEqual([found, [["not-a-message", "error", found]], "unverifiable", "none", "danger"]);
    }
  });

  it("a message stored with its mbox postmark line first is still a message (RFC 4155)", async () => {
    const r = await check(`From alice@example.org Thu Dec  3 10:00:00 2026\r\n${signed}`);
    expect([r.signature, codes(r).includes("not-a-message")]).toEqual(["valid", false]);
  });

  it("64 KiB of random bytes", async () => {
    const bytes = new Uint8Array(65536);
    for (let i = 0; i < bytes.length; i += 65536) crypto.getRandomValues(bytes.subarray(i, i + 65536));
    await check(bytes);
  });

  it("a multipart/signed truncated inside its signature", async () => {
    const cut = signed.slice(0, signed.indexOf("application/pkcs7-signature; name") + 400);
    const r = await check(cut);
    expect(r.signature).not.toBe("valid");
    expect(codes(r)).toEqual(expect.arrayContaining(["malformed-mime", "malformed-cms"]));
    expect(r.issues.find((i) => i.code === "malformed-mime")!.params.reason).toBe("missing-closing-boundary");
  });

  it("invalid characters in the signature's base64 are skipped (RFC 2045 section 6.8) and reported", async () => {
    const { before, b64, after } = signatureBase64(signed);
    const r = await check(before + b64.slice(0, 100) + "!!**" + b64.slice(100) + after);
    expect(r.issues.map((i) => [i.code, i.severity])).toEqual([["malformed-mime", "warning"]]);
    expect(r.issues[0]!.params).toMatchObject({ reason: "base64-invalid-characters", count: 4 });
    // The decoded signature is intact, so it still verifies; the warning says the encoding was damaged.
    expect(r.signature).toBe("valid");
  });

  it("truncated DER", async () => {
    const r = await check(withSignatureDer(signed, (d) => d.subarray(0, d.length - 300)));
    expect(codes(r)).toEqual(["malformed-cms"]);
    expect(r.signature).toBe("unverifiable");
    expect(r.verdict).toBe("danger");
  });

  it("an absurd DER length (4 GiB) on a 2 KiB blob", async () => {
    const r = await check(withSignatureDer(signed, (d) => Buffer.concat([Buffer.from([0x30, 0x84, 0xff, 0xff, 0xff, 0xff]), d.subarray(4)])));
    expect(codes(r)).toEqual(["malformed-cms"]);
  });

  it("DER nested 200,000 levels deep (indefinite lengths)", async () => {
    const depth = 200_000;
    const der = Buffer.concat([Buffer.alloc(depth * 2, Buffer.from([0x30, 0x80])), Buffer.alloc(depth * 2, 0)]);
    const r = await check(pkcs7MimeMessage(HEAD, der, "signed-data"));
    expect(codes(r)).toEqual(["malformed-cms"]);
  });

  it("SignedData that is not SignedData (a Data ContentInfo in the signature part)", async () => {
    const r = await check(withSignatureDer(signed, () => Buffer.from("300f06092a864886f70d010701a0020400", "hex").subarray(0, 17)));
    expect(codes(r)).toEqual(["malformed-cms"]);
  });

  it("multipart/signed without its signature part", async () => {
    const b = "only-one";
    const r = await check(`${HEAD}Content-Type: multipart/signed; protocol="application/pkcs7-signature"; boundary=${b}\r\n\r\n--${b}\r\nContent-Type: text/plain\r\n\r\nhi\r\n--${b}--\r\n`);
    expect(codes(r)).toEqual(["malformed-mime"]);
    expect(r.signature).toBe("unverifiable");
  });

  it("a multipart without a boundary parameter", async () => {
    const r = await check(`${HEAD}Content-Type: multipart/mixed\r\n\r\nbody\r\n`);
    expect(codes(r)).toEqual(["malformed-mime"]);
  });

  it("an unknown transfer encoding on the signature part", async () => {
    const changed = signed.replace(/(application\/pkcs7-signature; name="smime.p7s"\nContent-Transfer-Encoding: )base64/, "$1x-uuencode");
    expect(changed).not.toBe(signed);
    const r = await check(changed);
    expect(codes(r), JSON.stringify(r)).toEqual(["malformed-mime", "malformed-cms"]);
    expect(r.signature, JSON.stringify(r)).not.toBe("valid");
  });
});

describe("resource limits", () => {
  it("10,000 nested multiparts stop at maxMimeDepth", async () => {
    let msg = `${HEAD}Content-Type: multipart/mixed; boundary=b0\r\n\r\n`;
    const n = 10_000;
    const parts: string[] = [msg];
    for (let i = 1; i <= n; i++) parts.push(`--b${i - 1}\r\nContent-Type: multipart/mixed; boundary=b${i}\r\n\r\n`);
    for (let i = n; i >= 1; i--) parts.push(`--b${i - 1}--\r\n`);
    msg = parts.join("");
    const r = await check(msg);
    expect(r.issues.find((i) => i.code === "limit-exceeded")?.params.limit).toBe("maxMimeDepth");
  });

  it("100,000 parts stop at maxParts", async () => {
    const parts = [`${HEAD}Content-Type: multipart/mixed; boundary=x\r\n\r\n`];
    for (let i = 0; i < 100_000; i++) parts.push("--x\r\n\r\n.\r\n");
    parts.push("--x--\r\n");
    const r = await check(parts.join(""));
    expect(r.issues.find((i) => i.code === "limit-exceeded")?.params.limit).toBe("maxParts");
  });

  it("a 5 MB header stops at maxHeaderBytes", async () => {
    const r = await check(`${HEAD}X-Junk: ${"A".repeat(5 * 1024 * 1024)}\r\n\r\nbody\r\n`);
    expect(r.issues.find((i) => i.code === "limit-exceeded")?.params.limit).toBe("maxHeaderBytes");
  });

  it("200,000 header lines without a colon finish (no quadratic scan)", async () => {
    await check(`${HEAD}X-A: b\r\n${"no colon here\r\n".repeat(200_000)}\r\nbody\r\n`);
  });

  it("a message over maxMessageBytes is refused with limit-exceeded", async () => {
    const r = await check(signed, { limits: { maxMessageBytes: 1000 } });
    expect(codes(r)).toEqual(["limit-exceeded"]);
    expect(r.signature).toBe("unverifiable");
  });

  it("more signers than maxSigners: the rest are not verified and the message is not valid", async () => {
    const carol = pki.makeLeaf("carol", pki.makeCa("SecondCA"), { sanEmails: ["alice@example.org"] });
    const two = pki.sign({ signers: [{ who: alice }, { who: carol }], content: "Content-Type: text/plain\n\nx\n" });
    const r = await check(two, { limits: { maxSigners: 1 } });
    expect(codes(r)).toContain("limit-exceeded");
    expect(r.signature).toBe("unverifiable");
    expect(r.layers[0]).toMatchObject({ signerInfoCount: 2 });
    expect(signers(r)).toHaveLength(1);
    expect(r.verdict).toBe("danger");
  });

  it("twenty nested compressed layers stop at maxSecurityLayers", async () => {
    let inner: Uint8Array = Buffer.from("Content-Type: text/plain\r\n\r\ncore\r\n");
    for (let i = 0; i < 20; i++) inner = Buffer.from(pkcs7MimeMessage("", compressedData(inner), "compressed-data"), "latin1");
    const r = await check(inner);
    expect(r.layers).toHaveLength(8);
    expect(r.issues.find((i) => i.code === "limit-exceeded")?.params.limit).toBe("maxSecurityLayers");
  });

  it("data appended after the DER of an opaque message is reported (malformed-cms warning)", async () => {
    const sep = opaque.indexOf("\n\n");
    const der = Buffer.concat([Buffer.from(opaque.slice(sep + 2).replace(/\s+/g, ""), "base64"), Buffer.from("trailing")]);
    const r = await check(opaque.slice(0, sep + 2) + der.toString("base64"));
    expect(r.issues.map((i) => [i.code, i.severity, i.params.bytes])).toEqual([["malformed-cms", "warning", 8]]);
  });
});
