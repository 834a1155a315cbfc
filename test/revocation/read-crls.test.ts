/**
 * CRLs from a file's bytes (src/core/revocation/read-crls.ts, the CLI's --crl):
 * PEM with any number of X509 CRL blocks (RFC 7468 section 6), or one DER CRL,
 * as `openssl ca -gencrl` and `openssl crl` write them; anything else is said.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readCrls } from "../../src/core/revocation/read-crls.js";
import { ScenarioPki } from "../helpers/scenario-pki.js";

let pki: ScenarioPki;
let der1: Buffer;
let der2: Buffer;

beforeAll(() => {
  pki = new ScenarioPki();
  pki.build([{ name: "CrlCA" }, { name: "CrlCA2" }]);
  der1 = pki.gencrl("CrlCA");
  der2 = pki.gencrl("CrlCA2");
});
afterAll(() => pki.cleanup());

const pem = (der: Buffer): Buffer => pki.run(["crl", "-inform", "DER"], der);

describe("readCrls", () => {
  it("one DER CRL; PEM blocks, each read, in order", () => {
    const one = readCrls(new Uint8Array(der1));
    expect([one.errors, one.crls.map((c) => Buffer.from(c.der).equals(der1))]).toEqual([[], [true]]);
    const two = readCrls(new Uint8Array(Buffer.concat([pem(der1), Buffer.from("text between blocks\n"), pem(der2)])));
    expect([two.errors, two.crls.map((c) => c.issuerKey)]).toEqual([[], [pki.view("CrlCA").subjectKey, pki.view("CrlCA2").subjectKey]]);
  });

  it("a PEM file of certificates holds no CRL; a block or a DER file that is no CRL is said, block by block", () => {
    expect(readCrls(new Uint8Array(pki.read(pki.get("CrlCA").cert)))).toEqual({ crls: [], errors: ["no X509 CRL block found"] });
    expect(readCrls(new Uint8Array(Buffer.from("not a CRL at all")))).toEqual({ crls: [], errors: ["not a DER SEQUENCE"] });
    const broken = Buffer.from(`-----BEGIN X509 CRL-----\n${Buffer.from([0x02, 0x01, 0x05]).toString("base64")}\n-----END X509 CRL-----\n`);
    const mixed = readCrls(new Uint8Array(Buffer.concat([pem(der1), broken])));
    expect([mixed.crls.length, mixed.errors]).toEqual([1, ["not a DER SEQUENCE"]]);
  });

  it("a block whose END label is another one's is no block (RFC 7468 section 2: the labels match)", () => {
    const text = pem(der1).toString().replace("-----END X509 CRL-----", "-----END CERTIFICATE-----");
    expect(readCrls(new Uint8Array(Buffer.from(text)))).toEqual({ crls: [], errors: ["no X509 CRL block found"] });
  });
});
