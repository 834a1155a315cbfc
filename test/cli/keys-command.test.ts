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
    expect(signet(["inspect", "--key", "bob.p12", "--password-env", "FILE_PW", "enc.eml"], { FILE_PW: "nope" })).toMatchObject({ status: 2, stderr: expect.stringContaining("the password in $FILE_PW does not open it") });
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

    expect(signet(["keys", "delete", id])).toMatchObject({ status: 2, stderr: expect.stringContaining("add --yes") });
    expect(signet(["keys", "delete", id, "--yes"])).toMatchObject({ status: 0, stdout: `deleted: ${id}\n` });
    expect(signet(["keys", "list"]).stdout).toContain("(no keys)");
  });
});
