/**
 * `signet audit FILE...`: what an administrator wants from a mail archive. Every message is
 * inspected as `signet inspect` would (same options, same core), and the reports are added up
 * (core/audit/tally.ts) instead of printed: verdicts, issue codes, and the signers with their
 * certificates' expiry and algorithms. The archive is streamed, never read whole, and past
 * WORKERS_AFTER messages the work is spread over worker threads, one per core.
 */
import { AuditTally, DEFAULT_LIMITS } from "../core/index.js";
import { parseArgs, UsageError, wholeOption } from "./args.js";
import { readArchive, totalSize } from "./archive-reader.js";
import { EXIT } from "./exit-status.js";
import { inspectSetup, readInspectSettings, SETTING_FLAGS, SETTING_VALUES } from "./inspect-settings.js";
import { defaultJobs, startInspectors, WORKERS_AFTER } from "./inspectors.js";
import { Progress } from "./progress.js";
import { renderAudit } from "./render-audit.js";

export const AUDIT_USAGE = `usage: signet audit FILE...|- [--json] [--jobs N] [--expiring-within DAYS] [--anchor PEM]... [--crl FILE]...
                    [--no-default-roots] [--store DIR] [--at ISO-8601] [--revocation off|soft|hard] [--allow-sha1]
  Inspects every message of the mbox archives or messages given and prints a summary: how many
  are verified, need a look or are in danger, which issues were found how often, and every
  signer's certificate with its expiry, key and digest algorithms (expired, expiring soon,
  SHA-1 and weak ones first). An archive is read as a stream, in bounded memory, whatever its size.
  --json          print the summary as JSON (auditVersion 1)
  --jobs N        threads inspecting at once, this one included (default: one per core, ${defaultJobs()}
                  here); the workers start once the run passes ${WORKERS_AFTER} messages
  --expiring-within DAYS  what "expiring soon" means (default 30)
  --revocation M  off (the default here: an archive is judged for its signatures and chains, and
                  asking every CA about every old message is slow and tells them what you read),
                  soft or hard as for signet inspect
  The other options are signet inspect's. A progress line (messages, rate, time left) is drawn
  on standard error when it is a terminal, never with --json.
exit status: 0 once the summary is printed, 2 usage error, 4 an input could not be read`;

/** Messages handed out but not yet answered: enough to keep every worker busy, few enough to bound memory. */
const IN_FLIGHT_PER_JOB = 8;
const IN_FLIGHT_BYTES = 64 * 1024 * 1024;

export async function auditCommand(argv: readonly string[], out: (s: string) => void, err: (s: string) => void): Promise<number> {
  const args = parseArgs(argv, ["json", ...SETTING_FLAGS, "help"], [...SETTING_VALUES, "jobs", "expiring-within"]);
  if (args.flags.has("help")) {
    out(AUDIT_USAGE);
    return EXIT.ok;
  }
  if (args.positional.length === 0) throw new UsageError("audit needs at least one FILE (an mbox, a message, or - for standard input)");
  if (args.positional.filter((f) => f === "-").length > 1) throw new UsageError("standard input (-) can be given only once");
  const settings = readInspectSettings(args, { revocation: "off" });
  const expiringWithinDays = wholeOption(args.values.get("expiring-within")?.at(-1), "expiring-within", 0, 3650) ?? 30;
  const json = args.flags.has("json");
  const total = await totalSize(args.positional);
  const jobs = wholeOption(args.values.get("jobs")?.at(-1), "jobs", 1, 256) ?? defaultJobs();
  const started = performance.now();
  const progress = new Progress(json ? null : process.stderr, total);
  const validationTime = settings.at ? new Date(settings.at) : new Date();
  settings.at ??= validationTime.toISOString(); // every worker judges at the same instant
  const tally = new AuditTally(validationTime);
  const unreadable: { file: string; reason: string }[] = [];
  let bytesRead = 0;
  const { inspect, close } = startInspectors(await inspectSetup(settings), settings, jobs, false);
  const pending = new Set<Promise<void>>();
  let pendingBytes = 0;
  try {
    for (const file of args.positional) {
      for await (const item of readArchive(file, DEFAULT_LIMITS.maxMessageBytes, (n) => ((bytesRead += n), progress.read(n)))) {
        if (item.kind === "unreadable") {
          unreadable.push({ file, reason: item.reason });
          err(`signet: cannot read ${file === "-" ? "standard input" : file}: ${item.reason}`);
          continue;
        }
        const size = item.kind === "message" ? item.bytes.length : 0;
        pendingBytes += size;
        const task = inspect(item.kind === "message" ? { bytes: item.bytes } : { size: item.size }).then((report) => {
          tally.add(report);
          progress.done();
        });
        const tracked = task.finally(() => {
          pending.delete(tracked);
          pendingBytes -= size;
        });
        pending.add(tracked);
        while (pending.size >= jobs * IN_FLIGHT_PER_JOB || pendingBytes > IN_FLIGHT_BYTES) await Promise.race(pending);
      }
    }
    await Promise.all(pending);
  } finally {
    progress.finish();
    await close();
  }
  const summary = tally.summary();
  const seconds = (performance.now() - started) / 1000;
  if (json) out(JSON.stringify({ ...summary, inputs: args.positional, bytes: bytesRead, unreadable }, null, 2));
  else out(renderAudit(summary, { files: args.positional, bytes: bytesRead, seconds, unreadable, expiringWithinDays, revocation: settings.revocation ?? "off" }));
  return unreadable.length > 0 ? EXIT.unreadable : EXIT.ok;
}
