/** `signet inspect FILE... [--json] [--at ISO-8601] [--allow-sha1] [--no-sender-check]` */
import { readFile } from "node:fs/promises";
import { inspectMessage, isMbox, splitMbox, systemClock, type InspectOptions, type SecurityReport } from "../core/index.js";
import { parseArgs, UsageError } from "./args.js";
import { renderText } from "./render-text.js";
import { defaultStoreDir, FolderStore } from "./folder-store.js";
import { trustInputs } from "./trust-setup.js";
import { cliFetcher } from "./node-fetcher.js";

export const INSPECT_USAGE = `usage: signet inspect FILE... [--json] [--anchor PEM]... [--no-default-roots] [--at ISO-8601]
                        [--revocation off|soft|hard] [--store DIR] [--allow-sha1] [--no-sender-check]
                        [--allow-private-network]
  FILE            an .eml message or an mbox file (every message in it)
  --json          print SecurityReports as JSON (one per message; an array for several)
  --anchor FILE   trust the certificates in FILE (PEM or DER) for this run; repeatable
  --no-default-roots  do not trust the bundled roots (Mozilla's email roots)
  --store DIR     the user's trust decisions (default ~/.config/signet)
  --at TIME       judge certificates at this time instead of now
  --at-signing-time  judge each signer's certificates at its claimed signing time
  --revocation M  off, soft (default: a status that cannot be learned is a warning) or hard
  --revocation-depth D  chain (default: every certificate below the anchor) or signer
  --allow-sha1    accept SHA-1 signatures with a warning (default: rejected)
  --no-sender-check  do not match From/Sender against the signer's certificate
  --allow-private-network  fetch AIA, CRL and OCSP URLs that name this machine or a private
                  network (default: refused, since a stranger's certificate chooses them)`;

interface Inspected {
  name: string;
  report: SecurityReport;
}

export async function inspectCommand(argv: readonly string[], out: (s: string) => void, err: (s: string) => void): Promise<number> {
  const args = parseArgs(argv, ["json", "allow-sha1", "no-sender-check", "no-default-roots", "at-signing-time", "allow-private-network", "help"], ["at", "anchor", "revocation", "revocation-depth", "store"]);
  if (args.flags.has("help")) {
    out(INSPECT_USAGE);
    return 0;
  }
  if (args.positional.length === 0) throw new UsageError("inspect needs at least one FILE");
  const options: InspectOptions = {
    acceptSha1: args.flags.has("allow-sha1"),
    checkSenderBinding: !args.flags.has("no-sender-check"),
    validateAtSigningTime: args.flags.has("at-signing-time"),
  };
  const at = args.values.get("at")?.at(-1);
  if (at !== undefined) {
    const t = Date.parse(at);
    if (Number.isNaN(t)) throw new UsageError(`--at: not an ISO-8601 time: ${at}`);
    options.validationTime = new Date(t);
  }
  const revocation = args.values.get("revocation")?.at(-1);
  if (revocation !== undefined) {
    if (revocation !== "off" && revocation !== "soft" && revocation !== "hard") throw new UsageError(`--revocation: off, soft or hard, not ${revocation}`);
    options.revocation = revocation;
  }
  const depth = args.values.get("revocation-depth")?.at(-1);
  if (depth !== undefined) {
    if (depth !== "chain" && depth !== "signer") throw new UsageError(`--revocation-depth: chain or signer, not ${depth}`);
    options.revocationDepth = depth;
  }
  // Read once, shared by every message of the run (the batch job's start-up cost is paid once).
  const store = new FolderStore(args.values.get("store")?.at(-1) ?? defaultStoreDir());
  // The network is reached only for AIA and revocation, through the fetcher; answers are cached in the store.
  const fetcher = cliFetcher(args.flags.has("allow-private-network"));
  options.trust = await trustInputs(store, args.values.get("anchor") ?? [], !args.flags.has("no-default-roots"), fetcher);
  const ports = { clock: systemClock, fetcher, store };
  const results: Inspected[] = [];
  let failed = false;
  for (const file of args.positional) {
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await readFile(file));
    } catch (e) {
      err(`signet: cannot read ${file}: ${e instanceof Error ? e.message : String(e)}`);
      failed = true;
      continue;
    }
    const messages = isMbox(bytes) ? splitMbox(bytes) : [bytes];
    for (let i = 0; i < messages.length; i++) {
      const name = messages.length > 1 ? `${file}#${i + 1}` : file;
      const report = await inspectMessage(messages[i]!, ports, options);
      if (args.flags.has("json")) results.push({ name, report });
      else out(renderText(name, report) + "\n");
    }
  }
  if (args.flags.has("json")) {
    const reports = results.map((r) => r.report);
    out(JSON.stringify(reports.length === 1 ? reports[0] : reports, null, 2));
  }
  return failed ? 1 : 0;
}

