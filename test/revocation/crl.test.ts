/**
 * CRL reading and verification against CRLs made by `openssl ca -revoke` and
 * `-gencrl`, every field compared with what `openssl crl` prints.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findEntry, parseCrl, type ParsedCrl } from "../../src/core/revocation/crl.js";
import { verifyCrl } from "../../src/core/revocation/crl-verify.js";
import { ScenarioPki } from "../helpers/scenario-pki.js";

let pki: ScenarioPki;
let crlDer: Buffer;
let crl: ParsedCrl;

beforeAll(() => {
  pki = new ScenarioPki();
  pki.build([
    { name: "CA" },
    { name: "Other CA" },
    { name: "NoCrlSign", ca: true, keyUsage: "critical,keyCertSign" },
    { name: "Revoked", issuer: "CA", email: "r@example.org" },
    { name: "Superseded", issuer: "CA", email: "s@example.org" },
    { name: "Good", issuer: "CA", email: "g@example.org" },
  ]);
  pki.revoke("CA", "Revoked", "keyCompromise");
  pki.revoke("CA", "Superseded", "superseded");
  crlDer = pki.gencrl("CA");
  const parsed = parseCrl(crlDer);
  if ("error" in parsed) throw new Error(parsed.error);
  crl = parsed;
});
afterAll(() => pki.cleanup());

const view = (name: string) => pki.view(name);
const serialOf = (name: string) => view(name).cert.serialNumber.valueBlock.valueHexView;

describe("CRLs made by openssl ca", () => {
  it("reads the dates, number and entries as openssl crl prints them", () => {
    pki.write("c.crl", crlDer);
    const text = pki.run(["crl", "-inform", "DER", "-in", "c.crl", "-noout", "-text"]).toString();
    const date = (label: string) => new Date(new RegExp(`${label}: (.*)`).exec(text)![1]!.trim().replace(/ GMT$/, " UTC")).getTime();
    expect(crl.thisUpdate.getTime()).toBe(date("Last Update"));
    expect(crl.nextUpdate!.getTime()).toBe(date("Next Update"));
    expect(crl.entries.size).toBe((text.match(/Serial Number:/g) ?? []).length);
    expect(parseInt(crl.crlNumber!, 16)).toBe(Number(/X509v3 CRL Number: \s*\n\s*(\d+)/.exec(text)![1]));
  });

  it("finds the revoked certificates with reason and date, and not the good one", () => {
    const r = findEntry(crl, view("Revoked").issuerKey, serialOf("Revoked"));
    expect(r?.reason).toBe("keyCompromise");
    expect(Math.abs(r!.revocationDate.getTime() - Date.now())).toBeLessThan(10 * 60_000);
    expect(findEntry(crl, view("Superseded").issuerKey, serialOf("Superseded"))?.reason).toBe("superseded");
    expect(findEntry(crl, view("Good").issuerKey, serialOf("Good"))).toBeUndefined();
  });

  it("verifies the signature with the issuing CA only", async () => {
    expect(await verifyCrl(crl, view("CA"))).toEqual({ ok: true });
    expect(await verifyCrl(crl, view("Other CA"))).toEqual({ ok: false, reason: "wrong-issuer" });
    const tampered = Buffer.from(crlDer);
    tampered[tampered.length - 1]! ^= 1;
    const bad = parseCrl(tampered) as ParsedCrl;
    expect(await verifyCrl(bad, view("CA"))).toEqual({ ok: false, reason: "bad-signature" });
  });

  it("refuses a CRL from an issuer whose keyUsage lacks cRLSign (RFC 5280 section 6.3.3 (f))", async () => {
    const der = pki.gencrl("NoCrlSign");
    expect(await verifyCrl(parseCrl(der) as ParsedCrl, view("NoCrlSign"))).toEqual({ ok: false, reason: "no-crl-sign" });
  });

  it("malformed CRLs are errors, never exceptions", () => {
    for (const cut of [0, 1, 10, 100, crlDer.length - 1]) expect(parseCrl(crlDer.subarray(0, cut))).toHaveProperty("error");
    expect(parseCrl(Buffer.from([0x30, 0x84, 0xff, 0xff, 0xff, 0xff]))).toHaveProperty("error");
    expect(parseCrl(Buffer.from([0x30, 0x80, 0, 0]))).toHaveProperty("error");
  });
});
