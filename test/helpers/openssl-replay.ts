/**
 * Record and replay of `openssl genpkey`, for mutation testing only (npm run
 * mutate sets SIGNET_OPENSSL_REPLAY to a folder under reports/).
 *
 * StrykerJS runs the suites again for each of thousands of mutants, and much
 * of a suite's time is OpenSSL making keys in its beforeAll. Those are the
 * same for every mutant: the material comes from
 * the code under test's peer, not from the code under test. So within one
 * mutation run, the first time a key is made in a given state it really is,
 * and what OpenSSL printed and wrote is kept; the next time the same command
 * meets the same state, it is given back. Everything stays OpenSSL's own
 * output (see replayableCommand for what is replayed, and why only that).
 *
 * The state is the command line (the folder's own path left out, as it is new
 * each time), its standard input, and the content of every file of the folder
 * the command line names (a -paramfile; an -out already there, so a key made
 * again under the same name is a new one). Without the variable nothing is recorded:
 * `npm test` always runs OpenSSL.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** What one `genpkey` left: its exit status, standard output, and the key file it wrote (-out), base64. */
interface Recording {
  status: number;
  stdout: string;
  out: string | null;
}

const REPLAY_DIR = process.env.SIGNET_OPENSSL_REPLAY;

/** A file of the folder an argument names (a -paramfile, or an -out that is already there), or null. */
function namedFile(dir: string, arg: string): string | null {
  const path = join(dir, arg.split(`${dir}/`).join(""));
  return existsSync(path) && statSync(path).isFile() ? path : null;
}

function stateKey(dir: string, args: string[], input: string | Uint8Array | undefined): string {
  const h = createHash("sha256");
  h.update(JSON.stringify(args.map((a) => a.split(dir).join("<dir>"))));
  h.update("\0input\0").update(input ?? "");
  for (const arg of args) {
    const path = namedFile(dir, arg);
    if (path) h.update(`\0${arg}\0`).update(readFileSync(path));
  }
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
 * spawnSync gave them.
 */
export function replayable(dir: string, args: string[], input: string | Uint8Array | undefined, exec: () => { status: number; stdout: Buffer }): { status: number; stdout: Buffer } {
  if (!REPLAY_DIR || !replayableCommand(args)) return exec();
  const file = join(REPLAY_DIR, `${stateKey(dir, args, input)}.json`);
  const outArg = args[args.indexOf("-out") + 1];
  const out = args.includes("-out") && outArg ? join(dir, outArg.split(`${dir}/`).join("")) : null;
  if (existsSync(file)) {
    const r = JSON.parse(readFileSync(file, "utf8")) as Recording;
    if (out && r.out !== null) writeFileSync(out, Buffer.from(r.out, "base64"));
    return { status: r.status, stdout: Buffer.from(r.stdout, "base64") };
  }
  const result = exec();
  const recording: Recording = { status: result.status, stdout: result.stdout.toString("base64"), out: out && existsSync(out) ? readFileSync(out).toString("base64") : null };
  mkdirSync(REPLAY_DIR, { recursive: true });
  // Two StrykerJS workers share the folder: write aside, then rename, so a reader never sees half a file.
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(recording));
  renameSync(tmp, file);
  return result;
}
