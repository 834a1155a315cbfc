/**
 * A message the host decrypts (src/core/layers/host-decryptor.ts): when Signet asks the host, and how
 * the plaintext's layers continue the envelope's in the one walk. The host seam (the function the
 * decryptor calls) hands back what `openssl cms -decrypt` gives, as Thunderbird hands back its own
 * plaintext; everything else is real.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hostDecryptor, inspectMessage, type SecurityReport } from "../../src/core/index.js";
import { OpensslPki, rfc2822, type Identity } from "../helpers/pki.js";

let pki: OpensslPki;
let ca: Identity;
let alice: Identity;
let bob: Identity;

beforeAll(() => {
  pki = new OpensslPki();
  ca = pki.makeCa("HostDecCA");
  alice = pki.makeLeaf("hd-alice", ca, { sanEmails: ["alice@example.org"] });
  bob = pki.makeLeaf("hd-bob", ca, { sanEmails: ["bob@example.org"] });
});
afterAll(() => pki.cleanup());

const head = () => `Date: ${rfc2822(new Date())}\nFrom: alice@example.org\nTo: bob@example.org\nSubject: host\n`;

/** `openssl cms -encrypt` of `content` to bob, as a whole message, and the plaintext `openssl cms -decrypt` gives back. */
function encrypted(content: string | Uint8Array): { message: Uint8Array; plain: Uint8Array } {
  const input = pki.write("hd-in.eml", content);
  pki.run(["cms", "-encrypt", "-aes256", "-in", input, "-out", "hd-enc.eml", bob.cert]);
  const message = new Uint8Array(Buffer.concat([Buffer.from(head()), pki.read("hd-enc.eml")]));
  const plain = new Uint8Array(pki.run(["cms", "-decrypt", "-in", "hd-enc.eml", "-recip", bob.cert, "-inkey", bob.key]));
  return { message, plain };
}

/** Inspects with a host that decrypts by handing back `plain`, counting how often it is asked. */
async function withHost(message: Uint8Array | string, plain: Uint8Array | null): Promise<{ report: SecurityReport; asked: number }> {
  let asked = 0;
  const bytes = typeof message === "string" ? new TextEncoder().encode(message) : message;
  const host = hostDecryptor(async () => (asked++, plain ?? bytes));
  const report = await inspectMessage(bytes, { clock: { now: () => new Date() }, decryptors: [host] });
  return { report, asked };
}

const found = (r: SecurityReport) => r.issues.map((i) => [i.code, i.where]);

describe("a whole message encrypted, decrypted by the host", () => {
  it("walks on inside the envelope: the plaintext's layers follow it, their findings name them, message-level ones stay at the message", async () => {
    const signed = pki.sign({ signers: [{ who: alice }], content: "Content-Type: text/plain\n\nPay 100.\n", date: null });
    const armour = "Content-Type: text/plain\n\n-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA256\n\nPay 100.\n-----BEGIN PGP SIGNATURE-----\n\niQEz\n-----END PGP SIGNATURE-----\n";
    const inner = `${head()}MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="m"\n\n--m\n${Buffer.from(signed).toString("latin1")}\n--m\n${armour}\n--m--\n`;
    const { message, plain } = encrypted(inner);
    const { report, asked } = await withHost(message, plain);
    expect([asked, report.encryption, report.signature, report.message.sizeBytes]).toEqual([1, "decrypted", "valid", message.length]);
    expect(report.layers.map((l) => [l.index, l.kind, l.kind === "enveloped" ? [l.opened, l.decryptedBy] : l.coverage])).toEqual([
      [0, "enveloped", [true, "host"]],
      [1, "signed", "partial"],
    ]);
    expect(found(report)).toEqual([
      ["partially-signed", { layer: 1 }],
      ["openpgp-not-inspected", {}],
      // Opened, with no signature over the whole plaintext: the EFAIL class, now known rather than possible.
      ["unauthenticated-encryption", { layer: 0 }],
    ]);
    expect(report.issues.find((i) => i.code === "unauthenticated-encryption")).toMatchObject({ severity: "warning", params: { opened: true } });
    expect(report.layers[0]).toMatchObject({ integrity: "none", contentKeyBits: 256 });
  });

  it("a plaintext that is encrypted again inside keeps that state, not 'decrypted'", async () => {
    const innermost = encrypted("Content-Type: text/plain\n\nPay 100.\n");
    const { message, plain } = encrypted(innermost.message);
    const { report } = await withHost(message, plain);
    expect([report.encryption, report.layers.map((l) => [l.index, l.kind])]).toEqual(["no-key", [[0, "enveloped"], [1, "enveloped"]]]);
    expect(found(report).filter(([code]) => code === "no-decryption-key")).toEqual([["no-decryption-key", { layer: 1 }]]);
  });
});

describe("when the host is not asked, or its answer is not used", () => {
  it("a signed message, or one whose encrypted part is not the whole message, is not handed to the host", async () => {
    const signed = pki.sign({ signers: [{ who: alice }], content: "Content-Type: text/plain\n\nPay 100.\n" });
    expect((await withHost(signed, null)).asked).toBe(0);
    expect((await withHost(`${head()}Content-Type: text/plain\n\nPlain mail.\n`, null)).asked).toBe(0);
    const part = encrypted("Content-Type: text/plain\n\nPay 100.\n").message;
    const mixed = `${head()}MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="m"\n\n--m\nContent-Type: text/plain\n\nSee attached.\n--m\n${Buffer.from(part).toString("latin1").replace(/^(Date|From|To|Subject): .*\n/gm, "")}\n--m--\n`;
    const { report, asked } = await withHost(mixed, null);
    expect([asked, report.layers[0]?.mimePath]).toEqual([0, "2"]);
  });

  it("a host that hands back the ciphertext unchanged (a format it does not know) leaves the envelope's report", async () => {
    const { message } = encrypted("Content-Type: text/plain\n\nPay 100.\n");
    const { report, asked } = await withHost(message, null);
    expect([asked, report.encryption, report.layers.length, found(report).map(([code]) => code)]).toEqual([1, "no-key", 1, ["no-decryption-key", "unauthenticated-encryption"]]);
    expect(report.layers[0]).toMatchObject({ opened: false, notOpened: "no-key" });
    expect(report.layers[0]).not.toHaveProperty("integrity");
  });
});
