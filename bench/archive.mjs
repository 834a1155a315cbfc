// Benchmark for issue 14's goals, each printed as a ratio against a peer or floor measured
// in the same run on the same machine (timings belong here, never in tests):
//   1. start-up: `signet inspect` on one message against `node -e 0`
//   2. batch: 200 messages in one `signet inspect` against `openssl cms -verify` once per message
//   3. per message in process: inspectMessage against the cryptographic floor (the same RSA
//      verifications and SHA-256 done directly with WebCrypto, keys imported beforehand), and
//      where the rest goes, from a CPU profile of the same loop
//   4. an archive: `signet audit` on a generated mbox: messages per second and peak memory
//
//   npm run bench:archive      BENCH_ARCHIVE_MESSAGES=20000 (default) BENCH_BATCH=200
//
// The messages are OpenSSL-signed, about 20 KB, with a two-certificate chain (signer and CA,
// the CA given as --anchor: no key of ours chains to a bundled root), revocation off.
import { execFileSync, spawnSync } from "node:child_process";
import { createHash, createPrivateKey, sign as nodeSign, webcrypto, X509Certificate } from "node:crypto";
import { createWriteStream, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { buildTrustInputs, inspectMessage, readCertificates, systemClock } from "../build/core/index.js";

const root = resolve(import.meta.dirname, "..");
const BATCH = Number(process.env.BENCH_BATCH ?? 200);
const ARCHIVE = Number(process.env.BENCH_ARCHIVE_MESSAGES ?? 20000);
const dir = mkdtempSync(join(tmpdir(), "signet-bench-archive-"));
const ossl = (args, input) => execFileSync("openssl", args, { cwd: dir, input, stdio: ["pipe", "pipe", "pipe"] });
const SIGNET = join(root, "scripts/signet.js");
const fmt = (n, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : "n/a");
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function setup() {
  writeFileSync(join(dir, "ca.cnf"), "[req]\ndistinguished_name=dn\n[dn]\n[v3]\nbasicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign\nsubjectKeyIdentifier=hash\n");
  ossl(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-subj", "/O=Bench/CN=Bench CA", "-days", "30", "-config", "ca.cnf", "-extensions", "v3", "-out", "ca.pem"]);
  ossl(["req", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout", "a.key", "-subj", "/O=Bench/CN=Alice", "-config", "ca.cnf", "-out", "a.csr"]);
  writeFileSync(join(dir, "a.ext"), "basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\nsubjectAltName=email:alice@example.org\nextendedKeyUsage=emailProtection\nauthorityKeyIdentifier=keyid\n");
  ossl(["x509", "-req", "-in", "a.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-set_serial", "7", "-days", "30", "-extfile", "a.ext", "-out", "a.pem"]);
}

/** A typical message: text and a small attachment, about 20 KB signed. */
function makeMessage(i) {
  const attachment = createHash("sha512").update(String(i)).digest().toString("base64").repeat(140).replace(/.{76}/g, "$&\n");
  const entity = `Content-Type: multipart/mixed; boundary="b${i}"\n\n--b${i}\nContent-Type: text/plain\n\nReport ${i} attached.\n--b${i}\nContent-Type: application/octet-stream; name="r${i}.bin"\nContent-Transfer-Encoding: base64\n\n${attachment}\n--b${i}--\n`;
  writeFileSync(join(dir, `m${i}.in`), entity);
  ossl(["cms", "-sign", "-in", `m${i}.in`, "-signer", "a.pem", "-inkey", "a.key", "-md", "sha256", "-from", "alice@example.org", "-to", "bob@example.org", "-subject", `Report ${i}`, "-out", `m${i}.body`]);
  const file = join(dir, `m${i}.eml`);
  writeFileSync(file, Buffer.concat([Buffer.from(`Date: ${new Date().toUTCString()}\n`), readFileSync(join(dir, `m${i}.body`))]));
  return file;
}

function wall(cmd, args) {
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { cwd: root, encoding: "utf8", maxBuffer: 1 << 30 });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${cmd} ${args.slice(0, 3).join(" ")} failed (${r.status}): ${r.stderr.slice(-400)}`);
  return { ms, stdout: r.stdout, stderr: r.stderr };
}

/** The cryptographic floor of one message: what its verification needs, done directly with WebCrypto. */
async function cryptoFloor(messageBytes) {
  const subtle = webcrypto.subtle;
  const leaf = new X509Certificate(readFileSync(join(dir, "a.pem")));
  const ca = new X509Certificate(readFileSync(join(dir, "ca.pem")));
  const alg = { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" };
  const leafKey = await subtle.importKey("spki", leaf.publicKey.export({ type: "spki", format: "der" }), alg, false, ["verify"]);
  const caKey = await subtle.importKey("spki", ca.publicKey.export({ type: "spki", format: "der" }), alg, false, ["verify"]);
  const attrs = new Uint8Array(200).fill(7); // signed attributes are about 200 bytes
  const attrsSig = nodeSign("sha256", attrs, createPrivateKey(readFileSync(join(dir, "a.key"))));
  const tbs = leaf.raw.subarray(4, leaf.raw.length - 270); // the leaf's signed part, near enough in size
  const tbsSig = nodeSign("sha256", tbs, createPrivateKey(readFileSync(join(dir, "ca.key"))));
  const once = async () => {
    await subtle.digest("SHA-256", messageBytes); // the signed content
    await subtle.digest("SHA-256", attrs);
    if (!(await subtle.verify(alg, leafKey, attrsSig, attrs))) throw new Error("floor: signer");
    if (!(await subtle.verify(alg, caKey, tbsSig, tbs))) throw new Error("floor: chain");
  };
  for (let i = 0; i < 50; i++) await once();
  const runs = 500;
  const t0 = performance.now();
  for (let i = 0; i < runs; i++) await once();
  return (performance.now() - t0) / runs;
}

/** Self time of a CPU profile, bucketed by where the code lives. */
function whereItGoes(profile) {
  const buckets = new Map();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const bucketOf = (url, fn) => {
    if (fn === "(garbage collector)") return "garbage collection";
    if (/asn1js|pkijs|@peculiar|core\/(cms|x509)\/|core\/util\/(der|asn1)/.test(url)) return "DER and ASN.1 (asn1js, pkijs, core/cms, core/x509)";
    if (/core\/mime\//.test(url) || /core\/util\/base64/.test(url)) return "MIME and transfer decoding";
    if (/core\/(path|policy|trust)\//.test(url)) return "path building and validation";
    if (/core\/crypto\/|node:internal\/crypto|@noble/.test(url)) return "cryptography";
    if (/core\/(report|signer|layers)\/|core\/inspect/.test(url)) return "report, signers and layers";
    return "other (runtime, promises, idle)";
  };
  let total = 0;
  profile.samples.forEach((id, i) => {
    const n = byId.get(id);
    const t = profile.timeDeltas[i];
    total += t;
    const b = bucketOf(n.callFrame.url, n.callFrame.functionName);
    buckets.set(b, (buckets.get(b) ?? 0) + t);
  });
  if (process.env.BENCH_PROFILE_DETAIL) {
    // The functions behind the two largest buckets, by self time.
    for (const prefix of ["other", "DER"]) {
      const top = new Map();
      profile.samples.forEach((id, i) => {
        const n = byId.get(id);
        if (bucketOf(n.callFrame.url, n.callFrame.functionName).startsWith(prefix)) {
          const k = `${n.callFrame.functionName} ${n.callFrame.url.replace(/^.*node_modules\//, "").replace(/^file:\/\/.*\/build\//, "")}`;
          top.set(k, (top.get(k) ?? 0) + profile.timeDeltas[i]);
        }
      });
      console.log(`    ${prefix}:\n` + [...top].sort((a, b) => b[1] - a[1]).slice(0, 15).map(([k, t]) => `      ${fmt((100 * t) / total)}% ${k}`).join("\n"));
    }
  }
  return [...buckets].sort((a, b) => b[1] - a[1]).map(([b, t]) => `    ${fmt((100 * t) / total).padStart(5)}%  ${b}`);
}

try {
  console.log(`signet archive bench; node ${process.version}; ${ossl(["version"]).toString().trim()}`);
  setup();
  const distinct = Array.from({ length: BATCH }, (_, i) => makeMessage(i));
  const size = statSync(distinct[0]).size;
  const anchor = ["--anchor", join(dir, "ca.pem")];

  // 1. Start-up.
  const nodeRuns = [];
  const oneRuns = [];
  const osslOne = [];
  for (let i = 0; i < 10; i++) {
    nodeRuns.push(wall(process.execPath, ["-e", "0"]).ms);
    oneRuns.push(wall(process.execPath, [SIGNET, "inspect", "--exit-zero", "--no-remember", ...anchor, distinct[0]]).ms);
    osslOne.push(wall("openssl", ["cms", "-verify", "-CAfile", join(dir, "ca.pem"), "-purpose", "any", "-in", distinct[0], "-out", "/dev/null"]).ms);
  }
  console.log(`\n1. one message from the command line (median of 10)`);
  console.log(`  node -e 0                     ${fmt(median(nodeRuns), 0)} ms`);
  console.log(`  signet inspect (one message)  ${fmt(median(oneRuns), 0)} ms   ${fmt(median(oneRuns) / median(nodeRuns), 2)}x node's start (goal 3x)`);
  console.log(`  openssl cms -verify           ${fmt(median(osslOne), 0)} ms`);

  // 2. Batch.
  const batch = wall(process.execPath, [SIGNET, "inspect", "--exit-zero", "--no-remember", "--json", ...anchor, ...distinct]);
  const verdicts = JSON.parse(batch.stdout).map((r) => r.verdict);
  if (verdicts.some((v) => v !== "verified")) throw new Error(`batch: not all verified: ${[...new Set(verdicts)]}`);
  const t0 = performance.now();
  for (const f of distinct) wall("openssl", ["cms", "-verify", "-CAfile", join(dir, "ca.pem"), "-purpose", "any", "-in", f, "-out", "/dev/null"]);
  const osslBatchMs = performance.now() - t0;
  console.log(`\n2. batch of ${BATCH} x ${fmt(size / 1024, 0)} KB messages, chain checked to the CA`);
  console.log(`  signet inspect (one process)      ${fmt(batch.ms, 0)} ms   ${fmt((BATCH * 1000) / batch.ms)} msg/s`);
  console.log(`  openssl cms -verify (per message) ${fmt(osslBatchMs, 0)} ms   ${fmt((BATCH * 1000) / osslBatchMs)} msg/s`);
  console.log(`  signet is ${fmt(osslBatchMs / batch.ms, 2)}x faster (goal 3x, stretch 10x)`);

  // 3. In process, against the floor, with a profile of where the time goes.
  const ca = readCertificates(new Uint8Array(readFileSync(join(dir, "ca.pem")))).certificates;
  const options = { trust: await buildTrustInputs({ extraAnchors: ca }), revocation: "off" };
  const ports = { clock: systemClock };
  const bytes = distinct.map((f) => new Uint8Array(readFileSync(f)));
  for (const b of bytes.slice(0, 20)) await inspectMessage(b, ports, options);
  const session = new Session();
  session.connect();
  const perMessage = [];
  for (let round = 0; round < 3; round++) {
    const s0 = performance.now();
    for (const b of bytes) {
      const r = await inspectMessage(b, ports, options);
      if (r.verdict !== "verified") throw new Error(`in process: ${r.verdict}`);
    }
    perMessage.push((performance.now() - s0) / bytes.length);
  }
  await session.post("Profiler.enable");
  await session.post("Profiler.start");
  for (const b of bytes) await inspectMessage(b, ports, options);
  const { profile } = await session.post("Profiler.stop");
  session.disconnect();
  const floor = await cryptoFloor(bytes[0]);
  const inProc = median(perMessage);
  console.log(`\n3. one message in process (median of 3 rounds of ${BATCH})`);
  console.log(`  inspectMessage         ${fmt(inProc, 2)} ms`);
  console.log(`  cryptographic floor    ${fmt(floor, 3)} ms (2 RSA-2048 verifications, SHA-256 of the message and of 200 bytes, WebCrypto)`);
  console.log(`  ratio                  ${fmt(inProc / floor, 1)}x the floor (goal 10x)`);
  console.log(`  where the time goes (self time, CPU profile of one round):`);
  for (const line of whereItGoes(profile)) console.log(line);

  // 4. An archive streamed through signet audit (BENCH_ARCHIVE_MESSAGES=0 leaves it out).
  if (ARCHIVE === 0) process.exit(0);
  const mbox = join(dir, "archive.mbox");
  const out = createWriteStream(mbox);
  const entries = bytes.map((b) => Buffer.concat([Buffer.from("From bench@example.org Thu Dec  3 10:00:00 2026\n"), Buffer.from(Buffer.from(b).toString("latin1").replace(/^From /gm, ">From "), "latin1"), Buffer.from("\n")]));
  for (let i = 0; i < ARCHIVE; i++) if (!out.write(entries[i % entries.length])) await new Promise((r) => out.once("drain", r));
  await new Promise((r) => out.end(r));
  const archiveBytes = statSync(mbox).size;
  const audit = wall("/usr/bin/time", ["-f", "%M", process.execPath, SIGNET, "audit", "--json", ...anchor, mbox]);
  const peakMiB = Number(audit.stderr.trim().split("\n").at(-1)) / 1024;
  const summary = JSON.parse(audit.stdout);
  if (summary.messages !== ARCHIVE || summary.verdicts.verified !== ARCHIVE) throw new Error(`audit: ${summary.messages} messages, ${summary.verdicts.verified} verified`);
  const perOssl = osslBatchMs / BATCH;
  console.log(`\n4. signet audit on an mbox of ${ARCHIVE.toLocaleString("en-US")} messages (${fmt(archiveBytes / 1048576, 0)} MiB), one thread per core`);
  console.log(`  ${fmt(audit.ms / 1000)} s   ${fmt((ARCHIVE * 1000) / audit.ms, 0)} msg/s   peak ${fmt(peakMiB, 0)} MiB (goal under 300 MiB)`);
  console.log(`  openssl cms -verify once per message would take about ${fmt((perOssl * ARCHIVE) / 1000)} s: signet is ${fmt((perOssl * ARCHIVE) / audit.ms, 2)}x faster`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
