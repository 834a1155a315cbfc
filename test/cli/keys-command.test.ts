/**
 * `signet keys` and `signet inspect --key/--passphrase-env` as a user runs them: the compiled CLI
 * on keys and messages OpenSSL made, with secrets in environment variables, and the files the store
 * folder holds searched for the private key.
 */
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OpensslPki, type Identity } from "../helpers/pki.js";

const root = resolve(import.meta.dirname, "../..");
const ENTRY = join(root, "scripts/signet.js");
let pki: OpensslPki;
let bob: Identity;
let store: string;

beforeAll(() => {
  pki = new OpensslPki();
  const ca = pki.makeCa("CliKeysCA");
  bob = pki.makeLeaf("cli-bob", ca, { sanEmails: ["bob@example.org"] });
  pki.run(["pkcs12", "-export", "-in", bob.cert, "-inkey", bob.key, "-out", "bob.p12", "-passout", "pass:file-pw"]);
  pki.write("plain.eml", "Content-Type: text/plain\r\n\r\nMeet at noon.\r\n");
  pki.run(["cms", "-encrypt", "-aes-256-gcm", "-in", "plain.eml", "-out", "enc.eml", bob.cert]);
  store = pki.path("store");
});
afterAll(() => pki.cleanup());

function signet(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [ENTRY, ...args], { cwd: pki.path("."), encoding: "utf8", env: { ...process.env, SIGNET_STORE: store, ...env } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const SECRETS = { FILE_PW: "file-pw", STORE_PP: "a store passphrase" };

describe("signet inspect --key FILE.p12 --password-env VAR (keys for one run)", () => {
  it("decrypts, says who opened it, and stores nothing", () => {
    const r = signet(["inspect", "--key", "bob.p12", "--password-env", "FILE_PW", "--exit-zero", "enc.eml"], SECRETS);
    expect(r.stdout).toContain("encrypted, decrypted");
    expect(r.stdout).toMatch(/decrypted by Signet with your key for recipient 1 \(O=Signet Test, CN=CliKeysCA, serial [0-9A-F]+\)/);
    expect(() => statSync(store)).toThrow();
  });

  it("a wrong password, a missing variable, or no --password-env: a usage error naming the cause, exit 2", () => {
    expect(signet(["inspect", "--key", "bob.p12", "--password-env", "FILE_PW", "enc.eml"], { FILE_PW: "nope" })).toMatchObject({ status: 2, stderr: expect.stringContaining("the password in $FILE_PW does not open it (or the file was changed since it was made)") });
    expect(signet(["inspect", "--key", "bob.p12", "--password-env", "UNSET_VAR", "enc.eml"])).toMatchObject({ status: 2, stderr: expect.stringContaining("$UNSET_VAR is not set") });
    expect(signet(["inspect", "--key", "bob.p12", "enc.eml"])).toMatchObject({ status: 2, stderr: expect.stringContaining("--key needs --password-env VAR") });
  });
});

describe("signet keys", () => {
  it("import seals the key in the store folder; list shows it; inspect --passphrase-env decrypts with it; delete asks for --yes", () => {
    expect(signet(["keys", "import", "bob.p12", "--password-env", "FILE_PW", "--passphrase-env", "STORE_PP"], SECRETS)).toMatchObject({ status: 0, stdout: expect.stringMatching(/^imported: [0-9a-f]{20}\n$/) });
    const id = /[0-9a-f]{20}/.exec(signet(["keys", "list"]).stdout)![0];
    expect(signet(["keys", "list"]).stdout).toMatch(new RegExp(`${id}  identity  RSA 2048 .*bob@example.org`));
    expect(signet(["inspect", "--passphrase-env", "STORE_PP", "--exit-zero", "enc.eml"], SECRETS).stdout).toContain("encrypted, decrypted");
    expect(signet(["inspect", "--passphrase-env", "STORE_PP", "enc.eml"], { STORE_PP: "not the passphrase" })).toMatchObject({ status: 2, stderr: expect.stringContaining("does not open the key store") });

    // Every file of the store folder, searched for the private key as OpenSSL writes it (PKCS#8 DER and PEM body).
    const pkcs8 = pki.run(["pkcs8", "-topk8", "-nocrypt", "-in", bob.key, "-outform", "DER"]);
    const files = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]));
    const all = files(store).map((f) => readFileSync(f));
    expect(all.length).toBeGreaterThanOrEqual(2);
    for (const bytes of all) {
      expect(bytes.indexOf(pkcs8.subarray(40, 104))).toBe(-1);
      expect(bytes.indexOf(Buffer.from(pkcs8.toString("base64").slice(80, 144)))).toBe(-1);
    }
    for (const f of files(store)) expect((statSync(f).mode & 0o077).toString(8)).toBe("0");

    // A new passphrase: the old one opens nothing after it, the new one opens the key.
    const NEW = { ...SECRETS, NEW_PP: "another store passphrase", SHORT_PP: "short" };
    expect(signet(["keys", "passphrase", "--passphrase-env", "STORE_PP", "--new-passphrase-env", "SHORT_PP"], NEW)).toMatchObject({ status: 2, stderr: expect.stringContaining("at least 8 characters") });
    expect(signet(["keys", "passphrase", "--passphrase-env", "NEW_PP", "--new-passphrase-env", "NEW_PP"], NEW)).toMatchObject({ status: 2, stderr: expect.stringContaining("the passphrase in $NEW_PP does not open the key store") });
    expect(signet(["keys", "passphrase", "--passphrase-env", "STORE_PP", "--new-passphrase-env", "NEW_PP"], NEW)).toMatchObject({ status: 0, stdout: "passphrase changed: every key is sealed under the new one\n" });
    expect(signet(["inspect", "--passphrase-env", "STORE_PP", "enc.eml"], NEW)).toMatchObject({ status: 2, stderr: expect.stringContaining("does not open the key store") });
    expect(signet(["inspect", "--passphrase-env", "NEW_PP", "--exit-zero", "enc.eml"], NEW).stdout).toContain("encrypted, decrypted");

    expect(signet(["keys", "delete", id])).toMatchObject({ status: 2, stderr: expect.stringContaining("add --yes") });
    expect(signet(["keys", "delete", id, "--yes"])).toMatchObject({ status: 0, stdout: `deleted: ${id}\n` });
    expect(signet(["keys", "list"]).stdout).toContain("(no keys)");
  });
});

describe("a new key pair becomes a working identity (signet keys generate, openssl ca, keys import)", () => {
  it("the request passes openssl req -verify and asks for an S/MIME certificate; the certificate openssl ca issues imports, decrypts, and backs up to a PKCS#12 OpenSSL reads", () => {
    const env = { ...SECRETS, EXPORT_PW: "a backup password" };
    const genStore = ["--store", pki.path("gen-store")];
    const made = signet(["keys", "generate", "--email", "erin@example.org", "--name", "Erin Example", "--type", "p256", "--passphrase-env", "STORE_PP", "--out", "erin.csr", ...genStore], env);
    expect(made).toMatchObject({ status: 0, stdout: expect.stringMatching(/^generated: [0-9a-f]{20} /) });
    const id = /[0-9a-f]{20}/.exec(made.stdout)![0];
    expect(pki.status(["req", "-in", "erin.csr", "-verify", "-noout"])).toBe(0);
    const text = pki.run(["req", "-in", "erin.csr", "-noout", "-text"]).toString();
    expect(text).toContain("email:erin@example.org");
    expect(text).toMatch(/Key Usage: critical\s+Digital Signature, Key Agreement/);
    expect(text).toMatch(/Extended Key Usage:\s+E-mail Protection/);
    // RFC 4262: OpenSSL names the SMIMECapabilities extension (1.2.840.113549.1.9.15) by its name.
    expect(text).toContain("S/MIME Capabilities:");
    const parsed = pki.run(["asn1parse", "-in", "erin.csr"]).toString();
    const at = /^\s*(\d+):.*OCTET STRING/m.exec(parsed.slice(parsed.indexOf("S/MIME Capabilities")))![1]!;
    const caps = pki.run(["asn1parse", "-in", "erin.csr", "-strparse", at]).toString();
    expect([...caps.matchAll(/OBJECT\s+:(\S+)/g)].map((m) => m[1])).toEqual(["aes-256-gcm", "aes-128-gcm", "aes-256-cbc"]);
    expect(signet(["keys", "list", ...genStore]).stdout).toMatch(new RegExp(`${id}  pending   EC P-256 .*waiting for its certificate`));
    expect(signet(["keys", "request", id, ...genStore]).stdout).toBe(pki.read("erin.csr").toString());

    // The CA: openssl ca, copying the requested extensions.
    pki.run(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "gen-ca.key", "-out", "gen-ca.pem", "-subj", "/CN=Gen CA", "-days", "30", "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign"]);
    pki.write("index.txt", "");
    pki.write("serial", "1000\n");
    pki.write("ca.cnf", "[ca]\ndefault_ca=d\n[d]\ndir=.\ndatabase=index.txt\nnew_certs_dir=.\nserial=serial\ndefault_md=sha256\npolicy=p\ncopy_extensions=copy\ndefault_days=365\n[p]\ncommonName=supplied\n");
    pki.run(["ca", "-batch", "-config", "ca.cnf", "-cert", "gen-ca.pem", "-keyfile", "gen-ca.key", "-in", "erin.csr", "-out", "erin.pem"]);
    // Someone else's certificate is no answer to this store's requests.
    expect(signet(["keys", "import", bob.cert, ...genStore])).toMatchObject({ status: 2, stderr: expect.stringContaining("no key in the store belongs to this certificate") });
    expect(signet(["keys", "import", "erin.pem", ...genStore])).toMatchObject({ status: 0, stdout: `certificate stored for ${id}: it is now a usable identity\n` });
    expect(signet(["keys", "list", ...genStore]).stdout).toMatch(new RegExp(`${id}  identity  EC P-256 .*erin@example.org  issuer CN=Gen CA`));

    pki.write("erin-plain.eml", "Content-Type: text/plain\r\n\r\nWelcome, Erin.\r\n");
    pki.run(["cms", "-encrypt", "-aes-256-gcm", "-in", "erin-plain.eml", "-out", "erin-enc.eml", "erin.pem"]);
    const report = JSON.parse(signet(["inspect", "--json", "--exit-zero", "--passphrase-env", "STORE_PP", "erin-enc.eml", ...genStore], env).stdout);
    expect([report.encryption, report.layers[0].decryptedBody.body]).toEqual(["decrypted", "Welcome, Erin.\r\n"]);

    expect(signet(["keys", "export", id, "--out", "erin.p12", "--password-env", "EXPORT_PW", "--passphrase-env", "STORE_PP", ...genStore], env)).toMatchObject({ status: 0 });
    expect((statSync(pki.path("erin.p12")).mode & 0o077).toString(8)).toBe("0");
    const info = spawnSync("openssl", ["pkcs12", "-in", "erin.p12", "-passin", "pass:a backup password", "-info", "-nodes"], { cwd: pki.path("."), encoding: "utf8" });
    expect(info.stderr).toContain("Shrouded Keybag: PBES2, PBKDF2, AES-256-CBC, Iteration 600000, PRF hmacWithSHA256");
    expect(info.stderr).toContain("MAC: sha256");
    pki.write("erin-key.pem", info.stdout.slice(info.stdout.indexOf("-----BEGIN PRIVATE KEY-----")));
    expect(pki.run(["cms", "-decrypt", "-in", "erin-enc.eml", "-inkey", "erin-key.pem", "-recip", "erin.pem"]).toString()).toContain("Welcome, Erin.");
    expect(signet(["keys", "export", id, "--certificate", ...genStore]).stdout).toBe(pki.read("erin.pem").toString().slice(pki.read("erin.pem").toString().indexOf("-----BEGIN")));
  });
});

describe("signet correspondents", () => {
  it("inspect keeps a valid signer's certificate (not with --no-remember); list finds it by address, export gives it back, delete removes it", () => {
    const corrStore = ["--store", pki.path("corr-store")];
    const signed = pki.sign({ signers: [{ who: bob }], content: "Content-Type: text/plain\n\nHi.\n", from: "bob@example.org" });
    pki.write("signed.eml", signed);
    signet(["inspect", "--exit-zero", "--no-remember", "signed.eml", ...corrStore]);
    expect(signet(["correspondents", "list", ...corrStore]).stdout).toContain("no correspondents yet");
    signet(["inspect", "--exit-zero", "signed.eml", ...corrStore]);
    const listed = signet(["correspondents", "list", "bob@", ...corrStore]).stdout;
    expect(listed).toMatch(/^[0-9a-f]{64}  bob@example.org  until \d{4}-\d\d-\d\d  NOT trusted  last seen \d{4}-\d\d-\d\d\n    O=Signet Test, CN=cli-bob; can decrypt: AES-256-CBC, /);
    const fp = listed.slice(0, 64);
    const exported = signet(["correspondents", "export", fp, ...corrStore]).stdout;
    expect(exported).toBe(pki.read(`${bob.name}.pem`).toString().slice(pki.read(`${bob.name}.pem`).toString().indexOf("-----BEGIN")));
    expect(signet(["correspondents", "delete", fp, ...corrStore]).stdout).toBe(`deleted: ${fp}\n`);
    expect(signet(["correspondents", "list", ...corrStore]).stdout).toContain("no correspondents yet");
  });
});

