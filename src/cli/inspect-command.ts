/** `signet inspect FILE...|- [options]`: one report per message, and an exit status a script can use. */
import { readFile } from "node:fs/promises";
import { CorrespondentDirectory, inspectDetachedSignature, isMbox, splitMbox, systemClock, type Decryptor, type Issue, type SecurityReport, type Store } from "../core/index.js";
import { parseArgs, UsageError, wholeOption } from "./args.js";
import { EXIT_STATUS_HELP, exitStatus, type Outcome } from "./exit-status.js";
import { renderText } from "./render-text.js";
import { inspectSetup, readInspectSettings, SETTING_FLAGS, SETTING_VALUES } from "./inspect-settings.js";
import { defaultJobs, startInspectors, WORKERS_AFTER } from "./inspectors.js";
import { readProblem } from "./archive-reader.js";

export const INSPECT_SYNOPSIS = `signet inspect FILE...|- [--content FILE] [--json] [--anchor PEM]... [--crl FILE]... [--no-default-roots] [--at ISO-8601] [--at-signing-time]
                       [--revocation off|soft|hard] [--revocation-depth chain|signer] [--store DIR]
                       [--key FILE.p12 --password-env VAR] [--passphrase-env VAR] [--open-part PATH]...
                       [--allow-sha1] [--no-sender-check] [--allow-private-network] [--no-remember] [--exit-zero] [--jobs N]`;

export const INSPECT_USAGE = `usage: ${INSPECT_SYNOPSIS}
  FILE            an .eml message, an mbox file (every message in it), or an S/MIME file on its
                  own (.p7m, .p7s: DER, PEM or base64); - reads standard input
  --content FILE  the file a detached signature (.p7s, the one FILE) signs, checked byte for
                  byte as given (as openssl cms -verify -binary -content does)
  --json          print the reports as JSON: one entry per message, in the order given, each
                  naming its source ({"file", "index"}: index counts the messages of an mbox
                  from 1); one entry is printed as an object, several as an array. An input
                  that cannot be read gives {"source", "issues"} with one input-unreadable error
  --anchor FILE   trust the certificates in FILE (PEM or DER) for this run; repeatable
  --crl FILE      CRLs (PEM or DER) to check revocation with, offline, after those the
                  message carries and before any fetched; repeatable
  --no-default-roots  do not trust the bundled roots (Mozilla's email roots)
  --store DIR     the user's trust decisions (default ~/.config/signet, or $SIGNET_STORE)
  --at TIME       judge certificates at this time instead of now
  --at-signing-time  judge each signer's certificates at its claimed signing time
  --revocation M  off, soft (default: a status that cannot be learned is a warning) or hard
  --revocation-depth D  chain (default: every certificate below the anchor) or signer
  --key FILE      decrypt with the keys in FILE (PKCS#12: .p12 or .pfx) for this run, kept in
                  memory only; repeatable
  --password-env VAR  the environment variable that holds the --key files' password (never the
                  password itself on the command line, where other users can read it)
  --passphrase-env VAR  decrypt with the keys in the key store (signet keys), unlocked for this run
                  with the passphrase in VAR
  --open-part PATH  also decrypt the encrypted part at MIME path PATH (as a report names it) when it
                  stands beside other content; such a part is never opened otherwise, as it may be
                  someone else's old message wrapped into this one; repeatable
  --allow-sha1    accept SHA-1 signatures with a warning (default: rejected)
  --no-sender-check  do not match From/Sender against the signer's certificate
  --allow-private-network  fetch AIA, CRL and OCSP URLs that name this machine or a private
                  network (default: refused, since a stranger's certificate chooses them)
  --no-remember   do not keep valid signers' certificates in the correspondents directory (by
                  default they are kept in the store: signet correspondents list)
  --exit-zero     exit 0 whatever the verdicts (usage errors still exit 2)
  --jobs N        threads inspecting at once once a run passes ${WORKERS_AFTER} messages (default: one per
                  core, ${defaultJobs()} here); reports are printed in the order given all the same. With
                  --key or --passphrase-env everything stays on one thread, with the keys
${EXIT_STATUS_HELP}`;

/** Which input a report belongs to: the argument as given, and the message's place in an mbox. */
export interface Source {
  file: string;
  /** 1 for an mbox's first message; absent for a single message. */
  index?: number;
}

/** One entry of --json: a report with its source, or, for an input that could not be read, the finding that says so. */
export type Entry = (SecurityReport & { source: Source }) | { source: Source; issues: Issue[] };

const STDIN = "-";

async function readInput(file: string): Promise<Uint8Array> {
  if (file !== STDIN) return new Uint8Array(await readFile(file));
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return new Uint8Array(Buffer.concat(chunks));
}

/** Decryptors for --key files and, with --passphrase-env, the key store's keys. */
async function keyDecryptors(keyFiles: string[], passwordVar: string | undefined, passphraseVar: string | undefined, store: Store): Promise<Decryptor[]> {
  // The modules themselves, not core/index.js: a bundle would evaluate the whole index to make its namespace.
  const [{ keyDecryptor }, { KeyStore }, { readKeyFiles }, { unlockedStore }] = await Promise.all([
    import("../core/keys/key-decryptor.js"),
    import("../core/keys/key-store.js"),
    import("./key-files.js"),
    import("./keys-command.js"),
  ]);
  const keys = await readKeyFiles(keyFiles, passwordVar);
  const decryptors = keys.length ? [keyDecryptor(keys)] : [];
  if (passphraseVar !== undefined) {
    const stored = new KeyStore(store, systemClock);
    await unlockedStore(stored, passphraseVar, false);
    decryptors.push(stored.decryptor());
  }
  return decryptors;
}

export async function inspectCommand(argv: readonly string[], out: (s: string) => void, err: (s: string) => void): Promise<number> {
  const args = parseArgs(
    argv,
    ["json", ...SETTING_FLAGS, "exit-zero", "no-remember", "help"],
    [...SETTING_VALUES, "content", "key", "password-env", "passphrase-env", "open-part", "jobs"],
  );
  if (args.flags.has("help")) {
    out(INSPECT_USAGE);
    return 0;
  }
  if (args.positional.length === 0) throw new UsageError("inspect needs at least one FILE (or - for standard input)");
  if (args.positional.filter((f) => f === STDIN).length > 1) throw new UsageError("standard input (-) can be given only once");
  const contentFile = args.values.get("content")?.at(-1);
  if (contentFile !== undefined && args.positional.length !== 1) throw new UsageError("--content goes with exactly one FILE, the detached signature it belongs to");
  if (contentFile === STDIN && args.positional[0] === STDIN) throw new UsageError("standard input (-) can be given only once");
  // Read once, shared by every message of the run (the batch job's start-up cost is paid once).
  const settings = readInspectSettings(args);
  const jobsAsked = wholeOption(args.values.get("jobs")?.at(-1), "jobs", 1, 256);
  const { options, ports: shared } = await inspectSetup(settings);
  const store = shared.store;
  const keyFiles = args.values.get("key") ?? [];
  const passphraseVar = args.values.get("passphrase-env")?.at(-1);
  // The key store and PKCS#12 code load only when keys are asked for.
  const decryptors: Decryptor[] = keyFiles.length || passphraseVar !== undefined ? await keyDecryptors(keyFiles, args.values.get("password-env")?.at(-1), passphraseVar, store) : [];
  const ports = { ...shared, ...(decryptors.length ? { decryptors } : {}) };
  const json = args.flags.has("json");
  const entries: Entry[] = [];
  const outcomes: Outcome[] = [];
  const directory = args.flags.has("no-remember") ? null : new CorrespondentDirectory(store, systemClock);
  const emit = async (source: Source, label: string, report: SecurityReport): Promise<void> => {
    await directory?.addFromReport(report);
    outcomes.push(report.verdict);
    if (json) entries.push({ source, ...report });
    else out(renderText(label, report) + "\n");
  };
  let content: Uint8Array | null = null;
  if (contentFile !== undefined) {
    try {
      content = await readInput(contentFile);
    } catch (e) {
      throw new UsageError(`--content: cannot read ${contentFile}: ${readProblem(e)}`);
    }
  }
  // Many messages are inspected on worker threads too; reports are still printed in the order given.
  const jobs = contentFile !== undefined ? 1 : (jobsAsked ?? defaultJobs());
  const inspectors = startInspectors({ options, ports }, settings, jobs, true);
  const queue: (() => Promise<void>)[] = [];
  const printUpTo = async (left: number): Promise<void> => {
    while (queue.length > left) await queue.shift()!();
  };
  try {
    for (const file of args.positional) {
      let bytes: Uint8Array;
      try {
        bytes = await readInput(file);
      } catch (e) {
        const reason = readProblem(e);
        queue.push(async () => {
          err(`signet: cannot read ${file === STDIN ? "standard input" : file}: ${e instanceof Error ? e.message : reason}`);
          outcomes.push("unreadable");
          entries.push({ source: { file }, issues: [{ code: "input-unreadable", severity: "error", where: {}, params: { reason } }] });
        });
        continue;
      }
      if (content) {
        const report = await inspectDetachedSignature(bytes, content, ports, options);
        queue.push(() => emit({ file }, file, report));
        continue;
      }
      const mbox = isMbox(bytes);
      const messages = mbox ? splitMbox(bytes) : [bytes];
      for (let i = 0; i < messages.length; i++) {
        const source: Source = mbox ? { file, index: i + 1 } : { file };
        const report = inspectors.inspect({ bytes: messages[i]! });
        report.catch(() => {}); // awaited in order below; this only keeps a failure from being reported twice
        queue.push(async () => emit(source, mbox ? `${file}#${i + 1}` : file, await report));
        await printUpTo(jobs * 8);
      }
    }
    await printUpTo(0);
  } finally {
    await inspectors.close();
  }
  if (json) out(JSON.stringify(entries.length === 1 ? entries[0] : entries, null, 2));
  return args.flags.has("exit-zero") ? 0 : exitStatus(outcomes);
}
