/**
 * Encrypted mail opened with the user's own keys (src/core/cms/open-enveloped.ts
 * through the Decryptor port and the one walk): every content and key-transport
 * format `openssl cms -encrypt` writes, with keys from `openssl pkcs12 -export`.
 * Each decrypts to the exact plaintext, which `openssl cms -decrypt` gives too.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inspectMessage, keyDecryptor, type Decryptor, type EnvelopedLayer, type RecipientKey, type SecurityReport } from "../../src/core/index.js";
import { OpensslPki, recipientKeyOf, rfc2822, type Identity } from "../helpers/pki.js";

let pki: OpensslPki;
let ca: Identity;
let bob: Identity;
let carol: Identity;
let dave: Identity;
let olga: Identity;
let alice: Identity;
const keys: Record<string, RecipientKey> = {};

beforeAll(async () => {
  pki = new OpensslPki();
  ca = pki.makeCa("DecCA");
  alice = pki.makeLeaf("dec-alice", ca, { sanEmails: ["alice@example.org"] });
  bob = pki.makeLeaf("dec-bob", ca, { sanEmails: ["bob@example.org"] });
  carol = pki.makeLeaf("dec-carol", ca, { sanEmails: ["carol@example.org"], key: "ec:P-256" });
  dave = pki.makeLeaf("dec-dave", ca, { sanEmails: ["dave@example.org"], key: "ec:P-521" });
  olga = pki.makeLeaf("dec-olga", ca, { sanEmails: ["olga@example.org"], key: "ec:P-384" });
  for (const who of [bob, carol, dave, olga]) keys[who.name] = await recipientKeyOf(pki, who);
});
afterAll(() => pki.cleanup());

const PLAIN = "Content-Type: text/plain; charset=utf-8\r\n\r\nThe meeting moves to Thursday, 10:00. Grüße.\r\n";
const header = () => `Date: ${rfc2822(new Date())}\r\nFrom: alice@example.org\r\nTo: bob@example.org\r\nSubject: plans\r\n`;

/** `openssl cms -encrypt` of `content` as a whole message, with `args` (cipher, recipients, -keyopt). */
function encrypted(args: string[], content: string | Uint8Array = PLAIN): Uint8Array {
  pki.write("dec-in.eml", content);
  pki.run(["cms", "-encrypt", "-binary", "-in", "dec-in.eml", "-out", "dec-out.eml", "-provider", "legacy", "-provider", "default", ...args]);
  return new Uint8Array(Buffer.concat([Buffer.from(header()), pki.read("dec-out.eml")]));
}

async function opened(message: Uint8Array, with_: RecipientKey[]): Promise<SecurityReport> {
  return inspectMessage(message, { clock: { now: () => new Date() }, decryptors: [keyDecryptor(with_)] });
}

const envelope = (r: SecurityReport) => r.layers[0] as EnvelopedLayer;
const codes = (r: SecurityReport) => r.issues.map((i) => i.code);

/** What `openssl cms -decrypt` makes of the same message with the same key. */
function opensslPlain(message: Uint8Array, who: Identity): string {
  pki.write("dec-msg.eml", message);
  return pki.run(["cms", "-decrypt", "-binary", "-in", "dec-msg.eml", "-recip", who.cert, "-inkey", who.key, "-provider", "legacy", "-provider", "default"]).toString("utf8");
}

describe("every format openssl cms -encrypt writes decrypts to the exact plaintext", () => {
  const cases: { name: string; args: () => string[]; who: () => Identity; cipher: string; bits: number; authenticated?: boolean; weak?: boolean }[] = [
    { name: "AES-128-CBC, RSA PKCS#1 v1.5", args: () => ["-aes128", bob.cert], who: () => bob, cipher: "AES-128-CBC", bits: 128 },
    { name: "AES-192-CBC, RSA PKCS#1 v1.5", args: () => ["-aes192", bob.cert], who: () => bob, cipher: "AES-192-CBC", bits: 192 },
    { name: "AES-256-CBC, RSA PKCS#1 v1.5", args: () => ["-aes256", bob.cert], who: () => bob, cipher: "AES-256-CBC", bits: 256 },
    { name: "AES-256-GCM AuthEnvelopedData (RFC 5083)", args: () => ["-aes-256-gcm", bob.cert], who: () => bob, cipher: "AES-256-GCM", bits: 256, authenticated: true },
    { name: "AES-128-GCM to an EC key", args: () => ["-aes-128-gcm", carol.cert], who: () => carol, cipher: "AES-128-GCM", bits: 128, authenticated: true },
    { name: "3DES-CBC", args: () => ["-des3", bob.cert], who: () => bob, cipher: "3DES-CBC", bits: 112, weak: true },
    { name: "RC2-40-CBC (the old export default)", args: () => ["-rc2-40-cbc", bob.cert], who: () => bob, cipher: "RC2-CBC", bits: 40, weak: true },
    { name: "RC2-64-CBC", args: () => ["-rc2-64-cbc", bob.cert], who: () => bob, cipher: "RC2-CBC", bits: 64, weak: true },
    { name: "RSA-OAEP with SHA-256", args: () => ["-aes256", "-recip", bob.cert, "-keyopt", "rsa_padding_mode:oaep", "-keyopt", "rsa_oaep_md:sha256"], who: () => bob, cipher: "AES-256-CBC", bits: 256 },
    { name: "RSA-OAEP with SHA-512 and MGF1-SHA-1", args: () => ["-aes256", "-recip", bob.cert, "-keyopt", "rsa_padding_mode:oaep", "-keyopt", "rsa_oaep_md:sha512", "-keyopt", "rsa_mgf1_md:sha1"], who: () => bob, cipher: "AES-256-CBC", bits: 256 },
    { name: "ECDH P-256, SHA-1 KDF and AES-128 wrap (OpenSSL's defaults)", args: () => ["-aes128", carol.cert], who: () => carol, cipher: "AES-128-CBC", bits: 128 },
    { name: "ECDH P-256 with a SHA-384 KDF and AES-256 wrap", args: () => ["-aes256", "-recip", carol.cert, "-keyopt", "ecdh_kdf_md:sha384"], who: () => carol, cipher: "AES-256-CBC", bits: 256 },
    { name: "ECDH P-384", args: () => ["-aes192", olga.cert], who: () => olga, cipher: "AES-192-CBC", bits: 192 },
    { name: "ECDH P-521", args: () => ["-aes256", dave.cert], who: () => dave, cipher: "AES-256-CBC", bits: 256 },
    { name: "recipient named by subject key identifier", args: () => ["-aes256", "-keyid", bob.cert], who: () => bob, cipher: "AES-256-CBC", bits: 256 },
    { name: "BER, indefinite lengths and a segmented ciphertext (-stream)", args: () => ["-aes256", "-stream", "-indef", bob.cert], who: () => bob, cipher: "AES-256-CBC", bits: 256 },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const message = encrypted(c.args());
      const r = await opened(message, Object.values(keys));
      const layer = envelope(r);
      expect(layer).toMatchObject({ opened: true, decryptedBy: "signet", contentKeyBits: c.bits, authenticated: c.authenticated ?? false });
      expect(layer.contentEncryptionAlgorithm?.name).toBe(c.cipher);
      expect(layer.recipients.map((x) => x.openedWith ?? false)).toEqual([true]);
      expect(r.encryption).toBe("decrypted");
      expect(layer.decryptedBody).toEqual({ kind: "text", body: "The meeting moves to Thursday, 10:00. Grüße.\r\n", truncated: false, mimePath: "L0:" });
      expect(opensslPlain(message, c.who())).toBe(PLAIN);
      // Weak ciphers are said; CBC with no signature inside is the EFAIL case, now that its content is seen.
      expect(codes(r).includes("weak-encryption")).toBe(c.weak ?? false);
      expect(codes(r).includes("unauthenticated-encryption")).toBe(!c.authenticated);
      expect(layer.integrity).toBe(c.authenticated ? "authenticated" : "none");
    });
  }
});

describe("which key, and when nothing opens", () => {
  it("two recipients: the one whose key Signet holds is marked, whichever place it has", async () => {
    const r = await opened(encrypted(["-aes256", alice.cert, carol.cert]), [keys[carol.name]!]);
    expect(envelope(r).recipients.map((x) => [x.kind, x.openedWith ?? false])).toEqual([
      ["key-transport", false],
      ["key-agreement", true],
    ]);
  });

  it("no key for any recipient: no-decryption-key, and no content is shown", async () => {
    const r = await opened(encrypted(["-aes256", alice.cert]), Object.values(keys));
    expect([r.encryption, envelope(r).notOpened, envelope(r).decryptedBody]).toEqual(["no-key", "no-key", undefined]);
    expect(codes(r)).toEqual(["no-decryption-key", "unauthenticated-encryption"]);
  });

  it("a damaged key transport and a damaged ciphertext fail the same way: one decryption-failed, nothing shown", async () => {
    const message = encrypted(["-aes-256-gcm", bob.cert]);
    const der = () => {
      pki.write("dec-dmg.eml", message);
      return new Uint8Array(pki.run(["cms", "-cmsout", "-in", "dec-dmg.eml", "-outform", "DER"]));
    };
    const asMessage = (bytes: Uint8Array) => new Uint8Array(Buffer.concat([Buffer.from(`${header()}MIME-Version: 1.0\r\nContent-Type: application/pkcs7-mime; smime-type=authEnveloped-data\r\nContent-Transfer-Encoding: base64\r\n\r\n`), Buffer.from(Buffer.from(bytes).toString("base64"))]));
    // The encrypted key starts 24 bytes after the rsaEncryption OID; the GCM tag is the last 16 bytes.
    const original = der();
    const oid = Buffer.from(original).indexOf(Buffer.from("06092a864886f70d0101010500", "hex"));
    const keyDamaged = original.slice();
    keyDamaged[oid + 24]! ^= 0x40;
    const tagDamaged = original.slice();
    tagDamaged[tagDamaged.length - 3]! ^= 0x01;
    const reports = [await opened(asMessage(original), [keys[bob.name]!]), await opened(asMessage(keyDamaged), [keys[bob.name]!]), await opened(asMessage(tagDamaged), [keys[bob.name]!])];
    expect(reports.map((r) => r.encryption)).toEqual(["decrypted", "failed", "failed"]);
    for (const r of reports.slice(1)) {
      expect(r.issues.filter((i) => i.code === "decryption-failed")).toEqual([{ code: "decryption-failed", severity: "error", where: { layer: 0 }, params: { by: "signet" } }]);
      expect(envelope(r)).toMatchObject({ opened: false, notOpened: "failed" });
      expect(envelope(r).decryptedBody).toBeUndefined();
    }
  });

  it("an encrypted part beside other content is never opened, and no decryptor is even asked", async () => {
    let asked = 0;
    const counting: Decryptor = { by: "signet", open: async (req) => (asked++, keyDecryptor([keys[bob.name]!]).open(req)) };
    const part = Buffer.from(encrypted(["-aes256", bob.cert])).toString("latin1").replace(/^(Date|From|To|Subject): .*\r\n/gm, "");
    const b = "mix";
    const message = `${header()}MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="${b}"\r\n\r\n--${b}\r\nContent-Type: text/plain\r\n\r\nPlease see my reply below.\r\n--${b}\r\n${part}\r\n--${b}--\r\n`;
    const r = await inspectMessage(new TextEncoder().encode(message), { clock: { now: () => new Date() }, decryptors: [counting] });
    expect([asked, r.encryption, envelope(r).notOpened, envelope(r).coverage]).toEqual([0, "no-key", "partial", "partial"]);
    expect(codes(r)).toContain("partially-encrypted");
    // Only when the reader asks for that part (openParts, the views' button, --open-part) is it opened, and marked so.
    const asked2 = await inspectMessage(new TextEncoder().encode(message), { clock: { now: () => new Date() }, decryptors: [counting] }, { openParts: [envelope(r).mimePath] });
    expect([asked, asked2.encryption, envelope(asked2).openedOnRequest, envelope(asked2).decryptedBody?.body]).toEqual([1, "decrypted", true, "The meeting moves to Thursday, 10:00. Grüße.\r\n"]);
    expect(codes(asked2)).toContain("partially-encrypted");
    // Another path named, or none: the part stays closed.
    const other = await inspectMessage(new TextEncoder().encode(message), { clock: { now: () => new Date() }, decryptors: [counting] }, { openParts: ["1"] });
    expect([asked, envelope(other).notOpened]).toEqual([1, "partial"]);
  });

  it("signed, then encrypted: the envelope opens and the signature inside is verified in the same walk", async () => {
    const signed = pki.sign({ signers: [{ who: alice }], content: "Content-Type: text/plain\n\nSigned and sealed.\n", date: null });
    const r = await opened(encrypted(["-aes256", bob.cert], signed), [keys[bob.name]!]);
    expect(r.layers.map((l) => [l.index, l.kind, l.mimePath])).toEqual([
      [0, "enveloped", ""],
      [1, "signed", "L0:"],
    ]);
    expect([r.signature, envelope(r).integrity, envelope(r).decryptedBody?.body]).toEqual(["valid", "signed-inside", "Signed and sealed.\r\n"]);
    expect(codes(r)).not.toContain("unauthenticated-encryption");
  });

  it("password and shared-secret recipients (openssl -pwri_password, -secretkey) are said to be unsupported, not missing a key", async () => {
    const pw = await opened(encrypted(["-aes256", "-pwri_password", "pw"]), Object.values(keys));
    const kek = await opened(encrypted(["-aes256", "-secretkey", "000102030405060708090a0b0c0d0e0f", "-secretkeyid", "0102"]), Object.values(keys));
    for (const [r, kind] of [[pw, "password"], [kek, "kek"]] as const) {
      expect(envelope(r)).toMatchObject({ opened: false, notOpened: "unsupported" });
      expect(r.issues.find((i) => i.code === "unsupported-algorithm")).toMatchObject({ severity: "warning", params: { role: "encryption", why: "recipient-kind", value: kind } });
      expect(codes(r)).not.toContain("no-decryption-key");
    }
  });

  it("a 17 MiB message streamed in segments (past asn1js's defaults: 16 MiB of content, 10,000 elements) decrypts whole", async () => {
    const line = "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ejAxMjM0NTY3\r\n";
    const body = line.repeat(Math.ceil((17 * 1048576) / line.length));
    const r = await opened(encrypted(["-aes256", "-stream", "-indef", bob.cert], `Content-Type: text/plain\r\n\r\n${body}`), [keys[bob.name]!]);
    expect([r.encryption, envelope(r).decryptedBody?.truncated, envelope(r).decryptedBody?.body.length]).toEqual(["decrypted", true, 1024 * 1024]);
  });
});
