/**
 * Reading PKCS#12 files (src/core/keys/pkcs12.ts, pkcs12-identities.ts): what
 * `openssl pkcs12 -export` writes, modern and legacy, and every way a file can
 * fail, each as its own problem and never half a result. NIST PKITS's 405
 * files (PBE-SHA1-3DES, password "password") are read from the shared corpus.
 */
import { pbkdf2Sync } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import * as asn1js from "asn1js";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { identitiesFromPkcs12 } from "../../src/core/index.js";
import { readPkcs12 } from "../../src/core/keys/pkcs12.js";
import { pbkdf2 } from "../../src/core/keys/pkcs12-kdf.js";
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

/** Every place `from` occurs in `bytes`, replaced by `to` (of the same length): edits that keep every length. */
function replaced(bytes: Uint8Array, from: string, to: string, which: "all" | number = "all"): Uint8Array {
  const out = Buffer.from(bytes);
  const needle = Buffer.from(from.replace(/ /g, ""), "hex");
  let at = out.indexOf(needle);
  expect(at, `${from} is in the file`).toBeGreaterThanOrEqual(0);
  for (let n = 0; at !== -1; n++, at = out.indexOf(needle, at + 1)) {
    if (which === "all" || which === n) Buffer.from(to.replace(/ /g, ""), "hex").copy(out, at);
  }
  return new Uint8Array(out);
}

const PKCS7_DATA = "06 09 2A 86 48 86 F7 0D 01 07 01";

describe("each check, with what OpenSSL writes edited so that only that check can refuse it", () => {
  const problem = async (bytes: Uint8Array) => {
    const read = await readPkcs12(bytes, "correct horse");
    return read.ok ? "read" : read;
  };

  it("the MAC covers the content: a certificate changed in a file whose certificates are not encrypted is refused; without a MAC the same change reads", async () => {
    const cert = new Uint8Array(pki.run(["x509", "-in", bob.cert, "-outform", "DER"]));
    // The last bytes of the certificate are its signature: changing one leaves every structure readable.
    const tail = Buffer.from(cert.subarray(cert.length - 8)).toString("hex");
    const changedTail = tail.slice(0, -2) + ((parseInt(tail.slice(-2), 16) ^ 1) & 0xff).toString(16).padStart(2, "0");
    const withMac = exported(["-in", bob.cert, "-inkey", bob.key, "-certpbe", "NONE"]);
    expect(await problem(replaced(withMac, tail, changedTail))).toEqual({ ok: false, problem: "wrong-password" });
    const noMac = exported(["-in", bob.cert, "-inkey", bob.key, "-certpbe", "NONE", "-nomac"]);
    const read = await readPkcs12(replaced(noMac, tail, changedTail), "correct horse");
    expect(read.ok && Buffer.from(read.certificates[0]!.value).subarray(-8).toString("hex")).toBe(changedTail);
  });

  it("a MAC with MD5 or MD4 is unsupported, not checked with a broken hash", async () => {
    expect(await problem(exported(["-in", bob.cert, "-inkey", bob.key, "-macalg", "md5"]))).toEqual({ ok: false, problem: "unsupported", algorithm: "1.2.840.113549.2.5" });
    expect(await problem(exported(["-in", bob.cert, "-inkey", bob.key, "-macalg", "md4"]))).toEqual({ ok: false, problem: "unsupported", algorithm: "1.2.840.113549.2.4" });
  });

  it("iteration counts of 0, or above 10,000,000, are malformed: a hostile file cannot ask for hours of hashing", async () => {
    const setMacIterations = (bytes: Uint8Array, n: number) => {
      const pfx = asn1js.fromBER(bytes.slice().buffer).result as asn1js.Sequence;
      (pfx.valueBlock.value[2] as asn1js.Sequence).valueBlock.value[2] = new asn1js.Integer({ value: n });
      return new Uint8Array(pfx.toBER());
    };
    const file = exported(["-in", bob.cert, "-inkey", bob.key]);
    for (const n of [0, 10_000_001, 2 ** 31 - 1]) {
      expect(await problem(setMacIterations(file, n))).toEqual({ ok: false, problem: "malformed", detail: `MAC iterations of ${n} is out of range` });
    }
    // The same count, as PBKDF2's, in a file with no MAC: OpenSSL's -iter 1 written as 02 01 01, made 02 01 00.
    // (-iter before -nomac: after it, OpenSSL 3.0 writes a MAC again.)
    const once = exported(["-in", bob.cert, "-inkey", bob.key, "-iter", "1", "-nomac"]);
    expect(await problem(replaced(once, "02 01 01 30 0C 06 08 2A 86 48 86 F7 0D 02 09", "02 01 00 30 0C 06 08 2A 86 48 86 F7 0D 02 09"))).toEqual({ ok: false, problem: "malformed", detail: "PBKDF2 iterations of 0 is out of range" });
  });

  it("a legacy scheme Signet lacks (128-bit RC4, RFC 7292 appendix C) is unsupported, named by its OID", async () => {
    expect(await problem(exported(["-in", bob.cert, "-inkey", bob.key, "-keypbe", "PBE-SHA1-RC4-128"]))).toEqual({ ok: false, problem: "unsupported", algorithm: "1.2.840.113549.1.12.1.1" });
  });

  it("a key not encrypted at all (a keyBag) is read as it is", async () => {
    const read = await identitiesFromPkcs12(exported(["-in", bob.cert, "-inkey", bob.key, "-keypbe", "NONE", "-certpbe", "NONE"]), "correct horse");
    expect(read.ok && read.identities.map((i) => i.certificate.serialHex)).toEqual([serialOf(bob)]);
  });

  it("PBES2 with a cipher, a PRF or a key derivation Signet lacks is unsupported; parameters it cannot read are malformed", async () => {
    expect(await problem(exported(["-in", bob.cert, "-inkey", bob.key, "-keypbe", "camellia-256-cbc"]))).toEqual({ ok: false, problem: "unsupported", algorithm: "1.2.392.200011.61.1.1.1.4" });
    const noMac = exported(["-in", bob.cert, "-inkey", bob.key, "-nomac"]);
    // hmacWithSHA256 made hmacWithMD5 (RFC 8018 appendix B.1); PBKDF2 made PBMAC1 (1.2.840.113549.1.5.14).
    expect(await problem(replaced(noMac, "06 08 2A 86 48 86 F7 0D 02 09", "06 08 2A 86 48 86 F7 0D 02 05"))).toEqual({ ok: false, problem: "unsupported", algorithm: "1.2.840.113549.2.5" });
    expect(await problem(replaced(noMac, "06 09 2A 86 48 86 F7 0D 01 05 0C", "06 09 2A 86 48 86 F7 0D 01 05 0E"))).toEqual({ ok: false, problem: "unsupported", algorithm: "1.2.840.113549.1.5.14" });
    // AES-256-CBC's IV given as an OCTET STRING's bytes under another tag (0C, UTF8String).
    const ivAsBits = replaced(noMac, "06 09 60 86 48 01 65 03 04 01 2A 04 10", "06 09 60 86 48 01 65 03 04 01 2A 0C 10");
    expect(await problem(ivAsBits)).toEqual({ ok: false, problem: "malformed", detail: "PBES2 encryption parameters cannot be read" });
  });

  it("a PFX of another version, public-key integrity, or content of a kind other than data or encryptedData is refused", async () => {
    const noMac = exported(["-in", bob.cert, "-inkey", bob.key, "-nomac"]);
    expect(await problem(replaced(noMac, "02 01 03 30", "02 01 02 30", 0))).toEqual({ ok: false, problem: "malformed", detail: "the PFX version is not 3" });
    // The first pkcs7-data is the authSafe's type: signedData there is RFC 7292's public-key integrity mode.
    expect(await problem(replaced(noMac, PKCS7_DATA, "06 09 2A 86 48 86 F7 0D 01 07 02", 0))).toEqual({ ok: false, problem: "unsupported", algorithm: "1.2.840.113549.1.7.2" });
    // The second is the first ContentInfo's of the AuthenticatedSafe (OpenSSL puts the key in a data one).
    const types = Buffer.from(noMac).toString("hex").toUpperCase().split(PKCS7_DATA.replace(/ /g, "")).length - 1;
    expect(types).toBeGreaterThanOrEqual(2);
    expect(await problem(replaced(noMac, PKCS7_DATA, "06 09 2A 86 48 86 F7 0D 01 07 03", 1))).toEqual({ ok: false, problem: "unsupported", algorithm: "1.2.840.113549.1.7.3" });
  });
});

describe("bags built by hand (RFC 7292 section 4.2): nesting, certificate types, attributes", () => {
  const oid = (value: string) => new asn1js.ObjectIdentifier({ value });
  const explicit0 = (inner: asn1js.AsnType) => new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 0 }, value: [inner] });
  const octets = (bytes: Uint8Array) => new asn1js.OctetString({ valueHex: bytes });
  const attribute = (type: string, value: asn1js.AsnType) => new asn1js.Sequence({ value: [oid(type), new asn1js.Set({ value: [value] })] });
  const certDer = () => new Uint8Array(pki.run(["x509", "-in", bob.cert, "-outform", "DER"]));
  const certBag = (type: string, attrs: asn1js.AsnType[] = []) =>
    new asn1js.Sequence({
      value: [oid("1.2.840.113549.1.12.10.1.3"), explicit0(new asn1js.Sequence({ value: [oid(type), explicit0(octets(certDer()))] })), ...(attrs.length ? [new asn1js.Set({ value: attrs })] : [])],
    });
  /** safeContentsBag around safeContentsBag, `depth` deep, with `bag` at the bottom. */
  const nested = (bag: asn1js.AsnType, depth: number): asn1js.AsnType =>
    depth === 0 ? bag : new asn1js.Sequence({ value: [oid("1.2.840.113549.1.12.10.1.6"), explicit0(new asn1js.Sequence({ value: [nested(bag, depth - 1)] }))] });
  /** A PFX without a MAC whose AuthenticatedSafe holds one data ContentInfo with these bags. */
  const pfx = (...bags: asn1js.AsnType[]) => {
    const safeContents = new asn1js.Sequence({ value: bags }).toBER();
    const authenticatedSafe = new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [oid("1.2.840.113549.1.7.1"), explicit0(octets(new Uint8Array(safeContents)))] })] }).toBER();
    return new Uint8Array(new asn1js.Sequence({ value: [new asn1js.Integer({ value: 3 }), new asn1js.Sequence({ value: [oid("1.2.840.113549.1.7.1"), explicit0(octets(new Uint8Array(authenticatedSafe)))] })] }).toBER());
  };
  const X509 = "1.2.840.113549.1.9.22.1";

  it("CRL and secret bags are passed over, not read as bags inside bags; attributes that are no SET are none", async () => {
    const crlBag = new asn1js.Sequence({ value: [oid("1.2.840.113549.1.12.10.1.4"), explicit0(new asn1js.Sequence({ value: [oid("1.2.840.113549.1.9.23.1"), explicit0(octets(Uint8Array.from([1, 2, 3])))] }))] });
    const secretBag = new asn1js.Sequence({ value: [oid("1.2.840.113549.1.12.10.1.5"), explicit0(new asn1js.Integer({ value: 1 }))] });
    const bagWithBadAttributes = new asn1js.Sequence({
      value: [oid("1.2.840.113549.1.12.10.1.3"), explicit0(new asn1js.Sequence({ value: [oid(X509), explicit0(octets(certDer()))] })), new asn1js.Sequence({ value: [attribute("1.2.840.113549.1.9.20", new asn1js.BmpString({ value: "x" }))] })],
    });
    const read = await readPkcs12(pfx(crlBag, secretBag, bagWithBadAttributes), "pw");
    expect(read.ok && read.certificates.map((c) => [c.friendlyName, c.localKeyId])).toEqual([[null, null]]);
  });

  it("bags inside bags are followed four deep, and refused at five", async () => {
    const four = await readPkcs12(pfx(nested(certBag(X509), 4)), "pw");
    expect(four.ok && four.certificates.length).toBe(1);
    expect(await readPkcs12(pfx(nested(certBag(X509), 5)), "pw")).toEqual({ ok: false, problem: "malformed", detail: "bags are nested too deeply" });
  });

  it("a certificate bag of another type (SDSI) is passed over; friendlyName (a BMPString) and localKeyId are read, other forms are not", async () => {
    const read = await readPkcs12(
      pfx(
        certBag("1.2.840.113549.1.9.22.2"),
        certBag(X509, [attribute("1.2.840.113549.1.9.20", new asn1js.BmpString({ value: "Bob's key" })), attribute("1.2.840.113549.1.9.21", octets(Uint8Array.from([1, 2, 3])))]),
        certBag(X509, [attribute("1.2.840.113549.1.9.20", new asn1js.Utf8String({ value: "not a BMPString" })), attribute("1.2.3.4", octets(Uint8Array.from([9])))]),
      ),
      "pw",
    );
    expect(read.ok && read.certificates.map((c) => [c.friendlyName, c.localKeyId && [...c.localKeyId]])).toEqual([
      ["Bob's key", [1, 2, 3]],
      [null, null],
    ]);
  });
});

describe("the key derivations and the pairing of keys with certificates", () => {
  it("a password longer than the hash's block (RFC 7292 appendix B.2 repeats it over whole blocks): modern and legacy files open with it, and not with one character less", async () => {
    const long = "a password of forty characters, no less!";
    expect(long.length).toBe(40);
    for (const legacy of [[], ["-legacy"]]) {
      const file = exported(["-in", bob.cert, "-inkey", bob.key, ...legacy], long);
      expect((await identitiesFromPkcs12(file, long)).ok).toBe(true);
      expect(await identitiesFromPkcs12(file, long.slice(0, -1))).toEqual({ ok: false, problem: "wrong-password" });
    }
  });

  it("PBKDF2 with the hashes WebCrypto lacks (SHA-224, MD5) gives what OpenSSL's (Node's) gives", async () => {
    const password = new TextEncoder().encode("pw");
    const salt = Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8]);
    for (const [hash, name] of [["SHA-224", "sha224"], ["MD5", "md5"], ["SHA-256", "sha256"]] as const) {
      expect(Buffer.from(await pbkdf2(hash, password, salt, 1000, 40)).toString("hex"), hash).toBe(pbkdf2Sync(password, salt, 1000, 40, name).toString("hex"));
    }
  });

  it("an EC key beside an EC certificate of another key, or of another curve, does not match; a curve Signet lacks is unsupported", async () => {
    const p384 = pki.makeLeaf("p12-p384", ca, { sanEmails: ["other@example.org"], key: "ec:P-384" });
    const p256 = pki.makeLeaf("p12-p256", ca, { sanEmails: ["p256@example.org"], key: "ec:P-256" });
    for (const cert of [p384, p256, bob]) {
      expect(await identitiesFromPkcs12(exported(["-nocerts", "-inkey", carol.key, "-certfile", cert.cert]), "correct horse"), cert.name).toEqual({ ok: false, problem: "key-does-not-match" });
    }
    pki.run(["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:secp256k1", "-out", "k1.key"]);
    pki.run(["req", "-x509", "-new", "-key", "k1.key", "-subj", "/CN=k1", "-days", "2", "-out", "k1.pem"]);
    expect(await identitiesFromPkcs12(exported(["-in", "k1.pem", "-inkey", "k1.key"]), "correct horse")).toEqual({ ok: false, problem: "unsupported-key" });
  });

  it("a PEM file with no PKCS12 block, a certificate bag that is no certificate, and a key bag that is no key are malformed, each said", async () => {
    expect(await identitiesFromPkcs12(pki.read(bob.cert), "pw")).toEqual({ ok: false, problem: "malformed", detail: "the file holds PEM blocks, none of them PKCS12" });
    const oid = (value: string) => new asn1js.ObjectIdentifier({ value });
    const explicit0 = (inner: asn1js.AsnType) => new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 0 }, value: [inner] });
    const octets = (bytes: Uint8Array) => new asn1js.OctetString({ valueHex: bytes });
    const pfx = (...bags: asn1js.AsnType[]) => {
      const safeContents = new asn1js.Sequence({ value: bags }).toBER();
      const authenticatedSafe = new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [oid("1.2.840.113549.1.7.1"), explicit0(octets(new Uint8Array(safeContents)))] })] }).toBER();
      return new Uint8Array(new asn1js.Sequence({ value: [new asn1js.Integer({ value: 3 }), new asn1js.Sequence({ value: [oid("1.2.840.113549.1.7.1"), explicit0(octets(new Uint8Array(authenticatedSafe)))] })] }).toBER());
    };
    const certBag = (bytes: Uint8Array) => new asn1js.Sequence({ value: [oid("1.2.840.113549.1.12.10.1.3"), explicit0(new asn1js.Sequence({ value: [oid("1.2.840.113549.1.9.22.1"), explicit0(octets(bytes))] }))] });
    // A keyBag holds a PrivateKeyInfo (RFC 5208): here an RSA one whose key is no RSAPrivateKey.
    const junkKey = new asn1js.Sequence({ value: [new asn1js.Integer({ value: 0 }), new asn1js.Sequence({ value: [oid("1.2.840.113549.1.1.1"), new asn1js.Null()] }), octets(Uint8Array.from([1, 2, 3]))] });
    const keyBag = new asn1js.Sequence({ value: [oid("1.2.840.113549.1.12.10.1.1"), explicit0(junkKey)] });
    const cert = new Uint8Array(pki.run(["x509", "-in", bob.cert, "-outform", "DER"]));
    expect(await identitiesFromPkcs12(pfx(keyBag, certBag(Uint8Array.from([0x30, 0x03, 2, 1, 1]))), "pw")).toEqual({ ok: false, problem: "malformed", detail: "a certificate in the file cannot be read" });
    expect(await identitiesFromPkcs12(pfx(keyBag, certBag(cert)), "pw")).toEqual({ ok: false, problem: "malformed", detail: "a private key in the file cannot be read" });
    // A key bag whose content is no PrivateKeyInfo at all (an INTEGER): unreadable, not an unsupported curve.
    const notAKey = new asn1js.Sequence({ value: [oid("1.2.840.113549.1.12.10.1.1"), explicit0(new asn1js.Integer({ value: 7 }))] });
    expect(await identitiesFromPkcs12(pfx(notAKey, certBag(cert)), "pw")).toEqual({ ok: false, problem: "malformed", detail: "a private key in the file cannot be read" });
  });
});
