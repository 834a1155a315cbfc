/**
 * What the differential campaign (npm run fuzz:differential: mutants of
 * OpenSSL-signed messages, Signet's signature verdict against `openssl cms
 * -verify -noverify`) found, each class rebuilt here from an OpenSSL-signed
 * message, with OpenSSL's verdict asserted beside Signet's:
 * - fixed: a [0] whose length did not enclose its SignedData was read by
 *   asn1js anyway and reported valid; OpenSSL refuses to read it, and so does Signet now;
 * - fixed: a signature part labelled with another type, found by the protocol
 *   parameter, was valid without a word; it is now said (RFC 1847 section 2.1);
 * - explained, Signet stricter: an eContentType changed after signing, which
 *   OpenSSL 3.0 verifies, is content-type-mismatch (RFC 5652 section 11.1);
 * - explained, Signet more lenient and saying so: characters outside the
 *   base64 alphabet are ignored as RFC 2045 section 6.8 asks (OpenSSL refuses
 *   to read them), with a malformed-mime warning, so never Verified.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeBase64Text, encodeBase64 } from "../../src/core/index.js";
import { codes, inspect, signers } from "../helpers/inspect.js";
import { OpensslPki, type Identity } from "../helpers/pki.js";

let pki: OpensslPki;
let alice: Identity;
const TEXT = "Content-Type: text/plain\n\nHello.\n";

beforeAll(() => {
  pki = new OpensslPki();
  const ca = pki.makeCa("DiffCA");
  alice = pki.makeLeaf("alice", ca, { sanEmails: ["alice@example.org"] });
});
afterAll(() => pki.cleanup());

/** The message with its (last) base64 body's DER changed by `edit`. */
function withDer(msg: Uint8Array, edit: (der: Uint8Array) => Uint8Array): Buffer {
  const text = Buffer.from(msg).toString("latin1");
  const m = /\n\n((?:[A-Za-z0-9+/=]+\r?\n)+)/g;
  let last: RegExpExecArray | null = null;
  for (let x = m.exec(text); x; x = m.exec(text)) last = x;
  const start = last!.index + last![0].length - last![1]!.length;
  const der = edit(decodeBase64Text(last![1]!).bytes);
  return Buffer.from(text.slice(0, start) + encodeBase64(der).replace(/.{64}/g, "$&\n") + "\n" + text.slice(start + last![1]!.length), "latin1");
}

describe("what the differential campaign found", () => {
  it("an explicit [0] whose length does not enclose the SignedData: OpenSSL cannot read it, and Signet does not call it valid", async () => {
    const msg = pki.sign({ signers: [{ who: alice }], content: TEXT });
    const broken = withDer(msg, (der) => {
      // ContentInfo: SEQUENCE (4 octets of header), OID (11), then [0] A0 82 hh ll: its length set to 16.
      const out = der.slice();
      expect([out[15], out[16]]).toEqual([0xa0, 0x82]);
      out[17] = 0x00;
      out[18] = 0x10;
      return out;
    });
    expect(pki.opensslVerifies(broken)).toBe(false);
    const r = await inspect(broken);
    expect(r.signature).toBe("unverifiable");
    expect(r.issues.find((i) => i.code === "malformed-cms")?.params).toEqual({ reason: "unreadable", structure: "ContentInfo", detail: "inconsistent encoding: a length runs past its enclosing element" });
  });

  it("a signature part labelled with another type: read by the protocol parameter, and said (RFC 1847 section 2.1)", async () => {
    const msg = Buffer.from(Buffer.from(pki.sign({ signers: [{ who: alice }], content: TEXT })).toString("latin1").replace('Content-Type: application/pkcs7-signature; name="smime.p7s"', "Content-Type: application/octet-stream"), "latin1");
    expect(pki.opensslVerifies(msg)).toBe(false);
    const r = await inspect(msg);
    expect(r.signature).toBe("valid");
    expect(r.issues.map((i) => [i.code, i.params.reason, i.params.found])).toEqual([["malformed-mime", "signature-part-type", "application/octet-stream"]]);
    expect(r.verdict).toBe("warning");
  });

  it("an eContentType changed after signing: OpenSSL 3.0 verifies it, Signet refuses it as RFC 5652 section 11.1 asks", async () => {
    const msg = pki.sign({ signers: [{ who: alice }], content: TEXT, detached: false });
    // id-data 1.2.840.113549.1.7.1 inside the SignedData: its last arc (01) made 05 (id-digestedData), the signed attributes untouched.
    const changed = withDer(msg, (der) => {
      const idData = Buffer.from("06092a864886f70d010701", "hex");
      const at = Buffer.from(der).indexOf(idData);
      const out = der.slice();
      out[at + idData.length - 1] = 0x05;
      return out;
    });
    expect(pki.opensslVerifies(changed)).toBe(true);
    const r = await inspect(changed);
    expect(signers(r)[0]!.status).toBe("invalid");
    expect(r.issues.find((i) => i.code === "content-type-mismatch")?.params).toEqual({ expected: "digestedData", found: "data" });
  });

  it("characters outside the base64 alphabet: ignored as RFC 2045 section 6.8 asks, and said, so never Verified", async () => {
    const msg = Buffer.from(pki.sign({ signers: [{ who: alice }], content: TEXT })).toString("latin1");
    const at = msg.indexOf("MII") + 10;
    const dirty = Buffer.from(msg.slice(0, at) + ";" + msg.slice(at), "latin1");
    expect(pki.opensslVerifies(dirty)).toBe(false);
    const r = await inspect(dirty);
    expect(r.signature).toBe("valid");
    expect(codes(r)).toEqual(["malformed-mime"]);
    expect(r.issues[0]!.params).toMatchObject({ reason: "base64-invalid-characters", count: 1 });
    expect(r.verdict).toBe("warning");
  });
});
