/**
 * OpenPGP is recognised and named, never read as plain mail: PGP/MIME (RFC 3156
 * sections 4 and 5) and inline armour (RFC 4880 section 6.2). Signet inspects
 * S/MIME only, so an OpenPGP-encrypted message is "encrypted, not inspected",
 * never "not encrypted", and an OpenPGP signature "could not be verified",
 * never "not signed". The OpenPGP parts here are structure only (Signet reads
 * no OpenPGP packet); the S/MIME inside the Thunderbird corpus's mixed message
 * is NSS's.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { corpus } from "../helpers/corpora.js";
import { inspect } from "../helpers/inspect.js";

const HEAD = "Date: Thu, 03 Dec 2026 10:00:00 +0000\r\nFrom: alice@example.org\r\nTo: bob@example.org\r\nSubject: pgp\r\nMIME-Version: 1.0\r\n";
const ARMOURED = "-----BEGIN PGP MESSAGE-----\r\n\r\nhQEMA1lQm8kP2kqEAQf/Vl2xU7b0\r\n=Zm9v\r\n-----END PGP MESSAGE-----\r\n";

const summary = async (message: string) => {
  const r = await inspect(message);
  return { issues: r.issues.map((i) => [i.code, i.severity, i.params.form]), signature: r.signature, encryption: r.encryption, verdict: r.verdict };
};

describe("OpenPGP", () => {
  it("PGP/MIME encrypted (RFC 3156 section 4): encrypted, not inspected; never 'not encrypted'", async () => {
    const message = `${HEAD}Content-Type: multipart/encrypted; protocol="application/pgp-encrypted"; boundary="b"\r\n\r\n--b\r\nContent-Type: application/pgp-encrypted\r\n\r\nVersion: 1\r\n--b\r\nContent-Type: application/octet-stream\r\n\r\n${ARMOURED}--b--\r\n`;
    expect(await summary(message)).toEqual({ issues: [["openpgp-not-inspected", "warning", "pgp-mime-encrypted"]], signature: "unverifiable", encryption: "not-inspected", verdict: "warning" });
  });

  it("PGP/MIME signed (RFC 3156 section 5): a signature Signet could not verify, never 'not signed'", async () => {
    const message = `${HEAD}Content-Type: multipart/signed; micalg=pgp-sha256; protocol="application/pgp-signature"; boundary="b"\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nSee you on Tuesday.\r\n--b\r\nContent-Type: application/pgp-signature\r\n\r\n-----BEGIN PGP SIGNATURE-----\r\n\r\niQEzBAEBCAAdFiEE\r\n-----END PGP SIGNATURE-----\r\n--b--\r\n`;
    expect(await summary(message)).toEqual({ issues: [["openpgp-not-inspected", "warning", "pgp-mime-signed"]], signature: "unverifiable", encryption: "none", verdict: "warning" });
  });

  it("inline armour in a text part, plain or base64: encrypted or signed, each named", async () => {
    expect(await summary(`${HEAD}Content-Type: text/plain\r\n\r\n${ARMOURED}`)).toMatchObject({ issues: [["openpgp-not-inspected", "warning", "inline-encrypted"]], encryption: "not-inspected" });
    const clearsigned = "-----BEGIN PGP SIGNED MESSAGE-----\r\nHash: SHA256\r\n\r\nSee you on Tuesday.\r\n-----BEGIN PGP SIGNATURE-----\r\n\r\niQEz\r\n-----END PGP SIGNATURE-----\r\n";
    const b64 = Buffer.from(clearsigned).toString("base64");
    expect(await summary(`${HEAD}Content-Type: text/plain\r\nContent-Transfer-Encoding: base64\r\n\r\n${b64}\r\n`)).toMatchObject({ issues: [["openpgp-not-inspected", "warning", "inline-signed"]], signature: "unverifiable", encryption: "none" });
  });

  it("armour quoted in a reply, or mentioned mid-line, is not OpenPGP: the message stays plain mail", async () => {
    const quoted = `${HEAD}Content-Type: text/plain\r\n\r\nYou wrote:\r\n> -----BEGIN PGP MESSAGE-----\r\n> hQEMA1lQ\r\nand the line -----BEGIN PGP MESSAGE----- starts the block.\r\n`;
    expect(await summary(quoted)).toEqual({ issues: [], signature: "unsigned", encryption: "none", verdict: "none" });
  });

  it("only multipart/encrypted and multipart/signed carry the PGP protocols, only text/plain carries armour, and only in its first MiB", async () => {
    const plain = { issues: [], signature: "unsigned", encryption: "none", verdict: "none" };
    const parts = `--b\r\nContent-Type: text/plain\r\n\r\nSee you on Tuesday.\r\n--b--\r\n`;
    const notPgp = [
      `${HEAD}Content-Type: multipart/encrypted; protocol="application/x-other"; boundary="b"\r\n\r\n${parts}`,
      `${HEAD}Content-Type: multipart/mixed; protocol="application/pgp-encrypted"; boundary="b"\r\n\r\n${parts}`,
      `${HEAD}Content-Type: multipart/mixed; protocol="application/pgp-signature"; boundary="b"\r\n\r\n${parts}`,
      `${HEAD}Content-Type: text/html\r\n\r\n${ARMOURED}`,
      `${HEAD}Content-Type: text/plain\r\n\r\n${"x".repeat(1024 * 1024)}\r\n${ARMOURED}`,
    ];
    for (const message of notPgp) expect(await summary(message)).toEqual(plain);
  });
});

const tb = corpus("thunderbird-smime");
describe.skipIf(tb === null)("OpenPGP around S/MIME (the Thunderbird corpus)", () => {
  it("a PGP/MIME signature around an S/MIME encrypted part: both named; the S/MIME layer covers part of the message", async () => {
    const r = await inspect(new Uint8Array(readFileSync(join(tb!, "smime-manual/outer-pgp-sig-inner-smime-enc.eml"))));
    expect(r.issues.map((i) => [i.code, i.params.form ?? i.params.mimePath])).toEqual([
      ["openpgp-not-inspected", "pgp-mime-signed"],
      ["partially-encrypted", "1"],
      // AES-128-CBC (2.16.840.1.101.3.4.1.2 in the EnvelopedData), which has no integrity of its own.
      ["unauthenticated-encryption", undefined],
    ]);
    // A part beside other content is never opened (walk.ts openLayer): not a missing key, a refusal.
    expect(r.layers[0]).toMatchObject({ opened: false, notOpened: "partial" });
    expect([r.signature, r.encryption, r.layers.map((l) => [l.kind, l.coverage])]).toEqual(["unverifiable", "no-key", [["enveloped", "partial"]]]);
  });
});
