/**
 * Reading PKCS#12 files (src/core/keys/pkcs12.ts, pkcs12-identities.ts): what
 * `openssl pkcs12 -export` writes, modern and legacy, and every way a file can
 * fail, each as its own problem and never half a result. NIST PKITS's 405
 * files (PBE-SHA1-3DES, password "password") are read from the shared corpus.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { identitiesFromPkcs12 } from "../../src/core/index.js";
import { readPkcs12 } from "../../src/core/keys/pkcs12.js";
import { corpus } from "../helpers/corpora.js";
import { OpensslPki, type Identity } from "../helpers/pki.js";

let pki: OpensslPki;
let ca: Identity;
let bob: Identity;
let carol: Identity;
let dsa: Identity;

beforeAll(() => {
  pki = new OpensslPki();
  ca = pki.makeCa("P12CA");
  bob = pki.makeLeaf("p12-bob", ca, { sanEmails: ["bob@example.org"] });
  carol = pki.makeLeaf("p12-carol", ca, { sanEmails: ["carol@example.org"], key: "ec:P-384" });
  dsa = pki.makeLeaf("p12-dsa", ca, { sanEmails: ["dsa@example.org"], key: "dsa:2048" });
});
afterAll(() => pki.cleanup());

/** `openssl pkcs12 -export` with `args`, read back as bytes. */
function exported(args: string[], password = "correct horse"): Uint8Array {
  pki.run(["pkcs12", "-export", "-out", "out.p12", "-passout", `pass:${password}`, "-provider", "legacy", "-provider", "default", ...args]);
  return new Uint8Array(pki.read("out.p12"));
}

const serialOf = (who: Identity) => pki.run(["x509", "-in", who.cert, "-noout", "-serial"]).toString().trim().split("=")[1]!;

describe("files openssl pkcs12 -export writes", () => {
  const variants: [string, () => string[]][] = [
    ["OpenSSL 3's default: PBES2 with PBKDF2-SHA-256 and AES-256-CBC, SHA-256 MAC", () => []],
    ["-legacy: pbeWithSHAAnd3-KeyTripleDES-CBC key, pbeWithSHAAnd40BitRC2-CBC certificates, SHA-1 MAC", () => ["-legacy"]],
    ["128-bit RC2 key and two-key 3DES certificates", () => ["-keypbe", "PBE-SHA1-RC2-128", "-certpbe", "PBE-SHA1-2DES"]],
    ["PBES2 with 3DES-CBC and AES-128-CBC, SHA-512 MAC", () => ["-keypbe", "DES-EDE3-CBC", "-certpbe", "AES-128-CBC", "-macalg", "sha512"]],
    ["one iteration and no MAC iterations", () => ["-iter", "1", "-nomaciter"]],
    ["no MAC at all", () => ["-nomac"]],
    ["certificates not encrypted", () => ["-certpbe", "NONE"]],
  ];
  for (const [name, args] of variants) {
    it(name, async () => {
      const read = await identitiesFromPkcs12(exported(["-in", bob.cert, "-inkey", bob.key, "-certfile", ca.cert, ...args()]), "correct horse");
      if (!read.ok) throw new Error(JSON.stringify(read));
      expect(read.identities.map((i) => [i.kind, i.certificate.serialHex, i.certificate.emails])).toEqual([["rsa", serialOf(bob), ["bob@example.org"]]]);
      expect(read.others.map((c) => c.serialHex)).toEqual([serialOf(ca)]);
    });
  }

  it("an EC P-384 key pairs with its certificate", async () => {
    const read = await identitiesFromPkcs12(exported(["-in", carol.cert, "-inkey", carol.key]), "correct horse");
    expect(read.ok && read.identities.map((i) => [i.kind, i.kind === "ec" ? i.curve : null])).toEqual([["ec", "P-384"]]);
  });

  it("a password beyond ASCII: BMPString for the MAC (RFC 7292 appendix B.1), UTF-8 for PBES2, as OpenSSL writes them", async () => {
    const file = exported(["-in", bob.cert, "-inkey", bob.key], "Grüße, ключ");
    expect((await identitiesFromPkcs12(file, "Grüße, ключ")).ok).toBe(true);
    expect(await identitiesFromPkcs12(file, "Grusse, ключ")).toEqual({ ok: false, problem: "wrong-password" });
  });
});

describe("every failure is one clear problem, and nothing is half read", () => {
  it("the wrong password: found by the MAC, or, without one, by the decryption", async () => {
    expect(await identitiesFromPkcs12(exported(["-in", bob.cert, "-inkey", bob.key]), "wrong")).toEqual({ ok: false, problem: "wrong-password" });
    expect(await identitiesFromPkcs12(exported(["-in", bob.cert, "-inkey", bob.key, "-legacy"]), "wrong")).toEqual({ ok: false, problem: "wrong-password" });
    const noMac = await identitiesFromPkcs12(exported(["-in", bob.cert, "-inkey", bob.key, "-nomac"]), "wrong");
    // Without a MAC a wrong key can, one time in 256, leave valid padding: then the bytes do not parse.
    expect(noMac.ok ? "read" : noMac.problem).toMatch(/^(wrong-password|malformed)$/);
  });

  it("certificates without a key, a key without a certificate, a key with someone else's certificate", async () => {
    expect(await identitiesFromPkcs12(exported(["-nokeys", "-in", bob.cert]), "correct horse")).toEqual({ ok: false, problem: "no-key" });
    expect(await identitiesFromPkcs12(exported(["-nocerts", "-inkey", bob.key]), "correct horse")).toEqual({ ok: false, problem: "no-certificate" });
    expect(await identitiesFromPkcs12(exported(["-nocerts", "-inkey", bob.key, "-certfile", carol.cert]), "correct horse")).toEqual({ ok: false, problem: "key-does-not-match" });
    // An RSA key beside another RSA key's certificate (the CA's): the moduli differ.
    expect(await identitiesFromPkcs12(exported(["-nocerts", "-inkey", bob.key, "-certfile", ca.cert]), "correct horse")).toEqual({ ok: false, problem: "key-does-not-match" });
  });

  it("a DSA key is refused: it cannot decrypt S/MIME", async () => {
    expect(await identitiesFromPkcs12(exported(["-in", dsa.cert, "-inkey", dsa.key]), "correct horse")).toEqual({ ok: false, problem: "unsupported-key" });
  });

  it("a certificate, a truncated file and random bytes are no PKCS#12 file", async () => {
    const good = exported(["-in", bob.cert, "-inkey", bob.key]);
    const cert = new Uint8Array(pki.run(["x509", "-in", bob.cert, "-outform", "DER"]));
    for (const bytes of [cert, good.subarray(0, good.length - 40), Uint8Array.from({ length: 300 }, (_, i) => (i * 37) & 0xff), new Uint8Array()]) {
      const read = await readPkcs12(bytes, "correct horse");
      expect(read.ok ? "read" : read.problem).toBe("malformed");
    }
  });
});

describe.skipIf(corpus("nist-pkits") === null)("NIST PKITS's PKCS#12 files (legacy PBE-SHA1-3DES, password 'password')", () => {
  it("all 405 read; every RSA key pairs with its certificate and the DSA ones are refused as keys Signet cannot decrypt with", async () => {
    const dir = join(corpus("nist-pkits")!, "pkcs12");
    const outcome: Record<string, number> = {};
    for (const file of readdirSync(dir)) {
      const read = await identitiesFromPkcs12(new Uint8Array(readFileSync(join(dir, file))), "password");
      const key = read.ok ? `ok ${read.identities.map((i) => i.kind).join(",")}` : read.problem;
      outcome[key] = (outcome[key] ?? 0) + 1;
    }
    console.log(`pkits pkcs12: ${JSON.stringify(outcome)}`);
    expect(Object.values(outcome).reduce((a, b) => a + b, 0)).toBe(405);
    expect(Object.keys(outcome).sort()).toEqual(["ok rsa", "unsupported-key"]);
  });
});
