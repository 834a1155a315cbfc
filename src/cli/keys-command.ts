/**
 * `signet keys import|list|delete`: the user's own keys, sealed under a passphrase in the store
 * folder (core/keys/key-store.ts). Secrets come from environment variables, never the command line.
 */
import { readFile } from "node:fs/promises";
import { KeyStore, systemClock } from "../core/index.js";
import { parseArgs, UsageError } from "./args.js";
import { defaultStoreDir, FolderStore } from "./folder-store.js";
import { problemText, secretFromEnv } from "./key-files.js";

export const KEYS_USAGE = `usage: signet keys list [--store DIR]
       signet keys import FILE.p12 --password-env VAR --passphrase-env VAR [--store DIR]
                        store the keys and certificates of a PKCS#12 file (.p12, .pfx), each key
                        sealed under the key store's passphrase (set by the first import)
       signet keys delete ID --yes [--store DIR]   remove a key for good (--yes confirms it)
  --password-env VAR    the environment variable holding the PKCS#12 file's password
  --passphrase-env VAR  the environment variable holding the key store's passphrase`;

/** A CLI run unlocks only for itself: a minute is more than any command takes. */
const RUN_UNLOCK_MS = 60_000;

/** Unlocks the store with the passphrase in the named variable, setting it on first use when `create`. */
export async function unlockedStore(keys: KeyStore, passphraseVar: string | undefined, create: boolean): Promise<void> {
  const passphrase = secretFromEnv("--passphrase-env", passphraseVar);
  if (!(await keys.hasPassphrase())) {
    if (!create) throw new UsageError("the key store has no keys yet (signet keys import)");
    if (passphrase.length < 8) throw new UsageError("--passphrase-env: a key store passphrase needs at least 8 characters");
    await keys.setPassphrase(passphrase, RUN_UNLOCK_MS);
    return;
  }
  const result = await keys.unlock(passphrase, RUN_UNLOCK_MS);
  if (result === "wrong-passphrase") throw new UsageError(`--passphrase-env: the passphrase in $${passphraseVar} does not open the key store`);
}

export async function keysCommand(argv: readonly string[], out: (s: string) => void): Promise<number> {
  const args = parseArgs(argv, ["yes", "help"], ["store", "password-env", "passphrase-env"]);
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
        const who = c ? `${c.emails.join(", ") || c.peculiar.subject}  issuer ${c.peculiar.issuer}  serial ${c.serialHex}  until ${c.cert.notAfter.value.toISOString().slice(0, 10)}` : "waiting for its certificate";
        out(`${k.id}  ${k.state.padEnd(8)}  ${k.keyType.padEnd(9)}  ${who}`);
      }
      return 0;
    }
    case "import": {
      if (!target) throw new UsageError("keys import needs a FILE (.p12 or .pfx)");
      const password = secretFromEnv("--password-env", args.values.get("password-env")?.at(-1));
      let bytes: Uint8Array;
      try {
        bytes = new Uint8Array(await readFile(target));
      } catch (e) {
        throw new UsageError(`keys import: cannot read ${target}: ${e instanceof Error ? e.message : String(e)}`);
      }
      await unlockedStore(keys, args.values.get("passphrase-env")?.at(-1), true);
      const result = await keys.importPkcs12(bytes, password);
      if (!result.ok) throw new UsageError(`keys import ${target}: ${result.problem === "locked" ? "the key store is locked" : problemText(result, args.values.get("password-env")!.at(-1)!)}`);
      for (const id of result.ids) out(`imported: ${id}`);
      return 0;
    }
    case "delete": {
      if (!target) throw new UsageError("keys delete needs an ID (signet keys list shows them)");
      if (!args.flags.has("yes")) throw new UsageError(`keys delete removes the private key for good: add --yes to confirm deleting ${target}`);
      const removed = await keys.delete(target);
      out(`${removed ? "deleted" : "no key with id"}: ${target}`);
      return removed ? 0 : 1;
    }
    default:
      throw new UsageError(`unknown keys action: ${action}`);
  }
}
