/**
 * Record and replay of `openssl genpkey`, for mutation testing only (npm run
 * mutate sets SIGNET_OPENSSL_REPLAY to a folder under reports/).
 *
 * StrykerJS runs the suites again for each of thousands of mutants, and most
 * of a suite's time is OpenSSL making keys, certificates, CRLs and messages in
 * its beforeAll. Those are the same for every mutant: the material comes from
 * the code under test's peer, not from the code under test. So within one
 * mutation run, the first time a key is made in a given state it really is,
 * and what OpenSSL printed and wrote is kept; the next time the same command
 * meets the same state, it is given back. Everything stays OpenSSL's own
 * output (see replayableCommand for what is replayed, and why only that).
 *
 * The state is the command line (the folder's own path left out, as it is new
 * each time), its standard input, and the name and content of every file the
 * command can read (see readable). Without the variable nothing is recorded:
 * `npm test` always runs OpenSSL.
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

/** The folder's files, name to content; flat, as the PKI helpers keep them. */
function snapshot(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isFile()) files.set(name, readFileSync(path));
  }
  return files;
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
  h.update(JSON.stringify(args.map((a) => a.split(dir).join("<dir>"))));
  h.update("\0input\0").update(input ?? "");
  for (const name of readable(dir, args, files)) h.update(`\0${name}\0${files.get(name)!.length}\0`).update(files.get(name)!);
  return h.digest("hex");
}

/**
 * Only key generation is replayed: it is most of OpenSSL's time (an RSA-2048
 * key takes up to half a second) and a key carries no time. Everything that
 * writes the time into what it makes runs again, because the suites compare
 * those times with now at the minute: a signature's signingTime with the Date
 * header, an OCSP answer dated a minute ahead ("a response dated in the future
 * is refused" failed on an answer replayed an hour later, with no mutant).
 */
function replayableCommand(args: string[]): boolean {
  return args[0] === "genpkey";
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
  if (existsSync(file)) {
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
