/** MIME parsing against the RFCs' own rules and examples. */
import { describe, expect, it } from "vitest";
import { DEFAULT_LIMITS } from "../../src/core/index.js";
import { parseAddressList, sameAddress } from "../../src/core/mime/address.js";
import { toCrlf } from "../../src/core/mime/canonical.js";
import { parseContentType } from "../../src/core/mime/content-type.js";
import { decodeHeaderText } from "../../src/core/mime/encoded-words.js";
import { parseEntity, rawEntity, type ParseContext } from "../../src/core/mime/entity.js";
import { splitMbox } from "../../src/core/mime/mbox.js";
import { decodeBody } from "../../src/core/mime/transfer-encoding.js";
import { decodeBase64 } from "../../src/core/util/base64.js";
import { decodeQuotedPrintable } from "../../src/core/util/quoted-printable.js";
import { toArrayBuffer } from "../../src/core/util/bytes.js";
import { serialKey, serialToHex } from "../../src/core/x509/serial.js";

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const dec = (b: Uint8Array): string => Buffer.from(b).toString("latin1");

function parse(text: string) {
  const bytes = Buffer.from(text, "latin1");
  const ctx: ParseContext = { limits: DEFAULT_LIMITS, problems: [], partCount: 0 };
  return { root: parseEntity(new Uint8Array(bytes), 0, bytes.length, "", 0, ctx), ctx };
}

describe("multipart bodies (RFC 2046 section 5.1.1)", () => {
  // The RFC's own example, section 5.1.1.
  const rfcExample =
    'From: Nathaniel Borenstein <nsb@bellcore.com>\r\nTo: Ned Freed <ned@innosoft.com>\r\nDate: Sun, 21 Mar 1993 23:56:48 -0800 (PST)\r\nSubject: Sample message\r\nMIME-Version: 1.0\r\nContent-type: multipart/mixed; boundary="simple boundary"\r\n\r\nThis is the preamble.  It is to be ignored, though it\r\nis a handy place for composition agents to include an\r\nexplanatory note to non-MIME conformant readers.\r\n\r\n--simple boundary\r\n\r\nThis is implicitly typed plain US-ASCII text.\r\nIt does NOT end with a linebreak.\r\n--simple boundary\r\nContent-type: text/plain; charset=us-ascii\r\n\r\nThis is explicitly typed plain US-ASCII text.\r\nIt DOES end with a linebreak.\r\n\r\n--simple boundary--\r\n\r\nThis is the epilogue.  It is also to be ignored.\r\n';

  it("splits the RFC's example into its two parts, line breaks before delimiters excluded", () => {
    const { root, ctx } = parse(rfcExample);
    expect(ctx.problems).toEqual([]);
    expect(root.parts.map((p) => p.path)).toEqual(["1", "2"]);
    expect(dec(rawEntity(root.parts[0]!))).toBe("\r\nThis is implicitly typed plain US-ASCII text.\r\nIt does NOT end with a linebreak.");
    expect(dec(rawEntity(root.parts[1]!))).toBe(
      "Content-type: text/plain; charset=us-ascii\r\n\r\nThis is explicitly typed plain US-ASCII text.\r\nIt DOES end with a linebreak.\r\n",
    );
    expect(root.parts[0]!.contentType).toMatchObject({ type: "text", subtype: "plain" });
    expect(root.parts[0]!.explicitContentType).toBe(false);
  });

  it("reads the same structure with bare LF line ends", () => {
    const { root, ctx } = parse(rfcExample.replace(/\r\n/g, "\n"));
    expect(ctx.problems).toEqual([]);
    expect(dec(rawEntity(root.parts[1]!))).toBe(
      "Content-type: text/plain; charset=us-ascii\n\nThis is explicitly typed plain US-ASCII text.\nIt DOES end with a linebreak.\n",
    );
  });

  it("does not take a boundary in mid-line, nor a longer boundary sharing its prefix, as a delimiter", () => {
    const msg = 'Content-Type: multipart/mixed; boundary="b"\r\n\r\n--b\r\n\r\nsee --b here\r\n--bx\r\nstill part one\r\n--b--\r\n';
    const { root } = parse(msg);
    expect(root.parts).toHaveLength(1);
    expect(dec(rawEntity(root.parts[0]!))).toBe("\r\nsee --b here\r\n--bx\r\nstill part one");
  });

  it("accepts transport padding after a delimiter", () => {
    const { root, ctx } = parse('Content-Type: multipart/mixed; boundary=b\r\n\r\n--b  \t\r\n\r\nx\r\n--b--  \r\n');
    expect(ctx.problems).toEqual([]);
    expect(root.parts).toHaveLength(1);
  });

  it("reports a missing closing delimiter and keeps the last part", () => {
    const { root, ctx } = parse("Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n\r\nonly\r\n");
    expect(root.parts).toHaveLength(1);
    expect(ctx.problems).toEqual([{ code: "malformed-mime", path: "", params: { reason: "missing-closing-boundary" } }]);
  });

  it("numbers nested parts like IMAP (RFC 3501 section 6.4.5)", () => {
    const msg =
      "Content-Type: multipart/mixed; boundary=o\r\n\r\n--o\r\nContent-Type: text/plain\r\n\r\na\r\n--o\r\nContent-Type: multipart/alternative; boundary=i\r\n\r\n--i\r\n\r\nb\r\n--i\r\n\r\nc\r\n--i--\r\n--o--\r\n";
    const { root } = parse(msg);
    expect(root.parts[1]!.parts.map((p) => p.path)).toEqual(["2.1", "2.2"]);
  });

  it("gives multipart/digest parts the message/rfc822 default (RFC 2046 section 5.1.5)", () => {
    const { root } = parse("Content-Type: multipart/digest; boundary=d\r\n\r\n--d\r\n\r\nFrom: x@y\r\n\r\nhi\r\n--d--\r\n");
    expect(root.parts[0]!.contentType).toMatchObject({ type: "message", subtype: "rfc822" });
  });
});

describe("headers (RFC 5322 section 2.2)", () => {
  it("unfolds folded fields and lower-cases names", () => {
    const { root } = parse("Subject: a\r\n  folded\r\n\tline\r\nX-Y:z\r\n\r\nbody");
    expect(root.headers).toEqual([
      { name: "subject", value: "a  folded\tline" },
      { name: "x-y", value: "z" },
    ]);
    expect(dec(root.source.subarray(root.bodyStart))).toBe("body");
  });

  it("decodes RFC 2047 encoded words, joining adjacent ones (section 6.2)", () => {
    expect(decodeHeaderText("=?UTF-8?B?Q2Fmw6k=?= =?ISO-8859-1?Q?_cr=E8me?=")).toBe("Café crème");
    expect(decodeHeaderText("=?utf-8?q?a_b?= plain")).toBe("a b plain");
    expect(decodeHeaderText("=?x-unknown?q?keep?=")).toBe("=?x-unknown?q?keep?=");
  });
});

describe("Content-Type (RFC 2045 section 5.1, RFC 2231)", () => {
  it("reads quoted and token parameters, case-insensitively, skipping comments", () => {
    const ct = parseContentType('Multipart/Signed (c); Protocol="application/pkcs7-signature"; micalg=sha-256; boundary="a;b=c"');
    expect(ct).toMatchObject({ type: "multipart", subtype: "signed" });
    expect(Object.fromEntries(ct!.params)).toEqual({ protocol: "application/pkcs7-signature", micalg: "sha-256", boundary: "a;b=c" });
  });

  it("joins RFC 2231 continuations", () => {
    expect(parseContentType("multipart/mixed; boundary*0=abc; boundary*1=def")!.params.get("boundary")).toBe("abcdef");
  });

  it("refuses a value without a subtype", () => {
    expect(parseContentType("text")).toBeNull();
    expect(parseContentType("/plain")).toBeNull();
  });
});

describe("transfer encodings (RFC 2045 section 6)", () => {
  it("base64 ignores line breaks and counts junk", () => {
    expect(dec(decodeBase64(enc("aGVs\r\nbG8=\r\n")).bytes)).toBe("hello");
    const junk = decodeBase64(enc("aGVs*bG8="));
    expect(dec(junk.bytes)).toBe("hello");
    expect(junk.invalidCharacters).toBe(1);
    expect(decodeBase64(enc("aGVsbA=x")).badTail).toBe(true);
    expect(Buffer.from(decodeBase64(enc(Buffer.from([0, 255, 128, 7]).toString("base64"))).bytes)).toEqual(Buffer.from([0, 255, 128, 7]));
  });

  it("quoted-printable: soft breaks, hex escapes, malformed escapes kept (section 6.7)", () => {
    const r = decodeQuotedPrintable(enc("Caf=C3=A9 =\r\nsoft=\nbreak =ZZ end="));
    expect(Buffer.from(r.bytes).toString("utf8")).toBe("Café softbreak =ZZ end");
    expect(r.malformedEscapes).toBe(1);
  });

  it("identity encodings and unknown ones", () => {
    const { root } = parse("Content-Transfer-Encoding: x-custom\r\n\r\nraw");
    expect(decodeBody(root)).toEqual({ bytes: enc("raw"), problem: { reason: "unknown-transfer-encoding", value: "x-custom" } });
  });
});

describe("addresses (RFC 5322 section 3.4)", () => {
  it("extracts addr-specs from display names, comments, groups and quoted local parts", () => {
    expect(parseAddressList('"Doe, John" <john@example.com>, jane@example.com (Jane)')).toEqual(["john@example.com", "jane@example.com"]);
    expect(parseAddressList("Team: a@x.org, b@x.org;")).toEqual(["a@x.org", "b@x.org"]);
    expect(parseAddressList('"odd local"@example.com')).toEqual(["odd local@example.com"]);
    expect(parseAddressList("undisclosed-recipients:;")).toEqual([]);
  });

  it("compares local parts exactly and domains case-insensitively (RFC 5321 section 2.4)", () => {
    expect(sameAddress("alice@Example.ORG", "alice@example.org")).toBe(true);
    expect(sameAddress("Alice@example.org", "alice@example.org")).toBe(false);
    expect(sameAddress("alice", "alice")).toBe(false);
  });
});

describe("canonical line ends (RFC 8551 section 3.1.1)", () => {
  it("adds CR before bare LF only, and returns the same array when there is none", () => {
    expect(dec(toCrlf(enc("a\nb\r\nc\n")))).toBe("a\r\nb\r\nc\r\n");
    const crlf = enc("a\r\nb");
    expect(toCrlf(crlf)).toBe(crlf);
  });
});

describe("mbox (RFC 4155)", () => {
  it("splits on From_ lines and unquotes >From", () => {
    const mbox = "From a@x Mon Jan  1 00:00:00 2026\nSubject: one\n\n>From the start\n\nFrom b@x Mon Jan  1 00:00:00 2026\nSubject: two\n\nbody\n";
    expect(splitMbox(enc(mbox)).map(dec)).toEqual(["Subject: one\n\nFrom the start\n", "Subject: two\n\nbody\n"]);
  });
});

describe("bytes", () => {
  it("toArrayBuffer copies exactly the view, even for a pooled Node Buffer", () => {
    Buffer.from("decoy data in the shared pool", "latin1");
    const pooled = Buffer.from("hello", "latin1");
    expect(pooled.byteOffset > 0 || pooled.buffer.byteLength > 5).toBe(true);
    expect(new Uint8Array(toArrayBuffer(pooled.subarray(1, 4)))).toEqual(enc("ell"));
  });
});

describe("serial numbers", () => {
  it("compare and print as signed integers, as openssl does (00 FF is 255, FF is -1)", () => {
    expect(serialKey(Uint8Array.from([0x00, 0xff]))).not.toBe(serialKey(Uint8Array.from([0xff])));
    expect(serialKey(Uint8Array.from([0x00, 0x00, 0x7f]))).toBe(serialKey(Uint8Array.from([0x7f])));
    expect(serialKey(Uint8Array.from([0xff, 0xff, 0x80]))).toBe(serialKey(Uint8Array.from([0x80])));
    expect(serialToHex(Uint8Array.from([0x00, 0xff]))).toBe("FF"); // openssl x509 -serial: FF
    expect(serialToHex(Uint8Array.from([0xff]))).toBe("-01"); // openssl crl -text: -01 (PKITS NegativeSerialNumberCACRL)
    expect(serialToHex(Uint8Array.from([0x03, 0xe8]))).toBe("03E8");
  });
});
