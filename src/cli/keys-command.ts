/**
 * `signet keys import|list|generate|request|export|delete|passphrase`: the user's own keys, sealed under a passphrase in the store
 * folder (core/keys/key-store.ts). Secrets come from environment variables, never the command line.
 */
import { readFile, writeFile } from "node:fs/promises";
import { KeyStore, MIN_SECRET_LENGTH, readCertificates, systemClock, toPem } from "../core/index.js";
import { parseArgs, UsageError } from "./args.js";
import { defaultStoreDir, FolderStore } from "./folder-store.js";
import { problemText, secretFromEnv } from "./key-files.js";

export const KEYS_USAGE = `usage: signet keys list [--store DIR]
       signet keys import FILE.p12 --password-env VAR --passphrase-env VAR [--store DIR]
                        store the keys and certificates of a PKCS#12 file (.p12, .pfx), each key
                        sealed under the key store's passphrase (set by the first import)
       signet keys import CERT.pem [--store DIR]
                        store the certificate a CA issued for a key made here (PEM or DER, the
                        CA's certificates may follow it)
       signet keys generate --email ADDRESS [--name NAME] [--type rsa-3072|p256] --passphrase-env VAR
                        [--out FILE.csr] [--store DIR]
                        make a key pair in the store and a certificate request for it (PEM, to
                        send to a CA); default type rsa-3072
       signet keys request ID [--out FILE.csr] [--store DIR]   the request of a key again
       signet keys export ID --out FILE.p12 --password-env VAR --passphrase-env VAR [--store DIR]
                        a backup of the key and its certificates (PKCS#12, PBES2 with AES-256)
       signet keys export ID --certificate [--der] [--out FILE] [--store DIR]
                        the certificate alone (PEM, or DER), to give to others
       signet keys delete ID --yes [--store DIR]   remove a key for good (--yes confirms it)
       signet keys passphrase --passphrase-env VAR --new-passphrase-env VAR [--store DIR]
                        seal every key under a new passphrase (the old one opens nothing after)
  --password-env VAR    the environment variable holding the PKCS#12 file's password
  --passphrase-env VAR  the environment variable holding the key store's passphrase`;

/** A CLI run unlocks only for itself: a minute is more than any command takes. */
const RUN_UNLOCK_MS = 60_000;

/** Unlocks the store with the passphrase in the named variable, setting it on first use when `create`. */
export async function unlockedStore(keys: KeyStore, passphraseVar: string | undefined, create: boolean): Promise<void> {
  const passphrase = secretFromEnv("--passphrase-env", passphraseVar);
  if (!(await keys.hasPassphrase())) {
    if (!create) throw new UsageError("the key store has no keys yet (signet keys import)");
    if (passphrase.length < MIN_SECRET_LENGTH) throw new UsageError(`--passphrase-env: a key store passphrase needs at least ${MIN_SECRET_LENGTH} characters`);
    await keys.setPassphrase(passphrase, RUN_UNLOCK_MS);
    return;
  }
  const result = await keys.unlock(passphrase, RUN_UNLOCK_MS);
  if (result === "wrong-passphrase") throw new UsageError(`--passphrase-env: the passphrase in $${passphraseVar} does not open the key store`);
}

/** Text to a file when --out names one, else to standard output. */
async function emit(text: string, file: string | undefined, out: (s: string) => void): Promise<void> {
  if (file) await writeFile(file, text);
  else out(text);
}

export async function keysCommand(argv: readonly string[], out: (s: string) => void): Promise<number> {
  const args = parseArgs(argv, ["yes", "help", "certificate", "der"], ["store", "password-env", "passphrase-env", "new-passphrase-env", "email", "name", "type", "out"]);
  const [action, target] = args.positional;
  if (args.flags.has("help") || !action) {
    out(KEYS_USAGE);
    return action ? 0 : 2;
  }
  const store = new FolderStore(args.values.get("store")?.at(-1) ?? defaultStoreDir());
  const keys = new KeyStore(store, systemClock);
  switch (action) {
    case "list": {
      const list = await keys.list();
      out(`key store: ${store.dir}${list.length ? "" : " (no keys)"}`);
      for (const k of list) {
        const c = k.certificate;
        const who = c ? `${c.emails.join(", ") || c.subjectText}  issuer ${c.issuerText}  serial ${c.serialHex}  until ${c.cert.notAfter.value.toISOString().slice(0, 10)}` : "waiting for its certificate";
        out(`${k.id}  ${k.state.padEnd(8)}  ${k.keyType.padEnd(9)}  ${who}`);
      }
      return 0;
    }
    case "import": {
      if (!target) throw new UsageError("keys import needs a FILE (.p12 or .pfx, or the certificate a CA issued)");
      let bytes: Uint8Array;
      try {
        bytes = new Uint8Array(await readFile(target));
      } catch (e) {
        throw new UsageError(`keys import: cannot read ${target}: ${e instanceof Error ? e.message : String(e)}`);
      }
      const certificates = readCertificates(bytes).certificates;
      if (certificates.length > 0) {
        const result = await keys.importCertificate(certificates);
        if (!result.ok) throw new UsageError(`keys import ${target}: no key in the store belongs to this certificate (it is for a key made elsewhere)`);
        out(`certificate stored for ${result.id}: it is now a usable identity`);
        return 0;
      }
      const password = secretFromEnv("--password-env", args.values.get("password-env")?.at(-1));
      await unlockedStore(keys, args.values.get("passphrase-env")?.at(-1), true);
      const result = await keys.importPkcs12(bytes, password);
      if (!result.ok) throw new UsageError(`keys import ${target}: ${result.problem === "locked" ? "the key store is locked" : problemText(result, args.values.get("password-env")!.at(-1)!)}`);
      for (const id of result.ids) out(`imported: ${id}`);
      return 0;
    }
    case "generate": {
      const email = args.values.get("email")?.at(-1);
      if (!email || !/^[^@\s]+@[^@\s]+$/.test(email)) throw new UsageError("keys generate needs --email ADDRESS, the mailbox the certificate is for");
      const type = args.values.get("type")?.at(-1) ?? "rsa-3072";
      if (type !== "rsa-3072" && type !== "p256") throw new UsageError(`--type: rsa-3072 or p256, not ${type}`);
      await unlockedStore(keys, args.values.get("passphrase-env")?.at(-1), true);
      const name = args.values.get("name")?.at(-1);
      const made = await keys.generate(type, { email, ...(name ? { name } : {}) });
      if (!made.ok) throw new UsageError("the key store is locked");
      await emit(made.requestPem, args.values.get("out")?.at(-1), out);
      out(`generated: ${made.id} (send the request to your CA, then: signet keys import CERT.pem)`);
      return 0;
    }
    case "request": {
      if (!target) throw new UsageError("keys request needs an ID (signet keys list shows them)");
      const pem = await keys.requestOf(target);
      if (!pem) throw new UsageError(`keys request: no key ${target} waiting for a certificate`);
      await emit(pem, args.values.get("out")?.at(-1), out);
      return 0;
    }
    case "export": {
      if (!target) throw new UsageError("keys export needs an ID (signet keys list shows them)");
      const file = args.values.get("out")?.at(-1);
      if (args.flags.has("certificate")) {
        const found = await keys.certificateOf(target);
        if (!found) throw new UsageError(`keys export: no certificate for ${target}`);
        const bytes = args.flags.has("der") ? found.certificate : new TextEncoder().encode(toPem("CERTIFICATE", found.certificate));
        if (file) await writeFile(file, bytes);
        else if (args.flags.has("der")) throw new UsageError("keys export --der writes binary: give --out FILE");
        else out(new TextDecoder().decode(bytes));
        return 0;
      }
      if (!file) throw new UsageError("keys export needs --out FILE.p12 (or --certificate for the certificate alone)");
      const password = secretFromEnv("--password-env", args.values.get("password-env")?.at(-1));
      if (password.length < MIN_SECRET_LENGTH) throw new UsageError(`--password-env: a backup's password needs at least ${MIN_SECRET_LENGTH} characters`);
      await unlockedStore(keys, args.values.get("passphrase-env")?.at(-1), false);
      const p12 = await keys.exportPkcs12(target, password);
      if (typeof p12 === "string") throw new UsageError(`keys export: ${p12 === "not-found" ? `no key ${target}` : p12 === "no-certificate" ? `${target} has no certificate yet` : "the key store is locked"}`);
      // Owner-only, as the key store's own files: the backup holds the private key, if encrypted.
      await writeFile(file, p12, { mode: 0o600 });
      out(`exported: ${target} to ${file}`);
      return 0;
    }
    case "delete": {
      if (!target) throw new UsageError("keys delete needs an ID (signet keys list shows them)");
      if (!args.flags.has("yes")) throw new UsageError(`keys delete removes the private key for good: add --yes to confirm deleting ${target}`);
      const removed = await keys.delete(target);
      out(`${removed ? "deleted" : "no key with id"}: ${target}`);
      return removed ? 0 : 1;
    }
    case "passphrase": {
      const currentVar = args.values.get("passphrase-env")?.at(-1);
      const nextVar = args.values.get("new-passphrase-env")?.at(-1);
      const current = secretFromEnv("--passphrase-env", currentVar);
      const next = secretFromEnv("--new-passphrase-env", nextVar);
      if (next.length < MIN_SECRET_LENGTH) throw new UsageError(`--new-passphrase-env: a key store passphrase needs at least ${MIN_SECRET_LENGTH} characters`);
      const result = await keys.changePassphrase(current, next, RUN_UNLOCK_MS);
      if (result === "no-passphrase") throw new UsageError("the key store has no keys yet (signet keys import)");
      if (result === "wrong-passphrase") throw new UsageError(`--passphrase-env: the passphrase in $${currentVar} does not open the key store`);
      out("passphrase changed: every key is sealed under the new one");
      return 0;
    }
    default:
      throw new UsageError(`unknown keys action: ${action}`);
  }
}
