/**
 * What an encrypted message says of itself before anyone decrypts it
 * (src/core/cms/enveloped-data.ts, RFC 5652 section 6.2): each kind of
 * RecipientInfo that `openssl cms -encrypt` writes, how it names the recipient,
 * and the content encryption algorithm. The expected names and numbers are
 * OpenSSL's own (`openssl x509 -serial`, `-ext subjectKeyIdentifier`,
 * `openssl cms -cmsout -print`).
 */
import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseContentInfo } from "../../src/core/cms/content-info.js";
import { readEnveloped } from "../../src/core/cms/enveloped-data.js";

const summarizeEnveloped = (content: asn1js.AsnType) => readEnveloped(content, false).summary;
import { OpensslPki, type Identity } from "../helpers/pki.js";

let pki: OpensslPki;
let ca: Identity;
let bob: Identity;
let carol: Identity;

beforeAll(() => {
  pki = new OpensslPki();
  ca = pki.makeCa("EnvCA");
  bob = pki.makeLeaf("bob", ca, { sanEmails: ["bob@example.org"] });
  carol = pki.makeLeaf("carol", ca, { sanEmails: ["carol@example.org"], key: "ec:P-256" });
});
afterAll(() => pki.cleanup());

/** `openssl cms -encrypt` of a short text with `args`, as DER. */
function encrypted(args: string[]): Uint8Array {
  pki.write("plain.txt", "secret\n");
  return new Uint8Array(pki.run(["cms", "-encrypt", "-in", "plain.txt", "-outform", "DER", ...args]));
}

function summarized(der: Uint8Array) {
  const ci = parseContentInfo(der);
  if (!ci.ok) throw new Error(ci.reason);
  return summarizeEnveloped(ci.value.content);
}

const summary = (args: string[]) => summarized(encrypted(args));

/** OpenSSL's EnvelopedData with `edit` applied to pkijs's reading of it, encoded again. */
function rewritten(der: Uint8Array, edit: (ed: pkijs.EnvelopedData) => void): Uint8Array {
  const ci = pkijs.ContentInfo.fromBER(Uint8Array.from(der).buffer);
  const ed = new pkijs.EnvelopedData({ schema: ci.content });
  edit(ed);
  return new Uint8Array(new pkijs.ContentInfo({ contentType: ci.contentType, content: ed.toSchema() }).toSchema().toBER(false));
}

const serialOf = (who: Identity) => pki.run(["x509", "-in", who.cert, "-noout", "-serial"]).toString().trim().split("=")[1]!;
const skiOf = (who: Identity) => pki.run(["x509", "-in", who.cert, "-noout", "-ext", "subjectKeyIdentifier"]).toString().split("\n")[1]!.trim().replace(/:/g, "");

describe("summarizeEnveloped on openssl cms -encrypt", () => {
  it("key transport to an RSA recipient, named by issuer and serial (the default), with AES-256-CBC", () => {
    expect(summary(["-aes256", bob.cert])).toEqual({
      recipients: [{ kind: "key-transport", algorithm: { oid: "1.2.840.113549.1.1.1", name: expect.any(String) }, issuer: "O=Signet Test, CN=EnvCA", serialNumber: serialOf(bob) }],
      contentEncryptionAlgorithm: { oid: "2.16.840.1.101.3.4.1.42", name: expect.any(String) },
    });
  });

  it("named by subject key identifier (-keyid)", () => {
    expect(summary(["-aes128", "-keyid", bob.cert]).recipients).toEqual([{ kind: "key-transport", algorithm: expect.objectContaining({ oid: "1.2.840.113549.1.1.1" }), subjectKeyIdentifier: skiOf(bob) }]);
  });

  it("key agreement to an EC recipient, one entry per recipient key, named by issuer and serial", () => {
    const r = summary(["-aes128", carol.cert]);
        // OpenSSL's default: dhSinglePass-stdDH-sha1kdf-scheme (RFC 5753 section 7.1.4), as `openssl cms -cmsout -print` names it.
    expect(r.recipients).toEqual([{ kind: "key-agreement", algorithm: { oid: "1.3.133.16.840.63.0.2", name: "ECDH (SHA-1 KDF)" }, issuer: "O=Signet Test, CN=EnvCA", serialNumber: serialOf(carol) }]);
  });

  it("two recipients, each listed, in order", () => {
    expect(summary(["-aes128", bob.cert, carol.cert]).recipients.map((x) => [x.kind, x.serialNumber])).toEqual([["key-transport", serialOf(bob)], ["key-agreement", serialOf(carol)]]);
  });

  it("a shared key (KEK, -secretkey) and a password (PWRI, -pwri_password) are named by kind", () => {
    const kek = summary(["-aes128", "-secretkey", "000102030405060708090A0B0C0D0E0F", "-secretkeyid", "0102"]);
    expect(kek.recipients).toEqual([{ kind: "kek", algorithm: expect.objectContaining({ oid: "2.16.840.1.101.3.4.1.5" }) }]);
    const pwri = summary(["-aes128", "-pwri_password", "correct horse"]);
    // id-alg-PWRI-KEK (RFC 3211 section 2.3), as `openssl cms -cmsout -print` shows it.
    expect(pwri.recipients).toEqual([{ kind: "password", algorithm: expect.objectContaining({ oid: "1.2.840.113549.1.9.16.3.9" }) }]);
  });

  it("key agreement named by subject key identifier (-keyid: rKeyId, RFC 5652 section 6.2.2)", () => {
    expect(summary(["-aes128", "-keyid", carol.cert]).recipients).toEqual([{ kind: "key-agreement", algorithm: expect.objectContaining({ oid: "1.3.133.16.840.63.0.2" }), subjectKeyIdentifier: skiOf(carol) }]);
  });

  it("a RecipientInfo of another kind (OtherRecipientInfo [4]) is listed as other, beside the ones it knows", () => {
    // pkijs cannot encode one, so it is added to OpenSSL's structure as asn1js reads it: ori [4] { oriType, oriValue }.
    const ci = asn1js.fromBER(Uint8Array.from(encrypted(["-aes128", bob.cert])).buffer).result as asn1js.Sequence;
    const ed = (ci.valueBlock.value[1] as asn1js.Constructed).valueBlock.value[0] as asn1js.Sequence;
    const ori = new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 4 }, value: [new asn1js.ObjectIdentifier({ value: "1.2.3.4" }), new asn1js.Null()] });
    (ed.valueBlock.value[1] as asn1js.Set).valueBlock.value.push(ori);
    const der = new Uint8Array(ci.toBER(false));
    expect(summarized(der).recipients.map((x) => [x.kind, x.algorithm.oid])).toEqual([["key-transport", "1.2.840.113549.1.1.1"], ["other", "1.2.3.4"]]);
  });

  it("originatorInfo ([0], RFC 5652 section 6.1) before the recipients is stepped over", () => {
    const der = rewritten(encrypted(["-aes128", bob.cert]), (ed) => {
      const cert = pkijs.Certificate.fromBER(Uint8Array.from(pki.run(["x509", "-in", bob.cert, "-outform", "DER"])).buffer);
      ed.originatorInfo = new pkijs.OriginatorInfo({ certs: new pkijs.CertificateSet({ certificates: [cert] }) });
    });
    expect(summarized(der).recipients.map((x) => [x.kind, x.serialNumber])).toEqual([["key-transport", serialOf(bob)]]);
  });

  it("a structure that is not EnvelopedData is refused with its reason", () => {
    const signed = pki.run(["cms", "-sign", "-in", "plain.txt", "-signer", bob.cert, "-inkey", bob.key, "-outform", "DER"]);
    const ci = parseContentInfo(new Uint8Array(signed));
    if (!ci.ok) throw new Error(ci.reason);
    expect(() => summarizeEnveloped(ci.value.content)).toThrow();
    expect(() => summarizeEnveloped(new asn1js.Integer({ value: 0 }))).toThrow("EnvelopedData is not a SEQUENCE");
    expect(() => summarizeEnveloped(new asn1js.Sequence({ value: [new asn1js.Integer({ value: 0 })] }))).toThrow("recipientInfos missing");
  });
});
