// Benchmark: `signet inspect` against `openssl cms -verify` on the same files, in
// one run on the same machine. Prints messages per second, ratios and peak memory.
// Timings belong here, never in tests: these machines are shared and noisy.
//
//   npm run bench                      (BENCH_MESSAGES=50 BENCH_BIG_MB=20 by default)
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { webcrypto } from "node:crypto";
import { inspectMessage } from "../build/core/index.js";

const root = resolve(import.meta.dirname, "..");
const N = Number(process.env.BENCH_MESSAGES ?? 50);
const BIG_MB = Number(process.env.BENCH_BIG_MB ?? 20);
const dir = mkdtempSync(join(tmpdir(), "signet-bench-"));
const ossl = (args) => execFileSync("openssl", args, { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
const hasGnuTime = existsSync("/usr/bin/time");

function setup() {
  writeFileSync(join(dir, "ca.cnf"), "[req]\ndistinguished_name=dn\n[dn]\n[v3]\nbasicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign\n");
  ossl(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-subj", "/CN=Bench CA", "-days", "30", "-config", "ca.cnf", "-extensions", "v3", "-out", "ca.pem"]);
  ossl(["req", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout", "a.key", "-subj", "/CN=Alice", "-config", "ca.cnf", "-out", "a.csr"]);
  writeFileSync(join(dir, "a.ext"), "subjectAltName=email:alice@example.org\nextendedKeyUsage=emailProtection\n");
  ossl(["x509", "-req", "-in", "a.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-set_serial", "7", "-days", "30", "-extfile", "a.ext", "-out", "a.pem"]);
}

/** A multipart/mixed entity: a text part and a base64 attachment of `bytes` random bytes. */
function entity(bytes, seed) {
  const data = Buffer.alloc(bytes);
  for (let i = 0; i < bytes; i += 65536) webcrypto.getRandomValues(data.subarray(i, Math.min(bytes, i + 65536)));
  const b64 = data.toString("base64").replace(/.{76}/g, "$&\n");
  return `Content-Type: multipart/mixed; boundary="b${seed}"\n\n--b${seed}\nContent-Type: text/plain\n\nReport ${seed} attached.\n--b${seed}\nContent-Type: application/octet-stream; name="r${seed}.bin"\nContent-Transfer-Encoding: base64\n\n${b64}\n--b${seed}--\n`;
}

function makeMessage(name, bytes, seed) {
  writeFileSync(join(dir, `${name}.in`), entity(bytes, seed));
  ossl(["cms", "-sign", "-in", `${name}.in`, "-signer", "a.pem", "-inkey", "a.key", "-md", "sha256", "-from", "alice@example.org", "-to", "bob@example.org", "-subject", name, "-out", `${name}.body`]);
  const file = join(dir, `${name}.eml`);
  writeFileSync(file, Buffer.concat([Buffer.from(`Date: ${new Date().toUTCString()}\n`), readFileSync(join(dir, `${name}.body`))]));
  return file;
}

function timeIt(fn) {
  const t0 = performance.now();
  const r = fn();
  return { ms: performance.now() - t0, r };
}

/** Runs a command under GNU time when available; returns wall ms and peak RSS in MiB. */
function measure(cmd, args) {
  const wrapped = hasGnuTime ? ["/usr/bin/time", ["-f", "%M", cmd, ...args]] : [cmd, args];
  const t0 = performance.now();
  const r = spawnSync(wrapped[0], wrapped[1], { cwd: root, encoding: "utf8", maxBuffer: 1 << 30 });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr.slice(-500)}`);
  const kb = hasGnuTime ? Number(r.stderr.trim().split("\n").at(-1)) : NaN;
  return { ms, rssMiB: kb / 1024 };
}

const fmt = (n, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : "n/a");

try {
  console.log(`signet bench: ${N} messages of ~50 KB, one of ${BIG_MB} MB; node ${process.version}; ${ossl(["version"]).toString().trim()}`);
  setup();
  const small = Array.from({ length: N }, (_, i) => makeMessage(`m${i}`, 36 * 1024, i)); // ~50 KB once base64-encoded
  const big = makeMessage("big", BIG_MB * 1024 * 1024, "big");
  const smallSize = readFileSync(small[0]).length;
  const bigSize = readFileSync(big).length;

  // 1. Batch of typical mail: whole-command time, as an administrator runs it.
  const signetBatch = measure(process.execPath, [join(root, "scripts/signet.js"), "inspect", "--exit-zero", "--json", ...small]);
  const osslBatch = timeIt(() => {
    for (const f of small) ossl(["cms", "-verify", "-noverify", "-in", f, "-out", "/dev/null"]);
  });
  // In-process: per-message cost without process start-up (what the add-ins pay).
  const bytes = small.map((f) => new Uint8Array(readFileSync(f)));
  for (const b of bytes.slice(0, 5)) await inspectMessage(b); // warm-up
  const t0 = performance.now();
  for (const b of bytes) {
    const r = await inspectMessage(b);
    if (r.signature !== "valid") throw new Error("bench message did not verify");
  }
  const inProcMs = performance.now() - t0;

  // 2. One large message: against OpenSSL and against the hashing floor.
  const signetBig = measure(process.execPath, [join(root, "scripts/signet.js"), "inspect", "--exit-zero", "--json", big]);
  // The process's own footprint (Node, modules) on a tiny message, to see what the message itself costs.
  const baseline = measure(process.execPath, [join(root, "scripts/signet.js"), "inspect", "--exit-zero", "--json", join(root, "samples/08-unsigned.eml")]);
  const osslBig = measure("openssl", ["cms", "-verify", "-noverify", "-in", big, "-out", "/dev/null"]);
  const bigBytes = new Uint8Array(readFileSync(big));
  await webcrypto.subtle.digest("SHA-256", bigBytes); // warm-up
  const h0 = performance.now();
  await webcrypto.subtle.digest("SHA-256", bigBytes);
  const floorMs = performance.now() - h0;
  await inspectMessage(bigBytes); // warm-up
  const inBig = performance.now();
  const bigReport = await inspectMessage(bigBytes);
  const inBigMs = performance.now() - inBig;
  if (bigReport.signature !== "valid") throw new Error("the large message did not verify");

  console.log("");
  console.log(`batch of ${N} x ${fmt(smallSize / 1024, 0)} KB signed messages`);
  console.log(`  signet inspect (one process)   ${fmt(signetBatch.ms, 0)} ms   ${fmt((N * 1000) / signetBatch.ms)} msg/s   peak ${fmt(signetBatch.rssMiB)} MiB`);
  console.log(`  openssl cms -verify (per file) ${fmt(osslBatch.ms, 0)} ms   ${fmt((N * 1000) / osslBatch.ms)} msg/s`);
  console.log(`  ratio signet/openssl           ${fmt(signetBatch.ms / osslBatch.ms, 2)}`);
  console.log(`  signet in-process              ${fmt(inProcMs / N, 2)} ms/msg   ${fmt((N * 1000) / inProcMs)} msg/s`);
  console.log(`one ${fmt(bigSize / 1048576)} MiB signed message`);
  const extra = signetBig.rssMiB - baseline.rssMiB;
  console.log(`  signet inspect (process)       ${fmt(signetBig.ms, 0)} ms   peak ${fmt(signetBig.rssMiB)} MiB = ${fmt(baseline.rssMiB)} MiB baseline + ${fmt(extra)} MiB (${fmt(extra / (bigSize / 1048576))}x the message)`);
  console.log(`  openssl cms -verify            ${fmt(osslBig.ms, 0)} ms   peak ${fmt(osslBig.rssMiB)} MiB`);
  console.log(`  ratio signet/openssl           ${fmt(signetBig.ms / osslBig.ms, 2)}`);
  console.log(`  signet in-process              ${fmt(inBigMs, 0)} ms; SHA-256 of the message alone ${fmt(floorMs, 0)} ms (ratio to hashing floor ${fmt(inBigMs / floorMs, 1)})`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
