/**
 * Record and replay of `openssl` runs, for mutation testing only (npm run
 * mutate sets SIGNET_OPENSSL_REPLAY to an empty folder at the start of a run).
 *
 * StrykerJS runs the suites again for each of thousands of mutants, and most
 * of a suite's time is OpenSSL making keys, certificates, CRLs and messages in
 * its beforeAll. Those are the same for every mutant: the material comes from
 * the code under test's peer, not from the code under test. So within one
 * mutation run, the first time a command runs in a given state it really runs,
 * and what it printed and the files it wrote are kept; the next time the same
 * command meets the same state, they are given back. Everything stays
 * OpenSSL's own output, recorded in this run.
 *
 * The state is the command line (the folder's own path left out, as it is new
 * each time), its standard input, and the name and content of every file the
 * command can read (see readable), so a command that reads a database or a
 * config file sees a change in it. Times on the command line (`-startdate 20261201000000Z`) count
 * by their distance from now, to the hour: the suites set validity in days
 * from now, and a run lasts hours, so material recorded an hour ago means the
 * same. Anything else that differs (a message dated now) is a miss and runs
 * for real. Without the variable nothing is recorded: `npm test` always runs
 * OpenSSL.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** What one run of openssl left: its exit status, standard output, and the files it wrote or removed. */
interface Recording {
  status: number;
  stdout: string;
  written: Record<string, string>;
  removed: string[];
}

const REPLAY_DIR = process.env.SIGNET_OPENSSL_REPLAY;
/** A recording older than this runs again: the suites' time slack is a day, so six hours keeps every replay well inside it. */
const MAX_AGE_MS = 6 * 3_600_000;

/** The folder's files, name to content; flat, as the PKI helpers keep them. */
function snapshot(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isFile()) files.set(name, readFileSync(path));
  }
  return files;
}

const ASN1_TIME = /^(\d{2}|\d{4})\d{10}Z$/;
function relativeTime(arg: string): string {
  if (!ASN1_TIME.test(arg)) return arg;
  const full = arg.length === 13 ? `${Number(arg.slice(0, 2)) >= 50 ? "19" : "20"}${arg}` : arg;
  const at = Date.UTC(+full.slice(0, 4), +full.slice(4, 6) - 1, +full.slice(6, 8), +full.slice(8, 10), +full.slice(10, 12), +full.slice(12, 14));
  return `now${Math.round((at - Date.now()) / 3_600_000)}h`;
}

/**
 * The files a command can read: those its arguments name, those a named
 * config or extension file names (`database=index.txt`), and their companions
 * (`index.txt.attr`). Other files in the folder, such as messages dated now,
 * do not make a miss.
 */
function readable(dir: string, args: string[], files: Map<string, Buffer>): string[] {
  const named = new Set(args.map((a) => a.split(`${dir}/`).join("")).filter((a) => files.has(a)));
  for (const name of [...named]) {
    if (!/\.(cnf|ext)$/.test(name)) continue;
    for (const token of files.get(name)!.toString("latin1").split(/[\s=,:]+/)) if (files.has(token)) named.add(token);
  }
  for (const name of [...named]) for (const other of files.keys()) if (other.startsWith(`${name}.`)) named.add(other);
  return [...named].sort();
}

function stateKey(dir: string, args: string[], input: string | Uint8Array | undefined, files: Map<string, Buffer>): string {
  const h = createHash("sha256");
  h.update(JSON.stringify(args.map((a) => relativeTime(a.split(dir).join("<dir>")))));
  h.update("\0input\0").update(input ?? "");
  for (const name of readable(dir, args, files)) h.update(`\0${name}\0${files.get(name)!.length}\0`).update(files.get(name)!);
  return h.digest("hex");
}

/**
 * Signing a message always runs: `cms -sign` writes the time as the signingTime
 * attribute, which the suites compare with the message's Date header (set to
 * now), so a replayed signature would be hours old and fail a test no mutant
 * broke. Material whose time has a day's slack or more (certificates, CRLs,
 * OCSP answers valid for a day) is replayed.
 */
function replayableCommand(args: string[]): boolean {
  return !(args[0] === "cms" && args.includes("-sign"));
}

/**
 * Runs `exec` (one openssl command in `dir`) or replays its recording.
 * `exec` returns the exit status and standard output, as the caller's
 * execFileSync or spawnSync would.
 */
export function replayable(dir: string, args: string[], input: string | Uint8Array | undefined, exec: () => { status: number; stdout: Buffer }): { status: number; stdout: Buffer } {
  if (!REPLAY_DIR || !replayableCommand(args)) return exec();
  const before = snapshot(dir);
  const file = join(REPLAY_DIR, `${stateKey(dir, args, input, before)}.json`);
  if (existsSync(file) && Date.now() - statSync(file).mtimeMs < MAX_AGE_MS) {
    const r = JSON.parse(readFileSync(file, "utf8")) as Recording;
    for (const name of r.removed) rmSync(join(dir, name), { force: true });
    for (const [name, b64] of Object.entries(r.written)) writeFileSync(join(dir, name), Buffer.from(b64, "base64"));
    return { status: r.status, stdout: Buffer.from(r.stdout, "base64") };
  }
  const result = exec();
  const after = snapshot(dir);
  const written: Record<string, string> = {};
  for (const [name, content] of after) if (!before.get(name)?.equals(content)) written[name] = content.toString("base64");
  const removed = [...before.keys()].filter((name) => !after.has(name));
  // Output that names this run's folder would be wrong in the next one's: not kept.
  const mentionsDir = [result.stdout, ...Object.keys(written).map((n) => after.get(n)!)].some((b) => b.includes(dir));
  if (!mentionsDir) {
    mkdirSync(REPLAY_DIR, { recursive: true });
    const recording: Recording = { status: result.status, stdout: result.stdout.toString("base64"), written, removed };
    // Two StrykerJS workers share the folder: write aside, then rename, so a reader never sees half a file.
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(recording));
    renameSync(tmp, file);
  }
  return result;
}
