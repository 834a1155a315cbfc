/** `signet trust list|add|distrust|remove`: the user's trust decisions, kept in the store folder. */
import { addAnchor, BUNDLED_ROOTS_INFO, distrust, listTrust, removeDecision, type TrustEntry } from "../core/index.js";
import { daysAgo } from "../ui/messages/en-words.js";
import { parseArgs, UsageError } from "./args.js";
import { FolderStore, defaultStoreDir } from "./folder-store.js";
import { readCertificateFile } from "./trust-setup.js";

export const TRUST_USAGE = `usage: signet trust list [--bundled] [--store DIR]
       signet trust add FILE [--only-domain D]... [--store DIR]
                                                  trust the certificates in FILE (PEM or DER) as anchors,
                                                  optionally only for mailboxes at the domains D
       signet trust distrust FILE [--store DIR]   never use these certificates, even under a trusted root
       signet trust remove FINGERPRINT|FILE [--store DIR]   forget the decision about a certificate`;

function line(e: TrustEntry): string {
  const label = e.decision === "distrusted" ? "distrust" : e.source;
  const limit = e.emailDomains?.length ? `  only for ${e.emailDomains.join(", ")}` : "";
  return `${label.padEnd(9)} ${e.fingerprint}  ${e.subject}  (until ${e.notAfter.slice(0, 10)})${limit}`;
}

/** How old the bundled roots are, so an administrator notices a stale build. */
export function bundledAge(now: Date = new Date()): string {
  const days = Math.floor((now.getTime() - Date.parse(BUNDLED_ROOTS_INFO.extracted)) / 86_400_000);
  return `${BUNDLED_ROOTS_INFO.count} bundled email roots from ${BUNDLED_ROOTS_INFO.source}, extracted ${BUNDLED_ROOTS_INFO.extracted} (${daysAgo(days)})`;
}

export async function trustCommand(argv: readonly string[], out: (s: string) => void): Promise<number> {
  const args = parseArgs(argv, ["bundled", "help"], ["store", "only-domain"]);
  const [action, target] = args.positional;
  if (args.flags.has("help") || !action) {
    out(TRUST_USAGE);
    return action ? 0 : 2;
  }
  const store = new FolderStore(args.values.get("store")?.at(-1) ?? defaultStoreDir());
  switch (action) {
    case "list": {
      const listing = await listTrust(store, { bundled: args.flags.has("bundled") });
      out(bundledAge());
      out(`user store: ${store.dir}`);
      for (const e of listing.entries) out(line(e));
      return 0;
    }
    case "add":
    case "distrust": {
      if (!target) throw new UsageError(`trust ${action} needs a FILE`);
      for (const c of await readCertificateFile(target, `trust ${action}`)) {
        const domains = (args.values.get("only-domain") ?? []).map((d) => d.toLowerCase().replace(/^\.|^@/, ""));
        const fp = action === "add" ? await addAnchor(store, c, { emailDomains: domains }) : await distrust(store, c);
        const limit = action === "add" && domains.length ? ` (only for ${domains.join(", ")})` : "";
        out(`${action === "add" ? "trusted" : "distrusted"}: ${fp}  ${c.subjectText}${limit}`);
      }
      return 0;
    }
    case "remove": {
      if (!target) throw new UsageError("trust remove needs a FINGERPRINT or FILE");
      const fps = /^[0-9a-f:]{64,95}$/i.test(target) ? [target] : await Promise.all((await readCertificateFile(target, "trust remove")).map((c) => c.fingerprintHex()));
      for (const fp of fps) out(`${(await removeDecision(store, fp)) ? "removed" : "no decision for"}: ${fp}`);
      return 0;
    }
    default:
      throw new UsageError(`unknown trust action: ${action}`);
  }
}
