/**
 * `signet correspondents list|export|delete`: the certificates of people whose signed mail was
 * inspected (core/keys/correspondents.ts), kept in the store folder: the certificates to encrypt to them.
 */
import { writeFile } from "node:fs/promises";
import { CorrespondentDirectory, systemClock, toPem } from "../core/index.js";
import { parseArgs, UsageError } from "./args.js";
import { defaultStoreDir, FolderStore } from "./folder-store.js";

export const CORRESPONDENTS_USAGE = `usage: signet correspondents list [ADDRESS] [--store DIR]
                        the certificates of senders whose valid signed mail signet inspect saw
                        (every address, or those containing ADDRESS)
       signet correspondents export FINGERPRINT [--der] [--out FILE] [--store DIR]
       signet correspondents delete FINGERPRINT [--store DIR]`;

export async function correspondentsCommand(argv: readonly string[], out: (s: string) => void): Promise<number> {
  const args = parseArgs(argv, ["help", "der"], ["store", "out"]);
  const [action, target] = args.positional;
  if (args.flags.has("help") || !action) {
    out(CORRESPONDENTS_USAGE);
    return action ? 0 : 2;
  }
  const directory = new CorrespondentDirectory(new FolderStore(args.values.get("store")?.at(-1) ?? defaultStoreDir()), systemClock);
  switch (action) {
    case "list": {
      const list = await directory.list(target);
      if (list.length === 0) out(target ? `no certificate for an address containing ${target}` : "no correspondents yet (signet inspect keeps the certificates of valid signers)");
      for (const c of list) {
        const caps = c.capabilities.length ? c.capabilities.map((a) => a.name).join(", ") : "no capabilities said";
        out(`${c.fingerprintSha256.replace(/:/g, "").toLowerCase()}  ${c.emails.join(", ")}  until ${c.notAfter.slice(0, 10)}  ${c.trusted ? "trusted" : "NOT trusted"}  last seen ${c.lastSeen.slice(0, 10)}\n    ${c.subject}; can decrypt: ${caps}`);
      }
      return 0;
    }
    case "export": {
      if (!target) throw new UsageError("correspondents export needs a FINGERPRINT (correspondents list shows them)");
      const der = await directory.certificate(target);
      if (!der) throw new UsageError(`correspondents export: no certificate ${target}`);
      const file = args.values.get("out")?.at(-1);
      const bytes = args.flags.has("der") ? der : new TextEncoder().encode(toPem("CERTIFICATE", der));
      if (file) await writeFile(file, bytes);
      else if (args.flags.has("der")) throw new UsageError("correspondents export --der writes binary: give --out FILE");
      else out(new TextDecoder().decode(bytes));
      return 0;
    }
    case "delete": {
      if (!target) throw new UsageError("correspondents delete needs a FINGERPRINT");
      const removed = await directory.remove(target);
      out(`${removed ? "deleted" : "no certificate"}: ${target}`);
      return removed ? 0 : 1;
    }
    default:
      throw new UsageError(`unknown correspondents action: ${action}`);
  }
}
