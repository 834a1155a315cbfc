/**
 * Which bytes the Outlook pane inspects (src/hosts/outlook/smime-route.ts):
 * the EML Outlook hands over, or, for an item shaped as Exchange stores S/MIME
 * mail (MS-OXOSMIME: no S/MIME message itself, one S/MIME attachment, nothing
 * else), that attachment under the item's header fields. The composed message
 * must give the report the original gives, and an ordinary message carrying
 * someone's signed message as an attachment must never be taken for it.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { decodeBase64Text, readCertificates, TrustStore, type SecurityReport } from "../../src/core/index.js";
import { chooseRoute, composeFromAttachment, isSmimeMessage, type AttachmentInfo } from "../../src/hosts/outlook/smime-route.js";
import { inspect, signers } from "../helpers/inspect.js";

const root = resolve(import.meta.dirname, "../..");
const sample = (name: string): Uint8Array => new Uint8Array(readFileSync(resolve(root, "samples", name)));
const text = (s: string): Uint8Array => new TextEncoder().encode(s.replace(/\r?\n/g, "\r\n"));
const latin1 = (b: Uint8Array): string => new TextDecoder("latin1").decode(b);

async function report(bytes: Uint8Array): Promise<SecurityReport> {
  const anchor = readCertificates(readFileSync(resolve(root, "samples/certs/signet-sample-root-ca.pem"))).certificates[0]!;
  return inspect(bytes, { trust: { store: await TrustStore.create([{ certificate: anchor, source: "option" }]) } });
}

/** The body of a sample after its header block. */
function bodyOf(bytes: Uint8Array): Uint8Array {
  const s = latin1(bytes);
  return bytes.subarray(s.indexOf("\n\n") + 2);
}

/** Sample 01's multipart/signed entity as Exchange keeps it: its Content-Type field and body, no message fields. */
function signedEntity(): Uint8Array {
  const s = latin1(sample("01-signed-valid.eml"));
  const ct = s.match(/^Content-Type: multipart\/signed[^\n]*\n/m)![0];
  return text(ct + "\n" + s.slice(s.indexOf("\n\n") + 2));
}

/** Sample 02's CMS object as DER: what smime.p7m holds. */
const opaqueDer = (): Uint8Array => decodeBase64Text(latin1(bodyOf(sample("02-signed-opaque-ecdsa.eml")))).bytes;

/** An Exchange S/MIME item as a client might rebuild it: header fields, no body, one attachment. */
function exchangeItem(from: string, attachmentType: string, name: string): Uint8Array {
  return text(`From: ${from}\nTo: bob@example.org\nDate: Sat, 28 Nov 2026 14:18:21 +0000\nSubject: Signed\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="b"\n\n--b\nContent-Type: text/plain\n\n\n--b\nContent-Type: ${attachmentType}; name="${name}"\nContent-Disposition: attachment; filename="${name}"\nContent-Transfer-Encoding: base64\n\nAAAA\n--b--\n`);
}

const attachment = (over: Partial<AttachmentInfo> = {}): AttachmentInfo => ({ id: "att-1", name: "smime.p7m", contentType: "application/pkcs7-mime", isInline: false, attachmentType: "file", ...over });

describe("the route", () => {
  it("an EML that is S/MIME itself is inspected as given: clear-signed, opaque and enveloped", () => {
    for (const name of ["01-signed-valid.eml", "02-signed-opaque-ecdsa.eml", "07-encrypted-to-bob.eml"]) {
      expect(isSmimeMessage(sample(name)), name).toBe(true);
      expect(chooseRoute(sample(name), [attachment()]), name).toEqual({ kind: "eml" });
    }
    expect(isSmimeMessage(sample("08-unsigned.eml"))).toBe(false);
  });

  it("an Exchange S/MIME item (one S/MIME attachment, nothing else) is read through that attachment", () => {
    const item = exchangeItem("bob@example.org", "application/pkcs7-mime", "smime.p7m");
    expect(chooseRoute(item, [attachment()])).toEqual({ kind: "attachment", attachment: attachment() });
    const clear = attachment({ name: "message.p7s", contentType: "multipart/signed" });
    expect(chooseRoute(exchangeItem("alice@example.org", "multipart/signed", "message.p7s"), [clear])).toEqual({ kind: "attachment", attachment: clear });
    // An item with no body at all.
    expect(chooseRoute(text("From: a@example.org\nSubject: x\n\n"), [attachment({ name: "SMIME.P7M", contentType: "application/octet-stream" })]).kind).toBe("attachment");
  });

  it("parts of white space show nothing; an S/MIME part counts as the attachment with or without a disposition", () => {
    const blank = text(`From: bob@example.org\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="b"\n\n--b\nContent-Type: text/plain\n\n  \t \n   \n\n--b\nContent-Type: application/pkcs7-mime; name="smime.p7m"\nContent-Transfer-Encoding: base64\n\nAAAA\n--b--\n`);
    expect(chooseRoute(blank, [attachment()]).kind).toBe("attachment");
    // One visible character is enough to keep the EML.
    const dot = text(`From: bob@example.org\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="b"\n\n--b\nContent-Type: text/plain\n\n  .  \n\n--b\nContent-Type: application/pkcs7-mime; name="smime.p7m"\nContent-Transfer-Encoding: base64\n\nAAAA\n--b--\n`);
    expect(chooseRoute(dot, [attachment()]).kind).toBe("eml");
  });

  it("what counts as S/MIME: multipart/signed only over CMS; an attachment by its exact name or type", () => {
    expect(isSmimeMessage(text("Content-Type: multipart/signed; protocol=\"application/pgp-signature\"; boundary=x\n\n"))).toBe(false);
    expect(isSmimeMessage(text("Content-Type: multipart/signed; boundary=x\n\n"))).toBe(false);
    expect(isSmimeMessage(text("Content-Type: multipart/signed; protocol=\"Application/X-PKCS7-Signature\"; boundary=x\n\n"))).toBe(true);
    expect(isSmimeMessage(text("Content-Type: application/x-pkcs7-mime; smime-type=enveloped-data\n\n"))).toBe(true);
    const item = exchangeItem("bob@example.org", "application/pkcs7-mime", "smime.p7m");
    for (const [name, contentType] of [["smime.p7m.exe", "application/octet-stream"], ["notsmime.p7m", "application/octet-stream"]]) expect(chooseRoute(item, [attachment({ name, contentType })]).kind, name).toBe("eml");
    expect(chooseRoute(item, [attachment({ name: "x.bin", contentType: "Application/PKCS7-MIME ; name=x.bin" })]).kind).toBe("attachment");
  });

  it("an S/MIME entity in the EML counts as one part, whatever it holds; a protocol parameter alone makes nothing S/MIME", () => {
    const holding = text(`From: alice@example.org\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="b"\n\n--b\nContent-Type: text/plain\n\n\n--b\nContent-Type: multipart/signed; protocol="application/pkcs7-signature"; boundary="s"\n\n--s\nContent-Type: text/plain\n\nSigned words.\n--s\nContent-Type: application/pkcs7-signature\n\nAAAA\n--s--\n--b--\n`);
    expect(chooseRoute(holding, [attachment({ contentType: "multipart/signed" })]).kind).toBe("attachment");
    expect(isSmimeMessage(text('Content-Type: multipart/mixed; protocol="application/pkcs7-signature"; boundary=x\n\n'))).toBe(false);
  });

  it("a single visible part is content even when its disposition names a file called attachment", () => {
    const single = text(`From: alice@example.org\nContent-Type: text/plain\nContent-Disposition: inline; filename="attachment.txt"\n\nPay invoice 42.\n`);
    expect(chooseRoute(single, [attachment()]).kind).toBe("eml");
  });

  it("never when the EML holds two attachments, or text whose disposition only names an attachment", () => {
    const two = text(`From: bob@example.org\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="b"\n\n--b\nContent-Type: application/pdf\nContent-Disposition: attachment; filename="invoice.pdf"\n\nJVBERi0=\n--b\nContent-Type: application/pkcs7-mime; name="smime.p7m"\nContent-Disposition: attachment\n\nAAAA\n--b--\n`);
    expect(chooseRoute(two, [attachment()]).kind).toBe("eml");
    const named = text(`From: bob@example.org\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="b"\n\n--b\nContent-Type: text/plain\nContent-Disposition: inline; filename="attachment.txt"\n\nPay invoice 42.\n--b\nContent-Type: application/pkcs7-mime; name="smime.p7m"\n\nAAAA\n--b--\n`);
    expect(chooseRoute(named, [attachment()]).kind).toBe("eml");
  });

  it("never when the EML shows something of its own: an attacker's text beside someone's signed message", () => {
    const attack = text(`From: alice@example.org\nTo: bob@example.org\nSubject: Pay this\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="b"\n\n--b\nContent-Type: text/plain\n\nPlease pay invoice 42 to account XY.\n--b\nContent-Type: application/pkcs7-mime; name="smime.p7m"\nContent-Transfer-Encoding: base64\n\nAAAA\n--b--\n`);
    expect(chooseRoute(attack, [attachment()])).toEqual({ kind: "eml" });
    // Not even when the text is an HTML part, or the only part of a single-part message.
    expect(chooseRoute(text("From: alice@example.org\nContent-Type: text/html\n\n<p>Pay</p>\n"), [attachment()])).toEqual({ kind: "eml" });
  });

  it("never with other attachments, nor for inline or cloud ones, nor for attachments that are no S/MIME", () => {
    const item = exchangeItem("bob@example.org", "application/pkcs7-mime", "smime.p7m");
    expect(chooseRoute(item, [attachment(), attachment({ id: "att-2", name: "invoice.pdf", contentType: "application/pdf" })])).toEqual({ kind: "eml" });
    expect(chooseRoute(item, [attachment({ isInline: true })])).toEqual({ kind: "eml" });
    expect(chooseRoute(item, [attachment({ attachmentType: "cloud" })])).toEqual({ kind: "eml" });
    expect(chooseRoute(item, [attachment({ name: "invoice.pdf", contentType: "application/pdf" })])).toEqual({ kind: "eml" });
    expect(chooseRoute(item, [])).toEqual({ kind: "eml" });
  });
});

describe("the composed message reports as the original does", () => {
  it("opaque-signed: smime.p7m's DER under the item's fields is verified, signed by Bob, identity matching", async () => {
    const original = await report(sample("02-signed-opaque-ecdsa.eml"));
    const composed = composeFromAttachment(exchangeItem("bob@example.org", "application/pkcs7-mime", "smime.p7m"), opaqueDer());
    const r = await report(composed);
    expect(original.verdict).toBe("verified");
    expect([r.verdict, r.signature, r.trust]).toEqual([original.verdict, original.signature, original.trust]);
    expect(signers(r).map((s) => [s.identity, s.certificate?.subject])).toEqual(signers(original).map((s) => [s.identity, s.certificate?.subject]));
    expect(latin1(composed)).toMatch(/^From: bob@example\.org\r\nTo: bob@example\.org\r\nDate: .*\r\nSubject: Signed\r\nMIME-Version: 1\.0\r\nContent-Type: application\/pkcs7-mime; name=smime\.p7m\r\n/);
    // Base64 in lines of 76 characters (RFC 2045 section 6.8).
    const lines = latin1(composed).split("\r\n\r\n")[1]!.trim().split("\r\n");
    expect(lines.slice(0, -1).every((l) => l.length === 76)).toBe(true);
    expect(lines.at(-1)!.length).toBeLessThanOrEqual(76);
  });

  it("clear-signed: the multipart/signed entity under the item's fields is verified, and its sender is checked against them", async () => {
    const r = await report(composeFromAttachment(exchangeItem("alice@example.org", "multipart/signed", "x"), signedEntity()));
    expect(r.verdict).toBe("verified");
    expect(signers(r)[0]!.identity).toBe("match");
    // The item's From is what the reader sees; a different one is still caught.
    const other = await report(composeFromAttachment(exchangeItem("mallory@example.org", "multipart/signed", "x"), signedEntity()));
    expect(other.issues.map((i) => i.code)).toContain("sender-mismatch");
    expect(other.verdict).not.toBe("verified");
  });

  it("an attachment that is a whole message (its own From) is inspected as it is", () => {
    const whole = sample("01-signed-valid.eml");
    expect(composeFromAttachment(exchangeItem("mallory@example.org", "message/rfc822", "x"), whole)).toBe(whole);
  });

  it("a damaged attachment gives a report that says so, not a verified one", async () => {
    const der = opaqueDer();
    der[der.length - 10]! ^= 0xff;
    const r = await report(composeFromAttachment(exchangeItem("bob@example.org", "application/pkcs7-mime", "smime.p7m"), der));
    expect(r.verdict).toBe("danger");
  });
});
