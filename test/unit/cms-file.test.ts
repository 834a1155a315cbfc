/**
 * A CMS object given as a file (src/core/cms/cms-file.ts): DER, PEM under RFC 7468's PKCS7 or
 * CMS label, or bare base64, as OpenSSL writes each; anything else (a certificate, base64 of
 * something else, text) is none. The objects are `openssl cms -sign` and `openssl crl2pkcs7` output.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cmsFileObject } from "../../src/core/cms/cms-file.js";
import { OpensslPki, type Identity } from "../helpers/pki.js";

let pki: OpensslPki;
let alice: Identity;
let der: Buffer;

beforeAll(() => {
  pki = new OpensslPki();
  const ca = pki.makeCa("FileCA");
  alice = pki.makeLeaf("file-alice", ca, { sanEmails: ["alice@example.org"] });
  pki.write("file.txt", "Figures\n");
  der = pki.run(["cms", "-sign", "-binary", "-nodetach", "-in", "file.txt", "-signer", alice.cert, "-inkey", alice.key, "-outform", "DER"]);
});
afterAll(() => pki.cleanup());

const found = (bytes: Uint8Array | string) => {
  const r = cmsFileObject(typeof bytes === "string" ? new TextEncoder().encode(bytes) : new Uint8Array(bytes));
  return r && Buffer.from(r).toString("hex");
};
const b64 = (b: Buffer) => b.toString("base64").replace(/.{64}/g, "$&\n");

describe("cmsFileObject", () => {
  it("DER, PEM under the CMS label (openssl cms) or the PKCS7 label (openssl smime), and bare base64 all give the object", () => {
    const cmsPem = pki.run(["cms", "-sign", "-binary", "-nodetach", "-in", "file.txt", "-signer", alice.cert, "-inkey", alice.key, "-outform", "PEM"]);
    const pkcs7Pem = pki.run(["smime", "-sign", "-binary", "-nodetach", "-in", "file.txt", "-signer", alice.cert, "-inkey", alice.key, "-outform", "PEM"]);
    expect([cmsPem.toString().split("\n")[0], pkcs7Pem.toString().split("\n")[0]]).toEqual(["-----BEGIN CMS-----", "-----BEGIN PKCS7-----"]);
    const asDer = (pem: Buffer) => pki.run(["cms", "-cmsout", "-inform", "PEM", "-outform", "DER"], pem).toString("hex");
    expect([found(cmsPem), found(pkcs7Pem)]).toEqual([asDer(cmsPem), asDer(pkcs7Pem)]);
    expect(found(der)).toBe(der.toString("hex"));
    expect(found(b64(der))).toBe(der.toString("hex"));
  });

  it("a short object in base64 (a certs-only SignedData with nothing in it, under 64 characters) is found too", () => {
    const tiny = pki.run(["crl2pkcs7", "-nocrl", "-outform", "DER"]);
    const text = tiny.toString("base64");
    expect(text.length).toBeLessThan(64);
    expect(found(text)).toBe(tiny.toString("hex"));
  });

  it("a certificate (DER or PEM), base64 of something else, and a PEM block of another label are none", () => {
    const certDer = pki.run(["x509", "-in", alice.cert, "-outform", "DER"]);
    expect([found(certDer), found(pki.read(alice.cert)), found(Buffer.from("not a CMS object").toString("base64")), found(`-----BEGIN CERTIFICATE-----\n${b64(der)}\n-----END CERTIFICATE-----\n`)]).toEqual([null, null, null, null]);
  });

  it("base64 is looked for only in a file that is not PEM: a PEM file's text outside its blocks is not read as base64", () => {
    const pemAround = `${b64(der)}\n-----BEGIN X509 CRL-----\nAAAA\n-----END X509 CRL-----\n`;
    expect(found(pemAround)).toBeNull();
  });
});
